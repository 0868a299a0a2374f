"""The dashboard's summary: the same figures as the single-purpose functions, in few queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event
from test_dashboard import TODAY, records  # noqa: F401  (the fixture)

from hubdesk import clock
from hubdesk.services import dashboard, dashboard_summary
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_summary import SummaryStopped, TileFigure, TileSpec, summary
from hubdesk.services.demo import build_demo
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database


@contextmanager
def counted(ctx: ServiceContext) -> Iterator[list[str]]:
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith(("BEGIN", "PRAGMA", "COMMIT", "ROLLBACK")):
            statements.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", note)


def same_as_the_functions(ctx: ServiceContext, today: dt.date) -> None:
    figures = summary(ctx, today)
    assert figures.kpis == dashboard.kpis(ctx, today)
    assert figures.sectors == dashboard.members_by_sector(ctx, today)
    assert list(figures.sectors) == list(dashboard.members_by_sector(ctx, today))  # order
    assert figures.months == dashboard.meetings_per_month(ctx, 12, today)
    assert figures.items == dashboard.action_item_counts(ctx, today)
    assert figures.quarters == dashboard.youth_per_quarter(ctx, 8, today)
    assert figures.fund == dashboard.fund_by_status(ctx)
    assert figures.empty == dashboard.is_empty(ctx)


def test_the_summary_of_known_records(records: ServiceContext) -> None:  # noqa: F811
    figures = summary(records, TODAY)
    assert figures.kpis.active_members == 3
    assert figures.kpis.attendance_rate == pytest.approx(3 / 5)
    assert (figures.items.not_yet_due, figures.items.overdue) == (1, 1)
    assert figures.quarters[-1].by_gender == {"female": 6, "male": 4, "other": 0}
    assert not figures.empty
    same_as_the_functions(records, TODAY)


def test_the_summary_of_the_demo_matches_the_functions(db: Database, data_dir: Any) -> None:
    build_demo(db, seed=3)
    ctx = load_context(db, data_dir)
    same_as_the_functions(ctx, clock.today())
    # on another day too: the windows of twelve months and eight quarters move
    same_as_the_functions(ctx, clock.today() - dt.timedelta(days=200))


def test_an_empty_installation_and_an_empty_hub(
    ctx: ServiceContext, hub_ctx: ServiceContext
) -> None:
    for context in (ctx, hub_ctx):
        figures = summary(context, TODAY)
        assert figures.empty and figures.kpis.active_members == 0
        same_as_the_functions(context, TODAY)


def test_six_queries_whatever_the_data(records: ServiceContext) -> None:  # noqa: F811
    with counted(records) as statements:
        summary(records, TODAY, tiles=())  # the built-in figures; extra tiles ask their own
    assert len(statements) == 6, statements


def test_reading_stops_when_told(records: ServiceContext) -> None:  # noqa: F811
    asked: list[int] = []

    def keep_going() -> bool:
        asked.append(1)
        return len(asked) < 3

    with pytest.raises(SummaryStopped), counted(records) as statements:
        summary(records, TODAY, keep_going=keep_going, tiles=())
    assert len(statements) == 3  # stopped after the third query, not at the end


def busy_tile(ctx: ServiceContext, today: dt.date) -> TileFigure | None:
    """An extra tile as another service would add it (module-level: found by its path)."""
    return TileFigure(
        dashboard.action_item_counts(ctx, today).overdue,
        lambda: "overdue",
        alert=True,
        page="meetings",
        criteria={"view": "overdue"},
    )


def no_tile(_ctx: ServiceContext, _today: dt.date) -> TileFigure | None:
    return None


def test_extra_tiles_are_one_line_each(
    records: ServiceContext,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = __name__
    specs = (TileSpec("busy", f"{here}:busy_tile"), TileSpec("none", f"{here}:no_tile"))
    monkeypatch.setattr(dashboard_summary, "EXTRA_TILES", specs)
    figures = summary(records, TODAY)
    assert list(figures.extra) == ["busy"]  # None: the tile does not apply here
    assert figures.extra["busy"].value == 1 and figures.extra["busy"].caption() == "overdue"
