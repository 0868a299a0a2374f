"""The rule books of a meeting and what hangs on it: attendance, guests, decisions, action
items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from hubdesk.domain import ActionItem, Attendance, Decision, Meeting, MeetingGuest
from hubdesk.domain.enums import ActionStatus, AttendanceStatus, MeetingKind, Pillar, Theme
from hubdesk.domain.meetings import attendance_id, attendance_ids_agree
from hubdesk.i18n import N_
from hubdesk.i18n.formatting import format_date
from hubdesk.services.rules.base import (
    COUNT_MAX,
    GUESTS_MAX,
    Problem,
    Rule,
    apply,
    at_most,
    choice,
    codes,
    from_schema,
    order,
    required,
)


def _attendance_id(values: Mapping[str, Any]) -> Problem | None:
    if values["id"] != attendance_id(values["meeting_id"], values["member_id"]):
        return Problem("id", N_("The id does not match the meeting and the member."))
    return None


def _attendance_ids(cols: Mapping[str, Any]) -> bool:
    """The same check over a whole table at once (``attendance_ids_agree`` is exact)."""
    return attendance_ids_agree(cols["id"], cols["meeting_id"], cols["member_id"])


def _guest_count(values: Mapping[str, Any]) -> Problem | None:
    number = values["count"]
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        return Problem(
            "count",
            N_("The number of guests from {organisation} must be a whole number, at least 1."),
            {"organisation": values["organisation"]},
        )
    if number > GUESTS_MAX:
        return Problem("count", N_("At most {limit}."), {"limit": GUESTS_MAX})
    return None


def _guest_count_columns(cols: Mapping[str, Any]) -> bool:
    counts = cols["count"]
    return set(map(type, counts)) == {int} and min(counts) >= 1 and max(counts) <= GUESTS_MAX


MEETING: tuple[Rule, ...] = (
    *from_schema(Meeting),
    choice("kind", MeetingKind),
    codes("pillars", Pillar),
    codes("themes", Theme),
    order("starts_at", "ends_at"),
)
ATTENDANCE: tuple[Rule, ...] = (
    *from_schema(Attendance),
    choice("status", AttendanceStatus),
    Rule(("id", "meeting_id", "member_id"), _attendance_id, _attendance_ids),
)
GUEST: tuple[Rule, ...] = (
    *from_schema(MeetingGuest),
    required("organisation"),
    Rule(("organisation", "count"), _guest_count, _guest_count_columns),
)
DECISION: tuple[Rule, ...] = (
    *from_schema(Decision),
    required("text"),
    *at_most(COUNT_MAX, "position"),  # the next decision is numbered one more
)
ACTION_ITEM: tuple[Rule, ...] = (
    *from_schema(ActionItem),
    required("title"),
    choice("status", ActionStatus),
)


JOINED_AFTER = N_(
    "{member} joined the team on {joined}, after this meeting ({day}), so their attendance "
    "cannot be recorded at it."
)
LEFT_BEFORE = N_(
    "{member} left the team on {left}, on or before the day of this meeting ({day}), so their "
    "attendance cannot be recorded at it."
)


def member_on_day(joined_on: dt.date | None, left_on: dt.date | None, day: dt.date) -> bool:
    """Whether a member belonged to the team at a meeting held on ``day``: from the day they
    joined to the day before they left, as the Team page counts who has left. The meeting form
    lists the team by this rule and the attendance check refuses by it, so the two agree."""
    return (joined_on is None or joined_on <= day) and (left_on is None or left_on > day)


def check_member_on_day(
    name: str, joined_on: dt.date | None, left_on: dt.date | None, day: dt.date, field: str
) -> Problem | None:
    """Why ``name`` cannot be recorded at a meeting held on ``day``, or None.

    Not part of the ``ATTENDANCE`` rule book a bundle applies: it needs the member's row, and
    a member's dates may be corrected after a meeting, so a peer's attendance recorded while
    the dates allowed it must still arrive (a refused row would stop that peer's sync for
    good). The services judge only attendance newly given, for the same reason."""
    if member_on_day(joined_on, left_on, day):
        return None
    params = {"member": name, "day": format_date(day)}
    if joined_on is not None and joined_on > day:
        return Problem(field, JOINED_AFTER, {**params, "joined": format_date(joined_on)})
    return Problem(field, LEFT_BEFORE, {**params, "left": format_date(left_on)})


def check_meeting(values: Mapping[str, Any], changed: Iterable[str] | None = None) -> list[Problem]:
    return apply(MEETING, values, changed)


def check_guest(values: Mapping[str, Any]) -> list[Problem]:
    return apply(GUEST, values)


def check_decision(values: Mapping[str, Any]) -> list[Problem]:
    return apply(DECISION, values)


def check_action_item(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(ACTION_ITEM, values, changed)
