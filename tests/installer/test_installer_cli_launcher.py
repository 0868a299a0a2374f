"""hubdesk-cli.exe on Windows is a small launcher of hubdesk.exe, not a second copy of every
module: it runs the program beside it with the same arguments and streams, tells it which
streams are the console, and exits with its exit code. Run here with a stand-in program."""

from __future__ import annotations

import io
import os
import signal
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from installer_helpers import load

launcher = load("hubdesk_cli_launcher")
entry = load("hubdesk_entry")

STAND_IN = """#!/bin/sh
printf '%s\\n' "$@" > "$(dirname "$0")/args.txt"
printf '%s' "$HUBDESK_CONSOLE" > "$(dirname "$0")/console.txt"
echo "to stdout"
echo "to stderr" >&2
exit 7
"""


@pytest.fixture(autouse=True)
def ctrl_c_comes_back() -> Iterator[None]:
    """The launcher ignores Ctrl+C for its own process (the program it runs answers it): run
    here, that would be this test process, and every process a later test starts would inherit
    it and never stop on Ctrl+C. Each test gives the handlers back."""
    names = [name for name in ("SIGINT", "SIGBREAK") if hasattr(signal, name)]
    kept = {name: signal.getsignal(getattr(signal, name)) for name in names}
    yield
    for name, handler in kept.items():
        signal.signal(getattr(signal, name), handler)


@pytest.mark.skipif(os.name == "nt", reason="the stand-in program is a shell script")
def test_runs_the_program_beside_it_with_its_arguments_streams_and_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    program = tmp_path / launcher.PROGRAM
    program.write_text(STAND_IN, encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "hubdesk-cli.exe"))
    monkeypatch.setattr(sys, "argv", ["hubdesk-cli.exe", "report", "--lang", "mk", "a b"])
    monkeypatch.setenv("HUBDESK_CONSOLE", "stale")

    assert launcher.main() == 7
    assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN  # the program answers Ctrl+C

    assert (tmp_path / "args.txt").read_text(encoding="utf-8").splitlines() == [
        "report", "--lang", "mk", "a b"
    ]  # fmt: skip
    assert (tmp_path / "console.txt").read_text(encoding="utf-8") == "cli"  # pipes, no console
    out, err = capfd.readouterr()
    assert "to stdout" in out and "to stderr" in err


def test_a_missing_program_is_named_and_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "hubdesk-cli.exe"))
    assert launcher.main() == 1
    assert launcher.PROGRAM in capsys.readouterr().err


def test_only_the_console_window_counts_as_the_console() -> None:
    class _WindowsConsoleIO(io.RawIOBase):  # the name Python gives a console stream's raw file
        def writable(self) -> bool:
            return True

    console = io.TextIOWrapper(io.BufferedWriter(_WindowsConsoleIO()))  # type: ignore[arg-type]
    piped = io.TextIOWrapper(io.BytesIO())
    assert launcher.is_console(console)
    assert not launcher.is_console(piped) and not launcher.is_console(None)
    assert launcher.handover(console) == launcher.subprocess.DEVNULL
    assert launcher.handover(None) == launcher.subprocess.DEVNULL


def test_the_program_leaves_its_streams_alone_without_the_launcher(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(entry.CONSOLE, "stdout")
    before = sys.stdout
    entry.borrow_console()  # not a frozen Windows program: nothing to attach to
    assert sys.stdout is before
    assert entry.CONSOLE not in os.environ  # nothing the program starts inherits it
