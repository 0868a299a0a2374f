"""``hubdesk demo`` on the command line: output, refusals, progress and the lock."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from hubdesk import cli
from hubdesk.commands import demo as demo_command
from hubdesk.commands.common import ProgressLine
from hubdesk.services import stats
from hubdesk.services.installation import load_context
from hubdesk.storage.datadir import database_path
from hubdesk.storage.lock import instance_lock
from hubdesk.storage.open import open_database

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """``hubdesk ARGS`` in-process, with the demo command listed even before the lead adds it."""
    modules = cli.command_modules()
    if demo_command not in modules:
        monkeypatch.setattr(cli, "command_modules", lambda: [*modules, demo_command])

    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def folder_state(data_dir: Path) -> tuple[str, dict[str, int]]:
    db = open_database(data_dir)
    try:
        ctx = load_context(db, data_dir)
        return ctx.installation_id, stats.table_counts(ctx)
    finally:
        db.close()


def test_demo_builds_and_summarises(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    code, out, err = run("--data-dir", str(folder), "demo", "--seed", "3")
    assert code == 0, err
    # told in the demo's language (Kumanovo's), as its window and every later command speak
    assert "семе 3, размер 1" in out and "Состаноци" in out and "Проектни предлози" in out
    # its progress too: one language from the first line to the last
    assert "Изработка на демо-податоците: 100%" in err and "\r" not in err
    assert "Building the demo data" not in err
    _installation, counts = folder_state(folder)
    assert counts["teams"] == 1 and counts["fund_proposals"] == 8
    assert f"{counts['meetings']}" in out


def test_a_folder_in_use_is_refused_unchanged(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert run("--data-dir", str(folder), "demo")[0] == 0
    before = folder_state(folder)
    code, out, err = run("--data-dir", str(folder), "demo", "--seed", "2")
    assert code == 2 and out == ""
    # in the language of the folder's installation, as every command there speaks
    assert "веќе му припаѓа на „Куманово“" in err and "Ништо не е променето" in err
    assert len(err.strip().splitlines()) == 1
    assert folder_state(folder) == before


def test_bad_scale_is_one_line_and_creates_nothing(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "never"
    code, _out, err = run("--data-dir", str(folder), "demo", "--scale", "0")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "scale" in err
    assert not folder.exists()


def test_not_a_number_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    code, _out, err = run("--data-dir", str(tmp_path / "x"), "demo", "--scale", "many")
    assert code == 2 and "--scale" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()


def test_help_names_both_options(run: Run) -> None:
    code, out, _err = run("demo", "--help")
    assert code == 0 and "--seed N" in out and "--scale K" in out


def test_waits_for_nobody_when_another_hubdesk_holds_the_folder(run: Run, data_dir: Path) -> None:
    with instance_lock(data_dir):
        code, _out, err = run("--data-dir", str(data_dir), "demo")
    assert code != 0 and "already running" in err
    assert not database_path(data_dir).exists()


def test_progress_is_rewritten_in_place_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    line = ProgressLine(stream, "Building the demo data: {percent}%")
    for done in range(0, 41):
        assert line(done, 40) is True
    line.close()
    text = stream.getvalue()
    assert text.startswith("\rBuilding the demo data: 0%") and text.endswith("100%\n")
    assert text.count("\n") == 1 and text.count("\r") == 41


def test_progress_in_a_log_is_one_line_per_tenth() -> None:
    stream = io.StringIO()
    line = ProgressLine(stream, "Building the demo data: {percent}%")
    for done in range(0, 1001):
        line(done, 1000)
    line.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].endswith(" 0%") and lines[-1].endswith(" 100%") and len(lines) == 11
