"""Municipalities' names in the reader's script, for the hub's lists of several of them.

A list names each municipality as it was typed ("Куманово", "Elbasan", "Novi Pazar"); a window
in Albanian or English should say "Kumanovo" and one in Macedonian or Serbian Cyrillic
"Нови Пазар", as reports do (``hubdesk.i18n.scripts``). One query gives each municipality's
other form and country; the window picks the form each time it draws, so a language switched in
Settings is followed at once. Installations (peers) are mostly named after their municipality
and get the same treatment; a team carries its own other form and its municipality's country.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hubdesk.domain import Municipality, Peer
from hubdesk.i18n import current_language
from hubdesk.i18n.scripts import name_for_language
from hubdesk.services import team
from hubdesk.services.context import ServiceContext


@dataclass(frozen=True)
class TownNames:
    forms: dict[str, tuple[str, str | None]]  # municipality id -> (other-script form, country)

    def shown(self, municipality_id: str | None, name: str, lang: str) -> str:
        """``name`` (of the municipality ``municipality_id``) written in ``lang``'s script; a
        city known by its name only (an exchange's partner not in the data) stays as typed."""
        other, country = self.forms.get(municipality_id or "", ("", None))
        return name_for_language(name, other, lang, country)

    def of_peer(self, peer: Peer, lang: str) -> str:
        """A peer installation's name in ``lang``'s script. Named after its municipality (as
        the profile makes it), it takes the municipality's own other form; any other name (a
        field laptop's) is written by its country's rule; a hub's name stays as typed."""
        name = peer.name or peer.municipality_name
        if peer.municipality_id in self.forms and name.strip() == peer.municipality_name.strip():
            return self.shown(peer.municipality_id, name, lang)
        return name_for_language(name, "", lang, peer.country)

    def of_team(self, municipality_id: str | None, name: str, other: str, lang: str) -> str:
        """A team's name (which usually carries its town's) in ``lang``'s script, by the
        country of its municipality."""
        _form, country = self.forms.get(municipality_id or "", ("", None))
        return name_for_language(name, other, lang, country)


def municipality_names(ctx: ServiceContext, *, deleted_too: bool = False) -> dict[str, str]:
    """The municipalities this installation holds records of (the hub: the region), by name
    as typed: for a filter and a column of the hub's lists. A column names a record's town
    also when the town was removed since (``deleted_too``); a filter offers the live ones."""
    query = select(Municipality.id, Municipality.name).order_by(Municipality.name)
    if not deleted_too:
        query = query.where(~Municipality.deleted)
    if ctx.municipality_id is not None:
        query = query.where(Municipality.id == ctx.municipality_id)
    with ctx.read() as session:
        return {mid: name for mid, name in session.execute(query)}


def town_choices(ctx: ServiceContext, lang: str | None = None) -> list[tuple[str, str]]:
    """(id, name) of the municipalities a filter offers, each in the window's script, in the
    order of the names shown."""
    towns, lang = town_names(ctx), lang or current_language()
    shown = [(mid, towns.shown(mid, name, lang)) for mid, name in municipality_names(ctx).items()]
    return sorted(shown, key=lambda item: item[1].casefold())


def town_names(ctx: ServiceContext) -> TownNames:
    with ctx.read() as session:
        rows = session.execute(
            select(Municipality.id, Municipality.name_other_script, Municipality.country)
        ).all()
    return TownNames({row[0]: (row[1] or "", row[2]) for row in rows})


def team_choices(ctx: ServiceContext, lang: str | None = None) -> list[tuple[str, str]]:
    """(id, name) of the teams a form or a filter offers, each name in the window's script: a
    Kumanovo team typed in Cyrillic reads in Latin letters in an Albanian or Croatian window,
    as the lists and reports write it (the hub's: every municipality's teams)."""
    teams = team.list_teams(ctx)
    if not teams:
        return []
    towns, lang = town_names(ctx), lang or current_language()
    return [
        (t.id, towns.of_team(t.municipality_id, t.name, t.name_other_script, lang)) for t in teams
    ]
