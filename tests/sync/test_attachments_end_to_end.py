"""Attached files by bundle files only (issue 14 §6, "Done means" for attachments).

Kumanovo attaches signed minutes, a sign-in sheet and a receipt; only what it marks to travel
reaches the hub (read in the bundle itself), byte for byte, and its field laptop; the laptop's
photo reaches the hub through Kumanovo; a withdrawn file disappears at the hub; files over the
bundle's cap wait for the next bundle; and every forged or damaged file is refused with the
database and the store of attached files unchanged.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from attachment_samples import exe_bytes, pdf_bytes, png_bytes, write, xlsx_bytes
from sync_helpers import Network, dump, pack, real_parts, resign, seal, seed

from hubdesk.services import attachment_store as store
from hubdesk.services import attachments
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle, keys
from hubdesk.sync.bundle import Limits
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle


def plain_parts(path: Path, recipient: ServiceContext) -> dict[str, bytes]:
    """Every entry of the bundle file ``path`` as its recipient decrypts it."""
    assert recipient.data_dir is not None
    buffer = io.BytesIO()
    bundle.decrypt(path, buffer, keys.load_keys(recipient.data_dir).identity)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def files_at(ctx: ServiceContext) -> set[str]:
    assert ctx.data_dir is not None
    return store.stored(ctx.data_dir)


def names_at(ctx: ServiceContext) -> set[str]:
    return {row.file_name for row in attachments.list_files(ctx)}


@pytest.fixture
def world(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, "ids": seed(muni)}


def test_attachments_end_to_end_by_files(world: dict[str, Any], tmp_path: Path) -> None:
    net, muni, hub, laptop, ids = (world[k] for k in ("net", "muni", "hub", "laptop", "ids"))
    inbox = tmp_path / "chosen"
    minutes_data, sheet_data, receipt_data = pdf_bytes("Signed minutes"), png_bytes(), xlsx_bytes()

    # 1. Kumanovo attaches three files; the sign-in sheet (names of people) stays private.
    minutes = attachments.add_file(
        muni, "meeting", ids["meeting"], write(inbox, "Zapisnik 5 mart.pdf", minutes_data),
        note="signed by the chair", travels=True,
    )  # fmt: skip
    sheet = attachments.add_file(
        muni, "meeting", ids["meeting"], write(inbox, "Lista na prisutni.png", sheet_data)
    )
    receipt = attachments.add_file(
        muni, "proposal", ids["proposal"], write(inbox, "Smetka.xlsx", receipt_data), travels=True
    )

    # 2. The bundle to the hub carries the travelling files and records, and nothing private.
    sent = net.send(muni, hub)
    assert sent.files == 2 and sent.files_left == ()
    parts = plain_parts(sent.path, hub)
    manifest = json.loads(parts[bundle.MANIFEST])
    assert manifest["format_version"] == bundle.FILES_FORMAT_VERSION
    assert set(manifest["files"]) == {minutes.sha256, receipt.sha256}
    assert {n for n in parts if n.startswith("files/")} == {
        f"files/{minutes.sha256}",
        f"files/{receipt.sha256}",
    }
    rows = json.loads(parts["records/attachments.json"])["rows"]
    assert len(rows) == 2  # the two travelling records, not the private one
    carried = b"".join(parts.values())
    assert sheet_data not in carried and b"Lista na prisutni" not in carried
    assert sheet.id.encode() not in carried and sheet.sha256.encode() not in carried

    # 3. The hub holds both files byte for byte, and lists them on the meeting and proposal.
    import_bundle(hub, sent.path)
    assert names_at(hub) == {"Zapisnik 5 mart.pdf", "Smetka.xlsx"}
    assert attachments.stored_path(hub, minutes.id).read_bytes() == minutes_data
    assert attachments.stored_path(hub, receipt.id).read_bytes() == receipt_data
    assert files_at(hub) == {minutes.sha256, receipt.sha256}
    assert [r.note for r in attachments.list_for(hub, "meeting", ids["meeting"])] == [
        "signed by the chair"
    ]

    # The hub reads a municipality's files but never changes or removes them.
    from hubdesk.services.errors import PermissionDenied

    assert not attachments.get_file(hub, receipt.id).changeable
    with pytest.raises(PermissionDenied):
        attachments.remove(hub, receipt.id)
    with pytest.raises(PermissionDenied):
        attachments.set_travels(hub, receipt.id, False)

    # 4. The field laptop gets the travelling files too, never the private sheet.
    net.deliver(muni, laptop)
    assert names_at(laptop) == {"Zapisnik 5 mart.pdf", "Smetka.xlsx"}
    assert sheet.sha256 not in files_at(laptop)

    # 5. A photo taken in the field reaches the hub through Kumanovo.
    photo_data = png_bytes(8, 6, 30)
    photo = attachments.add_file(
        laptop, "youth_activity", ids["activity"], write(inbox, "Forum.png", photo_data),
        travels=True,
    )  # fmt: skip
    net.deliver(laptop, muni)
    net.deliver(muni, hub)
    assert attachments.stored_path(hub, photo.id).read_bytes() == photo_data

    # 6. Kumanovo withdraws the minutes: the hub (and the laptop) drop the file.
    kept = attachments.set_travels(muni, minutes.id, False)
    net.deliver(muni, hub)
    net.deliver(muni, laptop)
    assert names_at(hub) == {"Smetka.xlsx", "Forum.png"}
    assert minutes.sha256 not in files_at(hub) | files_at(laptop)
    assert attachments.get_file(muni, kept).available  # still on Kumanovo's PC
    assert kept.encode() not in b"".join(plain_parts(net.send(muni, hub).path, hub).values())


def test_a_file_sent_again_after_the_office_removed_it_does_not_block_the_laptop(
    world: dict[str, Any], tmp_path: Path
) -> None:
    """The laptop sent two bundles before hearing back; the office imported the first, then
    removed the file. The second (and every later one, until the laptop heard back) was
    refused as carrying 'a file that is not the file its record describes'."""
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    net.deliver(muni, laptop)
    minutes = write(tmp_path / "in", "minutes.pdf", pdf_bytes("Minutes of May"))
    sent = attachments.add_file(laptop, "meeting", world["ids"]["meeting"], minutes, travels=True)
    first, second = net.send(laptop, muni).path, net.send(laptop, muni).path
    import_bundle(muni, first)
    attachments.remove(muni, sent.id)
    assert files_at(muni) == set()
    import_bundle(muni, second)  # the removal stands; the file no record names is not kept
    assert files_at(muni) == set() and names_at(muni) == set()
    net.deliver(laptop, muni)


def test_a_bundle_without_files_is_written_as_before(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any], tmp_path: Path
) -> None:
    attachments.add_file(
        muni, "meeting", seeded["meeting"], write(tmp_path, "private.pdf", pdf_bytes())
    )
    parts = plain_parts(net.send(muni, hub).path, hub)
    manifest = json.loads(parts[bundle.MANIFEST])
    assert manifest["format_version"] == bundle.FORMAT_VERSION == 1
    assert "files" not in manifest and "records/attachments.json" not in parts
    assert not [n for n in parts if n.startswith("files/")]


def test_files_over_the_bundle_cap_wait_for_the_next_bundle(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any], tmp_path: Path
) -> None:
    from hubdesk.sync.export import export_bundle

    first = attachments.add_file(
        muni, "meeting", seeded["meeting"], write(tmp_path, "a.pdf", pdf_bytes("A")),
        travels=True,
    )  # fmt: skip
    second = attachments.add_file(
        muni, "meeting", seeded["meeting"], write(tmp_path, "b.pdf", pdf_bytes("B" * 50)),
        travels=True,
    )  # fmt: skip
    budget = max(first.size, second.size) + 1  # room for one of the two
    out = export_bundle(muni, hub.installation_id, tmp_path / "1.hubdesk", file_budget=budget)
    assert out.files == 1 and len(out.files_left) == 1
    import_bundle(hub, out.path)
    assert len(attachments.list_files(hub)) == 1
    # The one left waits for the next bundle, which carries it once the hub acknowledged.
    net.deliver(hub, muni)
    out = export_bundle(muni, hub.installation_id, tmp_path / "2.hubdesk", file_budget=budget)
    assert out.files == 1 and out.files_left == ()
    import_bundle(hub, out.path)
    assert names_at(hub) == {"a.pdf", "b.pdf"}
    assert files_at(hub) == {first.sha256, second.sha256}


def test_a_training_s_travelling_file_reaches_the_hub(
    net: Network, muni: ServiceContext, hub: ServiceContext, tmp_path: Path
) -> None:
    import datetime as dt

    from hubdesk.services import trainings

    training = trainings.create_training(
        muni, {"title": "Mediation course", "starts_on": dt.date(2026, 3, 2), "p_teacher_female": 9}
    )
    sheet = attachments.add_file(
        muni, "training", training.id, write(tmp_path, "Sign-in.pdf", pdf_bytes("Sheet")),
        travels=True,
    )  # fmt: skip
    parts = real_parts(muni, hub)
    assert bundle.file_entry(sheet.sha256) in parts
    # A training the hub neither holds nor receives: the file's record is refused.
    _edit_rows(parts, lambda v: v.update(parent_id="00000000-0000-4000-8000-000000000000"))
    resign(parts, muni)
    forged = seal(pack(list(parts.items())), hub, tmp_path / "forged.hubdesk")
    with pytest.raises(SyncError) as refused:
        import_bundle(hub, forged)
    assert refused.value.reason == "broken_link"
    assert files_at(hub) == set()
    import_bundle(hub, net.send(muni, hub).path)
    assert [r.file_name for r in attachments.list_for(hub, "training", training.id)] == [
        "Sign-in.pdf"
    ]
    assert attachments.stored_path(hub, sheet.id).read_bytes() == pdf_bytes("Sheet")


# --- refusals: forged or damaged files change nothing ------------------------------------------


def _set_files(parts: dict[str, bytes], files: dict[str, bytes]) -> dict[str, Any]:
    for name in [n for n in parts if n.startswith("files/")]:
        del parts[name]
    for sha, data in files.items():
        parts[bundle.file_entry(sha)] = data
    return {"files": {sha: {"size": len(d)} for sha, d in files.items()}}


def _edit_rows(parts: dict[str, bytes], change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(parts["records/attachments.json"])
    columns = data["columns"]
    for row in data["rows"]:
        values = dict(zip(columns, row, strict=True))
        change(values)
        row[:] = [values[c] for c in columns]
    parts["records/attachments.json"] = json.dumps(data).encode()


def other_content(parts: dict[str, bytes], sha: str, muni: ServiceContext) -> None:
    """The file swapped for another PDF, the manifest and its signature made to match."""
    forged = pdf_bytes("Someone else's minutes")
    resign(parts, muni, **_set_files(parts, {hashlib.sha256(forged).hexdigest(): forged}))


def altered_in_place(parts: dict[str, bytes], sha: str, muni: ServiceContext) -> None:
    """The file's bytes changed after signing: its hash is no longer its name."""
    parts[bundle.file_entry(sha)] = pdf_bytes("changed")


