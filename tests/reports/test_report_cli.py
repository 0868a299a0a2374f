"""``hubdesk report`` through a parser built from the command module's ``register``."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from report_samples import Sample, pdf_text

from hubdesk.commands import report
from hubdesk.commands.common import CliEnv, CliError
from hubdesk.services.context import ServiceContext


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="hubdesk")
    report.register(root.add_subparsers(dest="command"))
    return root


def run(data_dir: Path, *argv: str) -> tuple[int, list[str]]:
    args = parser().parse_args(["report", *argv])
    lines: list[str] = []
    env = CliEnv(data_dir=data_dir, out=lines.append)
    with env.closing():
        return args.handler(args, env), lines


def test_help_lists_every_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        parser().parse_args(["report", "--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    for word in ("minutes", "regional", "--bilingual", "--contacts", "--from", "YYYY-MM-DD"):
        assert word in shown


def test_writes_the_pdf_and_says_where(
    ctx: ServiceContext, sample: Sample, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "minutes.pdf"
    code, lines = run(
        data_dir,
        "minutes",
        "--out",
        str(out),
        "--lang",
        "mk",
        "--id",
        sample.meeting_id,
        "--bilingual",
    )
    assert code == 0
    assert lines == [f"Report written to {out}."]
    assert "Ана Петровска" in pdf_text(out)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["agenda"], "Unknown report 'agenda'"),
        (["periodic", "--from", "2026-05-01", "--to", "2026-04-01"], "is before its start"),
        (["minutes", "--id", "123"], "No meeting with id 123"),
        (["minutes"], "needs the id of the meeting"),
        (["regional"], "regional hub only"),
        (["periodic", "--lang", "xx"], "Unknown language 'xx'"),
    ],
)
def test_bad_input_is_one_line_and_no_file(
    ctx: ServiceContext, data_dir: Path, tmp_path: Path, argv: list[str], message: str
) -> None:
    out = tmp_path / "out" / "r.pdf"
    out.parent.mkdir()
    with pytest.raises(CliError, match=message) as caught:
        run(data_dir, *argv, "--out", str(out))
    assert "\n" not in str(caught.value) and caught.value.code != 0
    assert list(out.parent.iterdir()) == []


def test_a_date_that_is_not_a_date_is_a_usage_error(
    ctx: ServiceContext, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        run(data_dir, "periodic", "--from", "1.2.2026", "--out", str(tmp_path / "r.pdf"))
    assert done.value.code == 2
    assert "'1.2.2026' is not a date; write it as YYYY-MM-DD." in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_the_report_language_defaults_to_the_installations(
    ctx: ServiceContext, sample: Sample, data_dir: Path, tmp_path: Path
) -> None:
    from hubdesk.services.installation import set_language

    set_language(ctx, "sq")
    out = tmp_path / "p.pdf"
    run(data_dir, "periodic", "--out", str(out), "--from", "2026-01-01", "--to", "2026-06-30")
    from pypdf import PdfReader

    assert PdfReader(str(out)).trailer["/Root"]["/Lang"] == "sq"


@pytest.mark.parametrize("kind", ["fund", "minutes"])
def test_a_period_for_a_report_without_one_is_refused(
    ctx: ServiceContext, data_dir: Path, tmp_path: Path, kind: str
) -> None:
    """`hubdesk report fund --year 2025` printed every year's money as recorded today,
    silently, under a file its user took for 2025's."""
    out = tmp_path / "f.pdf"
    with pytest.raises(CliError, match="not for a period") as caught:
        run(data_dir, kind, "--year", "2025", "--out", str(out))
    assert "\n" not in str(caught.value)
    assert not out.exists()
