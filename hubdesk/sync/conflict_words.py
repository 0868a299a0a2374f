"""A conflict in a person's words: which record it is about and, for each field the two
versions disagree on, its name and both values as the window writes them. The Sync page's
Conflicts tab and ``hubdesk conflicts list`` both say it this way, so a person deciding on
either reads the same names and values, never ids and database words."""

from __future__ import annotations

from typing import Any

from hubdesk.i18n import _, current_language
from hubdesk.services import history
from hubdesk.services.context import ServiceContext
from hubdesk.sync.conflicts import ConflictView
from hubdesk.sync.scope import AREA_LABELS
from hubdesk.tables.labels import display_value, field_label

# The fields that name a record for a person, in the order they are tried.
NAMING_FIELDS = ("title", "name", "reference", "subject", "description", "member_id")
# The records whose name says what kind of record they are: listed without their area.
SELF_NAMED = ("meetings", "fund_proposals")


def related_names(ctx: ServiceContext) -> dict[str, str]:
    """The names ids stand for (a team, a member), written in the language of the moment."""
    return history.related_names(ctx, current_language())


def record_name(table_name: str, version: dict[str, Any], names: dict[str, str]) -> str:
    """Which record a conflict is about, in words: a meeting by its team and moment (it has
    no title), a proposal by its reference and title (as a person who deleted it and sees it
    come back knows it), any other record by its title or name; "" when nothing names it."""

    def shown(field: str) -> str:
        return display_value(table_name, field, version.get(field), names=names)

    if table_name == "meetings":
        return _("Meeting of {team}, {when}").format(team=shown("team_id"), when=shown("starts_at"))
    if table_name == "fund_proposals":
        return _("Proposal {reference}, {title}").format(
            reference=shown("reference"), title=shown("title")
        )
    return next((shown(f) for f in NAMING_FIELDS if shown(f)), "")


def _own_name(view: ConflictView, names: dict[str, str], unnamed: str = "") -> str:
    """The record's name (``unnamed`` if it has none), and for a meeting's attendance, guest
    or decision its meeting's: "Ana Petrovska (Meeting of CAT Kumanovo, 5 Mar 2024, 10:00)"."""
    record = record_name(view.table, view.current or view.other, names) or unnamed
    if view.meeting is None:
        return record
    meeting = record_name("meetings", view.meeting, names)
    if not record:
        return meeting
    return _("{record} ({meeting})").format(record=record, meeting=meeting)


def named(view: ConflictView, names: dict[str, str]) -> str:
    """The record as it stands now (or as it was, if it is gone), else its area's name."""
    return _own_name(view, names, _(AREA_LABELS[view.table]))


def entry_name(view: ConflictView, names: dict[str, str]) -> str:
    """One conflict in a list of them: a meeting's or a proposal's name says what it is,
    another record's needs its area beside it ("Team members: Ana Petrović")."""
    record = _own_name(view, names)
    area = _(AREA_LABELS[view.table])
    if not record:
        return area
    if view.table in SELF_NAMED:
        return record
    return _("{area}: {record}").format(area=area, record=record)


def part_names(view: ConflictView, names: dict[str, str]) -> list[str]:
    """The records in a meeting or proposal whose deletion lost with it (``view.parts``)."""
    return [entry_name(part, names) for part in view.parts]


def differences(view: ConflictView, names: dict[str, str]) -> list[tuple[str, str, str]]:
    """Each field that differs: its name, the current value and the other version's, as the
    record's history writes them (a team by its name, a date as dates are written here); then
    the parts deleted with it, each field under the part's name (the head's "Deleted" row
    already tells that story)."""
    current = view.current or {}
    currency = current.get("currency") or view.other.get("currency")

    def shown(table: str, version: dict[str, Any], field: str) -> str:
        return display_value(table, field, version.get(field), currency=currency, names=names)

    rows = [
        (
            field_label(view.table, f),
            shown(view.table, current, f),
            shown(view.table, view.other, f),
        )
        for f in view.differing_fields()
    ]
    for part, name in zip(view.parts, part_names(view, names), strict=True):
        rows += [
            (
                _("{record}: {field}").format(record=name, field=field_label(part.table, f)),
                shown(part.table, part.current or {}, f),
                shown(part.table, part.other, f),
            )
            for f in part.differing_fields()
            if f != "deleted"
        ]
    return rows
