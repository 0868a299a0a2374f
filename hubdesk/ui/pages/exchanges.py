"""The Exchanges page (peer learning between cities).

A municipality lists and edits its own parts (each an exchange it took part in); the hub lists
the exchanges as it joins the cities' parts, with every city in each and whether it confirmed,
and joins or separates them by hand.
"""

from __future__ import annotations

from html import escape
from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import Pillar, Theme
from hubdesk.domain.peers import ExchangeKind, ExchangeRole
from hubdesk.i18n import _, current_language
from hubdesk.i18n.formatting import format_date, format_number
from hubdesk.services import exchanges
from hubdesk.services.context import ServiceContext
from hubdesk.services.exchanges import City, Exchange, ExchangeFilter
from hubdesk.services.town_names import TownNames, town_names
from hubdesk.ui import dialogs
from hubdesk.ui.date_fields import DateRangeFilter
from hubdesk.ui.editors.peers import ExchangePartDialog
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


class ExchangesPage(QWidget):
    help_topic: ClassVar[str] = "exchanges"

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.exchanges: list[Exchange] = []
        self.towns = TownNames({})
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.table = list_table(self, "exchangesTable", 5, multi=ctx.is_hub)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.table.doubleClicked.connect(lambda _i: self.open_part())
        opens_on_enter(self.table, self.open_part)
        self.parts = list_table(self, "exchangePartsTable", 4)
        self.parts.itemSelectionChanged.connect(self._update_buttons)
        self.parts.doubleClicked.connect(lambda _i: self.open_part())
        opens_on_enter(self.parts, self.open_part)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("exchangeDetail")
        self.buttons = Buttons(self, "exchanges", {
            "new": self.new_record, "open": self.open_part, "delete": self.delete_part,
            "join": self.join, "separate": self.separate,
        })  # fmt: skip
        for key in ("new", "delete"):
            self.buttons[key].setVisible(ctx.municipality_id is not None)
        for key in ("join", "separate"):
            self.buttons[key].setVisible(ctx.is_hub)
        self.parts.setVisible(ctx.is_hub)
        # The dashboard's tile counts the exchanges of twelve months: a click shows those.
        self.dates = DateRangeFilter(self)
        self.dates.setObjectName("exchangeDates")
        self.dates.changed.connect(self.refresh)
        self.buttons.row.addWidget(self.dates)
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

    def town(self, city: City) -> str:
        """A city of an exchange named in the script of the window's language."""
        return self.towns.shown(city.municipality_id, city.name, current_language())

    def refresh(self) -> None:
        first, last = self.dates.value()
        found = exchanges.list_exchanges(self.ctx, ExchangeFilter(date_from=first, date_to=last))
        self.exchanges = found
        self.towns = town_names(self.ctx)
        self.retranslate()

    def data_changed(self, what: str) -> None:
        if self.isVisible():
            self.refresh()

    def focus_search(self) -> None:
        self.table.setFocus()

    def show_filtered(self, **criteria: Any) -> None:
        self.dates.set_value(criteria.get("date_from"), criteria.get("date_to"))
        self.refresh()

    # --- actions ------------------------------------------------------------------------------

    def current(self) -> Exchange | None:
        rows = selected_rows(self.table) if self.exchanges else []
        return self.exchanges[rows[0]] if rows and rows[0] < len(self.exchanges) else None

    def current_part_id(self) -> str | None:
        exchange = self.current()
        if exchange is None:
            return None
        if not self.ctx.is_hub:
            return exchange.parts[0].id
        rows = selected_rows(self.parts)
        if rows and rows[0] < len(exchange.parts):
            return exchange.parts[rows[0]].id
        return exchange.parts[0].id if len(exchange.parts) == 1 else None

    def new_record(self) -> None:
        if self.ctx.municipality_id is None:  # the hub records no part of its own
            return
        dialog = ExchangePartDialog(self.ctx, None, self)
        dialog.saved.connect(lambda _id: changed(self, "exchanges"))
        dialog.exec()

    def open_part(self) -> None:
        part_id = self.current_part_id()
        if part_id is not None:
            dialog = ExchangePartDialog(self.ctx, part_id, self)
            dialog.saved.connect(lambda _id: changed(self, "exchanges"))
            dialog.exec()

    def delete_part(self) -> None:
        part_id = self.current_part_id()
        if part_id is not None and dialogs.confirm_delete(self, _("this exchange")):
            run_action(self, lambda: exchanges.delete_part(self.ctx, part_id), "exchanges")

    def join(self) -> None:
        chosen = [self.exchanges[r] for r in selected_rows(self.table)]
        if len(chosen) < 2:
            dialogs.inform(self, _("Join exchanges"), _("Choose two or more exchanges to join."))
            return
        note, ok = QInputDialog.getText(self, _("Join exchanges"), _("Why are these one exchange?"))
        if not ok:
            return
        keys = [e.key for e in chosen]
        seen = [[p.id for p in e.parts] for e in chosen]  # only these, as the list shows them

        def join() -> Exchange:
            return exchanges.join_exchanges(self.ctx, keys, note, seen)

        if not run_action(self, join, "exchanges"):
            self.refresh()  # a colleague's grouping, as it is now

    def separate(self) -> None:
        part_id = self.current_part_id()
        if part_id is not None:
            run_action(self, lambda: exchanges.separate_part(self.ctx, part_id), "exchanges")

    # --- showing ------------------------------------------------------------------------------

    def _chosen(self) -> None:
        exchange = self.current()
        self.detail.setHtml(
            self._html(exchange)
            if exchange is not None
            else hint(_("Choose an exchange in the list: its cities, what was learned and the "
                         "follow-up show here."))
        )  # fmt: skip
        rows = []
        for part in exchange.parts if exchange is not None else []:
            city = next((self.town(c) for c in exchange.cities  # type: ignore[union-attr]
                         if c.municipality_id == part.municipality_id), "")  # fmt: skip
            rows.append(
                (city, ExchangeRole(part.role).label, part.topic, format_number(part.participants))
            )
        fill(self.parts, rows, numbers=(3,))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current()
        part = self.current_part_id()
        self.buttons["open"].setEnabled(part is not None)
        self.buttons["delete"].setEnabled(part is not None)
        self.buttons["join"].setEnabled(len(selected_rows(self.table)) > 1)
        self.buttons["separate"].setEnabled(
            chosen is not None and len(chosen.parts) > 1 and bool(selected_rows(self.parts))
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
            lines.append(f"<li>{escape(self.town(c))} ({escape(role)}){escape(mark)}</li>")
        lines.append("</ul>")
        lines.append(f"<p><b>{escape(_('Participants'))}:</b> {e.participants}</p>")
        for p in e.parts:
            for label, text in ((_("What was learned"), p.learned), (_("Follow-up"), p.follow_up)):
                if text:
                    lines.append(f"<p><b>{escape(label)}</b><br>{escape(text)}</p>")
        return "".join(lines)

    def retranslate(self) -> None:
        self.title.setText(_("Exchanges between cities"))
        self.table.setAccessibleName(_("Exchanges between cities"))  # said by a screen reader
        self.parts.setAccessibleName(_("Municipalities"))  # each city's part of the chosen one
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
                self.town(c) + ("" if c.confirmed or not self.ctx.is_hub else " (?)")
                for c in e.cities
            )
            kind = ExchangeKind(e.lead.kind).label
            rows.append((format_date(e.starts_on, fmt="short"), kind, e.lead.topic, names,
                         format_number(e.participants)))  # fmt: skip
        fill(self.table, rows, numbers=(4,))
        self.parts.setHorizontalHeaderLabels(
            [_("Municipality"), _("Part"), _("Topic"), _("Participants")]
        )
        self.dates.retranslate()
        self._chosen()
