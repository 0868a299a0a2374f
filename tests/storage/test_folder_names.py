"""Data folders whose names hold characters a URL gives a meaning to.

The database was opened by a URL made by pasting the path in: a folder named "Tetovo 100%20"
opened the database of a folder "Tetovo 100 " beside it (``%20`` read as an escaped space), and
one named "Подаци?" made a new, empty database file "Подаци" next to the data folder (the rest
read as the URL's query), which then held no installation.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hubdesk.services.installation import get_installation, initialise
from hubdesk.storage.datadir import database_path
from hubdesk.storage.open import open_database


def set_up(folder: Path, name: str) -> None:
    db = open_database(folder)
    try:
        assert db.path == database_path(folder)
        initialise(db, role="municipality", name=name, country="MK", language="en")
    finally:
        db.close()


def installation_name(folder: Path) -> str | None:
    db = open_database(folder)
    try:
        found = get_installation(db)
        return None if found is None else found.name
    finally:
        db.close()


# "?" and ":" are no part of a Windows file name
POSIX = pytest.mark.skipif(os.name == "nt", reason="not a file name on Windows")


@pytest.mark.parametrize(
    ("name", "read_as"),
    [pytest.param("Подаци ?1", "Подаци ", marks=POSIX), ("Tetovo 100%20Č", "Tetovo 100 Č")],
)
def test_each_folder_opens_its_own_database(tmp_path: Path, name: str, read_as: str) -> None:
    set_up(tmp_path / read_as, "Neighbour")  # the folder the name was read as, beside it
    set_up(tmp_path / name, "Tetovo")
    assert installation_name(tmp_path / name) == "Tetovo"
    assert installation_name(tmp_path / read_as) == "Neighbour"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, read_as])


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Подаци ?", marks=POSIX),
        pytest.param("a@b:c", marks=POSIX),
        "Kumanovo #2 % 50%",
        "Тетово 100%",
    ],
)
def test_nothing_is_made_beside_the_folder(tmp_path: Path, name: str) -> None:
    set_up(tmp_path / name, "Tetovo")
    assert installation_name(tmp_path / name) == "Tetovo"
    assert [p.name for p in tmp_path.iterdir()] == [name]
