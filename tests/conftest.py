"""Shared fixtures: every test gets its own data folder, never the user's real one."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # The 1366×768 of a municipal office screen, not Qt's 800×800: the window and dialogs fit
    # themselves to the screen, so tests see them at the size people do.
    _screen = Path(tempfile.mkdtemp(prefix="hubdesk-screen-")) / "screen.json"
    _screen.write_text(
        json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": 1366, "height": 768}]}),
        "utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"

from shared_statements import share_compiled_statements

from hubdesk import clock, i18n
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.open import open_database
from hubdesk.ui.signal_refs import guard_constants

# The whole run agrees on one day, the day it started: test modules write their expectations
# (``TODAY = clock.today()``) when they are collected, and a run that crosses midnight would
# otherwise check them against services asking on the next day. HUBDESK_TEST_DAY=2026-09-30 runs
# the suite as on another day (the last day of a quarter, a leap day) to find what depends on the
# day: expect the tests that stamp records at the real moment (``datetime.now()``) to disagree
# with a day far from today, and a day in the future to be refused as a clock running ahead.
_day = os.environ.get("HUBDESK_TEST_DAY")
clock.pin(dt.date.fromisoformat(_day) if _day else clock.today())


guard_constants()  # as the window does at start (PySide6 6.12.0 on Python 3.11)
share_compiled_statements()  # compiled once per run, not once per test's database


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="run the database tests on SQLite files or on a throwaway PostgreSQL server",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, what a hub's server database does not do yet is skipped by name and
    reason (the ``sqlite_only`` marker), so the gap stays visible in every run. A test that
    never reaches the server (its data folders are SQLite files, as the command-line tests'
    are, or it touches no database) would only repeat the SQLite pass: it is deselected."""
    if config.getoption("--database") != "postgresql":
        return
    elsewhere = [item for item in items if not _reaches_server(item)]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if _reaches_server(item)]
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else "SQLite only"
            item.add_marker(pytest.mark.skip(reason=f"not yet on PostgreSQL: {reason}"))


# The fixtures every test runs through (``_pg_release`` is autouse): asking for them alone does
# not bring a test to the PostgreSQL server.
_SERVER_PLUMBING = frozenset({"pg_pool", "_pg_release", "database_kind"})


def _reaches_server(item: pytest.Item) -> bool:
    """Whether the test, or a fixture it uses beyond the plumbing, asks for the server
    (``pg_pool``) or for the kind of database the run is on (``database_kind``)."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:  # not a test function: keep it
        return True
    wanted = {"pg_pool", "database_kind"}
    if wanted & set(info.argnames):
        return True
    return any(
        wanted & set(definition.argnames)
        for name, definitions in info.name2fixturedefs.items()
        if name not in _SERVER_PLUMBING
        for definition in definitions
    )


@pytest.fixture(scope="session")
def database_kind(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--database"))


@pytest.fixture(scope="session")
def pg_pool(database_kind: str, worker_id: str) -> Iterator[Any]:
    """The worker's PostgreSQL databases (None on SQLite)."""
    if database_kind != "postgresql":
        yield None
        return
    from pg import Pool, start_server

    server = start_server()
    try:
        yield Pool(server, worker_id)
    finally:
        server.stop()


@pytest.fixture
def server_url(pg_pool: Any, request: pytest.FixtureRequest) -> str:
    """An empty database (no schema) on the test server, for the tests of a hub's server
    database itself; those tests run with --database postgresql only."""
    if pg_pool is None:
        pytest.skip("needs --database postgresql")
    return str(pg_pool.server.create(f"fresh_{pg_pool.worker}_{abs(hash(request.node.nodeid))}"))


@pytest.fixture
def own_server(pg_pool: Any) -> Iterator[Any]:
    """A PostgreSQL server of the test's own, which it may stop (``halt``) and ``start``."""
    if pg_pool is None:
        pytest.skip("needs --database postgresql")
    from pg import start_server

    server = start_server()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _pg_release(pg_pool: Any) -> Iterator[None]:
    yield
    if pg_pool is not None:
        pg_pool.release_all()


def open_test_database(folder: Path, template: Path, pg_pool: Any) -> Database:
    """The database of one installation in a test: a copy of the migrated SQLite template in
    its data folder, or an emptied database of the worker's PostgreSQL server."""
    if pg_pool is not None:
        return pg_pool.take()  # type: ignore[no-any-return]
    shutil.copyfile(template, database_path(folder))
    return open_database(folder)


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point HubDesk at a throwaway data folder and English, whatever the test does."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HUBDESK_DATA_DIR", str(home / "hubdesk-data"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    i18n.set_language("en")


@pytest.fixture
def pc_zone() -> Iterator[Callable[[str], None]]:
    """Sets this PC's own time zone for the test (as a PC left on UTC, or on another continent's
    time): HubDesk's days and times are the region's and must not follow it."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated from nothing per test session; tests get copies of it, which
    is much faster than running every migration for every test."""
    folder = tmp_path_factory.mktemp("template")
    open_database(folder).close()  # closing the last connection folds the WAL into the file
    return database_path(folder)


@pytest.fixture
def db(data_dir: Path, migrated_template: Path, pg_pool: Any) -> Iterator[Database]:
    database = open_test_database(data_dir, migrated_template, pg_pool)
    yield database
    database.close()


@pytest.fixture
def ctx(db: Database, data_dir: Path) -> ServiceContext:
    """A municipality installation in North Macedonia (currency MKD)."""
    context = initialise(db, role="municipality", name="Kumanovo", country="MK")
    context.data_dir = data_dir
    return context


@pytest.fixture
def hub_ctx(tmp_path: Path, migrated_template: Path, pg_pool: Any) -> Iterator[ServiceContext]:
    """A hub installation in its own data folder."""
    folder = tmp_path / "hub"
    folder.mkdir()
    database = open_test_database(folder, migrated_template, pg_pool)
    context = initialise(database, role="hub", name="Regional hub")
    context.data_dir = folder
    yield context
    database.close()


# Digits unlike HubDesk's in every currency it keeps (and unlike any CLDR release so far).
OTHER_BABEL_DIGITS = {"EUR": 0, "ALL": 2, "BAM": 3, "MKD": 0, "RSD": 2}


@pytest.fixture
def other_babel_digits(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Babel with other currency data, as a future CLDR release might bring: both the global
    fractions table and ``get_currency_precision`` give ``OTHER_BABEL_DIGITS``."""
    from babel import numbers
    from babel.core import get_global

    fractions = get_global("currency_fractions")
    for code, digits in OTHER_BABEL_DIGITS.items():
        monkeypatch.setitem(fractions, code, (digits, 0, digits, 0))
    monkeypatch.setattr(numbers, "get_currency_precision", OTHER_BABEL_DIGITS.__getitem__)
    return OTHER_BABEL_DIGITS
