"""The dashboard's remembered figures: drawn at the next start only while they are still true."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from hubdesk import clock, i18n
from hubdesk.services import dashboard_cache, dashboard_file, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard import status_summary
from hubdesk.services.dashboard_summary import summary
from hubdesk.services.dashboard_texts import figure_texts
from hubdesk.services.demo import build_demo
from hubdesk.services.installation import initialise, load_context, update_profile
from hubdesk.storage.db import Database
from hubdesk.storage.fingerprint import fingerprint

TODAY = clock.today()
TEXTS = {"n:1234": "1.234", "M:2026-03-01": "мар", "p:0.875": "87,5 %"}  # as the page keeps them


def read_and_remember(ctx: ServiceContext, language: str = "en") -> None:
    """What the dashboard page does on its worker: the mark first, then the reading."""
    assert ctx.data_dir is not None
    mark = dashboard_cache.reading_mark(ctx)
    figures = summary(ctx, TODAY)
    dashboard_cache.remember(ctx.data_dir, mark, ctx.role, language, [(figures, TEXTS)])


@pytest.fixture
def demo(db: Database, data_dir: Path) -> ServiceContext:
    build_demo(db, seed=3)
    ctx = load_context(db, data_dir)
    if not ctx.db.is_sqlite:
        pytest.skip("a server database has no fingerprint: its window always reads live")
    return ctx


def test_the_figures_come_back_exactly_as_read(demo: ServiceContext) -> None:
    assert demo.data_dir is not None
    read_and_remember(demo)
    kept = dashboard_cache.recall(demo.data_dir, "en", TODAY)
    assert kept is not None
    role, figures, texts, _status = kept
    assert role == demo.role
    assert texts == TEXTS
    live = summary(demo, TODAY)
    # every figure, the fund's pairs as tuples and the extra tiles' captions as written
    assert (figures.kpis, figures.sectors, figures.months) == (live.kpis, live.sectors, live.months)
    assert (figures.items, figures.quarters, figures.fund) == (live.items, live.quarters, live.fund)
    assert dashboard_cache.plain(figures) == dashboard_cache.plain(live)
    assert {k: t.caption() for k, t in figures.extra.items()} == {
        k: t.caption() for k, t in live.extra.items()
    }
    assert any(t.criteria for t in figures.extra.values())  # dates in criteria survive too
    assert [t.criteria for t in figures.extra.values()] == [t.criteria for t in live.extra.values()]


def test_the_status_line_comes_back_as_read(demo: ServiceContext) -> None:
    """A start that opens the data only on request shows the status bar's line kept with the
    figures: it must be the live one (its last backup is read from the folder at start)."""
    assert demo.data_dir is not None
    dashboard_cache.read(demo, TODAY)
    kept = dashboard_cache.recall(demo.data_dir, i18n.current_language(), TODAY)
    assert kept is not None and kept.status is not None
    live = status_summary(demo)
    assert kept.status == replace(live, last_backup=None)


def test_a_renamed_hub_is_not_named_by_the_line_kept_before(db: Database, data_dir: Path) -> None:
    """A hub's name changes with no audit entry (no municipality record follows it): the
    fingerprint reads the name itself."""
    hub = initialise(db, role="hub", name="Regional hub")
    hub.data_dir = data_dir
    dashboard_cache.read(hub, TODAY)
    language = i18n.current_language()
    if fingerprint(data_dir) is None:
        pytest.skip("a server database has no fingerprint: its window always reads live")
    assert dashboard_cache.recall(data_dir, language, TODAY) is not None
    update_profile(hub, {"name": "Western Balkans hub"})
    assert dashboard_cache.recall(data_dir, language, TODAY) is None


def test_any_change_to_a_record_makes_them_stale(demo: ServiceContext) -> None:
    assert demo.data_dir is not None
    read_and_remember(demo)
    member = team.list_members(demo)[0]
    team.update_member(demo, member.id, {"notes": "moved to the school board"})
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is None


def test_a_change_during_the_reading_is_never_claimed(demo: ServiceContext) -> None:
    """The mark is taken before the reading: a change that lands between the two leaves a
    remembered state that no later file matches."""
    assert demo.data_dir is not None
    mark = dashboard_cache.reading_mark(demo)
    member = team.list_members(demo)[0]
    team.update_member(demo, member.id, {"notes": "changed while the figures were read"})
    figures = summary(demo, TODAY)
    dashboard_cache.remember(demo.data_dir, mark, demo.role, "en", [(figures, TEXTS)])
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is None


def test_another_day_or_language_reads_live(demo: ServiceContext) -> None:
    assert demo.data_dir is not None
    read_and_remember(demo, language="sq")
    assert dashboard_cache.recall(demo.data_dir, "sq", TODAY) is not None
    assert dashboard_cache.recall(demo.data_dir, "mk", TODAY) is None  # captions are Albanian
    assert dashboard_cache.recall(demo.data_dir, "sq", TODAY + dt.timedelta(days=1)) is None


def test_a_damaged_or_foreign_file_is_ignored(demo: ServiceContext) -> None:
    assert demo.data_dir is not None
    path = dashboard_file.cache_path(demo.data_dir)
    for text in ("", "{", "[]", '{"format": 2, "language": "en"}', '{"format": 99}'):
        path.write_text(text, encoding="utf-8")
        assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is None
    read_and_remember(demo)
    record = json.loads(path.read_text(encoding="utf-8"))
    record["days"][0]["figures"]["kpis"] = ["many"]
    path.write_text(json.dumps(record), encoding="utf-8")
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is None


def test_a_server_database_keeps_nothing(demo: ServiceContext, tmp_path: Path) -> None:
    assert demo.data_dir is not None
    read_and_remember(demo)
    (demo.data_dir / "database.json").write_text("{}", encoding="utf-8")
    assert fingerprint(demo.data_dir) is None
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is None
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    assert fingerprint(empty) is None
    assert dashboard_cache.recall(empty, "en", TODAY) is None


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("kpis", 0), "many"),  # a count that is text
        (("kpis", 0), 3.5),
        (("kpis", 0), True),  # a yes/no is not a count
        (("kpis", 2), "83%"),  # a rate that is text
        (("kpis", 8), 7),  # a currency that is a number
        (("items", 1), None),
        (("sectors",), {"education": "three"}),
        (("months", 0, 1), "9"),
        (("quarters", 0, 1), {"female": [1]}),
        (("fund", "proposals"), {"MKD": 1.5}),
        (("empty",), "no"),
        (("kpis",), [1, 2, 3]),  # too few figures
        (("months",), [[[[[[[[[[]]]]]]]]]]),  # nested nonsense
    ],
)
def test_figures_of_the_wrong_kind_are_not_drawn(
    demo: ServiceContext, where: tuple[object, ...], value: object
) -> None:
    """The file is HubDesk's own, but a damaged or edited one must never stop the start: each
    figure must be of the kind the page draws, or the whole file is ignored."""
    assert demo.data_dir is not None
    read_and_remember(demo)
    path = dashboard_file.cache_path(demo.data_dir)
    record = json.loads(path.read_text(encoding="utf-8"))
    target: Any = record["days"][0]["figures"]
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    path.write_text(json.dumps(record), encoding="utf-8")
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is None


def test_a_deeply_nested_file_is_ignored(demo: ServiceContext) -> None:
    assert demo.data_dir is not None
    dashboard_file.cache_path(demo.data_dir).write_text("[" * 100_000, encoding="utf-8")
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is None


@pytest.mark.parametrize("texts", [{"n:1": 1}, {"n:1": None}, ["1"], "1"])
def test_texts_of_the_wrong_kind_are_not_drawn(demo: ServiceContext, texts: object) -> None:
    assert demo.data_dir is not None
    read_and_remember(demo)
    path = dashboard_file.cache_path(demo.data_dir)
    record = json.loads(path.read_text(encoding="utf-8"))
    record["days"][0]["texts"] = texts
    path.write_text(json.dumps(record), encoding="utf-8")
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is None


def test_texts_written_by_another_version_are_not_drawn(
    demo: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another HubDesk may come with another Babel, which may write the same number
    otherwise: what an earlier version kept is read live instead."""
    assert demo.data_dir is not None
    read_and_remember(demo)
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is not None
    monkeypatch.setattr(dashboard_cache, "__version__", "0.0.1-another")
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is None


