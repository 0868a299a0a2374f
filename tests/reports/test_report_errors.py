"""Bad input is one clear message and no file; a failure or cancel mid-build leaves nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from report_samples import TODAY, Sample

from hubdesk.reports import ReportCancelled, ReportError, generate_report
from hubdesk.reports.document import ReportTemplate
from hubdesk.services import fund
from hubdesk.services.context import ServiceContext


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("agenda", {}, "Unknown report 'agenda'"),
        (
            "periodic",
            {"date_from": dt.date(2026, 5, 1), "date_to": dt.date(2026, 4, 1)},
            "is before its start",
        ),
        # a start after today with no end printed the one day of the start
        ("youth", {"date_from": TODAY + dt.timedelta(days=1)}, "starts after today"),
        ("minutes", {}, "needs the id of the meeting"),
        ("minutes", {"record_id": "no-such-meeting"}, "No meeting with id no-such-meeting"),
        ("proposal", {"record_id": "nope"}, "No proposal with id nope"),
        ("regional", {}, "regional hub only"),
        ("periodic", {"lang": "de"}, "Unknown language 'de'"),
        ("periodic", {"record_id": "Gostivar"}, "only on its own municipality"),
    ],
)
def test_bad_input_is_refused_without_a_file(
    ctx: ServiceContext, sample: Sample, out_dir: Path, kind: str, options: dict, message: str
) -> None:
    options = {"lang": "en", **options}
    with pytest.raises(ReportError, match=message) as caught:
        generate_report(ctx, kind, out_dir / "r.pdf", today=TODAY, **options)
    assert "\n" not in caught.value.message
    assert list(out_dir.iterdir()) == []


def test_a_proposal_is_found_by_its_reference(
    ctx: ServiceContext, sample: Sample, out_dir: Path
) -> None:
    """People know a proposal by its reference ("MK-2025-003"), which the lists show; the id
    was the only way to print it from the command line."""
    reference = fund.get_proposal(ctx, sample.proposal_id).reference
    assert reference
    path = generate_report(
        ctx,
        "proposal",
        out_dir / "p.pdf",
        today=TODAY,
        lang="en",
        record_id=f" {reference.lower()} ",
    )
    assert path.is_file()


def test_a_missing_folder_or_a_folder_as_target_is_refused(
    ctx: ServiceContext, out_dir: Path
) -> None:
    with pytest.raises(ReportError, match="does not exist"):
        generate_report(ctx, "periodic", out_dir / "missing" / "r.pdf", lang="en")
    with pytest.raises(ReportError, match="is a folder"):
        generate_report(ctx, "periodic", out_dir, lang="en")
    assert list(out_dir.iterdir()) == []


def test_a_file_not_ending_in_pdf_is_left_as_it_was(ctx: ServiceContext, out_dir: Path) -> None:
    """``--out notes.txt`` put a PDF in place of the person's notes: a report is written only
    to a name ending in .pdf (any case), and anything else stays as it was."""
    notes = out_dir / "notes.txt"
    notes.write_text("the mayor's phone number")
    for target in (notes, out_dir / "report", out_dir / "report.pdf.docx"):
        with pytest.raises(ReportError, match=r"ending \.pdf") as caught:
            generate_report(ctx, "periodic", target, lang="en")
        assert str(target) in caught.value.message
    assert notes.read_text() == "the mayor's phone number"
    assert list(out_dir.iterdir()) == [notes]
    assert generate_report(ctx, "periodic", out_dir / "r.PDF", lang="en").is_file()


def test_an_unwritable_folder_is_one_clear_error(ctx: ServiceContext, out_dir: Path) -> None:
    out_dir.chmod(0o500)
    try:
        if _root_can_write(out_dir):
            pytest.skip("running as root: permissions do not stop writing")
        with pytest.raises(ReportError, match="Cannot write"):
            generate_report(ctx, "periodic", out_dir / "r.pdf", lang="en")
    finally:
        out_dir.chmod(0o700)
    assert list(out_dir.iterdir()) == []


def test_a_file_held_open_by_a_viewer_is_one_clear_error(
    ctx: ServiceContext, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a PDF open in a viewer cannot be replaced: say so, and leave no temp file."""

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied", dst)

    monkeypatch.setattr("hubdesk.reports.document.os.replace", refuse)
    with pytest.raises(ReportError, match=r"Cannot write .*Permission denied"):
        generate_report(ctx, "periodic", out_dir / "r.pdf", lang="en")
    assert list(out_dir.iterdir()) == []


def _root_can_write(folder: Path) -> bool:
    try:
        (folder / ".probe").touch()
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True


def test_a_failure_mid_build_leaves_no_half_written_file(
    ctx: ServiceContext, sample: Sample, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = out_dir / "r.pdf"
    old.write_bytes(b"the previous report")

    def explode(self: ReportTemplate) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ReportTemplate, "afterPage", explode)
    with pytest.raises(RuntimeError, match="disk on fire"):
        generate_report(ctx, "minutes", old, lang="en", record_id=sample.meeting_id)
    assert [p.name for p in out_dir.iterdir()] == ["r.pdf"]
    assert old.read_bytes() == b"the previous report"  # the old file is untouched


def test_cancelling_leaves_nothing(ctx: ServiceContext, sample: Sample, out_dir: Path) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return len(seen) < 2  # cancel at the first page

    with pytest.raises(ReportCancelled, match="cancelled"):
        generate_report(
            ctx,
            "minutes",
            out_dir / "r.pdf",
            lang="en",
            record_id=sample.meeting_id,
            progress=progress,
        )
    assert len(seen) == 2
    assert list(out_dir.iterdir()) == []


def test_progress_reaches_the_end(ctx: ServiceContext, sample: Sample, out_dir: Path) -> None:
    seen: list[tuple[int, int]] = []
    generate_report(
        ctx,
        "minutes",
        out_dir / "r.pdf",
        lang="en",
        record_id=sample.meeting_id,
        progress=lambda done, total: seen.append((done, total)) is None,
    )
    assert seen[0] == (0, 1) and seen[-1] == (1, 1)
    fractions = [done / total for done, total in seen]
    assert fractions == [*sorted(fractions[:-1]), 1.0]
    assert (out_dir / "r.pdf").read_bytes().startswith(b"%PDF")


def test_the_municipality_is_known_by_its_name_in_either_script(
    ctx: ServiceContext, sample: Sample, out_dir: Path
) -> None:
    """The Macedonian report prints "Куманово": given back, that name is this municipality's
    own, not another one's."""
    from hubdesk.services.installation import update_profile

    update_profile(ctx, {"name_other_script": "Куманово"})
    for name in ("Kumanovo", "куманово"):
        out = generate_report(ctx, "roster", out_dir / "r.pdf", lang="mk", today=TODAY,
                              record_id=name)  # fmt: skip
        assert out.exists()
    with pytest.raises(ReportError, match="only on its own municipality"):
        generate_report(ctx, "roster", out_dir / "g.pdf", lang="en", record_id="Гостивар")