def file_dropped(parts: dict[str, bytes], sha: str, muni: ServiceContext) -> None:
    changes = _set_files(parts, {})
    changes["format_version"] = 1
    del changes["files"]
    manifest = json.loads(parts[bundle.MANIFEST])
    manifest.pop("files")
    parts[bundle.MANIFEST] = json.dumps(manifest).encode()
    resign(parts, muni, **changes)


def file_without_record(parts: dict[str, bytes], sha: str, muni: ServiceContext) -> None:
    extra = png_bytes(2, 2)
    files = {sha: parts[bundle.file_entry(sha)], hashlib.sha256(extra).hexdigest(): extra}
    resign(parts, muni, **_set_files(parts, files))


def program_as_pdf(parts: dict[str, bytes], sha: str, muni: ServiceContext) -> None:
    """A program with its own hash, its record rewritten to match: refused by its content."""
    program = exe_bytes()
    digest = hashlib.sha256(program).hexdigest()
    _edit_rows(parts, lambda v: v.update(sha256=digest, size=len(program)))
    resign(parts, muni, **_set_files(parts, {digest: program}))


def parent_elsewhere(parts: dict[str, bytes], sha: str, muni: ServiceContext) -> None:
    _edit_rows(parts, lambda v: v.update(parent_id="00000000-0000-4000-8000-000000000000"))
    resign(parts, muni)


