"""Values HubDesk cannot read back are named by ``hubdesk check`` and refused by a restore; the
demos, a municipality's and a hub's, hold none (no false alarm on what HubDesk writes)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hub_demo_copy import hub_demo

from hubdesk.services.demo import build_demo
from hubdesk.storage.backup import backup_database
from hubdesk.storage.check_values import value_problems
from hubdesk.storage.datadir import database_path
from hubdesk.storage.errors import StorageError
from hubdesk.storage.open import open_database
from hubdesk.storage.restore import restore_database


def problems_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return value_problems(conn)
    finally:
        conn.close()


def test_what_hubdesk_writes_reads_back(tmp_path: Path) -> None:
    db = open_database(tmp_path / "muni")
    build_demo(db, seed=1)
    db.close()
    hub_demo(tmp_path / "hub").close()
    assert problems_in(database_path(tmp_path / "muni")) == []
    assert problems_in(database_path(tmp_path / "hub")) == []


@pytest.mark.parametrize(
    ("column", "value", "shown"),
    [
        ("joined_on", "'31.12.2023'", "'31.12.2023'"),  # a date typed the local way
        ("joined_on", "'2023-02-30'", "'2023-02-30'"),  # no such day
        ("joined_on", "20231231", "20231231"),  # a number where a date is kept
        ("updated_at", "'yesterday'", "'yesterday'"),  # a moment
        ("updated_at", "'2023-02-30 10:00:00.000000'", "'2023-02-30 10:00:00.000000'"),
        ("version", "'seven'", "'seven'"),  # a number kept as text
        ("deleted", "'no'", "'no'"),  # a yes/no kept as text
    ],
)
def test_each_kind_of_unreadable_value_is_named_and_refused_by_a_restore(
    tmp_path: Path, column: str, value: str, shown: str
) -> None:
    db = open_database(tmp_path / "data")
    build_demo(db, seed=1)
    saved = backup_database(db, tmp_path / "saved.sqlite")
    db.close()
    conn = sqlite3.connect(saved)
    member = conn.execute("SELECT id FROM members ORDER BY id LIMIT 1").fetchone()[0]
    conn.execute(f"UPDATE members SET {column} = {value} WHERE id = ?", (member,))
    conn.commit()
    conn.close()
    [problem] = problems_in(saved)
    assert f"record {member}: {column} holds {shown}" in problem
    before = database_path(tmp_path / "data").read_bytes()
    with pytest.raises(StorageError, match="damaged") as refused:
        restore_database(tmp_path / "data", saved)
    assert column in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert database_path(tmp_path / "data").read_bytes() == before
