"""The Needs page: the City Needs Assessment.

A municipality (or its field laptop) answers the year's questionnaire and saves a draft; the
municipality's own PC submits it to the hub (a field laptop is told so and offers no Submit).
The hub sees the regional needs map, municipalities × pillars, this year's score against last
year's, and publishes its questionnaire for a year.
"""

from __future__ import annotations

import textwrap
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock
from hubdesk.domain.enums import Pillar, Role
from hubdesk.domain.needs import AssessmentStatus, NeedsAssessment
from hubdesk.i18n import _, current_language, ngettext
from hubdesk.i18n.formatting import format_date
from hubdesk.services import needs, needs_map
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.town_names import town_names
from hubdesk.ui import dialogs
from hubdesk.ui.editors.needs_form import AssessmentForm
from hubdesk.ui.editors.needs_questionnaire import QuestionnaireDialog
from hubdesk.ui.forms import PERSON_ERRORS

# Light tints for scores 1–4, as in the printed map; every cell also says it in characters.
TINTS = {1: "#f9ccc7", 2: "#fce5bf", 3: "#edf5c7", 4: "#ccedcc"}


class NeedsPage(QWidget):
    help_topic: ClassVar[str] = "needs"
    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.assessment: NeedsAssessment | None = None
        # The year the form shows and its answers as loaded: typed answers differ from them.
        self.loaded: tuple[int, dict[str, Any]] | None = None
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.year_label = QLabel(self)
        self.year = QSpinBox(self)
        self.year.setObjectName("needsYear")
        self.year.setRange(1900, 2100)
        self.year.setValue(clock.today().year)
        self.year_label.setBuddy(self.year)
        self.status = QLabel(self)
        self.status.setObjectName("needsStatus")
        self.status.setWordWrap(True)
        # A field laptop drafts; the office submits (services/needs.may_submit): it says so.
        self.office_note = QLabel(self)
        self.office_note.setObjectName("needsOfficeNote")
        self.office_note.setWordWrap(True)
        self.office_note.setVisible(ctx.role is Role.FIELD)
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.office_note)
        self.save_button = QPushButton(self)
        self.submit_button = QPushButton(self)
        self.publish_button = QPushButton(self)
        self.table = QTableWidget(0, len(Pillar) + 1, self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list
        self.form = AssessmentForm()
        if ctx.is_hub:
            self.table.setObjectName("needsMap")
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.table.verticalHeader().setVisible(False)
            self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.table.setWordWrap(True)
            top.addWidget(self.publish_button)
            layout.addWidget(self.table, 1)
            self.publish_button.clicked.connect(self._publish)
            self.save_button.hide()
            self.submit_button.hide()
            self.form.hide()
        else:
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(self.form)
            top.addWidget(self.save_button)
            top.addWidget(self.submit_button)
            self.submit_button.setVisible(needs.may_submit(ctx))
            layout.addWidget(scroll, 1)
            self.save_button.clicked.connect(lambda: self._save())
            self.submit_button.clicked.connect(self._submit)
            self.publish_button.hide()
            self.table.hide()
        top.addStretch(1)
        self.year.valueChanged.connect(self._year_changed)
        self.retranslate()

    # --- Page protocol ---------------------------------------------------------------------------

    def data_changed(self, what: str) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        year = self.year.value()
        questions = needs.questions_for(self.ctx, year)
        if self.ctx.is_hub:
            self._fill_map(needs_map.needs_map(self.ctx, year), questions.title)
            return
        municipality = self.ctx.municipality_id or ""
        self.assessment = needs.assessment_for(self.ctx, municipality, year)
        if self.assessment is not None:
            questions = needs.questions_of(self.ctx, self.assessment)
        self.form.show_questions(questions)
        # Reading again (the page shown again, a language chosen, an import) never takes a
        # person's typed answers away: only another year or a save loads the stored ones.
        if not (self.unsaved() and self.loaded is not None and self.loaded[0] == year):
            self.form.load(self.assessment)
            self.loaded = (year, self.form.values())
        submitted = (
            self.assessment is not None and self.assessment.status == AssessmentStatus.SUBMITTED
        )
        office = needs.may_submit(self.ctx)
        self.submit_button.setEnabled(not submitted)
        # What the hub holds is the office's to correct: a laptop reads a submitted one.
        self.form.setEnabled(office or not submitted)
        self.save_button.setEnabled(office or not submitted)
        if self.assessment is None:
            state = _("Not answered yet.")
        elif submitted and office:
            state = _("Submitted on {date}; changes you save go to the hub again.").format(
                date=format_date(self.assessment.submitted_on)
            )
        elif submitted:
            state = _("Submitted on {date}; the municipality's own PC corrects it.").format(
                date=format_date(self.assessment.submitted_on)
            )
        elif office:
            state = _("Draft: it stays on this computer until you submit it.")
        else:
            state = _("Draft: it goes to the municipality's own PC with the next bundle.")
        self.status.setText(f"{questions.title} · {state}")

    def retranslate(self) -> None:
        self.title.setText(_("City Needs Assessment"))
        self.table.setAccessibleName(_("City Needs Assessment"))  # said by a screen reader
        self.intro.setText(
            _(
                "Once a year the hub sees, for every municipality and pillar, how far it has "
                "come (1 weakest to 4 strongest), the needs and the priorities in words, and what "
                "it already has to build on."
            )
            + " "
            + _(
                "In each cell: this year's score, then {up} higher, {down} lower or {same} the "
                "same as last year's, given in brackets; {new} a first score, {missing} no score "
                "this year."
            ).format(**needs_map.TREND_SIGNS)  # the signs the cells are written with
            if self.ctx.is_hub
            else _(
                "Once a year, score each pillar from 1 (weakest) to 4 (strongest), say what is "
                "needed and what comes first, and what the municipality already has to build on. "
                "Submit it to send it to the hub; proposals can then name the need they answer."
            )
            if needs.may_submit(self.ctx)
            else _(
                "Once a year, score each pillar from 1 (weakest) to 4 (strongest), say what is "
                "needed and what comes first, and what the municipality already has to build on."
            )
        )
        self.office_note.setText(_(needs.OFFICE_SUBMITS))
        self.year_label.setText(_("Year"))
        self.save_button.setText(_("Save"))
        self.submit_button.setText(_("Submit to the hub"))
        self.publish_button.setText(_("Publish the questionnaire…"))
        # Pillar names are long ("National-local, local-local and multi-actor cooperation"):
        # a header does not wrap on its own, so the lines are broken here.
        heads = [textwrap.fill(p.label, 18, break_long_words=False) for p in Pillar]
        self.table.setHorizontalHeaderLabels([_("Municipality"), *heads])
        self.refresh()

    # --- ListCommands: the dashboard's tile opens the page on its year ---------------------------

    def new_record(self) -> None:
        """Ctrl+N: this year's assessment (the form is the page itself)."""
        self.show_filtered(year=clock.today().year)

    def focus_search(self) -> None:
        self.year.setFocus()

    def show_filtered(self, **criteria: Any) -> None:
        year = criteria.get("year")
        if isinstance(year, int) and year != self.year.value():
            self.year.setValue(year)  # refreshes
        else:
            self.refresh()

    # --- the hub's map ---------------------------------------------------------------------------

    def _fill_map(self, result: needs_map.NeedsMap, title: str) -> None:
        total = len(result.rows)
        self.status.setText(
            ngettext(
                "{title} · {answered} of {total} municipality answered",
                "{title} · {answered} of {total} municipalities answered",
                total,
            ).format(title=title, answered=result.answered, total=total)
        )
        self.table.setRowCount(len(result.rows))
        towns = town_names(self.ctx)  # each name in the script of the window's language
        lang = current_language()
        for r, row in enumerate(result.rows):
            name = towns.shown(row.municipality_id, row.name, lang)
            self.table.setItem(r, 0, QTableWidgetItem(name))
            for c, pillar in enumerate(Pillar, start=1):
                cell = row.cells[pillar.value]
                sign = needs_map.TREND_SIGNS[cell.trend]
                score = "" if cell.score is None else f"{cell.score} "
                before = "" if cell.previous is None else f" ({cell.previous})"
                item = QTableWidgetItem(f"{score}{sign}{before}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(_(needs_map.TREND_LABELS[cell.trend]))
                if cell.score in TINTS:
                    item.setBackground(QBrush(QColor(TINTS[cell.score])))
                    item.setForeground(QBrush(QColor("#000000")))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

    def _publish(self) -> None:
        year = self.year.value()
        published = needs.already_published(self.ctx, year)
        started_from = needs.in_force(self.ctx, year)  # another published meanwhile: refused
        start = None
        if published is not None:  # a second one went out without a word, answered or not
            on, answered = published
            question = ngettext(
                "The questionnaire for {year} was published on {date}, and {count} "
                "municipality has submitted its answers. Publish a new version? Answers "
                "stay with the questionnaire they answered.",
                "The questionnaire for {year} was published on {date}, and {count} "
                "municipalities have submitted their answers. Publish a new version? Answers "
                "stay with the questionnaire they answered.",
                answered,
            ).format(year=year, date=format_date(on), count=answered)
            if not dialogs.confirm(self, _("Publish the questionnaire"), question):
                return
            start = needs.questions_for(self.ctx, year)
        dialog = QuestionnaireDialog(
            year,
            lambda values: needs.publish_new_questionnaire(
                self.ctx, {**values, "year": year}, started_from=started_from
            ),
            self,
            start,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.changed.emit()
        self.refresh()

    # --- the municipality's answers --------------------------------------------------------------

    def unsaved(self) -> bool:
        """Whether the form holds answers typed since they were loaded or saved."""
        return (
            not self.ctx.is_hub and self.loaded is not None and self.form.values() != self.loaded[1]
        )

    def _year_changed(self, year: int) -> None:
        """Another year: typed answers of the year shown are saved, dropped or kept (the
        year goes back) as the person says, never lost without a word."""
        shown = self.loaded[0] if self.loaded is not None else year
        if shown != year and self.unsaved():
            answer = dialogs.ask_unsaved(self)
            if answer is dialogs.Unsaved.CANCEL or (
                answer is dialogs.Unsaved.SAVE and not self._save(shown)
            ):
                self.year.blockSignals(True)
                self.year.setValue(shown)
                self.year.blockSignals(False)
                return
            self.loaded = None  # saved or dropped: the new year's answers are shown
        self.refresh()

    def _save(self, year: int | None = None) -> bool:
        """Save the answers shown, of ``year`` (default: the year chosen)."""
        values = self.form.values()
        try:
            if self.assessment is None:
                chosen = self.year.value() if year is None else year
                needs.create_assessment(self.ctx, {"year": chosen, **values})
            else:
                needs.update_assessment(self.ctx, self.assessment.id, values)
        except (ValidationError, *PERSON_ERRORS) as error:
            message = getattr(error, "message", None) or str(error)
            dialogs.show_error(self, _("Needs assessment"), message)
            return False
        self.loaded = None  # saved: the stored answers are what the form shows now
        self.changed.emit()
        self.refresh()
        return True

    def _submit(self) -> None:
        if not self._save() or self.assessment is None:
            return
        if not dialogs.confirm(
            self,
            _("Submit to the hub"),
            _("Submit the needs assessment {year} to the hub? It cannot be withdrawn.").format(
                year=self.assessment.year
            ),
            yes=_("Submit"),
            no=_("Cancel"),
        ):
            return
        try:
            needs.submit_assessment(self.ctx, self.assessment.id)
        except (ValidationError, *PERSON_ERRORS) as error:
            message = getattr(error, "message", None) or str(error)
            dialogs.show_error(self, _("Needs assessment"), message)
            return
        self.changed.emit()
        self.refresh()
