"""The import's faster forms of its checks compute exactly what the plain forms compute.

Each shortcut the bundle import takes for speed (a whole column at a time, a value parsed once
per batch, a check run per distinct key rather than per row) is held here against the plain
computation it replaces, on generated values including the odd ones a hostile bundle may carry.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hubdesk.domain import search
from hubdesk.domain.enums import Role
from hubdesk.domain.meetings import attendance_id, attendance_ids_agree
from hubdesk.services import rules
from hubdesk.sync import bulk, codec, links, merge, scope, validate
from hubdesk.sync.incoming import Incoming, Problem, SeenIds
from hubdesk.sync.seen import SeenStore

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


# --- moments, dates and code lists converted a column at a time ------------------------------

ODD_MOMENTS = (
    "2026-12-04T20:00:00+00:00", "2026-12-04T20:00:00.000001+00:00", "2026-12-04 20:00Z",
    "2026-12-04T21:00:00+01:00", "2026-12-04T20:00:00", "2026-02-30T00:00:00+00:00",
    "2026-12-04", "x" * 41, "",
)  # fmt: skip
_MOMENT_TEXTS = st.one_of(
    st.datetimes(
        min_value=dt.datetime(1, 1, 1),
        timezones=st.one_of(st.none(), st.just(dt.UTC), st.timezones()),
    ).map(lambda d: d.isoformat()),
    st.sampled_from(ODD_MOMENTS),
)
_DAY_TEXTS = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["2026-02-30", "2026-W01-1", "20261204", "2026-12-04\n", "٢٠٢٦-12-04", ""]),
)
_ODD = st.sampled_from([None, None, 0, True, 1.5, [], ["a"], {}])


def _each(convert: Any, column: list[Any]) -> list[Any] | None:
    """The row path: every value on its own (None when any value is refused)."""
    try:
        return [None if v is None else convert(v) for v in column]
    except codec.BadValue:
        return None


def _whole(column_form: Any, column: list[Any]) -> list[Any] | None:
    try:
        return list(column_form(column))
    except codec.BadValue:
        return None


@settings(max_examples=400, deadline=None)
@given(column=st.lists(st.one_of(_MOMENT_TEXTS, _ODD), max_size=8))
def test_moments_converted_at_once_are_those_converted_each(column: list[Any]) -> None:
    column += column[: len(column) // 2]  # repeated moments are parsed once
    each, whole = _each(codec._moment, column), _whole(codec._moments, column)
    assert whole == each
    if whole is not None and each is not None:
        assert [getattr(v, "tzinfo", None) for v in whole] == [
            getattr(v, "tzinfo", None) for v in each
        ]


@settings(max_examples=300, deadline=None)
@given(column=st.lists(st.one_of(_DAY_TEXTS, _ODD), max_size=8))
def test_dates_converted_at_once_are_those_converted_each(column: list[Any]) -> None:
    assert _whole(codec._dates, column) == _each(codec._date, column)


@settings(max_examples=300, deadline=None)
@given(
    column=st.lists(
        st.one_of(st.lists(st.sampled_from(["a", "b", "", 1, None, []]), max_size=3), _ODD),
        max_size=6,
    )
)
def test_code_lists_converted_at_once_are_those_converted_each(column: list[Any]) -> None:
    each, whole = _each(codec._codes, column), _whole(codec._code_lists, column)
    assert whole == each
    if whole is not None:
        assert all(w is not c for w, c in zip(whole, column, strict=True) if c is not None)


BEYOND_THE_CALENDAR = (
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:30:00+01:00",
)  # fmt: skip


def test_moments_beyond_the_calendar_in_utc_are_bad_values_in_both_forms() -> None:
    """Read as text they are moments; in UTC they leave the years Python has (OverflowError)."""
    for text in BEYOND_THE_CALENDAR:
        assert _each(codec._moment, [text]) is None
        for column in ([text], [None, "2026-12-04T21:00:00+01:00", text, text]):
            assert _whole(codec._moments, column) is None


def test_text_that_is_not_unicode_is_refused_in_both_forms() -> None:
    """A lone surrogate (JSON "\\ud800", alone or beside its pair in another value) is refused
    by the column form and by the row form of texts and code lists; real text passes."""
    good = ["Čair – CAT ✓", "Куманово", "😀", "ok"]
    assert bulk._texts(good, 200) and codec.is_unicode(good)
    assert all(codec._str(200)(text) == text for text in good)
    for bad in (["ok", "CAT \ud800"], ["\udfff"], ["a\ud83d", "\ude00b"]):
        assert not bulk._texts(bad, 200) and not bulk._texts([None, *bad], 0)
        assert _each(codec._str(200), bad) is None and _each(codec._str(None), bad) is None
        assert _each(codec._codes, [bad]) is None and _whole(codec._code_lists, [bad]) is None
    # The row path: a team row that keeps every rule, then the same with a lone surrogate.
    some_id = str(uuid.UUID(int=1))
    team = {"municipality_id": some_id, "name": "CAT", "name_other_script": "", "kind": "cat",
            "established_on": None, "mandate_ref": "", "id": some_id, "origin": some_id,
            "version": 1, "base_version": None, "updated_by": some_id,
            "updated_at": "2026-12-04T20:00:00+00:00", "deleted": False}  # fmt: skip
    row = [team[name] for name in codec.PLANS["teams"].names]
    assert codec.decode_row("teams", row)["name"] == "CAT"
    for name in ("name", "mandate_ref"):
        spoilt = [("CAT \ud800" if n == name else team[n]) for n in codec.PLANS["teams"].names]
        with pytest.raises(codec.FieldProblem) as caught:
            codec.decode_row("teams", spoilt)
        assert caught.value.field == name


def test_every_converter_has_its_column_form() -> None:
    converters = {convert for plan in codec.PLANS.values() for _i, convert in plan.converts}
    assert converters == set(codec.COLUMN_FORMS)


# --- withheld fields of a record kind judged row by row (meeting minutes marked internal) ----


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.booleans(),
            st.sampled_from([(), ("minutes",), ("agenda",), ("minutes", "minutes"), ("place",)]),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_withheld_minutes_judged_at_once_as_each_meeting(rows: list[tuple[bool, Any]]) -> None:
    values = [
        {"version": 2, "base_version": 1, "minutes_internal": internal} for internal, _ in rows
    ]
    withheld = [held for _, held in rows]
    columns = {name: [v[name] for v in values] for name in values[0]}
    each = True
    for v, held in zip(values, withheld, strict=True):
        try:
            validate._meta("meetings", v, held)
        except codec.FieldProblem:
            each = False
    assert validate._meta_columns("meetings", columns, values, withheld) is each


# --- the ids seen so far: a bounded set first, then the scratch file -------------------------

_ID_POOL = [str(uuid.UUID(int=i)) for i in range(12)]
_STEPS = st.lists(
    st.one_of(
        st.lists(st.sampled_from(_ID_POOL), max_size=5, unique=True).map(lambda ids: ("all", ids)),
        st.sampled_from(_ID_POOL).map(lambda one: ("one", one)),
    ),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(steps=_STEPS, in_memory=st.sampled_from([0, 1, 3, 100]))
def test_ids_seen_in_memory_then_on_disk_as_in_a_plain_set(
    tmp_path_factory: Any, steps: list[tuple[str, Any]], in_memory: int
) -> None:
    plain = SeenIds()
    with SeenStore(tmp_path_factory.mktemp("seen")) as store:
        store.for_table(in_memory)  # a table before: its ids are not this table's
        seen = store.for_table(in_memory)
        for kind, arg in steps:
            if kind == "all":
                assert seen.add_all(list(arg)) == plain.add_all(list(arg))
            else:
                assert seen.fresh(arg) == plain.fresh(arg)
        assert seen.on_disk == (len(plain.ids) > in_memory)


# --- search text: each distinct text folded once, and not translated without a Cyrillic letter


def _plain_fold(text: str) -> str:
    """``search.fold`` as it was: normalise, case-fold, normalise, transliterate, always."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    return folded.translate(search._CYRILLIC)