# --- the next days' first starts ---------------------------------------------------------------


def read_today_and_ahead(ctx: ServiceContext, **reading: Any) -> None:
    """What the window does: today's figures at once, the next days' once the data is quiet."""
    with i18n.language("en"):
        dashboard_cache.read(ctx, TODAY)
        dashboard_cache.read_ahead(ctx, TODAY, **reading)


def test_the_next_days_first_starts_find_their_figures(demo: ServiceContext) -> None:
    assert demo.data_dir is not None
    read_today_and_ahead(demo, budget=0)  # the days always read, and no more
    for ahead in range(dashboard_cache.AHEAD_DAYS + 1):
        day = TODAY + dt.timedelta(days=ahead)
        kept = dashboard_cache.recall(demo.data_dir, "en", day)
        assert kept is not None, day
        # the same figures as that day's own reading, made with the clock on that day
        clock.pin(day)
        try:
            live = summary(demo, day)
        finally:
            clock.pin(TODAY)
        assert dashboard_cache.plain(kept.figures) == dashboard_cache.plain(live)
        assert kept.texts == figure_texts(live).known
    later = TODAY + dt.timedelta(days=dashboard_cache.AHEAD_DAYS + 1)
    assert dashboard_cache.recall(demo.data_dir, "en", later) is None


