"""``hubdesk demo`` stopped before its data is saved leaves the folder as it found it: the
empty database it had made looked like a set-up folder, so ``bash dev run`` (which makes the
demo only where there is no database file) opened the first-run assistant instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hubdesk.commands import common, demo
from hubdesk.services.demo import DemoCancelled
from hubdesk.storage.datadir import database_path
from hubdesk.storage.open import open_database

Run = Callable[..., Any]  # the ``hubdesk`` fixture of tests/cli/conftest.py


@pytest.mark.parametrize("stop", [KeyboardInterrupt, DemoCancelled])
def test_a_demo_stopped_before_its_data_is_saved_leaves_no_database(
    hubdesk: Run, folder: Path, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]
) -> None:
    def stopped(*_args: Any, **_kwargs: Any) -> None:
        # the database is made and migrated by now, as when Ctrl+C comes during the build
        assert database_path(folder).is_file()
        raise stop()

    with monkeypatch.context() as patched:
        patched.setattr(demo, "build_demo", stopped)
        outcome = hubdesk("demo")
    assert outcome.code == 130 and len(outcome.err_lines) == 1  # (said in the demo's language)
    assert not database_path(folder).exists()
    assert not [p for p in folder.iterdir() if p.name.startswith("hubdesk.sqlite")]
    made = hubdesk("demo")  # as `bash dev run` does again
    assert made.code == 0, made.err
    assert database_path(folder).is_file()


def test_a_database_that_was_there_before_is_never_removed(
    hubdesk: Run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty database an older run left (or any other) is not this run's to remove."""
    assert hubdesk("demo").code == 0
    refused = hubdesk("demo")  # "already belongs to ...": the demo's data stays
    assert refused.code != 0 and database_path(folder).is_file()

    empty = folder.parent / "empty"
    with monkeypatch.context() as patched:
        patched.setattr(demo, "build_demo", _refused)
        assert hubdesk("--data-dir", str(empty), "demo").code == 130
    assert not database_path(empty).exists()
    database_path(empty).parent.mkdir(exist_ok=True)
    open_database(empty).close()  # an empty, migrated database from some earlier run
    with monkeypatch.context() as patched:
        patched.setattr(demo, "build_demo", _refused)
        assert hubdesk("--data-dir", str(empty), "demo").code == 130
    assert database_path(empty).is_file()


def _refused(*_args: Any, **_kwargs: Any) -> None:
    raise KeyboardInterrupt


def test_a_demo_stopped_while_its_database_is_made_leaves_none(
    hubdesk: Run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C while the new database's tables are made (before the build starts)."""

    def half_made(data_dir: Path, *_args: Any, **_kwargs: Any) -> None:
        open_database(data_dir).close()
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(common, "open_database", half_made)
        assert hubdesk("demo").code == 130
    assert not database_path(folder).exists()