_TEXTS = st.one_of(
    st.text(max_size=12),
    st.text(
        # The last three: the end of the transliteration table by code point, and past it.
        alphabet="aAčČëËßΣσςЉљЃѓЅѕЀѐЍѝАаЖжЏџ\u0301\u0308\n \u04ff\u0500\U0001f600",
        max_size=12,
    ),
    st.sampled_from(["", "Куманово", "КУМАНОВО", "Ѓорче", "Đorđe", "e\u0301", "Ардхмëрия"]),
)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.tuples(_TEXTS, _TEXTS, st.one_of(st.none(), _TEXTS)), max_size=6))
def test_search_text_of_a_bulk_write_is_each_rows_own(texts: list[tuple[Any, ...]]) -> None:
    rows = [{"name": a, "organisation": b, "id": str(i)} for i, (a, b, _c) in enumerate(texts)]
    rows += [{"name": c, "organisation": a, "id": "x"} for a, _b, c in texts]  # None as ""
    written = search.with_search_text("members", rows)
    assert [r["search_text"] for r in written] == [
        "\n".join(_plain_fold(r[name] or "") for name in ("name", "organisation")) for r in rows
    ]
    assert all(
        w is not r and {**r, "search_text": w["search_text"]} == w
        for w, r in zip(written, rows, strict=True)
    )
    for a, b, _c in texts:
        assert search.fold(a) == _plain_fold(a) and search.fold(b) == _plain_fold(b)