def test_further_days_are_read_while_the_reading_is_quick(
    demo: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the days always read, the reading goes on while it has taken under its budget (a
    month away, on a municipality's data), then stops; the days kept are not read again."""
    assert demo.data_dir is not None
    read_today_and_ahead(demo, most=14, budget=60)
    for ahead in (11, 14):
        assert dashboard_cache.recall(demo.data_dir, "en", TODAY + dt.timedelta(days=ahead))
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY + dt.timedelta(days=15)) is None
    readings: list[object] = []
    monkeypatch.setattr(dashboard_cache, "_reading", lambda *args: readings.append(args))
    with i18n.language("en"):
        dashboard_cache.read_ahead(demo, TODAY)  # kept already: the window's next quiet spell
    assert readings == []


def test_a_slow_reading_stops_at_the_days_always_read(
    demo: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hub's reading takes a quarter of a second: past the budget, no further day is read."""
    ticks = iter(range(1000))  # each look at the clock one second later
    monkeypatch.setattr(dashboard_cache, "monotonic", lambda: float(next(ticks)))
    assert demo.data_dir is not None
    read_today_and_ahead(demo)
    last = TODAY + dt.timedelta(days=dashboard_cache.AHEAD_DAYS)
    assert dashboard_cache.recall(demo.data_dir, "en", last) is not None
    assert dashboard_cache.recall(demo.data_dir, "en", last + dt.timedelta(days=1)) is None


def test_the_days_ahead_cross_a_quarter_as_that_day_would(db: Database, data_dir: Path) -> None:
    """On the last day of a quarter the next day has one more quarter to hand in: the tile
    must count on the day it is read for, not on the day it is read."""
    last_day = dt.date(TODAY.year, 3, 31) if TODAY.month > 3 else dt.date(TODAY.year - 1, 12, 31)
    build_demo(db, seed=3, today=last_day)
    ctx = load_context(db, data_dir)
    clock.pin(last_day)
    try:
        on_the_day = [summary(ctx, last_day + dt.timedelta(days=n)) for n in (0, 1)]
    finally:
        clock.pin(TODAY)
    quarters = [s.extra["periods"].value for s in on_the_day if "periods" in s.extra]
    assert len(quarters) == 2 and quarters[1] == quarters[0] + 1
    for day, figures in zip((0, 1), on_the_day, strict=True):
        again = summary(ctx, last_day + dt.timedelta(days=day))
        assert dashboard_cache.plain(again) == dashboard_cache.plain(figures)


def test_a_change_before_the_days_ahead_keeps_none_of_them(demo: ServiceContext) -> None:
    assert demo.data_dir is not None
    with i18n.language("en"):
        dashboard_cache.read(demo, TODAY)
        member = team.list_members(demo)[0]
        team.update_member(demo, member.id, {"notes": "changed before the days ahead"})
        dashboard_cache.read_ahead(demo, TODAY)
    record = json.loads(dashboard_file.cache_path(demo.data_dir).read_text(encoding="utf-8"))
    assert [d["figures"]["today"] for d in record["days"]] == [TODAY.isoformat()]
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY + dt.timedelta(days=1)) is None


def test_the_days_ahead_of_another_day_are_not_added(demo: ServiceContext) -> None:
    assert demo.data_dir is not None
    with i18n.language("en"):
        dashboard_cache.read(demo, TODAY)
        dashboard_cache.read_ahead(demo, TODAY - dt.timedelta(days=1))
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY + dt.timedelta(days=1)) is None
    assert dashboard_cache.recall(demo.data_dir, "en", TODAY) is not None


