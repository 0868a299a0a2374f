"""Every test that needs a PostgreSQL server runs in CI: ``bash dev test`` runs the suite on
SQLite, where such a test skips, and then only the suites named in ``dev``'s ``PG_SUITES``
with ``--database postgresql``. A server test in a file left out of that list is skipped on
both runs and never runs anywhere (four of the server's cancel tests were, for a day)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What a test file names when one of its tests needs the server: the fixtures that skip
# without one, or the option itself in a skip of its own.
NEEDS_SERVER = re.compile(r"\bserver_url\b|\bown_server\b|\bpg_pool\b|--database postgresql")


def pg_suites() -> list[str]:
    found = re.search(r"^PG_SUITES=\((.*?)\)$", (ROOT / "dev").read_text(), re.M | re.S)
    assert found, "dev defines PG_SUITES=( ... )"
    return [entry.split("::")[0] for entry in found.group(1).split()]


def covered(path: str, suites: list[str]) -> bool:
    return any(path == suite or path.startswith(suite.rstrip("/") + "/") for suite in suites)


def test_every_file_with_a_server_test_is_run_on_postgresql() -> None:
    suites = pg_suites()
    needing = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("test_*.py")
        if NEEDS_SERVER.search(path.read_text(encoding="utf-8")) and path != Path(__file__)
    )
    assert "tests/storage/test_server.py" in needing  # the scan finds what it is for
    assert [path for path in needing if not covered(path, suites)] == []


def test_every_suite_named_exists() -> None:
    assert [suite for suite in pg_suites() if not (ROOT / suite).exists()] == []
