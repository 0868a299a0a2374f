"""The import's faster forms of its checks compute exactly what the plain forms compute.

Each shortcut the bundle import takes for speed (a whole column at a time, a value parsed once
per batch, a check run per distinct key rather than per row) is held here against the plain
computation it replaces, on generated values including the odd ones a hostile bundle may carry.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hubdesk.domain.meetings import attendance_id, attendance_ids_agree
from hubdesk.services import rules

MOMENT = dt.datetime(2026, 12, 4, 20, 0, tzinfo=dt.UTC)

# --- attendance ids: uuid5 of the meeting and the member, checked for a whole table at once --

_MEETINGS = st.uuids().flatmap(
    lambda u: st.sampled_from([str(u), str(u).upper(), u.hex, "{" + str(u) + "}"])
)
_MEMBERS = st.one_of(st.uuids().map(str), st.text(max_size=40))


def _spoil(right: str, how: int, where: int, char: str) -> str:
    """``right`` changed the way a damaged or forged bundle might change it."""
    if how == 0:
        return right.upper()
    if how == 1:  # one character replaced (maybe by itself: then still right)
        place = where % len(right)
        return right[:place] + char + right[place + 1 :]
    if how == 2:
        return right.replace("-", "", 1) + "0"  # a dash moved to the end, still 36 long
    if how == 3:
        return right[:14] + "4" + right[15:]  # another UUID version
    if how == 4:
        return right[:19] + "c" + right[20:]  # another variant
    if how == 5:
        return str(uuid.uuid4())
    return right[:-1]  # too short


@st.composite
def _attendance(draw: st.DrawFn) -> tuple[str, str, str]:
    meeting, member = draw(_MEETINGS), draw(_MEMBERS)
    right = attendance_id(meeting, member)
    if draw(st.booleans()):
        return right, meeting, member
    how = draw(st.integers(0, 6))
    where = draw(st.integers(0, 35))
    char = draw(st.sampled_from("0123456789abcdefABCDEF-xé"))
    return _spoil(right, how, where, char), meeting, member


@settings(max_examples=400, deadline=None)
@given(rows=st.lists(_attendance(), max_size=6))
def test_attendance_ids_checked_at_once_agree_with_each_one(rows: list[tuple[str, ...]]) -> None:
    ids, meetings, members = ([r[i] for r in rows] for i in range(3))
    each = all(i == attendance_id(m, p) for i, m, p in rows)
    assert attendance_ids_agree(ids, meetings, members) is each


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(_attendance(), min_size=1, max_size=5))
def test_attendance_rule_book_column_form_is_its_row_form(rows: list[tuple[str, ...]]) -> None:
    values: list[dict[str, Any]] = [
        {"id": i, "meeting_id": m, "member_id": p, "status": "present", "updated_at": MOMENT}
        for i, m, p in rows
    ]
    columns = {name: [v[name] for v in values] for name in values[0]}
    by_rows = all(not rules.check("attendance", v) for v in values)
    assert rules.check_columns("attendance", columns, values) is by_rows


def test_attendance_ids_odd_values_go_row_by_row() -> None:
    meeting = str(uuid.uuid4())
    right = attendance_id(meeting, "m")
    assert attendance_ids_agree([right], [meeting], ["m"])
    assert not attendance_ids_agree([right], [meeting], ["m", "n"])
    assert not attendance_ids_agree([None], [meeting], ["m"])  # type: ignore[list-item]
    assert attendance_ids_agree([], [], [])
    row = {"id": right, "meeting_id": None, "member_id": "m", "status": "present"}
    row["updated_at"] = MOMENT
    columns = {name: [value] for name, value in row.items()}
    # Not a meeting id: the column form does not accept, the row form decides.
    assert not rules.check_columns("attendance", columns, [row])
