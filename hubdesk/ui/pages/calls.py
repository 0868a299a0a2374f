"""The Calls page: the hub's calls for proposals and guidance notes.

At the hub: write, publish and close calls, write and publish notes, see which
municipalities have received what was published, and which proposals each call received, a
proposal that reached the hub after the call closed marked as such. At a municipality or a
field laptop: read what the hub published (and how many of those arrived with the last bundle),
and print a call.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock
from hubdesk.domain import Call, GuidanceNote
from hubdesk.domain.calls import CallStatus
from hubdesk.domain.enums import Pillar
from hubdesk.i18n import _, current_language, ngettext
from hubdesk.i18n.formatting import format_date
from hubdesk.services import calls, calls_received
from hubdesk.services.context import ServiceContext
from hubdesk.services.meanwhile import ChangedMeanwhile
from hubdesk.sync import published
from hubdesk.ui import dialogs
from hubdesk.ui.editors.call import CallDialog, NoteDialog
from hubdesk.ui.enter_opens import opens_on_enter
from hubdesk.ui.focus_order import tab_in_order
from hubdesk.ui.forms import run_guarded


def _table(parent: QWidget, name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setTabKeyNavigation(False)  # Tab leaves the list
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    for column in range(1, columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


class CallsPage(QWidget):
    help_topic: ClassVar[str] = "calls"

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.calls: list[Call] = []
        self.notes: list[GuidanceNote] = []
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.news = QLabel(self)
        self.news.setObjectName("hubNews")
        self.calls_table = _table(self, "callsTable", 4)
        self.calls_table.itemSelectionChanged.connect(self._call_chosen)
        self.calls_table.doubleClicked.connect(lambda _i: self.open_call())
        opens_on_enter(self.calls_table, self.open_call)
        self.notes_table = _table(self, "notesTable", 2)
        self.notes_table.itemSelectionChanged.connect(self._note_chosen)
        self.notes_table.doubleClicked.connect(lambda _i: self.open_note())
        opens_on_enter(self.notes_table, self.open_note)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("callDetail")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        actions = {
            "new_call": self.new_record,
            "open": self.open_call,
            "publish": self.publish,
            "close": self.close_call,
            "print": self.print_call,
            "new_note": self.new_note,
            "publish_note": self.publish_note,
        }
        for key, slot in actions.items():
            button = QPushButton(self)
            button.setObjectName(f"calls_{key}")
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        for key in ("new_call", "publish", "close", "new_note", "publish_note"):
            self.buttons[key].setVisible(ctx.is_hub)
        lists = QVBoxLayout()
        self.calls_heading, self.notes_heading = QLabel(self), QLabel(self)
        self.open_only = QCheckBox(self)  # the dashboard's tile counts the calls open now
        self.open_only.setObjectName("callsOpenOnly")
        self.open_only.toggled.connect(lambda _on: self.refresh())
        heading = QHBoxLayout()
        heading.addWidget(self.calls_heading)
        heading.addStretch(1)
        heading.addWidget(self.open_only)
        lists.addLayout(heading)
        lists.addWidget(self.calls_table, 3)
        lists.addWidget(self.notes_heading)
        lists.addWidget(self.notes_table, 2)
        body = QHBoxLayout()
        body.addLayout(lists, 3)
        body.addWidget(self.detail, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.news)
        layout.addLayout(row)
        layout.addLayout(body, 1)
        # As on the list pages: the filter, the lists, what the chosen one says, the buttons
        # (the tick box had come after every button and list).
        tab_in_order(
            [self.open_only, self.calls_table, self.notes_table, self.detail,
             *self.buttons.values()]
        )  # fmt: skip
        self.refresh()

    # --- Page and ListCommands ---------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.current_call()
        only_open = self.open_only.isChecked()
        self.calls = calls.open_calls(self.ctx) if only_open else calls.list_calls(self.ctx)
        self.notes = calls.list_notes(self.ctx)
        self.retranslate()
        ids = [c.id for c in self.calls]
        if chosen is not None and chosen.id in ids:
            self.calls_table.selectRow(ids.index(chosen.id))
        elif self.calls and self.current_note() is None:
            # The first call is read at once: a page that opens on an empty pane beside one
            # call makes a person wonder what to click.
            self.calls_table.selectRow(0)

    def data_changed(self, what: str) -> None:
        if self.isVisible():
            self.refresh()

    def new_record(self) -> None:
        if not self.ctx.is_hub:
            return
        dialog = CallDialog(self.ctx, None, self)
        dialog.saved.connect(lambda _id: self._changed())
        dialog.exec()

    def focus_search(self) -> None:
        self.calls_table.setFocus()

    def show_filtered(self, **criteria: Any) -> None:
        """The calls open now (the dashboard's tile), or every call."""
        self.open_only.blockSignals(True)
        self.open_only.setChecked(bool(criteria.pop("open_now", False)))
        self.open_only.blockSignals(False)
        if criteria:
            raise TypeError(f"the calls page has no filter for {sorted(criteria)}")
        self.refresh()

    # --- actions ------------------------------------------------------------------------------

    def current_call(self) -> Call | None:
        rows = self.calls_table.selectionModel().selectedRows() if self.calls else []
        return self.calls[rows[0].row()] if rows and rows[0].row() < len(self.calls) else None

    def current_note(self) -> GuidanceNote | None:
        rows = self.notes_table.selectionModel().selectedRows() if self.notes else []
        return self.notes[rows[0].row()] if rows and rows[0].row() < len(self.notes) else None

    def open_call(self) -> None:
        call = self.current_call()
        if call is not None:
            dialog = CallDialog(self.ctx, call.id, self)
            dialog.saved.connect(lambda _id: self._changed())
            dialog.exec()

    def open_note(self) -> None:
        note = self.current_note()
        if note is not None:
            dialog = NoteDialog(self.ctx, note.id, self)
            dialog.saved.connect(lambda _id: self._changed())
            dialog.exec()

    def new_note(self) -> None:
        dialog = NoteDialog(self.ctx, None, self)
        dialog.saved.connect(lambda _id: self._changed())
        dialog.exec()

    def publish(self) -> None:
        call = self.current_call()
        if call is None or not dialogs.confirm(
            self,
            _("Publish the call"),
            _("Publish '{title}'? It goes to every municipality with the next bundles, and can "
              "then only be closed, not withdrawn.").format(title=call.title),
            yes=_("Publish"), no=_("Cancel"),
        ):  # fmt: skip
            return
        self._run(
            lambda: calls.publish_call(self.ctx, call.id, seen=call.version), _("Not published")
        )

    def close_call(self) -> None:
        call = self.current_call()
        if call is None or not dialogs.confirm(
            self,
            _("Close the call"),
            _("Close '{title}'? Proposals answering it can no longer be submitted.").format(
                title=call.title
            ),
            yes=_("Close the call"), no=_("Cancel"),
        ):  # fmt: skip
            return
        self._run(lambda: calls.close_call(self.ctx, call.id, seen=call.version), _("Not closed"))

    def publish_note(self) -> None:
        note = self.current_note()
        if note is not None:
            self._run(
                lambda: calls.publish_note(self.ctx, note.id, seen=note.version),
                _("Not published"),
            )

    def print_call(self) -> None:
        call = self.current_call()
        if call is not None:
            from hubdesk.ui.report_actions import print_report

            print_report(self, self.ctx, "call", call.id)

    def _run(self, action: Any, title: str) -> None:
        """``title`` names what was refused: a publication refused is not a save refused."""

        def refused(error: Any) -> None:
            dialogs.show_error(self, title, error.message)
            if isinstance(error, ChangedMeanwhile):
                self._changed()  # show what the colleague changed before anything is tried again

        if run_guarded(self, action, refused):
            self._changed()

    def _changed(self) -> None:
        self.refresh()
        window = self.window()
        if hasattr(window, "data_changed"):
            window.data_changed("calls")

    # --- showing ------------------------------------------------------------------------------

    def _call_chosen(self) -> None:
        call = self.current_call()
        if call is not None:
            self.notes_table.clearSelection()
            self.detail.setHtml(self._call_html(call))
        self._update_buttons()

    def _note_chosen(self) -> None:
        note = self.current_note()
        if note is not None:
            self.calls_table.clearSelection()
            self.detail.setPlainText(f"{note.title}\n\n{note.body}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        call, note = self.current_call(), self.current_note()
        self.buttons["open"].setEnabled(call is not None)
        self.buttons["print"].setEnabled(call is not None)
        self.buttons["publish"].setEnabled(call is not None and call.status == CallStatus.DRAFT)
        self.buttons["close"].setEnabled(call is not None and call.status == CallStatus.PUBLISHED)
        self.buttons["publish_note"].setEnabled(note is not None and note.published_on is None)

    def _call_html(self, call: Call) -> str:
        from html import escape

        def line(label: str, value: str) -> str:
            return f"<b>{escape(label)}</b> {escape(value or '–')}<br>"

        dates = " – ".join(format_date(d) if d else "–" for d in (call.opens_on, call.closes_on))
        parts = [
            f"<h3>{escape(call.title)}</h3>",
            line(_("Round") + ":", call.round),
            line(_("Status") + ":", CallStatus(call.status).label),
            line(_("Open for applications") + ":", dates),
            line(_("Ceiling per proposal") + ":", calls.limit_text(call.ceiling_minor)),
            line(_("Total envelope") + ":", calls.limit_text(call.envelope_minor)),
            line(_("Pillars") + ":", ", ".join(Pillar(p).label for p in call.pillars)),
            line(_("Themes") + ":", ", ".join(call.themes)),
            f"<p><b>{escape(_('Eligibility'))}</b><br>{escape(call.eligibility)}</p>",
            f"<p><b>{escape(_('What the application must contain'))}</b><br>"
            f"{escape(call.requirements)}</p>",
            f"<p><b>{escape(_('Review criteria'))}</b></p><ul>",
            *(
                f"<li>{escape(c.label)} ({c.weight})</li>"
                for c in calls.parse_criteria(call.criteria)
            ),
            "</ul>",
        ]
        receipts = published.receipts(self.ctx, "calls", call.id, current_language())
        if receipts:
            parts.append(f"<p><b>{escape(_('Received by'))}</b></p><ul>")
            for name, done in receipts:
                state = _("received") if done else _("not yet received")
                parts.append(f"<li>{escape(name)}: {escape(state)}</li>")
            parts.append("</ul>")
        parts += self._received_html(call)
        return "".join(parts)

    def _received_html(self, call: Call) -> list[str]:
        """At the hub: the proposals the call received, in the order they reached the hub."""
        from html import escape

        received = calls_received.received_proposals(self.ctx, call.id, current_language())
        if not received:
            return []
        parts = [f"<p><b>{escape(_('Proposals received'))}</b></p><ul>"]
        for r in received:
            line = _("{municipality}: {reference} {title}, reached the hub {date}").format(
                municipality=r.municipality,
                reference=r.reference,
                title=r.title,
                date=format_date(r.reached_on),
            )
            parts.append(f"<li>{escape(line)}")
            if r.late is not None:
                parts.append(f'<br><b style="color:#8c1d13">{escape(r.late.text())}</b>')
            parts.append("</li>")
        parts.append("</ul>")
        return parts

    def _news_text(self) -> str:
        if self.ctx.is_hub:
            lines = [
                _("{municipality}: {acknowledged} of {published} received").format(
                    municipality=d.name, acknowledged=d.acknowledged, published=d.published
                )
                for d in published.deliveries(self.ctx, current_language())
            ]
            return " · ".join(lines) or _("No municipality enrolled yet.")
        count = published.latest_news(self.ctx)
        open_now = len(calls.open_calls(self.ctx, clock.today()))
        text = ngettext("{count} call open now.", "{count} calls open now.", open_now).format(
            count=open_now
        )
        if count:
            text += " " + published.news_text(count) + " " + _("(in the last bundle)")
        return text

    def retranslate(self) -> None:
        self.title.setText(_("Calls for proposals"))
        self.calls_heading.setText(_("Calls for proposals"))
        self.notes_heading.setText(_("Guidance notes"))
        self.calls_table.setAccessibleName(_("Calls for proposals"))  # said by a screen reader
        self.notes_table.setAccessibleName(_("Guidance notes"))
        self.open_only.setText(_("Only the calls open now"))
        self.detail.setPlaceholderText(_("Choose a call or a guidance note to read it here."))
        labels = {
            "new_call": _("New call"),
            "open": _("Open the call"),
            "publish": _("Publish"),
            "close": _("Close the call"),
            "print": _("Print the call"),
            "new_note": _("New guidance note"),
            "publish_note": _("Publish the note"),
        }
        for key, text in labels.items():
            self.buttons[key].setText(text)
        self.news.setText(self._news_text())
        self.calls_table.setHorizontalHeaderLabels(
            [_("Title"), _("Round"), _("Status"), _("Closes on")]
        )
        self.calls_table.setRowCount(len(self.calls))
        for row, call in enumerate(self.calls):
            closes = format_date(call.closes_on) if call.closes_on else "–"
            texts = (call.title, call.round, CallStatus(call.status).label, closes)
            for column, text in enumerate(texts):
                self.calls_table.setItem(row, column, QTableWidgetItem(text))
        self.notes_table.setHorizontalHeaderLabels([_("Title"), _("Published on")])
        self.notes_table.setRowCount(len(self.notes))
        for row, note in enumerate(self.notes):
            day = format_date(note.published_on) if note.published_on else _("not yet published")
            for column, text in enumerate((note.title, day)):
                self.notes_table.setItem(row, column, QTableWidgetItem(text))
        chosen = self.current_call()
        if chosen is not None:  # its dates and the municipalities that received it, anew
            self.detail.setHtml(self._call_html(chosen))
        self._update_buttons()
