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
