"""``hubdesk attachments`` on a municipality: add, list, travel, export a copy, remove."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attachment_samples import exe_bytes, pdf_bytes, write

from hubdesk.services import meetings, team, trainings
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database

Run = Callable[..., Any]


def add_meeting(folder: Path) -> str:
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
        starts = dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC)
        return meetings.create_meeting(
            ctx, {"team_id": cat.id, "starts_at": starts, "kind": "regular"}
        ).id
    finally:
        db.close()


def test_attachments_from_the_command_line(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    meeting = add_meeting(folder)
    data = pdf_bytes("Signed minutes")
    source = write(tmp_path / "in", "Zapisnik.pdf", data)
    added = hubdesk("attachments", "add", str(source), "--to", f"meeting:{meeting}", "--note",
                    "signed")  # fmt: skip
    assert added.code == 0 and "stays on this PC" in added.out, added.err
    [row] = json.loads(hubdesk("attachments", "list", "--json").out)
    assert (row["file_name"], row["travels"], row["size"]) == ("Zapisnik.pdf", False, len(data))
    assert row["to"] == f"meeting:{meeting}"
    assert "Zapisnik.pdf" in hubdesk("attachments", "list", "--to", f"meeting:{meeting}").out
    assert json.loads(hubdesk("stats", "--json").out)["attachments"] == 1

    assert hubdesk("attachments", "travel", row["id"]).code == 0
    assert json.loads(hubdesk("attachments", "list", "--json").out)[0]["travels"] is True

    out = tmp_path / "out"
    out.mkdir()
    assert hubdesk("attachments", "export", row["id"], "--to", str(out)).code == 0
    assert (out / "Zapisnik.pdf").read_bytes() == data

    removed = hubdesk("attachments", "remove", row["id"])
    assert removed.code == 0 and "Zapisnik.pdf" in removed.out
    assert json.loads(hubdesk("attachments", "list", "--json").out) == []
    assert json.loads(hubdesk("stats", "--json").out)["attachments"] == 0


def test_a_file_attached_to_a_training(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        training = trainings.create_training(
            ctx, {"title": "Mediation", "starts_on": dt.date(2026, 3, 2), "p_teacher_male": 4}
        ).id
    finally:
        db.close()
    source = write(tmp_path / "in", "Lista.pdf", pdf_bytes("Sign-in sheet"))
    added = hubdesk("attachments", "add", str(source), "--to", f"training:{training}")
    assert added.code == 0, added.err
    [row] = json.loads(hubdesk("attachments", "list", "--json").out)
    assert (row["to"], row["file_name"]) == (f"training:{training}", "Lista.pdf")
    assert "Lista.pdf" in hubdesk("attachments", "list", "--to", f"training:{training}").out
    unknown = hubdesk("attachments", "add", str(source), "--to", "training:nope")
    assert unknown.code != 0 and "training" in unknown.one_line_error()


def test_refusals_are_one_clear_line(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    meeting = add_meeting(folder)
    program = write(tmp_path, "minutes.pdf", exe_bytes())
    line = hubdesk("attachments", "add", str(program), "--to", f"meeting:{meeting}")
    assert "PDF, JPEG, PNG, XLSX, DOCX, ODT" in line.one_line_error()
    bad = hubdesk("attachments", "add", str(program), "--to", "member:1").one_line_error()
    assert "KIND:ID" in bad
    assert json.loads(hubdesk("attachments", "list", "--json").out) == []


def test_export_never_replaces_a_file_unasked(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    """A folder names the copy after the attached file: a person's own file of that name in
    it (another version of the minutes) stays, unless they say --force."""
    meeting = add_meeting(folder)
    data = pdf_bytes("Signed minutes")
    source = write(tmp_path / "in", "Записник Č.pdf", data)
    assert hubdesk("attachments", "add", str(source), "--to", f"meeting:{meeting}").code == 0
    [row] = json.loads(hubdesk("attachments", "list", "--json").out)
    out = tmp_path / "Моја фасцикла"
    mine = write(out, "Записник Č.pdf", b"my own edited version")

    for target in (out, mine):
        line = hubdesk("attachments", "export", row["id"], "--to", str(target)).one_line_error()
        assert "exists already" in line and "--force" in line
        assert mine.read_bytes() == b"my own edited version"

    assert hubdesk("attachments", "export", row["id"], "--to", str(out), "--force").code == 0
    assert mine.read_bytes() == data