# --- scope: asked once per distinct owner and values the check reads ------------------------

_SENDER, _OTHER = "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"
_TOWN, _TOWN2 = "00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"
_SCOPED_TABLES = sorted({*scope.OWNER, *scope.PUBLISHED})


class _Spy(dict[str, Any]):
    """A record that notes every field read from it."""

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)


_FIELD_VALUES = st.fixed_dictionaries(
    {
        "updated_by": st.sampled_from([_SENDER, _OTHER]),
        "by_role": st.sampled_from(["hub", "municipality", "field"]),
        "author_role": st.sampled_from(["hub", "municipality"]),
        "action": st.sampled_from(["submitted", "reopened", "accepted", "returned"]),
        "status": st.sampled_from(["draft", "open", "submitted"]),
        "from_status": st.sampled_from(["draft", "submitted", "under_review", "approved"]),
        "to_status": st.sampled_from(
            ["submitted", "under_review", "approved", "in_implementation"]
        ),
        "published_on": st.sampled_from([None, dt.date(2026, 12, 4)]),
        "travels": st.booleans(),
        "origin": st.sampled_from([_SENDER, _OTHER]),
    }
)
_PARTIES = st.builds(
    links.Parties,
    sender_id=st.just(_SENDER),
    sender_role=st.sampled_from(list(Role)),
    sender_municipality=st.sampled_from([_TOWN, _TOWN2, None]),
    own_role=st.sampled_from(list(Role)),
    own_municipality=st.sampled_from([_TOWN, _TOWN2, None]),
)


# A laptop's own needs assessment, submitted: the rule reads its status (once missed here, and
# the import then took a draft's answer for a submission beside it).
_LAPTOPS_SUBMISSION = {
    "updated_by": _SENDER, "by_role": "municipality", "author_role": "municipality",
    "action": "submitted", "status": "submitted", "published_on": None, "travels": False,
    "origin": _SENDER, "from_status": "draft", "to_status": "submitted",
}  # fmt: skip
_LAPTOP = links.Parties(_SENDER, Role.FIELD, _TOWN, Role.MUNICIPALITY, _TOWN)


@settings(max_examples=400, deadline=None)
@example(table="needs_assessments", values=_LAPTOPS_SUBMISSION, parties=_LAPTOP, owner=_TOWN)
@example(table="period_submissions", values=_LAPTOPS_SUBMISSION, parties=_LAPTOP, owner=_TOWN)
# A laptop's own status change, and a municipality's move to a status only the hub sets.
@example(table="proposal_status_changes", values=_LAPTOPS_SUBMISSION, parties=_LAPTOP, owner=_TOWN)
@example(
    table="proposal_status_changes",
    values={**_LAPTOPS_SUBMISSION, "from_status": "submitted", "to_status": "approved"},
    parties=links.Parties(_SENDER, Role.MUNICIPALITY, _TOWN, Role.HUB, None),
    owner=_TOWN,
)
@given(
    table=st.sampled_from(_SCOPED_TABLES),
    values=_FIELD_VALUES,
    parties=_PARTIES,
    owner=st.sampled_from([_TOWN, _TOWN2, None]),
)
def test_check_record_reads_only_its_record_fields(
    table: str, values: dict[str, Any], parties: links.Parties, owner: str | None
) -> None:
    spy = _Spy(values)
    scope.check_record(
        table,
        spy,
        owner,
        sender_id=parties.sender_id,
        sender_role=parties.sender_role,
        sender_municipality=parties.sender_municipality,
        own_role=parties.own_role,
        own_municipality=parties.own_municipality,
    )
    assert spy.read <= set(scope.record_fields(table))


def _incoming(table: str, i: int, values: dict[str, Any], withheld: bool) -> Incoming:
    column, _parent = scope.OWNER.get(table, ("municipality_id", None))
    row = {**values, "id": str(uuid.UUID(int=i)), column: values["owner"]}
    return Incoming(row, frozenset(), ("notes",) if withheld else ())


