"""The Help Desk page: a city's questions to the hub and the hub's answers, on both sides.

A municipality (and its field laptop) asks, reads the hub's answers, follows up and closes a
request it is satisfied with. The hub sees every city's requests as one queue, the longest
overdue first, and answers. Whether a request is open, overdue, answered or closed is the
service's one rule (``hubdesk.domain.helpdesk``), shown the same here as everywhere.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import label
from hubdesk.domain.helpdesk import HelpdeskTopic, RequestState, Urgency
from hubdesk.i18n import N_, _, current_language
from hubdesk.i18n.formatting import format_date, format_datetime, one_full_stop
from hubdesk.services import helpdesk
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.helpdesk import RequestView
from hubdesk.services.town_names import TownNames, town_names
from hubdesk.ui import dialogs
from hubdesk.ui.comment_dialog import CommentDialog
from hubdesk.ui.focus_order import tab_in_order
from hubdesk.ui.forms import PERSON_ERRORS, EditorDialog
from hubdesk.ui.tablemodel import two_lines
from hubdesk.ui.widgets import ChoiceCombo

COLUMNS = (N_("Asked on"), N_("Subject"), N_("Topic"), N_("Urgency"), N_("State"), N_("Answer due"))
# The hub reads beside the city's day the day the question reached it (its response time
# counts from the later one).
HUB_COLUMNS = (N_("Municipality"), COLUMNS[0], N_("Reached the hub"), *COLUMNS[1:])
DATE_COLUMNS = {N_("Asked on"), N_("Reached the hub"), N_("Answer due")}


class AskDialog(EditorDialog):
    """A new question to the hub."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("askDialog")
        f = self.fields
        form = QFormLayout()
        f.add_row(form, "subject", N_("Subject"), QLineEdit())
        f.add_row(form, "topic", N_("Topic"), ChoiceCombo(HelpdeskTopic))
        f.add_row(form, "urgency", N_("Urgency"), ChoiceCombo(Urgency))
        f.add_row(form, "question", N_("Question"), QPlainTextEdit())
        f.add_row(form, "asked_by", N_("Asked by"), QLineEdit())
        f.set_values({"topic": None, "urgency": Urgency.NORMAL.value})
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        self.finish(content)

    def persist(self) -> str:
        return helpdesk.ask(self.ctx, self.fields.values()).id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Ask the hub"))
        self.save_button.setText(_("Ask"))
        self.hint.setText(
            _(
                "The question goes to the hub with your next bundle. The hub answers urgent "
                "questions within 2 working days, normal ones within 10 days and others within "
                "20 days."
            )
        )


