"""The hub's lists of several municipalities' records: a column naming each record's town in
the script of the window's language (picked at each paint, so a language switch follows)."""

from __future__ import annotations

from typing import Any

from hubdesk.i18n import N_, current_language
from hubdesk.services.context import ServiceContext
from hubdesk.services.town_names import TownNames, municipality_names, town_names
from hubdesk.ui.tablemodel import Column


class TownColumn:
    """The municipality of a record (its ``municipality_id``), read again with each page a
    list reads, so a municipality that came with an import is named at once."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.names: dict[str, str] = {}
        self.towns = TownNames({})
        self.column = Column(N_("Municipality"), self.town_of, None, width=18, elides=True)

    def town_of(self, record: Any) -> str:
        name = self.names.get(record.municipality_id, "")
        return self.towns.shown(record.municipality_id, name, current_language())

    def read(self) -> None:
        self.names = municipality_names(self.ctx, deleted_too=True)
        self.towns = town_names(self.ctx)
