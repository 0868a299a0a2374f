"""What an import does beyond merging its rows, in a focal point's words: the window's preview
and ``hubdesk import --dry-run`` say the same sentences.

The counts per area say how many records change; they do not say that a meeting or a fund
proposal deleted on this PC comes back (``group_merge``: ``meeting_merge``, ``proposal_merge``)
or that budget lines a laptop added to a proposal since submitted are deleted
(``proposal_parts``). The importer's ``_after_merge`` returns both, for the preview as for the
import; this module names the records (inside the preview's session, before it is rolled back:
the meeting's team may be one the bundle brings) and words them. A record that comes back is
named as the Conflicts tab names it (a meeting by its team and moment, a proposal by its
reference and title), for that is where the person who deleted it will find it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import FundProposal, Municipality, Team
from hubdesk.i18n import NN_, _, current_language, ngettext
from hubdesk.i18n.formatting import format_datetime, format_number
from hubdesk.i18n.scripts import name_for_language
from hubdesk.sync.group_merge import CameBack
from hubdesk.sync.proposal_parts import TABLES, Removed

SHOWN = 10  # records that come back named one per line; past that, "…"
BULLET = "• "  # a sentence under the one before it (the window hangs its lines)

# Keyed by whether the deletion was made on this PC.
MEETINGS: dict[bool, tuple[str, str]] = {
    True: NN_(
        "{n} meeting deleted on this PC comes back: it was changed on another PC meanwhile.",
        "{n} meetings deleted on this PC come back: they were changed on another PC meanwhile.",
    ),
    False: NN_(
        "{n} meeting deleted on another PC is kept: it was changed on this PC meanwhile.",
        "{n} meetings deleted on another PC are kept: they were changed on this PC meanwhile.",
    ),
}
WITH_IT: dict[bool, tuple[str, str]] = {
    True: NN_(
        "{meeting}: {n} record deleted with it comes back too.",
        "{meeting}: {n} records deleted with it come back too.",
    ),
    False: NN_(
        "{meeting}: {n} record deleted with it is kept too.",
        "{meeting}: {n} records deleted with it are kept too.",
    ),
}
PROPOSALS: dict[bool, tuple[str, str]] = {
    True: NN_(
        "{n} fund proposal deleted on this PC comes back: it was changed on another PC meanwhile.",
        "{n} fund proposals deleted on this PC come back: they were changed on another PC"
        " meanwhile.",
    ),
    False: NN_(
        "{n} fund proposal deleted on another PC is kept: it was changed on this PC meanwhile.",
        "{n} fund proposals deleted on another PC are kept: they were changed on this PC"
        " meanwhile.",
    ),
}
PROPOSAL_WITH_IT: dict[bool, tuple[str, str]] = {
    True: NN_(
        "{proposal}: {n} record deleted with it comes back too.",
        "{proposal}: {n} records deleted with it come back too.",
    ),
    False: NN_(
        "{proposal}: {n} record deleted with it is kept too.",
        "{proposal}: {n} records deleted with it are kept too.",
    ),
}
# Per kind of record that comes back (``group_merge.CameBack.table``): its sentence and the
# sentence of what came back with one of them.
CAME_BACK = {"meetings": (MEETINGS, WITH_IT), "fund_proposals": (PROPOSALS, PROPOSAL_WITH_IT)}
# Which key of ``hubdesk import --json`` names such a record.
ID_KEYS = {"meetings": "meeting_id", "fund_proposals": "proposal_id"}
# Keyed by table and whether the part was added on this PC.
PARTS: dict[tuple[str, bool], tuple[str, str]] = {
    ("budget_lines", False): NN_(
        "{n} budget line added on another PC to a proposal submitted meanwhile will be removed"
        " ({proposals}).",
        "{n} budget lines added on another PC to a proposal submitted meanwhile will be removed"
        " ({proposals}).",
    ),
    ("budget_lines", True): NN_(
        "{n} budget line added on this PC to a proposal submitted meanwhile will be removed"
        " ({proposals}).",
        "{n} budget lines added on this PC to a proposal submitted meanwhile will be removed"
        " ({proposals}).",
    ),
    ("proposal_activities", False): NN_(
        "{n} workplan activity added on another PC to a proposal submitted meanwhile will be"
        " removed ({proposals}).",
        "{n} workplan activities added on another PC to a proposal submitted meanwhile will be"
        " removed ({proposals}).",
    ),
    ("proposal_activities", True): NN_(
        "{n} workplan activity added on this PC to a proposal submitted meanwhile will be"
        " removed ({proposals}).",
        "{n} workplan activities added on this PC to a proposal submitted meanwhile will be"
        " removed ({proposals}).",
    ),
    ("proposal_indicators", False): NN_(
        "{n} indicator added on another PC to a proposal submitted meanwhile will be removed"
        " ({proposals}).",
        "{n} indicators added on another PC to a proposal submitted meanwhile will be removed"
        " ({proposals}).",
    ),
    ("proposal_indicators", True): NN_(
        "{n} indicator added on this PC to a proposal submitted meanwhile will be removed"
        " ({proposals}).",
        "{n} indicators added on this PC to a proposal submitted meanwhile will be removed"
        " ({proposals}).",
    ),
}


def names(
    session: Session, came_back: Sequence[CameBack], removed: Sequence[Removed]
) -> dict[str, str]:
    """The names of the teams and proposals the sentences mention, teams in the script of the
    window's language, read in the import's (or the preview's) own session."""
    out: dict[str, str] = {}
    teams = sorted({c.named["team_id"] for c in came_back if c.table == "meetings"})
    if teams:
        query = select(Team, Municipality.country).join(
            Municipality, Municipality.id == Team.municipality_id
        )
        lang = current_language()
        for team, country in session.execute(query.where(Team.id.in_(teams))):
            out[team.id] = name_for_language(team.name, team.name_other_script, lang, country)
    proposals = sorted({r.proposal_id for r in removed})
    if proposals:
        titles = select(FundProposal.id, FundProposal.title).where(FundProposal.id.in_(proposals))
        out.update({pid: title for pid, title in session.execute(titles)})
    return out


def lines(
    came_back: Sequence[CameBack], removed: Sequence[Removed], names: dict[str, str]
) -> list[str]:
    """One sentence per kind of thing the import does beyond its counts (none: [])."""
    out: list[str] = []
    for table, (sentences, with_it) in CAME_BACK.items():
        for here in (True, False):
            heads = [c for c in came_back if c.table == table and c.deleted_here is here]
            if heads:
                out.append(_plural(sentences[here], len(heads)))
                out.extend(_came_back_line(c, names, with_it[here]) for c in heads[:SHOWN])
                if len(heads) > SHOWN:
                    out.append("…")
    for table in TABLES:
        for here in (False, True):
            group = [r for r in removed if r.table == table and r.added_here is here]
            if group:
                titles = dict.fromkeys(names.get(r.proposal_id, "") for r in group)
                shown = ", ".join(t for t in titles if t)
                out.append(_plural(PARTS[table, here], len(group), proposals=shown))
    return out


def _came_back_line(came: CameBack, names: dict[str, str], with_it: tuple[str, str]) -> str:
    placeholder, name = _named(came, names)
    count = sum(came.parts.values())
    return BULLET + (_plural(with_it, count, **{placeholder: name}) if count else name)


def _named(came: CameBack, names: dict[str, str]) -> tuple[str, str]:
    """The record as the Conflicts tab names it, and its placeholder in the sentences."""
    named = came.named
    if came.table == "meetings":
        team = names.get(named["team_id"], "")
        when = format_datetime(named["starts_at"], time_fmt="short")
        return "meeting", _("Meeting of {team}, {when}").format(team=team, when=when)
    reference, title = named["reference"], named["title"]
    return "proposal", _("Proposal {reference}, {title}").format(reference=reference, title=title)


def _plural(forms: tuple[str, str], n: int, **values: str) -> str:
    return ngettext(*forms, n).format(n=format_number(n), **values)


def to_json(came_back: Sequence[CameBack], removed: Sequence[Removed]) -> dict[str, Any]:
    """The same for ``hubdesk import --json``: which records, by id."""
    return {
        "came_back": [
            {ID_KEYS[c.table]: c.record_id, "deleted_here": c.deleted_here, "parts": c.parts}
            for c in came_back
        ],
        "removed_parts": [
            {
                "table": r.table,
                "id": r.part_id,
                "proposal_id": r.proposal_id,
                "added_here": r.added_here,
            }
            for r in removed
        ],
    }