def private_record(parts: dict[str, bytes], sha: str, muni: ServiceContext) -> None:
    """The record marked private (no honest PC sends one) and the bundle without its file: it
    was accepted, naming a file the hub never gets."""
    _edit_rows(parts, lambda v: v.update(travels=False))
    file_dropped(parts, sha, muni)


CASES: dict[str, tuple[Callable[[dict[str, bytes], str, ServiceContext], None], str, Limits]] = {
    "another file under the record's hash": (other_content, "missing_file", Limits()),
    "file changed after signing": (altered_in_place, "tampered", Limits()),
    "record without its file": (file_dropped, "missing_file", Limits()),
    "file without its record": (file_without_record, "file_without_record", Limits()),
    "a program posing as the PDF": (program_as_pdf, "file_mismatch", Limits()),
    "attached to a record nobody has": (parent_elsewhere, "broken_link", Limits()),
    "a private file's record": (private_record, "out_of_scope", Limits()),
    "file over the cap": (lambda p, s, m: None, "file_too_large", Limits(max_attachment_bytes=64)),
    "files over the bundle's cap":
        (lambda p, s, m: None, "files_too_large", Limits(max_files_bytes=64)),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_refuses_the_bundle_and_changes_nothing(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any],
    tmp_path: Path, case: str,
) -> None:  # fmt: skip
    forge, reason, limits = CASES[case]
    added = attachments.add_file(
        muni, "meeting", seeded["meeting"], write(tmp_path, "m.pdf", pdf_bytes("Real minutes")),
        travels=True,
    )  # fmt: skip
    parts = real_parts(muni, hub)
    assert bundle.file_entry(added.sha256) in parts
    forge(parts, added.sha256, muni)
    path = seal(pack(list(parts.items())), hub, tmp_path / "forged.hubdesk")
    before, stored_before = dump(hub.db), files_at(hub)
    with pytest.raises(SyncError) as refused:
        import_bundle(hub, path, limits)
    assert refused.value.reason == reason, refused.value.message
    assert dump(hub.db) == before and files_at(hub) == stored_before == set()
    assert hub.data_dir is not None
    assert not [p for p in (hub.data_dir / "attachments").rglob("*") if p.is_file()]


