"""The Reports page: choose a report, its period and language, see its pages, then save, print
or open it.

The report is made off the GUI thread into a temporary file that the preview shows; Save as…
copies that file where the person chooses, so what is saved is exactly what was seen.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock
from hubdesk.domain.enums import Theme
from hubdesk.i18n import N_, _, current_language, pgettext
from hubdesk.i18n.formatting import format_date
from hubdesk.i18n.oserrors import os_reason
from hubdesk.i18n.scripts import name_for_language
from hubdesk.reports import KINDS, SPECS, THEMED
from hubdesk.reports.data.fund import FUNDED
from hubdesk.reports.data.scope import municipalities
from hubdesk.services import calls, fund, meetings, practices
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.services.town_names import team_choices, town_names
from hubdesk.ui import dialogs
from hubdesk.ui.path_text import whole_paths
from hubdesk.ui.places import documents_folder
from hubdesk.ui.record_combo import RecordCombo
from hubdesk.ui.report_actions import (
    default_name,
    generate_with_progress,
    language_combo,
    open_file,
    pdf_target,
    print_file,
)
from hubdesk.ui.report_preview import ReportPreview
from hubdesk.ui.widgets import ChoiceCombo, DateField

RECENT = Page(offset=0, limit=500)  # records offered in the chooser, newest first
# The chooser's label for what a report is about (keys: ReportSpec.record).
RECORD_LABELS = {
    N_("meeting"): N_("Meeting"),
    N_("proposal"): N_("Fund proposal"),
    N_("municipality"): N_("Municipality"),
    N_("call"): N_("Call for proposals"),
    N_("good practice"): N_("Good practice"),
}

# Ready-made periods: (code, msgid).
PRESETS: tuple[tuple[str, str], ...] = (
    ("year", N_("This year so far")),
    ("quarter", N_("This quarter")),
    ("last_quarter", N_("Last quarter")),
    ("last_year", N_("Last year")),
    ("custom", N_("Other period")),
)


def practice_items(ctx: ServiceContext, lang: str) -> list[tuple[str, str]]:
    """The good practices the practice report prints here: the library's, each with its city,
    then this city's own not in it (at the hub: every city's that reached it)."""
    library = practices.list_published(ctx)
    items = [
        (p.id, f"{p.title} · {name_for_language(p.municipality_name, '', lang, p.country)}")
        for p in library
    ]
    known = {p.source_id for p in library}
    own = practices.list_practices(ctx)
    return items + [(r.practice.id, r.practice.title) for r in own if r.practice.id not in known]


def preset_period(code: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """First and last day of a ready-made period (None for "other period")."""
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    if code == "year":
        return dt.date(today.year, 1, 1), today
    if code == "quarter":
        return quarter_start, today
    if code == "last_quarter":
        end = quarter_start - dt.timedelta(days=1)
        return dt.date(end.year, end.month - 2, 1), end
    if code == "last_year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return None


class ReportsPage(QWidget):
    help_topic: ClassVar[str] = "reports"

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_path: Path | None = None  # the file the preview shows
        self._shown_for: tuple[str, list[tuple[str, object]]] | None = None  # its choices
        self._temp: tempfile.TemporaryDirectory[str] | None = None
        self._made = 0
        self.choices = QWidget(self)
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")

        self.what = QGroupBox(self.choices)
        self.kind = QComboBox(self.what)
        for kind in KINDS:
            if not SPECS[kind].hub_only or ctx.is_hub:
                self.kind.addItem("", kind)
        self.description = QLabel(self.what)
        self.description.setObjectName("hint")
        self.description.setWordWrap(True)
        self.record_label = QLabel(self.what)
        # A meeting's name (day, team, place) can be longer than the column beside the
        # preview: it ends in "…" there, whole in its tooltip and in the list.
        self.record = RecordCombo(parent=self.what)
        self.preset = QComboBox(self.what)
        # Beside the preview the column is narrow: the period's name must not shrink to "I…".
        self.preset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for code, _msgid in PRESETS:
            self.preset.addItem("", code)
        self.date_from = DateField(optional=False, parent=self.what)
        self.date_to = DateField(optional=False, parent=self.what)
        self.from_label, self.to_label = QLabel(self.what), QLabel(self.what)
        period_row = QHBoxLayout()
        for widget in (self.preset, self.from_label, self.date_from, self.to_label, self.date_to):
            period_row.addWidget(widget)
        period_row.addStretch(1)
        self.period_label = QLabel(self.what)
        what_form = QFormLayout(self.what)
        self.kind_label = QLabel(self.what)
        what_form.addRow(self.kind_label, self.kind)
        what_form.addRow("", self.description)
        what_form.addRow(self.record_label, self.record)
        what_form.addRow(self.period_label, period_row)
        # The regional and donor reports can narrow the region to one theme.
        self.theme = ChoiceCombo(Theme, empty=N_("All themes"), parent=self.what)
        self.theme_label = QLabel(self.what)
        what_form.addRow(self.theme_label, self.theme)

        self.form = QGroupBox(self.choices)
        self.language = language_combo(self.form)
        self._followed = self.language.currentData()  # the window's, as it last followed it
        self.language_label = QLabel(self.form)
        self.bilingual = QCheckBox(self.form)
        self.contacts = QCheckBox(self.form)
        form_layout = QFormLayout(self.form)
        form_layout.addRow(self.language_label, self.language)
        form_layout.addRow("", self.bilingual)
        form_layout.addRow("", self.contacts)

        self.make_button = QPushButton(self.choices)
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make)
        self.save_button = QPushButton(self.choices)
        self.save_button.clicked.connect(self.save_as)
        self.result = QLabel(self.choices)
        self.result.setWordWrap(True)
        self.open_button = QPushButton(self.choices)
        self.open_button.clicked.connect(self.open_last)
        self.print_button = QPushButton(self.choices)
        self.print_button.clicked.connect(self.print_last)
        actions = QHBoxLayout()
        for button in (self.make_button, self.save_button, self.print_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)

        column = self._column = QVBoxLayout(self.choices)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.what)
        column.addWidget(self.form)
        column.addLayout(actions)
        column.addWidget(self.result)
        column.addStretch(1)
        self.preview = ReportPreview(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.choices)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        if ctx.is_hub:  # the hub's own report comes first there: the region, not one minutes
            self.kind.setCurrentIndex(self.kind.findData("regional"))
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.preset.currentIndexChanged.connect(lambda _i: self._preset_changed())
        for field in (self.date_from, self.date_to):
            field.changed.connect(self._dates_edited)
        self._setting_dates = False
        self._preset_changed()
        self._built = False  # the chooser is filled once, by the first kind
        self.retranslate()
        self._kind_changed()
        self._built = True
        for combo in (self.kind, self.record, self.language, self.theme):
            combo.currentIndexChanged.connect(lambda _i: self._choices_changed())
        for field in (self.date_from, self.date_to):
            field.changed.connect(self._choices_changed)
        for box in (self.bilingual, self.contacts):
            box.toggled.connect(lambda _on: self._choices_changed())

    # --- choices -------------------------------------------------------------------------------

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def _record_kind(self) -> str | None:
        """What the chooser lists for this kind: meetings, proposals, or (hub) municipalities."""
        spec = SPECS[self.current_kind()]
        if spec.record == N_("municipality") and not self.ctx.is_hub:
            return None  # a municipality reports on itself
        return spec.record

    def _kind_changed(self) -> None:
        spec = SPECS[self.current_kind()]
        self.description.setText(_(spec.description))
        record = self._record_kind()
        self.record_label.setVisible(record is not None)
        self.record.setVisible(record is not None)
        self.record_label.setText(_(RECORD_LABELS[record]) if record else "")
        for widget in (
            self.period_label,
            self.preset,
            self.from_label,
            self.date_from,
            self.to_label,
            self.date_to,
        ):
            widget.setVisible(spec.uses_period)
        self.contacts.setVisible(self.current_kind() == "roster")
        themed = self.current_kind() in THEMED
        self.theme.setVisible(themed)
        self.theme_label.setVisible(themed)
        self.refresh()

    def _preset_changed(self) -> None:
        period = preset_period(str(self.preset.currentData()), clock.today())
        if period is None:
            return
        self._setting_dates = True
        self.date_from.set_value(period[0])
        self.date_to.set_value(period[1])
        self._setting_dates = False

    def _dates_edited(self) -> None:
        if not self._setting_dates:
            self.preset.setCurrentIndex(self.preset.findData("custom"))

    def data_changed(self, what: str) -> None:
        """Records changed on another page: read them again now if on screen, else the
        window does when the page is shown."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Reload the records the chooser offers (after an import, say)."""
        record = self._record_kind()
        items: list[tuple[str, str]] = []
        # The region's trainings are the hub's own question: the whole region is a choice.
        region_wide = record == N_("municipality") and SPECS[self.current_kind()].region_wide
        self.record.empty = N_("All municipalities") if region_wide else None
        # Names of teams and municipalities in the script of the window's language.
        towns, lang = town_names(self.ctx), current_language()
        if record == N_("meeting"):
            teams = team_choices(self.ctx, lang)
            # The team's name only tells meetings apart where there are several teams.
            names = dict(teams) if len(teams) > 1 else {}
            listed = meetings.list_meetings(self.ctx, meetings.MeetingFilter(), RECENT)
            items = [
                (
                    m.id,
                    " · ".join(
                        filter(
                            None,
                            (
                                format_date(clock.local_day(m.starts_at)),
                                names.get(m.team_id),
                                m.place,
                            ),
                        )
                    ),
                )
                for m in listed
            ]
        elif record == N_("proposal"):
            proposals = fund.list_proposals(self.ctx, fund.ProposalFilter(), RECENT)
            if self.current_kind() == "implementation":
                proposals = [p for p in proposals if p.status in FUNDED]
            items = [(p.id, f"{p.reference} · {p.title}") for p in proposals]
        elif record == N_("call"):
            items = [(c.id, c.title) for c in calls.list_calls(self.ctx)]
        elif record == N_("good practice"):
            items = practice_items(self.ctx, lang)
        elif record == N_("municipality"):
            shown = [(m.id, towns.shown(m.id, m.name, lang)) for m in municipalities(self.ctx)]
            items = sorted(shown, key=lambda item: item[1].casefold())
        self.record.set_items(items)
        if items and self.record.currentIndex() < 0:
            # The meeting chosen for the minutes is no proposal: the proposal report offers its
            # first proposal, as the page first offered the latest meeting, rather than a blank
            # box whose Preview could only be refused.
            self.record.setCurrentIndex(0)
        self.make_button.setEnabled(record is None or bool(items))

    def options(self) -> dict[str, object]:
        spec = SPECS[self.current_kind()]
        return {
            "lang": self.language.currentData(),
            "date_from": self.date_from.value() if spec.uses_period else None,
            "date_to": self.date_to.value() if spec.uses_period else None,
            "record_id": self.record.value() if self._record_kind() else None,
            "bilingual": self.bilingual.isChecked(),
            "include_contacts": self.current_kind() == "roster" and self.contacts.isChecked(),
            "theme": self.theme.value() if self.current_kind() in THEMED else None,
        }

    # --- making the report ---------------------------------------------------------------------

    def make(self) -> None:
        """Make the chosen report into a temporary file and show it."""
        if SPECS[self.current_kind()].uses_period:
            problems = [field.input_error() for field in (self.date_from, self.date_to)]
            if any(problems):  # each date says under it what it did not understand
                return
        if self._temp is None:
            self._temp = tempfile.TemporaryDirectory(
                prefix="hubdesk-preview-", ignore_cleanup_errors=True
            )
        self._made += 1
        out = Path(self._temp.name) / f"{self._made}-{self._suggested_name()}"
        shown = self.last_path if self._is_temporary(self.last_path) else None
        if self.generate(out) is not None:
            self.result.clear()
            if shown is not None:
                shown.unlink(missing_ok=True)  # the preview has let go of it

    def generate_to(self, out: Path) -> Path | None:
        """Make the chosen report into ``out`` (progress, Cancel, errors shown to the person)
        and show it."""
        path = self.generate(out)
        if path is not None:
            self.result.setText(whole_paths(_("Saved to {path}").format(path=path)))
        return path

    def generate(self, out: Path) -> Path | None:
        path = generate_with_progress(self, self.ctx, self.current_kind(), out, **self.options())
        if path is not None and self.preview.load(path):
            self.last_path = path
            self._shown_for = self._chosen()
        self._update_buttons()
        return path

    def open_last(self) -> None:
        if self.last_path is not None:
            open_file(self.last_path)

    def print_last(self) -> None:
        if self.last_path is not None:
            print_file(self, self.last_path)

    def save_as(self) -> Path | None:
        """Copy the report on screen to where the person chooses."""
        if self.last_path is None:
            return None
        suggested = documents_folder() / self._suggested_name()
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the report"), str(suggested), _("PDF (*.pdf)")
        )
        if not name:
            return None
        target = pdf_target(name)
        try:
            if target.resolve() != self.last_path.resolve():
                shutil.copyfile(self.last_path, target)
        except OSError as error:
            reason = os_reason(error)
            dialogs.show_error(
                self,
                _("Save the report"),
                _("Cannot write {path}: {reason}").format(path=target, reason=reason),
            )
            return None
        self.result.setText(whole_paths(_("Saved to {path}").format(path=target)))
        return target

    def _suggested_name(self) -> str:
        options = self.options()
        return default_name(
            self.ctx,
            self.current_kind(),
            self.record.value() if self._record_kind() else None,
            options["date_from"],  # type: ignore[arg-type]
            options["date_to"],  # type: ignore[arg-type]
        )

    def _is_temporary(self, path: Path | None) -> bool:
        return path is not None and self._temp is not None and path.parent == Path(self._temp.name)

    def _chosen(self) -> tuple[str, list[tuple[str, object]]]:
        return self.current_kind(), sorted(self.options().items())

    def _choices_changed(self) -> None:
        """The choices no longer say what the preview shows: its pages go, and Save as, Print
        and Open wait for Preview. Kept, the roster shown was saved under the minutes' name, or
        printed while the form said Minutes."""
        if self.last_path is None or self._chosen() == self._shown_for:
            return
        shown = self.last_path if self._is_temporary(self.last_path) else None
        self.preview.clear()  # lets go of the file first
        self.last_path, self._shown_for = None, None
        self.result.clear()
        if shown is not None:
            shown.unlink(missing_ok=True)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.last_path is not None and self.last_path.is_file()
        for button in (self.save_button, self.open_button, self.print_button):
            button.setEnabled(ready)

    def _follow_window_language(self) -> None:
        """A person who switches the window to another language wants the reports in it too,
        unless they chose another language for the report themselves."""
        if self.language.currentData() == self._followed:
            self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
            self._followed = self.language.currentData()

    def retranslate(self) -> None:
        self.title.setText(_("Reports"))
        self.what.setTitle(_("What to print"))
        self.form.setTitle(_("Language and form"))
        self.kind_label.setText(_("Report"))
        for index in range(self.kind.count()):
            self.kind.setItemText(index, _(SPECS[str(self.kind.itemData(index))].title))
        self.period_label.setText(_("Period"))
        for index, (_code, msgid) in enumerate(PRESETS):
            self.preset.setItemText(index, _(msgid))
        # Its words whole ("This year so far"): squeezed beside the dates, it read "This year so".
        self.preset.setMinimumWidth(self.preset.sizeHint().width())
        self.from_label.setText(_("from"))
        self.to_label.setText(_("to"))
        self.language_label.setText(_("Language of the report"))
        self._follow_window_language()
        self.bilingual.setText(_("English under headings and labels (for donors)"))
        self.contacts.setText(_("Include e-mail addresses and phone numbers"))
        self.theme.retranslate()
        self.theme_label.setText(_("Theme"))
        self.make_button.setText(_("Preview"))
        self.save_button.setText(_("Save as…"))
        self.open_button.setText(pgettext("button", "Open"))
        self.print_button.setText(_("Print…"))
        for field in (self.date_from, self.date_to):
            field.retranslate()
        self.record.retranslate()
        if self._built:  # the chooser's days and names, in the new language
            self.refresh()
        if self.kind.count():
            spec = SPECS[self.current_kind()]
            self.description.setText(_(spec.description))
            record = self._record_kind()
            self.record_label.setText(_(RECORD_LABELS[record]) if record else "")
        # The two groups' labels line up in one column whatever the language.
        labels = (self.kind_label, self.record_label, self.period_label, self.language_label)
        widest = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(widest)
        self.preview.retranslate()
        self._update_buttons()
        self._fit_choices()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_choices()

    def _fit_choices(self) -> None:
        """The choices keep the width their words need in this language, but never more than
        half of the page (a very long meeting name elides in its list, whole in its tooltip):
        the preview, which is what a person came to see, keeps the rest."""
        self._column.activate()
        sizes = self.splitter.sizes()
        total = sum(sizes)
        cap = max(total // 2, 1)
        need = min(self.choices.sizeHint().width(), cap)
        if total > 0 and not need <= sizes[0] <= cap:
            self.splitter.setSizes([need, max(total - need, 1)])
