"""What differs between importing one kind of record and another (members, youth activities,
trainings, community activities, engagements).

Validation is the area service's own check, called as the form's save would call it, so a row
of a spreadsheet is accepted exactly when the same values typed into the form would be.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hubdesk.domain import CommunityActivity, Engagement, Member, Training, YouthActivity
from hubdesk.domain.base import Synced
from hubdesk.domain.enums import COUNT_COLUMNS
from hubdesk.i18n import N_
from hubdesk.services import community, engagements, team, trainings, trainings_summary, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.services.rules.community import GENDERS

Key = tuple[Any, ...] | None


def fold(value: Any) -> str:
    """A text as matching compares it: case and runs of spaces do not count."""
    return " ".join(str(value or "").split()).casefold()


@dataclass(frozen=True)
class ImportRules:
    model: type[Synced]
    # Every live record of this municipality the sheet may match.
    existing: Callable[[ServiceContext], list[Any]]
    # The natural key rows and records are matched on when the sheet has no HubDesk id.
    key: Callable[[Mapping[str, Any]], Key]
    # The service's check: the values to save, or a ValidationError.
    check: Callable[[ServiceContext, Mapping[str, Any], Any], dict[str, Any]]
    duplicate: str  # msgid with {row}
    key_fields: tuple[str, ...] = ()
    # Fill in what a sheet leaves implicit; gets the values and the fields left blank/unmapped.
    # Fill what the sheet leaves to be worked out (a total from its parts), given the fields
    # it leaves blank or has no column for, and the stored record the row updates (or None).
    complete: Callable[[dict[str, Any], frozenset[str], Any], None] | None = None


def _member_key(values: Mapping[str, Any]) -> Key:
    name = fold(values.get("name"))
    return (name, fold(values.get("organisation"))) if name else None


def check_member(ctx: ServiceContext, data: Mapping[str, Any], current: Any) -> dict[str, Any]:
    team.check_member(ctx, data, current)
    return dict(data)


def _dated_key(text: str, day: str) -> Callable[[Mapping[str, Any]], Key]:
    """A key of a text and a date (a title and its start, a counterpart and the day)."""

    def key(values: Mapping[str, Any]) -> Key:
        folded = fold(values.get(text))
        when = values.get(day)
        return (folded, when) if folded and when is not None else None

    return key


_activity_key = _dated_key("title", "starts_on")


def check_activity(ctx: ServiceContext, data: Mapping[str, Any], current: Any) -> dict[str, Any]:
    with ctx.read() as session:
        return youth.check_activity(session, ctx, data, current)


def _parts(values: dict[str, Any], names: tuple[str, ...], current: Any) -> list[Any]:
    """The parts of a total as the record will hold them: the sheet's, and for an update the
    stored ones of the columns the sheet does not have."""
    return [values[name] if name in values else getattr(current, name, None) for name in names]


def _complete_activity(values: dict[str, Any], blank: frozenset[str], current: Any) -> None:
    """A sheet with counts by gender and age but no total: the total is their sum, with the
    stored counts of the columns an update's sheet leaves out (not a total nobody wrote)."""
    given = any(isinstance(values.get(name), int) for name in COUNT_COLUMNS)
    if "participants_total" in blank and given:
        parts = _parts(values, COUNT_COLUMNS, current)
        values["participants_total"] = sum(v for v in parts if isinstance(v, int))


def check_training(ctx: ServiceContext, data: Mapping[str, Any], current: Any) -> dict[str, Any]:
    with ctx.read() as session:
        return trainings.check_training(session, ctx, data, current)


def check_community(ctx: ServiceContext, data: Mapping[str, Any], current: Any) -> dict[str, Any]:
    with ctx.read() as session:
        return community.check_activity(session, ctx, data, current)


def check_engagement(ctx: ServiceContext, data: Mapping[str, Any], current: Any) -> dict[str, Any]:
    with ctx.read() as session:
        return engagements.check_engagement(session, ctx, data, current)


def _complete_community(values: dict[str, Any], blank: frozenset[str], current: Any) -> None:
    """Women, men and others counted but no total: the total is their sum (with the stored
    counts of the columns an update's sheet leaves out)."""
    given = any(isinstance(values.get(name), int) for name in GENDERS)
    if "participants_total" in blank and given:
        parts = _parts(values, GENDERS, current)
        values["participants_total"] = sum(v for v in parts if isinstance(v, int))


RULES: dict[str, ImportRules] = {
    "members": ImportRules(
        model=Member,
        existing=lambda ctx: team.list_members(ctx, team.MemberFilter(active=None), Page()),
        key=lambda values: _member_key(values),
        check=check_member,
        duplicate=N_("The same person (name and organisation) as row {row}."),
        key_fields=("name", "organisation"),
    ),
    "youth_activities": ImportRules(
        model=YouthActivity,
        existing=lambda ctx: youth.list_activities(ctx, youth.YouthFilter(), Page()),
        key=_activity_key,
        check=check_activity,
        duplicate=N_("The same activity (title and start date) as row {row}."),
        key_fields=("title", "starts_on"),
        complete=_complete_activity,
    ),
    "trainings": ImportRules(
        model=Training,
        existing=lambda ctx: trainings_summary.list_trainings(
            ctx, trainings_summary.TrainingFilter()
        ),
        key=_activity_key,
        check=check_training,
        duplicate=N_("The same training (title and start date) as row {row}."),
        key_fields=("title", "starts_on"),
    ),
    "community_activities": ImportRules(
        model=CommunityActivity,
        existing=lambda ctx: community.list_activities(ctx, community.CommunityFilter(), Page()),
        key=_activity_key,
        check=check_community,
        duplicate=N_("The same activity (title and start date) as row {row}."),
        key_fields=("title", "starts_on"),
        complete=_complete_community,
    ),
    "engagements": ImportRules(
        model=Engagement,
        existing=lambda ctx: engagements.list_engagements(
            ctx, engagements.EngagementFilter(), Page()
        ),
        key=_dated_key("counterpart", "engaged_on"),
        check=check_engagement,
        duplicate=N_("The same engagement (counterpart and date) as row {row}."),
        key_fields=("counterpart", "engaged_on"),
    ),
}


def record_key(kind: str, record: Any) -> Key:
    """The natural key of a stored record, read the way a row's values are."""
    rules = RULES[kind]
    return rules.key({name: getattr(record, name) for name in rules.key_fields})
