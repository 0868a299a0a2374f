"""A page far down a long list is sorted by its records' ids alone, then read: the same rows in
the same order, without SQLite sorting every skipped row whole (a second and more at the end of
a hub's youth activities sorted by title)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from hubdesk.services import listing, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page


@contextmanager
def statements_of(ctx: ServiceContext) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(" ".join(statement.split()))

    event.listen(ctx.db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", note)


@pytest.fixture
def twelve(ctx: ServiceContext) -> ServiceContext:
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    for n in range(12):
        team.create_member(
            ctx,
            {
                "team_id": cat.id,
                "name": f"Person {n:02d}",
                "sector": ("education", "health", "police")[n % 3],
                "role": "member",
                "gender": "female",
            },
        )
    return ctx


@pytest.mark.parametrize("order", ["name", "sector", "organisation"])
@pytest.mark.parametrize("descending", [False, True])
def test_a_deep_page_sorts_ids_only_and_lists_the_same_rows(
    twelve: ServiceContext, monkeypatch: pytest.MonkeyPatch, order: str, descending: bool
) -> None:
    everyone = [
        m.id
        for m in team.list_members(
            twelve, team.MemberFilter(), Page(order_by=order, descending=descending)
        )
    ]
    monkeypatch.setattr(listing, "DEEP_OFFSET", 4, raising=False)  # twelve rows stand for 40,000
    deep = Page(offset=5, limit=4, order_by=order, descending=descending)

    with statements_of(twelve) as seen:
        rows = team.list_members(twelve, team.MemberFilter(), deep)

    assert [m.id for m in rows] == everyone[5:9]
    [skipping] = [sql for sql in seen if "OFFSET" in sql.upper()]
    assert skipping.upper().startswith("SELECT MEMBERS.ID FROM"), skipping


def test_a_shallow_page_is_read_in_one_query(
    twelve: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "DEEP_OFFSET", 4, raising=False)
    with statements_of(twelve) as seen:
        rows = team.list_members(twelve, team.MemberFilter(), Page(offset=2, limit=4))
    assert len(rows) == 4
    assert len(seen) == 1
