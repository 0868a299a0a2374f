"""The Good practices page.

A municipality writes its own practices (possibly from a completed proposal) and submits them;
the hub answers the submissions and publishes accepted ones; everyone reads the published
library, read-only.
"""

from __future__ import annotations

from html import escape
from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain import PublishedPractice
from hubdesk.domain.enums import Pillar
from hubdesk.domain.peers import CurationDecision, PracticeState
from hubdesk.i18n import _, current_language
from hubdesk.i18n.formatting import format_date, format_money
from hubdesk.i18n.scripts import name_for_language
from hubdesk.services import practices
from hubdesk.services.context import ServiceContext
from hubdesk.services.town_names import TownNames, town_names
from hubdesk.ui import dialogs
from hubdesk.ui.comment_dialog import CommentDialog
from hubdesk.ui.editors.peers import PracticeDialog
from hubdesk.ui.enter_opens import opens_on_enter
from hubdesk.ui.pages.peer_parts import (
    Buttons,
    changed,
    fill,
    hint,
    list_table,
    run_action,
    selected_rows,
)
from hubdesk.ui.top_tabs import top_tabs


class PracticesPage(QWidget):
    help_topic: ClassVar[str] = "practices"

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[practices.PracticeRow] = []
        self.towns = TownNames({})
        self.library: list[PublishedPractice] = []
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.tabs = top_tabs(self)
        own = QWidget()
        self.table = list_table(own, "practicesTable", 4, stretch=(2, 3))
        self.table.itemSelectionChanged.connect(self._own_chosen)
        self.table.doubleClicked.connect(lambda _i: self.open_practice())
        opens_on_enter(self.table, self.open_practice)
        self.own_detail = QTextBrowser(own)
        self.buttons = Buttons(self, "practices", {
            "new": self.new_record, "from_proposal": self.from_proposal,
            "open": self.open_practice, "submit": self.submit, "delete": self.delete,
            "accept": self.accept, "return": self.return_it, "publish": self.publish,
        })  # fmt: skip
        municipality = ctx.municipality_id is not None
        for key in ("new", "from_proposal", "submit", "delete"):
            self.buttons[key].setVisible(municipality)
        for key in ("accept", "return", "publish"):
            self.buttons[key].setVisible(ctx.is_hub)
        own_body = QHBoxLayout()
        own_body.addWidget(self.table, 3)
        own_body.addWidget(self.own_detail, 2)
        self.waiting_only = QCheckBox(own)  # the hub's tile counts those waiting for it
        self.waiting_only.setObjectName("practicesWaitingOnly")
        self.waiting_only.setVisible(ctx.is_hub)
        self.waiting_only.toggled.connect(lambda _on: self.refresh())
        self.buttons.row.addWidget(self.waiting_only)
        own_layout = QVBoxLayout(own)
        own_layout.addLayout(self.buttons.row)
        own_layout.addLayout(own_body, 1)
        shelf = QWidget()
        self.library_table = list_table(shelf, "libraryTable", 4, stretch=(2, 3))
        self.library_table.itemSelectionChanged.connect(self._library_chosen)
        self.library_detail = QTextBrowser(shelf)
        self.library_detail.setObjectName("libraryDetail")
        self.print_button = QPushButton(shelf)
        self.print_button.setObjectName("practices_print")
        self.print_button.clicked.connect(self.print_practice)
        shelf_body = QHBoxLayout()
        shelf_body.addWidget(self.library_table, 3)
        shelf_body.addWidget(self.library_detail, 2)
        shelf_layout = QVBoxLayout(shelf)
        top = QHBoxLayout()
        top.addWidget(self.print_button)
        top.addStretch(1)
        shelf_layout.addLayout(top)
        shelf_layout.addLayout(shelf_body, 1)
        self.tabs.addTab(own, "")
        self.tabs.addTab(shelf, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def refresh(self) -> None:
        self.rows = practices.list_practices(self.ctx)
        self.towns = town_names(self.ctx)
        if self.ctx.is_hub:  # the curation queue first: what waits for the hub's answer
            self.rows.sort(key=lambda r: r.state is not PracticeState.SUBMITTED)
            if self.waiting_only.isChecked():
                self.rows = [r for r in self.rows if r.state is PracticeState.SUBMITTED]
        self.library = practices.list_published(self.ctx)
        self.retranslate()

    def data_changed(self, what: str) -> None:
        if self.isVisible():
            self.refresh()

    def focus_search(self) -> None:
        self.table.setFocus()

    def show_filtered(self, **criteria: Any) -> None:
        """At the hub, the practices waiting for its answer (``waiting``); at a municipality,
        the library (``library``): what the dashboard's tile counted."""
        self.waiting_only.blockSignals(True)
        self.waiting_only.setChecked(bool(criteria.pop("waiting", False)))
        self.waiting_only.blockSignals(False)
        self.tabs.setCurrentIndex(1 if criteria.pop("library", False) else 0)
        if criteria:
            raise TypeError(f"the practices page has no filter for {sorted(criteria)}")
        self.refresh()

    # --- actions ------------------------------------------------------------------------------

    def current(self) -> practices.PracticeRow | None:
        rows = selected_rows(self.table) if self.rows else []
        return self.rows[rows[0]] if rows and rows[0] < len(self.rows) else None

    def current_published(self) -> PublishedPractice | None:
        rows = selected_rows(self.library_table) if self.library else []
        return self.library[rows[0]] if rows and rows[0] < len(self.library) else None

    def new_record(self, prefill: dict[str, Any] | None = None) -> None:
        if self.ctx.municipality_id is None:  # the hub writes no practice of its own
            return
        dialog = PracticeDialog(self.ctx, None, self, prefill)
        dialog.saved.connect(lambda _id: changed(self, "practices"))
        dialog.exec()

    def from_proposal(self) -> None:
        done = practices.completed_proposals(self.ctx)
        if not done:
            dialogs.inform(self, _("Good practices"),
                           _("This municipality has no completed proposal yet."))  # fmt: skip
            return
        titles = [f"{p.reference} — {p.title}" for p in done]
        chosen, ok = QInputDialog.getItem(
            self, _("Start from a completed proposal"), _("Proposal"), titles, 0, False
        )
        if ok:
            proposal = done[titles.index(chosen)]
            self.new_record(practices.from_proposal(self.ctx, proposal.id))

    def open_practice(self) -> None:
        row = self.current()
        if row is not None:
            dialog = PracticeDialog(self.ctx, row.practice.id, self)
            dialog.saved.connect(lambda _id: changed(self, "practices"))
            dialog.exec()

    def submit(self) -> None:
        row = self.current()
        if row is not None:
            run_action(
                self, lambda: practices.submit_practice(self.ctx, row.practice.id), "practices"
            )

    def delete(self) -> None:
        row = self.current()
        if row is not None and dialogs.confirm_delete(self, _("this good practice")):
            run_action(
                self, lambda: practices.delete_practice(self.ctx, row.practice.id), "practices"
            )

    def accept(self) -> None:
        row = self.current()
        if row is None:
            return
        dialog = CommentDialog(
            _("Accept the good practice"), _("The hub's summary, in English:"), False, self,
            row.practice.title,
            act=lambda summary: practices.curate(self.ctx, row.practice.id,
                CurationDecision.ACCEPTED.value, summary=summary),
        )  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted:
            changed(self, "practices")

    def return_it(self) -> None:
        row = self.current()
        if row is None:
            return
        # OK waits for the note the service requires; Esc with a note typed asks first
        dialog = CommentDialog(
            _("Return the good practice"), _("What should the municipality change?"), True, self,
            act=lambda note: practices.curate(self.ctx, row.practice.id,
                CurationDecision.RETURNED.value, note=note),
        )  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted:
            changed(self, "practices")

    def publish(self) -> None:
        row = self.current()
        if row is not None and dialogs.confirm(
            self, _("Publish the good practice"),
            _("Publish '{title}'? It goes to every municipality with the next bundles.").format(
                title=row.practice.title),
            yes=_("Publish"), no=_("Cancel"),
        ):  # fmt: skip
            run_action(self, lambda: practices.publish(self.ctx, row.practice.id), "practices")

    def print_practice(self) -> None:
        chosen = self.current_published()
        if chosen is not None:
            from hubdesk.ui.report_actions import print_report

            print_report(self, self.ctx, "practice", chosen.id)

    # --- showing ------------------------------------------------------------------------------

    def _own_chosen(self) -> None:
        row = self.current()
        self.own_detail.setHtml(self._own_html(row) if row is not None else _practice_hint())
        state = row.state if row is not None else None
        editable = state in (PracticeState.DRAFT, PracticeState.RETURNED)
        self.buttons["open"].setEnabled(row is not None)
        self.buttons["submit"].setEnabled(editable)
        self.buttons["delete"].setEnabled(row is not None and not row.practice.submission)
        self.buttons["accept"].setEnabled(state is PracticeState.SUBMITTED)
        self.buttons["return"].setEnabled(state is PracticeState.SUBMITTED)
        self.buttons["publish"].setEnabled(state is PracticeState.ACCEPTED)

    def _library_chosen(self) -> None:
        chosen = self.current_published()
        self.library_detail.setHtml(
            practice_html(chosen) if chosen is not None else _practice_hint()
        )
        self.print_button.setEnabled(chosen is not None)

    def _own_html(self, row: practices.PracticeRow) -> str:
        p = row.practice
        out = [f"<h3>{escape(p.title)}</h3>", f"<p>{escape(row.state.label)}</p>"]
        if row.note:
            out.append(f"<p><b>{escape(_('Note from the hub'))}</b><br>{escape(row.note)}</p>")
        if row.summary:
            label = _("The hub's summary")
            out.append(f"<p><b>{escape(label)}</b><br>{escape(row.summary)}</p>")
        out.append(f"<p>{escape(p.actions)}</p>")
        return "".join(out)

    def retranslate(self) -> None:
        self.title.setText(_("Good practices"))
        self.tabs.setTabText(0, _("Received from the cities") if self.ctx.is_hub
                             else _("Our good practices"))  # fmt: skip
        self.tabs.setTabText(1, _("Library of published practices"))
        for index, table in enumerate((self.table, self.library_table)):
            table.setAccessibleName(self.tabs.tabText(index))  # said by a screen reader
        labels = {
            "new": _("New good practice"), "from_proposal": _("From a completed proposal"),
            "open": _("Open the practice"), "submit": _("Submit to the hub"),
            "delete": _("Delete"),
            "accept": _("Accept"), "return": _("Return"), "publish": _("Publish"),
        }  # fmt: skip
        for key, text in labels.items():
            self.buttons[key].setText(text)
        self.print_button.setText(_("Print the practice"))
        self.waiting_only.setText(_("Only those waiting for an answer"))
        self.table.setHorizontalHeaderLabels(
            [_("Municipality"), _("State"), _("Title"), _("Pillar")]
        )
        lang = current_language()  # each city in the script of the window's language
        fill(self.table, [(self.towns.shown(r.practice.municipality_id, r.municipality, lang),
                           r.state.label, r.practice.title,
                            Pillar(r.practice.pillar).label) for r in self.rows])  # fmt: skip
        self.library_table.setHorizontalHeaderLabels(
            [_("Published on"), _("Municipality"), _("Title"), _("Pillar")]
        )
        fill(self.library_table, [
            (format_date(p.published_on, fmt="short") if p.published_on
             else _("not yet published"),
             city_of(p), p.title, Pillar(p.pillar).label)
            for p in self.library
        ])  # fmt: skip
        self._own_chosen()
        self._library_chosen()


def _practice_hint() -> str:
    return hint(_("Choose a practice in the list to read it here."))


def city_of(p: PublishedPractice) -> str:
    """The practice's city in the script of the window's language, as the report prints it."""
    return name_for_language(p.municipality_name, "", current_language(), p.country)


def practice_html(p: PublishedPractice) -> str:
    """A published practice as the library shows it: the hub's summary, then the case."""
    out = [f"<h3>{escape(p.title)}</h3>", f"<p>{escape(city_of(p))}</p>"]
    out.append(f"<p><b>{escape(_('Summary'))}</b><br>{escape(p.summary_en)}</p>")
    if p.summary_local:
        out.append(f"<p>{escape(p.summary_local)}</p>")
    sections = (
        (_("Context"), p.context), (_("The problem"), p.problem),
        (_("What was done"), p.actions), (_("Partners"), p.partners), (_("Results"), p.results),
        (_("What another city needs to adapt it"), p.adapt),
        (_("Whom to ask"), p.contact_role),
    )  # fmt: skip
    for label, text in sections:
        if text:
            out.append(f"<p><b>{escape(label)}</b><br>{escape(text)}</p>")
    if p.cost_minor:
        cost = format_money(p.cost_minor, p.currency)
        out.append(f"<p><b>{escape(_('What it cost'))}</b> {escape(cost)}</p>")
    return "".join(out)
