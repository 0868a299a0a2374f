"""Municipalities' names in the reader's script, for the hub's lists of several of them.

A list names each municipality as it was typed ("Куманово", "Elbasan", "Novi Pazar"); a window
in Albanian or English should say "Kumanovo" and one in Macedonian or Serbian Cyrillic
"Нови Пазар", as reports do (``hubdesk.i18n.scripts``). One query gives each municipality's
other form and country; the window picks the form each time it draws, so a language switched in
Settings is followed at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hubdesk.domain import Municipality
from hubdesk.i18n.scripts import name_for_language
from hubdesk.services.context import ServiceContext


@dataclass(frozen=True)
class TownNames:
    forms: dict[str, tuple[str, str | None]]  # municipality id -> (other-script form, country)

    def shown(self, municipality_id: str | None, name: str, lang: str) -> str:
        """``name`` (of the municipality ``municipality_id``) written in ``lang``'s script; a
        city known by its name only (an exchange's partner not in the data) stays as typed."""
        other, country = self.forms.get(municipality_id or "", ("", None))
        return name_for_language(name, other, lang, country)


def town_names(ctx: ServiceContext) -> TownNames:
    with ctx.read() as session:
        rows = session.execute(
            select(Municipality.id, Municipality.name_other_script, Municipality.country)
        ).all()
    return TownNames({row[0]: (row[1] or "", row[2]) for row in rows})