def test_a_server_database_reads_nothing_ahead(
    demo: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No figures are kept for a server database, so reading ahead for it would be lost work
    (ten readings of a hub's figures or more)."""
    readings: list[object] = []
    monkeypatch.setattr(dashboard_cache, "reading_mark", lambda _ctx: None)
    monkeypatch.setattr(dashboard_cache, "_reading", lambda *args: readings.append(args))
    dashboard_cache.read_ahead(demo, TODAY)
    assert readings == []


@pytest.mark.parametrize("days", [[{"figures": 5}], [], "none", [None]])
def test_a_damaged_file_is_not_added_to_and_reading_ahead_goes_on(
    demo: ServiceContext, days: object
) -> None:
    assert demo.data_dir is not None
    with i18n.language("en"):
        dashboard_cache.read(demo, TODAY)
    path = dashboard_file.cache_path(demo.data_dir)
    record = json.loads(path.read_text(encoding="utf-8"))
    record["days"] = days
    path.write_text(json.dumps(record), encoding="utf-8")
    with i18n.language("en"):
        dashboard_cache.read_ahead(demo, TODAY)  # no error: the cache only ever saves time
    assert json.loads(path.read_text(encoding="utf-8"))["days"] == days


def test_the_days_backup_time_joins_the_kept_texts_of_its_language(demo: ServiceContext) -> None:
    """The window's day's backup, made on the kept figures: its time is kept with their texts
    (and nothing else of what the status bar wrote), in their language only."""
    assert demo.data_dir is not None
    read_and_remember(demo, language="en")
    before = dashboard_file.cache_path(demo.data_dir).read_text(encoding="utf-8")
    made = {"t:2026-12-07T08:02:00": "12/7/26, 8:02 AM", "n:77": "77"}
    dashboard_cache.keep_times(demo.data_dir, "sq", made)
    assert dashboard_file.cache_path(demo.data_dir).read_text(encoding="utf-8") == before
    dashboard_cache.keep_times(demo.data_dir, "en", made)
    kept = dashboard_cache.recall(demo.data_dir, "en", TODAY)
    assert kept is not None
    assert kept.texts == {**TEXTS, "t:2026-12-07T08:02:00": "12/7/26, 8:02 AM"}


@pytest.mark.parametrize(
    "change",
    [
        {"role": "bogus"},  # no role HubDesk knows
        {"role": "hub"},  # another installation's line
        {"installation_name": "  "},  # a name left empty
    ],
)
def test_a_status_line_that_is_not_this_installations_is_not_drawn(
    demo: ServiceContext, change: dict[str, str]
) -> None:
    """A hand-edited (or damaged) line kept with the figures: the start reads live rather than
    draw it (a role it does not know stopped the window from starting at all)."""
    assert demo.data_dir is not None
    dashboard_cache.read(demo, TODAY)
    language = i18n.current_language()
    assert dashboard_cache.recall(demo.data_dir, language, TODAY) is not None
    path = dashboard_file.cache_path(demo.data_dir)
    record = json.loads(path.read_text(encoding="utf-8"))
    record["status"].update(change)
    path.write_text(json.dumps(record), encoding="utf-8")
    assert dashboard_cache.recall(demo.data_dir, language, TODAY) is None
