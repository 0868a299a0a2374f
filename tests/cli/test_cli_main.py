"""The ``hubdesk`` program itself: help, usage mistakes, the window, ``python -m hubdesk``."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hubdesk import __version__
from hubdesk.cli import main, person_message
from hubdesk.services.errors import FieldError, ValidationError

Run = Callable[..., Any]

COMMANDS = ["init", "stats", "backup", "restore", "check"]


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--data-dir" in out
    for command in COMMANDS:
        assert command in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    captured = capsys.readouterr()
    assert f"hubdesk {command}" in captured.out
    assert captured.err == ""


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["no-such-command"],
        ["init"],  # required options missing
        ["init", "--role", "mayor", "--name", "X"],
        ["backup"],
        ["restore"],
        ["stats", "--unknown-option"],
        ["--data-dir"],
    ],
)
def test_usage_mistakes_are_one_line(args: list[str], hubdesk: Run) -> None:
    line = hubdesk(*args).one_line_error()
    assert "--help" in line
    assert hubdesk(*args).code == 2


@pytest.mark.parametrize(
    "argv", [["--data-dir", "", "stats"], ["--data-dir", " "], ["--data-dir="]]
)
def test_an_empty_data_folder_is_refused_not_the_persons_own(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--data-dir "$DIR"`` with DIR unset read as "not given": the command (or the window)
    went on with the person's own data folder."""
    monkeypatch.setitem(sys.modules, "hubdesk.app", types.SimpleNamespace(run=None))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--data-dir: it is empty" in err and len(err.strip().splitlines()) == 1


def test_a_reader_that_stops_early_gets_no_error_line(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``hubdesk proposals list | head -1`` printed "hubdesk: [Errno 32] Broken pipe"."""
    from hubdesk.commands import data

    def stats(*_args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    quieted: list[int] = []
    monkeypatch.setattr(data, "run_stats", stats)
    monkeypatch.setattr(os, "dup2", lambda _fd, target: quieted.append(target))
    assert main(["--data-dir", str(tmp_path), "stats"]) == 1
    assert capfd.readouterr().err == "" and quieted == [sys.stdout.fileno()]


def test_a_data_folder_that_is_a_file_is_named_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """It was told "HubDesk is not set up in ... yet. Run 'hubdesk init'", which then failed."""
    a_file = tmp_path / "data"
    a_file.write_text("notes", encoding="utf-8")
    assert main(["--data-dir", str(a_file), "stats"]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_no_command_opens_the_window(
    monkeypatch: pytest.MonkeyPatch, hubdesk: Run, folder: Path
) -> None:
    opened: list[Path] = []

    def run(data_dir: Path) -> int:
        opened.append(data_dir)
        return 7

    monkeypatch.setitem(sys.modules, "hubdesk.app", types.SimpleNamespace(run=run))
    assert hubdesk().code == 7
    assert opened == [folder]


def test_the_collector_is_off_while_the_window_starts(
    monkeypatch: pytest.MonkeyPatch, hubdesk: Run
) -> None:
    """The window's modules are imported, and the window runs, without Python's automatic
    cycle collector (the window collects on its GUI thread itself); it is back on after."""
    seen: dict[str, bool] = {}

    def run(data_dir: Path) -> int:
        seen["running"] = gc.isenabled()
        return 0

    class App(types.ModuleType):
        @property
        def run(self) -> Callable[[Path], int]:
            seen["imported"] = gc.isenabled()  # read by ``from hubdesk.app import run``
            return run

    monkeypatch.setitem(sys.modules, "hubdesk.app", App("hubdesk.app"))
    assert gc.isenabled()
    assert hubdesk().code == 0
    assert seen == {"imported": False, "running": False}
    assert gc.isenabled()


def test_ctrl_c_is_a_clean_cancel(monkeypatch: pytest.MonkeyPatch, hubdesk: Run) -> None:
    def interrupted(data_dir: Path) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "hubdesk.app", types.SimpleNamespace(run=interrupted))
    result = hubdesk()
    assert result.code == 130
    assert "cancelled" in result.one_line_error()


def test_validation_errors_show_every_field_on_one_line() -> None:
    error = ValidationError(
        [
            FieldError("name", "This field is required."),
            FieldError("country", "'{value}' is not one of the allowed choices.", {"value": "XX"}),
        ]
    )
    message = person_message(error)
    assert "\n" not in message
    assert "name: This field is required." in message  # "this field" needs its name
    # A sentence that says what is wrong is not prefixed by a stored name nobody typed.
    # Whole sentences follow one another with a space, not ".;" (``join_said``).
    assert message == "name: This field is required. 'XX' is not one of the allowed choices."
    named = person_message(error, options={"country": "--country"})
    assert "--country: 'XX' is not one of the allowed choices." in named
    family = ValidationError([FieldError("score_peer_learning", "At most {limit}.", {"limit": 4})])
    assert person_message(family, options={"score": "--score"}) == "--score: At most 4."


def test_file_system_errors_name_the_path() -> None:
    error = PermissionError(13, "Permission denied", "/media/usb/backup.sqlite")
    assert person_message(error) == "/media/usb/backup.sqlite: Permission denied"


def test_multi_line_messages_are_folded_onto_one_line() -> None:
    assert person_message(RuntimeError("first\nsecond")) == "first second"


# --- the real program in its own process --------------------------------------------------------


def python_m(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["HUBDESK_DATA_DIR"] = str(data_dir)
    result = subprocess.run(
        [sys.executable, "-m", "hubdesk", *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_python_m_hubdesk_sets_up_and_counts(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    init = python_m(
        "init", "--role", "field", "--name", "Gostivar", "--country", "MK", data_dir=folder
    )
    assert init.returncode == 0, init.stderr
    assert "Installation id:" in init.stdout
    stats = python_m("stats", "--json", data_dir=folder)
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.strip().startswith("{") and '"members": 0' in stats.stdout
    check = python_m("check", data_dir=folder)
    assert check.returncode == 0 and "Database is healthy" in check.stdout


def test_python_m_hubdesk_errors_are_one_line(tmp_path: Path) -> None:
    result = python_m(
        "restore", str(tmp_path / "missing.sqlite"), "--yes", data_dir=tmp_path / "data"
    )
    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1
    assert "There is no file" in result.stderr


def test_the_window_starts_without_loading_the_commands() -> None:
    """Opening the window must not wait for the database, sync and report code to import."""
    probe = (
        "import sys, types\n"
        "sys.modules['hubdesk.app'] = types.SimpleNamespace(run=lambda folder: 0)\n"
        "from hubdesk.cli import main\n"
        "assert main(['--data-dir', 'x']) == 0\n"
        "print(sorted(m for m in ('sqlalchemy', 'hubdesk.commands.sync', 'reportlab')"
        " if m in sys.modules))\n"
    )
    assert probed(probe).strip() == "[]"


def test_a_command_sets_the_program_it_imports_aside_from_the_collector() -> None:
    """The whole program, imported for a command, is frozen out of the collector's walks once
    (``cli.program_imported_aside``), and the collector is back on for the command itself."""
    probe = (
        "import gc, sys\n"
        "from hubdesk.cli import command_modules\n"
        "command_modules()\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 50_000, 'sqlalchemy.orm' in sys.modules)\n"
    )
    assert probed(probe).split() == ["True", "True", "True"]


def probed(probe: str) -> str:
    """What ``probe`` prints, run by a new Python (a process that has imported nothing yet)."""
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