class HelpdeskPage(QWidget):
    help_topic: ClassVar[str] = "helpdesk"
    changed = Signal()  # a question, answer, follow-up or closing was written here

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.views: list[RequestView] = []
        self.keep: str | None = None  # the question chosen before the list was read again
        self.towns = TownNames({})
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        waiting = (helpdesk.WAITING, N_("Waiting (open or overdue)"))
        self.state_filter = ChoiceCombo(RequestState, empty=N_("All states"), groups=[waiting])
        self.state_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.ask_button = QPushButton(self)
        self.answer_button = QPushButton(self)
        self.follow_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.ask_button.clicked.connect(self._ask)
        self.answer_button.clicked.connect(self._answer)
        self.follow_button.clicked.connect(self._follow_up)
        self.close_button.clicked.connect(self._close)
        city = ctx.municipality_id is not None
        buttons = QHBoxLayout()
        for button, shown in (
            (self.ask_button, city),
            (self.answer_button, ctx.is_hub),
            (self.follow_button, city),
            (self.close_button, city),
        ):
            button.setVisible(shown)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.state_filter)
        self.table = QTableWidget(0, len(self._columns()), self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Every column as wide as its words, the subject the rest: in Macedonian the long
        # titles pushed "Answer due" out of sight behind a scroll bar. A subject that does not
        # fit ends in "…", whole in its tip and in the conversation below.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self._subject_column(), QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selected_changed)
        self.conversation = QTextBrowser(self)
        self.conversation.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.conversation)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        # As on the list pages: the filter, the list, the conversation, then the buttons.
        tab_in_order(
            [self.state_filter, self.table, self.conversation, self.ask_button,
             self.answer_button, self.follow_button, self.close_button]
        )  # fmt: skip
        self.refresh()

    def _columns(self) -> tuple[str, ...]:
        return HUB_COLUMNS if self.ctx.is_hub else COLUMNS

    def _subject_column(self) -> int:
        return self._columns().index(N_("Subject"))

    # --- Page protocol ---------------------------------------------------------------------------

    def data_changed(self, what: str) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        # The question chosen now stays chosen wherever the new list puts it: an answered one
        # moves down, and the row it left showed another city's question under the answer.
        chosen = self.selected()
        self.keep = chosen.id if chosen else None
        self.views = helpdesk.list_requests(self.ctx, state=self.state_filter.value())
        self.towns = town_names(self.ctx)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Help Desk"))
        self.table.setAccessibleName(_("Help Desk"))  # what a screen reader says for each
        self.state_filter.setAccessibleName(_("State"))
        if self.ctx.is_hub:
            self.intro.setText(
                _(
                    "Questions from every municipality, the longest overdue first. Choose one "
                    "and answer it; the answer goes back with the next bundle to that "
                    "municipality."
                )
            )
        else:
            self.intro.setText(
                _(
                    "Ask the hub a question; its answer comes back with a bundle. Write again "
                    "if something is unclear, and close the request when you are satisfied."
                )
            )
        self.ask_button.setText(_("Ask the hub…"))
        self.answer_button.setText(_("Answer…"))
        self.follow_button.setText(_("Follow up…"))
        self.close_button.setText(_("Close request"))
        self.state_filter.retranslate()
        # A date's title on two lines, as the lists do where their dates are narrower than the
        # title ("Пристигнато во регионалниот центар" took a quarter of the width).
        self.table.setHorizontalHeaderLabels(
            [two_lines(_(c)) if c in DATE_COLUMNS else _(c) for c in self._columns()]
        )
        self._fill()

    # --- ListCommands: Ctrl+N asks, the dashboard's tile opens the list filtered ------------------

    def new_record(self) -> None:
        if self.ctx.municipality_id is not None:
            self._ask()

    def focus_search(self) -> None:
        self.table.setFocus()

    def show_filtered(self, **criteria: Any) -> None:
        """The questions in ``state`` (the dashboard's tile: those waiting for the hub)."""
        self.state_filter.blockSignals(True)
        self.state_filter.set_value(criteria.pop("state", None))
        self.state_filter.blockSignals(False)
        if criteria:
            raise TypeError(f"the help desk has no filter for {sorted(criteria)}")
        self.refresh()

    # --- the table and the thread ----------------------------------------------------------------

    def town(self, view: RequestView) -> str:
        """The asking municipality's name in the script of the window's language."""
        return self.towns.shown(view.municipality_id, view.municipality, current_language())

    def _fill(self) -> None:
        keep, self.keep = self.keep, None
        if keep is None:
            chosen = self.selected()
            keep = chosen.id if chosen else None
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.views))
        for r, v in enumerate(self.views):
            cells = [
                format_date(v.asked_on, fmt="short"),
                v.subject,
                label(v.topic, HelpdeskTopic),
                label(v.urgency, Urgency),
                v.state.label,
                format_date(v.due, fmt="short") if v.due else "",
            ]
            if self.ctx.is_hub:
                reached = format_date(v.reached_hub, fmt="short") if v.reached_hub else ""
                cells[1:1] = [reached]
                cells.insert(0, self.town(v))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == self._subject_column():
                    item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.clearSelection()  # the row a question left is another question's now
        self.table.blockSignals(False)
        for r, v in enumerate(self.views):
            if v.id == keep:
                self.table.selectRow(r)
        if keep is None and self.views:
            self.table.selectRow(0)  # the conversation pane is never empty for nothing
        self._selected_changed()

    def selected(self) -> RequestView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.views):
            return None
        return self.views[rows[0].row()]

    def _selected_changed(self) -> None:
        chosen = self.selected()
        open_request = chosen is not None and chosen.state is not RequestState.CLOSED
        self.answer_button.setEnabled(open_request)
        self.follow_button.setEnabled(open_request)
        self.close_button.setEnabled(open_request)
        self.conversation.setHtml(self._thread_html(chosen) if chosen else "")

    def _thread_html(self, v: RequestView) -> str:
        _view, messages = helpdesk.get_request(self.ctx, v.id)
        head = _("{name}, {date}").format(name=v.asked_by or self.town(v),
                                          date=format_date(v.asked_on))  # fmt: skip
        parts = [
            f"<h3>{html.escape(v.subject)}</h3>",
            f"<p><b>{html.escape(head)}</b><br>{_paragraph(v.question)}</p>",
        ]
        if self.ctx.is_hub and v.reached_hub is not None:
            parts.append(f"<p><i>{html.escape(arrival_text(v))}</i></p>")
        for m in messages:
            side = _("The hub") if m.by_hub else self.town(v)
            who = f"{side} · {m.author_name}" if m.author_name else side
            when = format_datetime(m.written_at)
            parts.append(
                f"<p><b>{html.escape(who)}</b>, {html.escape(when)}<br>{_paragraph(m.body)}</p>"
            )
        state = _("State: {state}").format(state=v.state.label)
        if v.due is not None:
            state += " · " + _("answer due {date}").format(date=format_date(v.due))
        parts.append(f"<p><i>{html.escape(state)}</i></p>")
        return "".join(parts)

    # --- steps -----------------------------------------------------------------------------------

    def _run(self, step: Callable[[], object]) -> None:
        try:
            step()
        except (ValidationError, *PERSON_ERRORS) as error:
            dialogs.show_error(self, _("Help Desk"), getattr(error, "message", None) or str(error))
            return
        self.refresh()
        self.changed.emit()

    def _write(self, title: str, prompt: str, step: Callable[[str], object]) -> None:
        """Ask for the words and take the step with them at OK: refused, the dialog stays
        open with the words typed."""
        dialog = CommentDialog(title, prompt, True, self, act=step)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.changed.emit()

    def _ask(self) -> None:
        dialog = AskDialog(self.ctx, self)
        dialog.saved.connect(self._asked)
        dialog.exec()

    def _asked(self, _request_id: str) -> None:
        self.refresh()
        self.changed.emit()

    def _answer(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self._write(
            _("Answer {name}").format(name=self.town(chosen)),
            _("Your answer to “{subject}”. It is signed by the hub and goes back with the next "
              "bundle.").format(subject=chosen.subject),
            lambda text: helpdesk.answer(self.ctx, chosen.id, text),
        )  # fmt: skip

    def _follow_up(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self._write(
            _("Follow up"),
            _("What would you like to add or ask about “{subject}”?").format(
                subject=chosen.subject
            ),
            lambda text: helpdesk.follow_up(self.ctx, chosen.id, text),
        )

    def _close(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        question = _("Close “{subject}”? Close a request when the hub's answer is enough.").format(
            subject=chosen.subject
        )
        if dialogs.confirm(self, _("Close request"), question):
            self._run(lambda: helpdesk.close(self.ctx, chosen.id))


def arrival_text(v: RequestView) -> str:
    """Both days the hub reads of a question: the city's, and its own."""
    assert v.reached_hub is not None
    text = _("Asked on {asked}; reached the hub on {reached}.").format(
        asked=format_date(v.asked_on), reached=format_date(v.reached_hub)
    )
    if v.reached_hub > v.asked_on:
        text += " " + _("The hub's response time counts from the day it reached the hub.")
    return one_full_stop(text)


def _paragraph(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")