def test_a_private_record_is_refused_from_a_laptop_too(
    world: dict[str, Any], tmp_path: Path
) -> None:
    """From any sender: a field laptop's bundle to its municipality carrying a live private
    record is refused, naming the record; its deletion (a withdrawal) still passes."""
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    net.deliver(muni, laptop)
    photo = write(tmp_path, "photo.png", png_bytes(3, 3))
    added = attachments.add_file(laptop, "meeting", world["ids"]["meeting"], photo, travels=True)
    parts = real_parts(laptop, muni)
    private_record(parts, added.sha256, laptop)
    path = seal(pack(list(parts.items())), muni, tmp_path / "private.hubdesk")
    before = dump(muni.db)
    with pytest.raises(SyncError) as refused:
        import_bundle(muni, path)
    assert refused.value.reason == "out_of_scope"
    assert added.id in refused.value.message and "private file" in refused.value.message
    assert dump(muni.db) == before
    net.deliver(laptop, muni)  # the genuine bundle: the travelling record and its file
    kept = attachments.set_travels(laptop, added.id, False)  # withdrawn: deleted, kept here
    assert kept != added.id
    net.deliver(laptop, muni)
    assert [r.id for r in attachments.list_files(muni)] == []
    assert [r.id for r in attachments.list_files(laptop)] == [kept]


def test_a_failure_after_the_files_were_stored_removes_them(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """The PC fails between storing the files and committing (here: the import log cannot be
    written): the transaction is rolled back and the files it stored are removed."""
    from hubdesk.sync import importer

    attachments.add_file(
        muni, "meeting", seeded["meeting"], write(tmp_path, "m.pdf", pdf_bytes()), travels=True
    )
    path = net.send(muni, hub).path
    before = dump(hub.db)

    def broken_log(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(importer, "_log", broken_log)
    with pytest.raises(OSError):
        import_bundle(hub, path)
    assert dump(hub.db) == before and files_at(hub) == set()
    monkeypatch.undo()
    import_bundle(hub, path)  # the same bundle imports afterwards
    assert len(files_at(hub)) == 1


def test_scope_of_attachments_both_ways(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any],
    tmp_path: Path,
) -> None:  # fmt: skip
    """Private records never leave; a hub never sends a municipality's files (nor its own);
    a hub cannot write a municipality's attachment, nor one municipality another's."""
    from hubdesk.domain.enums import Role
    from hubdesk.sync import scope

    assert scope.export_clause("attachments", Role.HUB, Role.MUNICIPALITY) is None
    for sender, recipient in [(Role.MUNICIPALITY, Role.HUB), (Role.MUNICIPALITY, Role.FIELD),
                              (Role.FIELD, Role.MUNICIPALITY)]:  # fmt: skip
        clause = scope.export_clause("attachments", sender, recipient)
        assert clause is not None and "travels" in str(clause)
    added = attachments.add_file(
        muni, "meeting", seeded["meeting"], write(tmp_path, "m.pdf", pdf_bytes()), travels=True
    )
    net.deliver(muni, hub)
    with hub.read() as session:
        from hubdesk.domain import Attachment

        row = session.get(Attachment, added.id)
        assert row is not None
        values = {c: getattr(row, c) for c in ("municipality_id", "travels", "updated_by")}
    common = {"own_role": Role.MUNICIPALITY, "own_municipality": muni.municipality_id}
    hub_wrote = {**values, "updated_by": hub.installation_id}
    why = scope.check_record(
        "attachments", hub_wrote, muni.municipality_id, sender_id=hub.installation_id,
        sender_role=Role.HUB, sender_municipality=None, **common,
    )  # fmt: skip
    assert why is not None
    other = "00000000-0000-4000-8000-00000000beef"
    why = scope.check_record(
        "attachments", values, muni.municipality_id, sender_id=other,
        sender_role=Role.MUNICIPALITY, sender_municipality=other, own_role=Role.HUB,
        own_municipality=None,
    )  # fmt: skip
    assert why is not None
    # The hub's own note on Kumanovo's meeting stays at the hub, even if it were marked.
    note = attachments.add_file(
        hub, "meeting", seeded["meeting"], write(tmp_path, "hub-note.pdf", pdf_bytes("hub"))
    )
    parts = plain_parts(net.send(hub, muni).path, muni)
    assert note.id.encode() not in b"".join(parts.values())