@settings(max_examples=300, deadline=None)
@given(
    table=st.sampled_from(
        ["meetings", "proposal_status_changes", "period_submissions", "calls", "attachments"]
    ),
    rows=st.lists(
        st.tuples(
            _FIELD_VALUES,
            st.sampled_from([_TOWN, _TOWN2, None]),
            st.booleans(),
            st.booleans(),
        ),
        max_size=6,
    ),
    parties=_PARTIES,
)
def test_scope_checked_per_distinct_key_finds_what_each_row_finds(
    table: str, rows: list[tuple[Any, ...]], parties: links.Parties
) -> None:
    """The same problems, in the same order, as the row-by-row check of every record."""
    incoming = [
        _incoming(table, i, {**values, "owner": owner}, withheld and i % 3 == 0)
        for i, (values, owner, withheld, _held) in enumerate(rows)
    ]
    current = {
        inc.id: {**inc.values, "owner": _TOWN2}
        for inc, (*_rest, held) in zip(incoming, rows, strict=True)
        if held
    }
    if table == "meetings":
        current = {}  # only the rows' own owner column: no parent lookups
    # A parent's id is its municipality's here, so the owners are those ids themselves.
    parent = scope.OWNER.get(table, ("", None))[1]
    owners: dict[str, dict[str, str | None]] = defaultdict(dict)
    if parent is not None:
        owners[parent] = {_TOWN: _TOWN, _TOWN2: _TOWN2}
    fast: list[Problem] = []
    links.check_scope(parties, {table: incoming}, {table: current}, owners, fast)
    slow: list[Problem] = []
    original = links._scope_all_fine
    links._scope_all_fine = lambda *_args: False  # type: ignore[assignment]
    try:
        links.check_scope(parties, {table: incoming}, {table: current}, owners, slow)
    finally:
        links._scope_all_fine = original
    assert fast == slow


def test_scope_tells_rows_apart_by_every_field_it_reads() -> None:
    """Two status changes of one proposal by the same PC, one claiming to be the hub's: the
    per-key check must not take the second's answer for the first."""
    parties = links.Parties(_SENDER, Role.MUNICIPALITY, _TOWN, Role.HUB, None)
    base = {"updated_by": _SENDER, "owner": _TOWN, "action": "", "status": "", "travels": False}
    base |= {"from_status": "draft", "to_status": "submitted"}  # a move the municipality makes
    rows = [
        _incoming("proposal_status_changes", 1, {**base, "by_role": "hub"}, False),
        _incoming("proposal_status_changes", 2, {**base, "by_role": "municipality"}, False),
    ]
    owners: dict[str, dict[str, str | None]] = defaultdict(dict)
    owners["fund_proposals"] = {_TOWN: _TOWN}
    found: list[Problem] = []
    links.check_scope(parties, {"proposal_status_changes": rows}, {}, owners, found)
    assert [p.record_id for p in found] == [rows[0].id]


# --- merge: a batch of records none of which is held here, queued at once --------------------


@settings(max_examples=200, deadline=None)
@given(
    table=st.sampled_from(["fund_proposals", "proposal_status_changes", "attendance"]),
    rows=st.lists(
        st.tuples(st.integers(1, 9), st.frozensets(st.integers(1, 9), max_size=3)), max_size=5
    ),
)
def test_records_all_new_are_queued_as_one_by_one(
    table: str, rows: list[tuple[int, frozenset[int]]]
) -> None:
    now = dt.datetime(2026, 12, 4, 21, 0, tzinfo=dt.UTC)
    incoming = [
        Incoming(
            {"id": str(uuid.UUID(int=i)), "version": version, "proposal_id": f"p{i % 2}"},
            known,
            (),
        )
        for i, (version, known) in enumerate(rows)
    ]
    fast, slow = merge.Writes(audit_created_in_sql=True), merge.Writes(audit_created_in_sql=True)
    fast_counts, slow_counts = merge.AreaCounts(), merge.AreaCounts()
    merge.merge_table(None, table, incoming, {}, fast_counts, fast, now)  # type: ignore[arg-type]
    # With something held here (not one of these records), merge_table goes record by record.
    held: dict[str, dict[str, Any]] = {"not one of them": {}}
    merge.merge_table(None, table, incoming, held, slow_counts, slow, now)  # type: ignore[arg-type]
    assert fast == slow and fast_counts == slow_counts
    assert fast.empty == slow.empty


# --- ids checked once per distinct value ---------------------------------------------------

_ID_LIKE = st.one_of(
    st.uuids().map(str),
    st.uuids().map(lambda u: str(u).upper()),
    st.uuids().map(lambda u: u.hex + "----"),
    st.uuids().map(lambda u: "{" + str(u)[1:-1] + "}"),
    st.uuids().map(lambda u: str(u)[:9] + "\u0661" + str(u)[10:]),  # an Arabic-Indic digit
    st.sampled_from([None, None, "", 7, ["x"], "g" * 36]),
)


@settings(max_examples=400, deadline=None)
@given(columns=st.lists(st.lists(_ID_LIKE, max_size=5), min_size=1, max_size=3))
def test_ids_checked_once_per_distinct_value_as_each_one(columns: list[list[Any]]) -> None:
    columns = [column + column[:2] for column in columns]  # repeated ids
    each = all(v is None or (type(v) is str and codec.UUID.match(v)) for c in columns for v in c)
    assert bulk._uuids(columns) is each
