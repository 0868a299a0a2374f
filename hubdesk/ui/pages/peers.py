"""The Exchanges and Good practices pages (peer learning between cities).

Exchanges: a municipality lists and edits its own parts (each an exchange it took part in);
the hub lists the exchanges as it joins the cities' parts, with every city in each and whether
it confirmed, and joins or separates them by hand. Good practices: a municipality writes its
own (possibly from a completed proposal) and submits them; the hub answers the submissions and
publishes accepted ones; everyone reads the published library, read-only.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain import PublishedPractice
from hubdesk.domain.enums import Pillar, Theme
from hubdesk.domain.peers import CurationDecision, ExchangeKind, ExchangeRole, PracticeState
from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_date, format_money, format_number
from hubdesk.services import exchanges, practices
from hubdesk.services.context import ServiceContext
from hubdesk.services.exchanges import Exchange
from hubdesk.ui import dialogs
from hubdesk.ui.editors.peers import ExchangePartDialog, PracticeDialog
from hubdesk.ui.forms import run_guarded


def _table(
    parent: QWidget, name: str, columns: int, multi: bool = False, stretch: tuple[int, ...] = (2,)
) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    mode = QAbstractItemView.SelectionMode
    table.setSelectionMode(mode.ExtendedSelection if multi else mode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    for column in range(columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:  # long texts share the width left; short ones keep theirs
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(
    table: QTableWidget, rows: Sequence[Sequence[str]], numbers: tuple[int, ...] = ()
) -> None:
    """Rows of texts; the ``numbers`` columns right-aligned, as in every other list."""
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    table.setRowCount(len(rows))
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if c in numbers:
                item.setTextAlignment(right)
            table.setItem(r, c, item)


def _selected(table: QTableWidget) -> list[int]:
    return sorted({i.row() for i in table.selectionModel().selectedRows()})


class _Buttons:
    """A row of push buttons named ``<prefix>_<key>``."""

    def __init__(self, owner: QWidget, prefix: str, actions: dict[str, Any]) -> None:
        self.row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in actions.items():
            button = QPushButton(owner)
            button.setObjectName(f"{prefix}_{key}")
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = button
            self.row.addWidget(button)
        self.row.addStretch(1)

    def __getitem__(self, key: str) -> QPushButton:
        return self.buttons[key]


def _changed(page: QWidget, what: str) -> None:
    page.refresh()  # type: ignore[attr-defined]
    window = page.window()
    if hasattr(window, "data_changed"):
        window.data_changed(what)


def _run(page: QWidget, action: Any, what: str) -> bool:
    def refused(error: Any) -> None:
        dialogs.show_error(page, _("Not saved"), error.message)

    if run_guarded(page, action, refused):
        _changed(page, what)
        return True
    return False


class ExchangesPage(QWidget):
    help_topic: ClassVar[str] = "exchanges"

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.exchanges: list[Exchange] = []
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.table = _table(self, "exchangesTable", 5, multi=ctx.is_hub)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.table.doubleClicked.connect(lambda _i: self.open_part())
        self.parts = _table(self, "exchangePartsTable", 4)
        self.parts.itemSelectionChanged.connect(self._update_buttons)
        self.parts.doubleClicked.connect(lambda _i: self.open_part())
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("exchangeDetail")
        self.buttons = _Buttons(self, "exchanges", {
            "new": self.new_record, "open": self.open_part, "delete": self.delete_part,
            "join": self.join, "separate": self.separate,
        })  # fmt: skip
        for key in ("new", "delete"):
            self.buttons[key].setVisible(ctx.municipality_id is not None)
        for key in ("join", "separate"):
            self.buttons[key].setVisible(ctx.is_hub)
        self.parts.setVisible(ctx.is_hub)
        right = QVBoxLayout()
        right.addWidget(self.detail, 2)
        right.addWidget(self.parts, 1)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addLayout(self.buttons.row)
        layout.addLayout(body, 1)
        self.refresh()

    # --- Page ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.exchanges = exchanges.list_exchanges(self.ctx)
        self.retranslate()

    def data_changed(self, what: str) -> None:
        if self.isVisible():
            self.refresh()

    def focus_search(self) -> None:
        self.table.setFocus()

    def show_filtered(self, **criteria: Any) -> None:
        self.refresh()

    # --- actions ------------------------------------------------------------------------------

    def current(self) -> Exchange | None:
        rows = _selected(self.table) if self.exchanges else []
        return self.exchanges[rows[0]] if rows and rows[0] < len(self.exchanges) else None

    def current_part_id(self) -> str | None:
        exchange = self.current()
        if exchange is None:
            return None
        if not self.ctx.is_hub:
            return exchange.parts[0].id
        rows = _selected(self.parts)
        if rows and rows[0] < len(exchange.parts):
            return exchange.parts[rows[0]].id
        return exchange.parts[0].id if len(exchange.parts) == 1 else None

    def new_record(self) -> None:
        if self.ctx.municipality_id is None:  # the hub records no part of its own
            return
        dialog = ExchangePartDialog(self.ctx, None, self)
        dialog.saved.connect(lambda _id: _changed(self, "exchanges"))
        dialog.exec()

    def open_part(self) -> None:
        part_id = self.current_part_id()
        if part_id is not None:
            dialog = ExchangePartDialog(self.ctx, part_id, self)
            dialog.saved.connect(lambda _id: _changed(self, "exchanges"))
            dialog.exec()

    def delete_part(self) -> None:
        part_id = self.current_part_id()
        if part_id is not None and dialogs.confirm_delete(self, _("this exchange")):
            _run(self, lambda: exchanges.delete_part(self.ctx, part_id), "exchanges")

    def join(self) -> None:
        keys = [self.exchanges[r].key for r in _selected(self.table)]
        if len(keys) < 2:
            dialogs.inform(self, _("Join exchanges"), _("Choose two or more exchanges to join."))
            return
        note, ok = QInputDialog.getText(self, _("Join exchanges"), _("Why are these one exchange?"))
        if ok:
            _run(self, lambda: exchanges.join_exchanges(self.ctx, keys, note), "exchanges")

    def separate(self) -> None:
        part_id = self.current_part_id()
        if part_id is not None:
            _run(self, lambda: exchanges.separate_part(self.ctx, part_id), "exchanges")

    # --- showing ------------------------------------------------------------------------------

    def _chosen(self) -> None:
        exchange = self.current()
        self.detail.setHtml(
            self._html(exchange)
            if exchange is not None
            else _hint(_("Choose an exchange in the list: its cities, what was learned and the "
                         "follow-up show here."))
        )  # fmt: skip
        rows = []
        for part in exchange.parts if exchange is not None else []:
            city = next((c.name for c in exchange.cities  # type: ignore[union-attr]
                         if c.municipality_id == part.municipality_id), "")  # fmt: skip
            rows.append(
                (city, ExchangeRole(part.role).label, part.topic, format_number(part.participants))
            )
        _fill(self.parts, rows, numbers=(3,))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current()
        part = self.current_part_id()
        self.buttons["open"].setEnabled(part is not None)
        self.buttons["delete"].setEnabled(part is not None)
        self.buttons["join"].setEnabled(len(_selected(self.table)) > 1)
        self.buttons["separate"].setEnabled(
            chosen is not None and len(chosen.parts) > 1 and bool(_selected(self.parts))
        )

    def _how(self, e: Exchange) -> str:
        if e.how == exchanges.HAND:
            who = f" ({', '.join(e.decided_by)})" if e.decided_by else ""
            return _("joined by hand at the hub") + who
        if e.how == exchanges.AUTO:
            return _("joined automatically: same host, overlapping dates")
        if self.ctx.is_hub:
            return _("recorded by one city only, not confirmed by another city")
        return ""

    def _html(self, e: Exchange) -> str:
        lead = e.lead
        dates = f"{format_date(e.starts_on)} – {format_date(e.ends_on)}"
        lines = [
            f"<h3>{escape(ExchangeKind(lead.kind).label)}: {escape(lead.topic)}</h3>",
            f"<p>{escape(dates)}<br>{escape(Pillar(lead.pillar).label)}</p>",
        ]
        themes = sorted({t for p in e.parts for t in p.themes})
        if themes:
            lines.append(f"<p>{escape(', '.join(Theme(t).label for t in themes))}</p>")
        how = self._how(e)
        if how:
            lines.append(f"<p><i>{escape(how)}</i></p>")
        if e.note:
            lines.append(f"<p>{escape(e.note)}</p>")
        lines.append(f"<p><b>{escape(_('Municipalities'))}</b></p><ul>")
        for c in e.cities:
            mark = "" if c.confirmed or not self.ctx.is_hub else " — " + _("not confirmed")
            role = _("host") if c.role == ExchangeRole.HOST else _("visitor")
            lines.append(f"<li>{escape(c.name)} ({escape(role)}){escape(mark)}</li>")
        lines.append("</ul>")
        lines.append(f"<p><b>{escape(_('Participants'))}:</b> {e.participants}</p>")
        for p in e.parts:
            for label, text in ((_("What was learned"), p.learned), (_("Follow-up"), p.follow_up)):
                if text:
                    lines.append(f"<p><b>{escape(label)}</b><br>{escape(text)}</p>")
        return "".join(lines)

    def retranslate(self) -> None:
        self.title.setText(_("Exchanges between cities"))
        self.explain.setText(
            _("Each city records its own part; the hub joins the parts of one exchange.")
            if self.ctx.is_hub
            else _("Record this municipality's part of each study visit, peer review or joint "
                   "training; the hub joins it with the other cities' parts.")
        )  # fmt: skip
        labels = {"new": _("New exchange"), "open": _("Open the exchange"), "delete": _("Delete"),
                  "join": _("Join the selected exchanges"),
                  "separate": _("Separate the chosen part")}  # fmt: skip
        for key, text in labels.items():
            self.buttons[key].setText(text)
        self.table.setHorizontalHeaderLabels(
            [_("First day"), _("Kind"), _("Topic"), _("Municipalities"), _("Participants")]
        )
        rows = []
        for e in self.exchanges:
            names = ", ".join(
                c.name + ("" if c.confirmed or not self.ctx.is_hub else " (?)") for c in e.cities
            )
            kind = ExchangeKind(e.lead.kind).label
            rows.append((format_date(e.starts_on, fmt="short"), kind, e.lead.topic, names,
                         format_number(e.participants)))  # fmt: skip
        _fill(self.table, rows, numbers=(4,))
        self.parts.setHorizontalHeaderLabels(
            [_("Municipality"), _("Part"), _("Topic"), _("Participants")]
        )
        self._chosen()


class PracticesPage(QWidget):
    help_topic: ClassVar[str] = "practices"

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[practices.PracticeRow] = []
        self.library: list[PublishedPractice] = []
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.tabs = QTabWidget(self)
        own = QWidget()
        self.table = _table(own, "practicesTable", 4, stretch=(2, 3))
        self.table.itemSelectionChanged.connect(self._own_chosen)
        self.table.doubleClicked.connect(lambda _i: self.open_practice())
        self.own_detail = QTextBrowser(own)
        self.buttons = _Buttons(self, "practices", {
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
        own_layout = QVBoxLayout(own)
        own_layout.addLayout(self.buttons.row)
        own_layout.addLayout(own_body, 1)
        shelf = QWidget()
        self.library_table = _table(shelf, "libraryTable", 4, stretch=(2, 3))
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
        if self.ctx.is_hub:  # the curation queue first: what waits for the hub's answer
            self.rows.sort(key=lambda r: r.state is not PracticeState.SUBMITTED)
        self.library = practices.list_published(self.ctx)
        self.retranslate()

    def data_changed(self, what: str) -> None:
        if self.isVisible():
            self.refresh()

    def focus_search(self) -> None:
        self.table.setFocus()

    def show_filtered(self, **criteria: Any) -> None:
        self.refresh()

    # --- actions ------------------------------------------------------------------------------

    def current(self) -> practices.PracticeRow | None:
        rows = _selected(self.table) if self.rows else []
        return self.rows[rows[0]] if rows and rows[0] < len(self.rows) else None

    def current_published(self) -> PublishedPractice | None:
        rows = _selected(self.library_table) if self.library else []
        return self.library[rows[0]] if rows and rows[0] < len(self.library) else None

    def new_record(self, prefill: dict[str, Any] | None = None) -> None:
        if self.ctx.municipality_id is None:  # the hub writes no practice of its own
            return
        dialog = PracticeDialog(self.ctx, None, self, prefill)
        dialog.saved.connect(lambda _id: _changed(self, "practices"))
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
            dialog.saved.connect(lambda _id: _changed(self, "practices"))
            dialog.exec()

    def submit(self) -> None:
        row = self.current()
        if row is not None:
            _run(self, lambda: practices.submit_practice(self.ctx, row.practice.id), "practices")

    def delete(self) -> None:
        row = self.current()
        if row is not None and dialogs.confirm_delete(self, _("this good practice")):
            _run(self, lambda: practices.delete_practice(self.ctx, row.practice.id), "practices")

    def accept(self) -> None:
        row = self.current()
        if row is None:
            return
        summary, ok = QInputDialog.getMultiLineText(
            self, _("Accept the good practice"), _("The hub's summary, in English:"),
            row.practice.title,
        )  # fmt: skip
        if ok:
            _run(self, lambda: practices.curate(self.ctx, row.practice.id,
                 CurationDecision.ACCEPTED.value, summary=summary), "practices")  # fmt: skip

    def return_it(self) -> None:
        row = self.current()
        if row is None:
            return
        note, ok = QInputDialog.getMultiLineText(
            self, _("Return the good practice"), _("What should the municipality change?")
        )
        if ok:
            _run(self, lambda: practices.curate(self.ctx, row.practice.id,
                 CurationDecision.RETURNED.value, note=note), "practices")  # fmt: skip

    def publish(self) -> None:
        row = self.current()
        if row is not None and dialogs.confirm(
            self, _("Publish the good practice"),
            _("Publish '{title}'? It goes to every municipality with the next bundles.").format(
                title=row.practice.title),
            yes=_("Publish"), no=_("Cancel"),
        ):  # fmt: skip
            _run(self, lambda: practices.publish(self.ctx, row.practice.id), "practices")

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
        labels = {
            "new": _("New good practice"), "from_proposal": _("From a completed proposal"),
            "open": _("Open the practice"), "submit": _("Submit to the hub"),
            "delete": _("Delete"),
            "accept": _("Accept"), "return": _("Return"), "publish": _("Publish"),
        }  # fmt: skip
        for key, text in labels.items():
            self.buttons[key].setText(text)
        self.print_button.setText(_("Print the practice"))
        self.table.setHorizontalHeaderLabels(
            [_("Municipality"), _("State"), _("Title"), _("Pillar")]
        )
        _fill(self.table, [(r.municipality, r.state.label, r.practice.title,
                            Pillar(r.practice.pillar).label) for r in self.rows])  # fmt: skip
        self.library_table.setHorizontalHeaderLabels(
            [_("Published on"), _("Municipality"), _("Title"), _("Pillar")]
        )
        _fill(self.library_table, [
            (format_date(p.published_on, fmt="short") if p.published_on
             else _("not yet published"),
             p.municipality_name, p.title, Pillar(p.pillar).label)
            for p in self.library
        ])  # fmt: skip
        self._own_chosen()
        self._library_chosen()


def _hint(text: str) -> str:
    """What the empty panel beside a list says until a row is chosen (grey, as the hints)."""
    return f'<p style="color:#55616c">{escape(text)}</p>'


def _practice_hint() -> str:
    return _hint(_("Choose a practice in the list to read it here."))


def practice_html(p: PublishedPractice) -> str:
    """A published practice as the library shows it: the hub's summary, then the case."""
    out = [f"<h3>{escape(p.title)}</h3>", f"<p>{escape(p.municipality_name)}</p>"]
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
