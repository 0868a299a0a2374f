"""``hubdesk selftest``: the real steps pass on a working install, a failure names its step and
stops, and the person's data folder is never used."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from hubdesk import selftest
from hubdesk.commands import selftest as command
from hubdesk.commands.common import CliEnv
from hubdesk.i18n import language
from hubdesk.selftest import Step, StepFailed, Workspace, run_selftest


def fake(key: str, outcome: str | Exception, ran: list[str]) -> Step:
    def run(ws: Workspace) -> str:
        ran.append(key)
        assert ws.root.is_dir()
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return Step(key, f"label of {key}", run)


def test_every_real_step_passes_in_a_temporary_folder(data_dir: Path) -> None:
    folders: list[Path] = []
    report = run_selftest(on_step=lambda r: folders.append(r))  # type: ignore[arg-type]
    assert report.ok, report.summary()
    assert [r.key for r in report.results] == [s.key for s in selftest.STEPS]
    assert report.summary().startswith("Self-test passed: 8 steps")
    assert "report" in report.summary() and "import" in report.summary()
    assert len(folders) == len(selftest.STEPS)
    # The person's data folder (HUBDESK_DATA_DIR of the test) was never created or touched.
    assert not Path(os.environ["HUBDESK_DATA_DIR"]).exists()
    assert list(data_dir.iterdir()) == []


def test_a_failing_step_is_named_and_later_steps_do_not_run() -> None:
    ran: list[str] = []
    steps = [
        fake("one", "fine", ran),
        fake("two", StepFailed("the PDF is empty"), ran),
        fake("three", "never", ran),
    ]
    report = run_selftest(steps)
    assert not report.ok
    assert ran == ["one", "two"]
    assert report.failed is not None and report.failed.key == "two"
    assert report.summary() == ("Self-test failed at step 'two' (label of two): the PDF is empty")
    assert "StepFailed" in report.failed.trace


def test_an_unexpected_error_names_its_kind_so_support_sees_the_missing_file() -> None:
    missing = FileNotFoundError(2, "No such file or directory", "/x/DejaVuSans.ttf")
    report = run_selftest([fake("report", missing, [])])
    assert report.failed is not None
    assert report.failed.detail.startswith("FileNotFoundError: ")
    assert "DejaVuSans.ttf" in report.failed.detail


def test_a_missing_font_fails_the_resources_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hubdesk.reports.fonts as fonts

    monkeypatch.setattr(fonts, "FONT_DIR", tmp_path)
    report = run_selftest(selftest.STEPS[:1])
    assert report.failed is not None and report.failed.key == "resources"
    assert "DejaVuSans.ttf" in report.failed.detail


def test_the_temporary_folder_is_removed_unless_kept(tmp_path: Path) -> None:
    roots: list[Path] = []

    def remember(ws: Workspace) -> str:
        roots.append(ws.root)
        ws.open("municipality")  # an open database must not stop the clean-up
        return ""

    run_selftest([Step("x", "x", remember)])
    assert not roots[0].exists()
    run_selftest([Step("x", "x", remember)], keep=tmp_path / "kept")
    assert roots[1].parent == tmp_path / "kept" and (roots[1] / "municipality").is_dir()


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.register(parser.add_subparsers())
    return parser.parse_args(["selftest", *argv])


def test_the_command_prints_one_line_and_exits_zero(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []
    monkeypatch.setattr(selftest, "STEPS", (fake("only", "fine", ran),))
    monkeypatch.setattr(command, "run_selftest", lambda **kw: run_selftest(selftest.STEPS, **kw))
    lines: list[str] = []
    env = CliEnv(data_dir=data_dir, out=lines.append)
    assert command.run_selftest_command(parse(), env) == 0
    assert len(lines) == 1 and lines[0].startswith("Self-test passed: 1 steps")


def test_the_seconds_are_written_the_languages_way() -> None:
    report = run_selftest((fake("only", "fine", []),))
    report.seconds = 1.62
    assert "in 1.6 s" in report.summary()
    with language("mk"):
        assert " 1,6 " in report.summary()


def test_the_command_names_the_failing_step_and_exits_non_zero(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    steps = (fake("one", "fine", []), fake("report", OSError("disk full"), []))
    monkeypatch.setattr(command, "run_selftest", lambda **kw: run_selftest(steps, **kw))
    lines: list[str] = []
    env = CliEnv(data_dir=data_dir, out=lines.append)
    assert command.run_selftest_command(parse("--verbose"), env) == command.EXIT_FAILED
    err = capsys.readouterr().err
    assert "Self-test failed at step 'report'" in err and "OSError: disk full" in err
    assert "Traceback" in err  # --verbose shows support where it broke
    assert [line.split()[0] for line in lines] == ["one", "report"]  # one line per step
    assert "FAILED" in lines[1]


def test_the_command_is_quiet_about_tracebacks_without_verbose(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    steps = (fake("demo", ValueError("bad seed"), []),)
    monkeypatch.setattr(command, "run_selftest", lambda **kw: run_selftest(steps, **kw))
    env = CliEnv(data_dir=data_dir, out=lambda line: None)
    assert command.run_selftest_command(parse(), env) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["hubdesk: Self-test failed at step 'demo' (label of demo): ValueError: bad seed"]
