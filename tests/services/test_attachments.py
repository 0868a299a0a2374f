"""Attached files on this PC: the allow-list by content, the size cap, the store by hash, open,
save a copy, travel and withdraw, remove."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from attachment_samples import (
    docx_bytes,
    exe_bytes,
    jpeg_bytes,
    odt_bytes,
    pdf_bytes,
    png_bytes,
    write,
    xlsx_bytes,
)

from hubdesk.domain import Attachment
from hubdesk.services import attachment_store as store
from hubdesk.services import attachments, meetings, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.rules import attachments as rules
from hubdesk.services.rules.base import ATTACHMENT_MAX_BYTES


@pytest.fixture
def meeting(ctx: ServiceContext) -> str:
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    return meetings.create_meeting(
        ctx,
        {
            "team_id": cat.id,
            "starts_at": dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC),
            "kind": "regular",
        },
    ).id


def stored_files(ctx: ServiceContext) -> set[str]:
    assert ctx.data_dir is not None
    return store.stored(ctx.data_dir)


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("minutes.pdf", pdf_bytes, "pdf"),
        ("photo.jpg", jpeg_bytes, "jpeg"),
        ("photo.JPEG", jpeg_bytes, "jpeg"),
        ("sign-in.png", png_bytes, "png"),
        ("receipts.xlsx", xlsx_bytes, "xlsx"),
        ("report.docx", docx_bytes, "docx"),
        ("report.odt", odt_bytes, "odt"),
    ],
)
def test_every_allowed_type_is_attached_and_stored_by_its_hash(
    ctx: ServiceContext, meeting: str, tmp_path: Path, name: str, make: Callable[[], bytes],
    kind: str,
) -> None:  # fmt: skip
    data = make()
    added = attachments.add_file(ctx, "meeting", meeting, write(tmp_path / "in", name, data))
    assert (added.file_type, added.size, added.file_name) == (kind, len(data), name)
    digest = hashlib.sha256(data).hexdigest()
    assert added.sha256 == digest and not added.travels
    assert ctx.data_dir is not None
    assert store.path_of(ctx.data_dir, digest).read_bytes() == data
    [row] = attachments.list_for(ctx, "meeting", meeting)
    assert row.available and row.file_name == name


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("minutes.pdf", exe_bytes()),  # a program renamed as a PDF
        ("setup.exe", exe_bytes()),
        ("notes.txt", b"plain words"),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 40),  # a zip signature, but no zip
    ],
)
def test_anything_else_is_refused_by_its_content_and_nothing_is_kept(
    ctx: ServiceContext, meeting: str, tmp_path: Path, name: str, data: bytes
) -> None:
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(ctx, "meeting", meeting, write(tmp_path, name, data))
    assert "PDF, JPEG, PNG, XLSX, DOCX, ODT" in refused.value.message
    assert attachments.list_files(ctx) == [] and stored_files(ctx) == set()


def test_a_plain_zip_named_docx_is_refused(
    ctx: ServiceContext, meeting: str, tmp_path: Path
) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.bin", b"x" * 100)
    with pytest.raises(ValidationError):
        attachments.add_file(ctx, "meeting", meeting, write(tmp_path, "a.docx", buffer.getvalue()))


def test_content_and_name_must_agree(ctx: ServiceContext, meeting: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(ctx, "meeting", meeting, write(tmp_path, "photo.pdf", png_bytes()))
    assert "PNG" in refused.value.message and ".png" in refused.value.message
    assert stored_files(ctx) == set()


def test_size_cap_and_empty_files(ctx: ServiceContext, meeting: str, tmp_path: Path) -> None:
    big = write(tmp_path, "big.pdf", pdf_bytes() + b"0" * ATTACHMENT_MAX_BYTES)
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(ctx, "meeting", meeting, big)
    assert "10 MB" in refused.value.message
    with pytest.raises(ValidationError):
        attachments.add_file(ctx, "meeting", meeting, write(tmp_path, "empty.pdf", b""))
    assert stored_files(ctx) == set()


def test_the_same_content_is_stored_once_and_removed_with_its_last_record(
    ctx: ServiceContext, meeting: str, tmp_path: Path
) -> None:
    source = write(tmp_path, "minutes.pdf", pdf_bytes())
    first = attachments.add_file(ctx, "meeting", meeting, source)
    second = attachments.add_file(ctx, "meeting", meeting, source, note="a second copy")
    assert stored_files(ctx) == {first.sha256}
    attachments.remove(ctx, first.id)
    assert stored_files(ctx) == {first.sha256}  # the second record still needs it
    attachments.remove(ctx, second.id)
    assert stored_files(ctx) == set()
    with ctx.read() as session:  # tombstones, as every synced record is deleted
        assert all(a.deleted for a in session.query(Attachment))


def test_the_name_a_person_gave_never_becomes_a_path(
    ctx: ServiceContext, meeting: str, tmp_path: Path
) -> None:
    source = write(tmp_path, "minutes.pdf", pdf_bytes())
    with pytest.raises(ValidationError):
        attachments.add_file(ctx, "meeting", meeting, source, name="../../evil.pdf")
    added = attachments.add_file(ctx, "meeting", meeting, source, name="Zapisnik, mart.pdf")
    assert ctx.data_dir is not None
    path = attachments.stored_path(ctx, added.id)
    assert path == store.path_of(ctx.data_dir, added.sha256)
    assert path.is_relative_to(ctx.data_dir / "attachments")
    assert attachments.safe_name("..\\..\\x:y", "pdf") == "_.._x_y.pdf"
    assert rules.name_problem("a/b.pdf", "pdf") is not None


@pytest.mark.parametrize(
    ("name", "made"),
    [
        ("CON.pdf", "_CON.pdf"),
        ("nul.tar.pdf", "_nul.tar.pdf"),
        ("Com1 .pdf", "_Com1 .pdf"),
        ("LPT¹.pdf", "_LPT¹.pdf"),
        ("aux", "_aux.pdf"),
        ("conin$.pdf", "_conin$.pdf"),
        ("NUL.", "_NUL.pdf"),
        ("minutes.pdf...", "minutes.pdf"),
        ("CONTRACT.pdf", "CONTRACT.pdf"),
        ("COM10.pdf", "COM10.pdf"),
        ("Zapisnik. CON.pdf", "Zapisnik. CON.pdf"),
    ],
)
def test_a_name_windows_reads_as_a_device_is_not_made(name: str, made: str) -> None:
    """A peer on another system may send a file named CON.pdf or nul.txt: on Windows the copy
    to open or to save went to the device (lost, or waiting on the console)."""
    assert attachments.safe_name(name, "pdf") == made


def test_a_file_attaches_only_to_a_live_record_of_this_municipality(
    ctx: ServiceContext, tmp_path: Path, hub_ctx: ServiceContext
) -> None:
    source = write(tmp_path, "minutes.pdf", pdf_bytes())
    with pytest.raises(NotFoundError):
        attachments.add_file(ctx, "meeting", "00000000-0000-4000-8000-000000000000", source)
    with pytest.raises(ValidationError):
        attachments.parse_target("member:abc")
    assert attachments.parse_target("training:abc") == ("training", "abc")
    assert attachments.parse_target("youth-activity:abc") == ("youth_activity", "abc")
    activity = youth.create_activity(
        ctx, {"title": "Forum", "activity_type": "dialogue", "starts_on": dt.date(2024, 4, 2),
              "participants_total": 0},
    )  # fmt: skip
    youth.delete_activity(ctx, activity.id)
    with pytest.raises(NotFoundError):
        attachments.add_file(ctx, "youth_activity", activity.id, source)
    assert stored_files(ctx) == set()


def test_open_gives_a_read_only_copy_with_the_original_name(
    ctx: ServiceContext, meeting: str, tmp_path: Path
) -> None:
    data = pdf_bytes("Signed minutes")
    added = attachments.add_file(ctx, "meeting", meeting, write(tmp_path, "Записник.pdf", data))
    copy = attachments.viewer_copy(ctx, added.id)
    assert copy.name == "Записник.pdf" and copy.read_bytes() == data
    assert not os.stat(copy).st_mode & stat.S_IWUSR
    saved = attachments.save_copy(ctx, added.id, tmp_path / "out" / "copy.pdf")
    assert saved.read_bytes() == data


def test_travel_and_withdraw(ctx: ServiceContext, meeting: str, tmp_path: Path) -> None:
    added = attachments.add_file(ctx, "meeting", meeting, write(tmp_path, "m.pdf", pdf_bytes()))
    assert attachments.set_travels(ctx, added.id, True) == added.id
    assert attachments.get_file(ctx, added.id).travels
    kept = attachments.set_travels(ctx, added.id, False)
    assert kept != added.id  # withdrawn: the travelling record is deleted, a private one keeps it
    assert [r.id for r in attachments.list_files(ctx)] == [kept]
    assert not attachments.get_file(ctx, kept).travels
    assert stored_files(ctx) == {added.sha256}
    assert attachments.totals(ctx) == {"files": 1, "travelling": 0, "bytes": added.size}


def test_a_hub_keeps_its_own_attachments_private(
    hub_ctx: ServiceContext, ctx: ServiceContext, meeting: str, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):
        attachments.add_file(
            hub_ctx, "meeting", meeting, write(tmp_path, "m.pdf", pdf_bytes()), travels=True
        )


def test_a_crash_while_storing_leaves_no_half_file(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ctx.data_dir is not None

    def chunks() -> object:
        yield b"%PDF-1.4 half"
        raise KeyboardInterrupt  # the PC dies half-way

    with pytest.raises(KeyboardInterrupt):
        store.put(ctx.data_dir, chunks())  # type: ignore[arg-type]
    assert list((ctx.data_dir / "attachments").rglob("*")) == []
    # A temporary left by a real crash (no chance to clean up) is removed by the next prune.
    left = store.new_temporary(ctx.data_dir)
    left.write_bytes(b"%PDF-1.4 half")
    assert attachments.prune(ctx, stale_seconds=0) == 1 and not left.exists()


def test_the_rule_book_judges_the_record(ctx: ServiceContext) -> None:
    good = {
        "municipality_id": ctx.municipality_id, "parent_kind": "meeting", "parent_id": "x",
        "file_name": "m.pdf", "file_type": "pdf", "size": 10, "sha256": "a" * 64, "note": "",
        "travels": False,
    }  # fmt: skip
    assert rules.check_attachment(good) == []
    for change, field in [
        ({"parent_kind": "member"}, "parent_kind"),
        ({"file_type": "exe"}, "file_type"),
        ({"sha256": "xyz"}, "sha256"),
        ({"size": ATTACHMENT_MAX_BYTES + 1}, "size"),
        ({"size": 0}, "size"),
        ({"file_name": "m.png"}, "file_name"),
        ({"file_name": "a\\b.pdf"}, "file_name"),
    ]:
        assert [p.field for p in rules.check_attachment({**good, **change})] == [field], change


def test_a_full_disk_is_not_blamed_on_the_persons_file(
    ctx: ServiceContext, meeting: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file reads fine; the data folder has no room for its copy. Saying the file "cannot
    be read" sent people looking for a problem with a good file."""
    source = write(tmp_path / "Корисник Č", "Записник.pdf", pdf_bytes("minutes"))
    real_open = open

    def full_disk(path: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "w" in mode and store.TEMP_PREFIX in str(path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", full_disk)
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(ctx, "meeting", meeting, source)
    monkeypatch.undo()
    text = refused.value.message
    assert "could not keep 'Записник.pdf' in its data folder" in text
    assert os.strerror(errno.ENOSPC) in text and "cannot be read" not in text
    assert attachments.list_for(ctx, "meeting", meeting) == []
    assert stored_files(ctx) == set()


def test_a_file_that_is_not_there_is_named_with_its_folder(
    ctx: ServiceContext, meeting: str, tmp_path: Path
) -> None:
    """A mistyped path is not a file that "cannot be read": say where HubDesk looked."""
    missing = tmp_path / "Корисник Č" / "Записник.pdf"
    with pytest.raises(ValidationError) as refused:
        attachments.add_file(ctx, "meeting", meeting, missing)
    assert refused.value.message == f"There is no file 'Записник.pdf' there: {missing}"
    assert stored_files(ctx) == set()


def test_a_name_that_reads_backwards_is_refused(
    ctx: ServiceContext, meeting: str, tmp_path: Path
) -> None:
    """'photo\\u202egpj.pdf' is a PDF that shows as 'photofdp.jpg': what a person reads of it
    is not what it is."""
    source = write(tmp_path, "minutes.pdf", pdf_bytes())
    with pytest.raises(ValidationError, match="reverses how it reads"):
        attachments.add_file(ctx, "meeting", meeting, source, name="photo\u202egpj.pdf")
    assert rules.name_problem("Zapisnik \u2068Ђорђе\u2069.pdf", "pdf") is not None
    assert rules.name_problem("Записник, март.pdf", "pdf") is None
