"""A command that changed the data leaves the dashboard's figures read and kept, so the window
started next shows them at once (``services.dashboard_cache``), not after a live reading."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hubdesk import clock, i18n
from hubdesk.services import dashboard_cache, dashboard_file
from hubdesk.services.dashboard_summary import summary
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database

TODAY = clock.today()
Run = Any  # the ``hubdesk`` fixture of tests/cli/conftest.py


def live_figures(folder: Path, language: str = "mk", day: dt.date = TODAY) -> dict[str, object]:
    """The figures the window reads live on ``day``, captions in ``language`` (the demo's
    Macedonian)."""
    db = open_database(folder)
    try:
        with i18n.language(language):
            return dashboard_cache.plain(summary(load_context(db, folder), day))
    finally:
        db.close()


def test_the_demo_leaves_its_figures_for_the_first_start(hubdesk: Run, folder: Path) -> None:
    built = hubdesk("demo")
    assert built.code == 0
    assert "Демо-општината е подготвена" in built.out  # told in its language, Kumanovo's
    assert dashboard_file.kept_language(folder) == "mk"  # Kumanovo's: the window's too
    kept = dashboard_cache.recall(folder, "mk", TODAY)
    assert kept is not None, "the window's first start would read the figures live"
    assert dashboard_cache.plain(kept.figures) == live_figures(folder)
    assert kept.texts  # the numbers and months as the window writes them
    # and tomorrow's first start finds them as well (the days after: a window reads them)
    tomorrow = TODAY + dt.timedelta(days=1)
    later = dashboard_cache.recall(folder, "mk", tomorrow)
    assert later is not None
    assert dashboard_cache.plain(later.figures) == live_figures(folder, day=tomorrow)
    assert dashboard_cache.recall(folder, "mk", tomorrow + dt.timedelta(days=1)) is None


RECENTLY = (TODAY - dt.timedelta(days=10)).isoformat()
TRAINING = ("trainings", "add", "--title", "Hate speech", "--starts-on", RECENTLY)
TRAINED = ("--count", "teacher:female=12")


def test_figures_follow_each_change_a_command_makes(hubdesk: Run, folder: Path) -> None:
    assert hubdesk("demo").code == 0
    before = dashboard_cache.recall(folder, "mk", TODAY)
    assert before is not None
    added = hubdesk(*TRAINING, *TRAINED)
    assert added.code == 0, added.err
    after = dashboard_cache.recall(folder, "mk", TODAY)
    assert after is not None, "the figures kept are of the data before the command"
    assert dashboard_cache.plain(after.figures) != dashboard_cache.plain(before.figures)
    assert dashboard_cache.plain(after.figures) == live_figures(folder)


def test_after_a_restore_the_figures_are_the_restored_datas(
    hubdesk: Run, folder: Path, tmp_path: Path
) -> None:
    assert hubdesk("demo").code == 0
    assert hubdesk("backup", "--to", str(tmp_path / "saved")).code == 0
    assert hubdesk(*TRAINING, *TRAINED).code == 0
    changed = dashboard_cache.recall(folder, "mk", TODAY)
    restored = hubdesk("restore", "--yes", str(tmp_path / "saved"))
    assert restored.code == 0, restored.err
    kept = dashboard_cache.recall(folder, "mk", TODAY)
    assert kept is not None and changed is not None
    assert dashboard_cache.plain(kept.figures) != dashboard_cache.plain(changed.figures)
    assert dashboard_cache.plain(kept.figures) == live_figures(folder)


def test_a_refused_command_leaves_the_figures_as_they_were(hubdesk: Run, folder: Path) -> None:
    assert hubdesk("demo").code == 0
    path = dashboard_file.cache_path(folder)
    kept = path.read_bytes()
    refused = hubdesk("trainings", "add", "--title", "", "--starts-on", RECENTLY, *TRAINED)
    assert refused.code != 0
    assert path.read_bytes() == kept
    assert dashboard_cache.recall(folder, "mk", TODAY) is not None


def test_the_figures_are_kept_in_the_installations_language(hubdesk: Run, folder: Path) -> None:
    """The window opens in the installation's language: the texts and captions are kept in it,
    whatever language the command itself spoke."""
    made = hubdesk(
        "init", "--role", "municipality", "--name", "Kumanovo", "--country", "MK", "--lang", "sq"
    )
    assert made.code == 0, made.err
    assert i18n.current_language() == "en"
    added = hubdesk("trainings", "add", "--title", "Trajnim", "--starts-on", "2026-01-15")
    assert added.code == 0, added.err
    assert dashboard_cache.recall(folder, "en", TODAY) is None
    kept = dashboard_cache.recall(folder, "sq", TODAY)
    assert kept is not None
    assert kept.figures.extra and all(t.caption() for t in kept.figures.extra.values())


def test_figures_that_cannot_be_read_never_fail_the_command(
    hubdesk: Run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the figures could not be read")

    monkeypatch.setattr(dashboard_cache, "read", broken)
    assert hubdesk("demo").code == 0
    assert dashboard_cache.recall(folder, "mk", TODAY) is None  # the window reads them live


def test_ctrl_c_while_the_figures_are_read_leaves_the_change_told(
    hubdesk: Run, kumanovo: object, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The figures are read once the change is made: a Ctrl+C then skips them, and the
    command says what it did instead of "cancelled; nothing was changed"."""

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(dashboard_cache, "read", interrupted)
    added = hubdesk("teams", "add", "--name", "CAT Kumanovo", "--kind", "cat")
    assert added.code == 0, added.err
    assert "Team added" in added.out and "cancelled" not in added.err
    assert "CAT Kumanovo" in hubdesk("teams", "list").out
