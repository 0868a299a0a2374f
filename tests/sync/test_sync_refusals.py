"""The malformed-bundle corpus: every kind of bad file is refused with its own reason, in one
line, and the receiving database stays byte-for-byte what it was."""

from __future__ import annotations

import io
import json
import os
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
import pytest
from pyrage import x25519
from sync_helpers import Network, dump, pack, real_parts, resign, seal

from hubdesk.domain.hlc import pack as hlc_pack
from hubdesk.domain.hlc import wall_ms
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle, keys, scratch
from hubdesk.sync.bundle import Limits
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle, preview_import


@dataclass
class World:
    net: Network
    muni: ServiceContext
    hub: ServiceContext
    field: ServiceContext

    def path(self, name: str) -> Path:
        return self.net.root / name

    def parts(self) -> dict[str, bytes]:
        return real_parts(self.muni, self.hub)

    def sealed(self, parts: dict[str, bytes], name: str = "case.hubdesk") -> Path:
        return seal(pack(list(parts.items())), self.hub, self.path(name))


def edit_table(
    parts: dict[str, bytes], table: str, change: Callable[[dict[str, Any]], None]
) -> None:
    name = bundle.records_entry(table)
    data = json.loads(parts[name])
    change(data)
    parts[name] = json.dumps(data).encode()


def set_cell(table: str, column: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["rows"][0][data["columns"].index(column)] = value

    return change


# Each case builds a file for the hub (the receiver) and names the reason it must be refused for.
def not_age(w: World) -> Path:
    p = w.path("plain.hubdesk")
    p.write_bytes(pack(list(w.parts().items())))  # a signed bundle, but not encrypted
    return p


def random_bytes(w: World) -> Path:
    p = w.path("random.hubdesk")
    p.write_bytes(os.urandom(2000))
    return p


def wrong_recipient(w: World) -> Path:
    return w.net.send(w.muni, w.field).path


def truncated(w: World) -> Path:
    p = w.net.send(w.muni, w.hub).path
    p.write_bytes(p.read_bytes()[:-100])
    return p


def flipped_byte(w: World) -> Path:
    p = w.net.send(w.muni, w.hub).path
    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 0x01
    p.write_bytes(bytes(data))
    return p


def not_a_zip(w: World) -> Path:
    return seal(b"PK\x03\x04 but not really a zip", w.hub, w.path("notzip.hubdesk"))


def missing_signature(w: World) -> Path:
    parts = w.parts()
    del parts[bundle.SIGNATURE]
    return w.sealed(parts)


def bad_signature(w: World) -> Path:
    parts = w.parts()
    manifest = json.loads(parts[bundle.MANIFEST])
    manifest["full"] = not manifest["full"]  # changed after signing
    parts[bundle.MANIFEST] = json.dumps(manifest).encode()
    return w.sealed(parts)


def signed_by_someone_else(w: World) -> Path:
    parts = w.parts()
    resign(parts, w.field)  # the laptop's key, but the signature line names Kumanovo
    sig = parts[bundle.SIGNATURE].split(b"\n")
    sig[1] = w.muni.installation_id.encode()
    parts[bundle.SIGNATURE] = b"\n".join(sig)
    return w.sealed(parts)


def tampered_part(w: World) -> Path:
    parts = w.parts()
    edit_table(parts, "teams", set_cell("teams", "name", "Changed after signing"))
    return w.sealed(parts)


def extra_part(w: World) -> Path:
    parts = w.parts()
    parts[bundle.records_entry("decisions")] = b'{"columns":[],"rows":[]}'
    return w.sealed(parts)


def newer_format(w: World) -> Path:
    parts = w.parts()
    resign(parts, w.muni, format_version=3)
    return w.sealed(parts)


def created_beyond_the_calendar(w: World) -> Path:
    parts = w.parts()
    resign(parts, w.muni, created_at="0001-01-01T00:00:00+14:00")  # before year 1 in UTC
    return w.sealed(parts)


def sender_name_not_unicode(w: World) -> Path:
    parts = w.parts()
    manifest = json.loads(parts[bundle.MANIFEST])
    manifest["sender"]["name"] = "Kumanovo \ud800"  # a lone surrogate: no Unicode text
    body = json.dumps(manifest, separators=(",", ":"), sort_keys=True).encode()  # escaped
    assert w.muni.data_dir is not None
    own = keys.load_keys(w.muni.data_dir)
    parts[bundle.MANIFEST] = body
    parts[bundle.SIGNATURE] = bundle.signature_entry(
        w.muni.installation_id, own.sign(bundle.SIGNED_PREFIX + body)
    )
    return w.sealed(parts)


def newer_schema(w: World) -> Path:
    parts = w.parts()
    resign(parts, w.muni, schema_version="9999")
    return w.sealed(parts)


def rows_beyond_the_part(w: World) -> Path:
    """More rows announced than the part could hold: the window's progress bar, counting the
    rows announced, failed with an error no one foresaw past 2,147,483,647."""
    parts = w.parts()
    manifest = json.loads(parts[bundle.MANIFEST])
    manifest["entries"][bundle.records_entry("teams")]["rows"] = 1 << 40
    manifest["counts"]["teams"] = 1 << 40
    parts[bundle.MANIFEST] = json.dumps(manifest).encode()
    resign(parts, w.muni)
    return w.sealed(parts)


def zip_slip(w: World) -> Path:
    return w.sealed({**w.parts(), "../../outside.json": b"{}"})


def absolute_path(w: World) -> Path:
    return w.sealed({**w.parts(), "/etc/hubdesk.json": b"{}"})


def duplicate_entry(w: World) -> Path:
    entries = list(w.parts().items())
    entries.append(entries[-1])
    return seal(pack(entries), w.hub, w.path("dup.hubdesk"))


def duplicate_after_nfc(w: World) -> Path:
    entries = [
        *w.parts().items(),
        ("records/caf\u00e9.json", b"{}"),
        ("records/cafe\u0301.json", b"{}"),
    ]
    return seal(pack(entries), w.hub, w.path("nfc.hubdesk"))


def encrypted_entry(w: World) -> Path:
    """zipfile cannot write an encrypted entry, so set the flag in both headers by hand."""
    data = bytearray(pack(list(w.parts().items())))
    target = bundle.records_entry("teams").encode()
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(target.decode())
    data[info.header_offset + 6] |= 0x01  # local file header: general purpose flags
    central = data.index(b"PK\x01\x02")
    while True:
        name_len = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + name_len] == target:
            data[central + 8] |= 0x01  # central directory: general purpose flags
            break
        extra = int.from_bytes(data[central + 30 : central + 32], "little")
        comment = int.from_bytes(data[central + 32 : central + 34], "little")
        central += 46 + name_len + extra + comment
    return seal(bytes(data), w.hub, w.path("enc.hubdesk"))


def unknown_compression(w: World) -> Path:
    entries: list[tuple[Any, bytes]] = list(w.parts().items())
    info = zipfile.ZipInfo(bundle.records_entry("teams"))
    info.compress_type = zipfile.ZIP_BZIP2
    entries = [(info if n == info.filename else n, d) for n, d in entries]
    return seal(pack(entries), w.hub, w.path("bz.hubdesk"))


def zip_bomb(w: World) -> Path:
    parts = w.parts()
    parts[bundle.records_entry("teams")] = b"[" + b" " * (4 * 1024 * 1024) + b"]"
    return w.sealed(parts)


def duplicate_json_key(w: World) -> Path:
    parts = w.parts()
    name = bundle.records_entry("teams")
    parts[name] = parts[name][:-1] + b',"rows":[]}'
    resign(parts, w.muni)
    return w.sealed(parts)


def nan_in_json(w: World) -> Path:
    parts = w.parts()
    name = bundle.records_entry("youth_activities")
    data = json.loads(parts[name])
    data["rows"][0][data["columns"].index("participants_total")] = "@NAN@"
    parts[name] = json.dumps(data).encode().replace(b'"@NAN@"', b"NaN")
    resign(parts, w.muni)
    return w.sealed(parts)


def number_of_5000_digits(w: World) -> Path:
    """Python reads no integer of more than 4,300 digits from text: its own ValueError, not
    the JSON error, went up past the import as a traceback."""
    parts = w.parts()
    name = bundle.records_entry("youth_activities")
    data = json.loads(parts[name])
    data["rows"][0][data["columns"].index("participants_total")] = "@BIG@"
    parts[name] = json.dumps(data).encode().replace(b'"@BIG@"', b"9" * 5000)
    resign(parts, w.muni)
    return w.sealed(parts)


def invalid_grid(w: World) -> Path:
    parts = w.parts()
    edit_table(parts, "youth_activities", set_cell("youth_activities", "participants_total", 99))
    resign(parts, w.muni)
    return w.sealed(parts)


def invalid_choice(w: World) -> Path:
    parts = w.parts()
    edit_table(parts, "teams", set_cell("teams", "kind", "secret_society"))
    resign(parts, w.muni)
    return w.sealed(parts)


def far_future_clock(w: World) -> Path:
    parts = w.parts()
    future = hlc_pack(wall_ms() + 5 * 24 * 3600 * 1000, 0)
    edit_table(parts, "teams", set_cell("teams", "version", future))
    resign(parts, w.muni)
    return w.sealed(parts)


def decision_from_municipality(w: World) -> Path:
    parts = w.parts()
    name = bundle.records_entry("proposal_status_changes")
    data = json.loads(parts[name])
    data["rows"][0][data["columns"].index("by_role")] = "hub"  # Kumanovo posing as the hub
    parts[name] = json.dumps(data).encode()
    resign(parts, w.muni)
    return w.sealed(parts)


def dangling_link(w: World) -> Path:
    parts = w.parts()
    edit_table(
        parts, "teams", set_cell("teams", "municipality_id", "8f0e1b7e-1d7c-4c55-a7e4-5f9d1c2b3a4d")
    )
    resign(parts, w.muni)
    return w.sealed(parts)


def replayed_sequence(w: World) -> Path:
    first = w.net.send(w.muni, w.hub)
    import_bundle(w.hub, first.path)
    parts = w.parts()
    resign(parts, w.muni, sequence=1, bundle_id="0b9f8a3c-5d6e-4f70-8a1b-2c3d4e5f6a7b")
    return w.sealed(parts)


def older_sequence(w: World) -> Path:
    first = w.net.send(w.muni, w.hub)
    second = w.net.send(w.muni, w.hub)
    import_bundle(w.hub, second.path)
    return first.path


CASES: dict[str, tuple[Callable[[World], Path], str, Limits | None]] = {
    "not an age file": (not_age, "not_age", None),
    "random bytes": (random_bytes, "not_age", None),
    "wrong recipient": (wrong_recipient, "wrong_recipient", None),
    "truncated": (truncated, "damaged", None),
    "flipped byte": (flipped_byte, "damaged", None),
    "not a zip inside": (not_a_zip, "damaged", None),
    "missing signature": (missing_signature, "incomplete", None),
    "bad signature": (bad_signature, "bad_signature", None),
    "signed with another key": (signed_by_someone_else, "bad_signature", None),
    "part changed after signing": (tampered_part, "tampered", None),
    "part not in manifest": (extra_part, "tampered", None),
    "newer format": (newer_format, "newer_format", None),
    "newer schema": (newer_schema, "newer_schema", None),
    "created before year 1": (created_beyond_the_calendar, "bad_manifest", None),
    "sender name not Unicode": (sender_name_not_unicode, "bad_manifest", None),
    "rows beyond the part": (rows_beyond_the_part, "bad_manifest", None),
    "zip slip": (zip_slip, "bad_entry_name", None),
    "absolute path": (absolute_path, "bad_entry_name", None),
    "duplicate entry": (duplicate_entry, "duplicate_entry", None),
    "duplicate after NFC": (duplicate_after_nfc, "duplicate_entry", None),
    "encrypted entry": (encrypted_entry, "encrypted_entry", None),
    "unknown compression": (unknown_compression, "unknown_compression", None),
    "zip bomb ratio": (zip_bomb, "zip_bomb", None),
    "file too large": (lambda w: w.net.send(w.muni, w.hub).path, "too_large",
                       Limits(max_file_bytes=1000)),
    "too many entries": (lambda w: w.net.send(w.muni, w.hub).path, "too_many_entries",
                         Limits(max_entries=3)),
    "entry too large": (lambda w: w.net.send(w.muni, w.hub).path, "too_large",
                        Limits(max_entry_bytes=300)),
    "unpacks too large": (lambda w: w.net.send(w.muni, w.hub).path, "too_large",
                          Limits(max_total_bytes=2000)),
    # read whole before its signature is checked: a bundle anyone can make
    "manifest too large": (lambda w: w.net.send(w.muni, w.hub).path, "too_large",
                           Limits(max_manifest_bytes=100)),
    "duplicate JSON key": (duplicate_json_key, "duplicate_key", None),
    "NaN in JSON": (nan_in_json, "not_a_number", None),
    "number of 5000 digits": (number_of_5000_digits, "bad_json", None),
    "grid does not add up": (invalid_grid, "invalid_record", None),
    "unknown choice": (invalid_choice, "invalid_record", None),
    "clock far ahead": (far_future_clock, "clock_drift", None),
    "municipality posing as hub": (decision_from_municipality, "out_of_scope", None),
    "link to nothing": (dangling_link, "missing_link", None),
    "replayed number": (replayed_sequence, "replayed", None),
    "older number": (older_sequence, "older", None),
}  # fmt: skip


RECORD_REASONS = ("invalid_record", "out_of_scope", "missing_link")


@pytest.fixture
def world(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
    seeded: dict[str, Any],
) -> World:
    return World(net, muni, hub, field)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_bundle_is_refused_and_nothing_changes(world: World, case: str) -> None:
    build, reason, limits = CASES[case]
    path = build(world)
    before = dump(world.hub.db)
    backups = sorted((world.hub.data_dir / "backups").glob("*"))  # type: ignore[operator]
    try:  # the preview refuses the same files, and lists refused records instead
        preview = preview_import(world.hub, path, limits or Limits())
    except SyncError as exc:
        assert exc.reason == reason, exc.message
    else:
        assert reason in RECORD_REASONS and preview.problems[0].reason == reason
    with pytest.raises(SyncError) as caught:
        import_bundle(world.hub, path, limits or Limits())
    assert caught.value.reason == reason, caught.value.message
    message = caught.value.message
    assert message and "\n" not in message and "Traceback" not in message
    assert dump(world.hub.db) == before
    assert sorted((world.hub.data_dir / "backups").glob("*")) == backups  # type: ignore[operator]


def test_unknown_sender_is_refused(world: World) -> None:
    stranger = world.net.install("Struga", "municipality", "MK")
    from hubdesk.sync import peers, profile

    peers.enrol(stranger, profile.read_profile(world.net.profile_of(world.hub)))
    path = world.net.send(stranger, world.hub).path
    before = dump(world.hub.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(world.hub, path)
    assert caught.value.reason == "unknown_sender" and "enrol" in caught.value.message
    assert dump(world.hub.db) == before


def test_dry_run_lists_every_refused_record(world: World) -> None:
    parts = world.parts()
    edit_table(parts, "teams", set_cell("teams", "kind", "secret_society"))
    edit_table(parts, "youth_activities", set_cell("youth_activities", "participants_total", 99))
    resign(parts, world.muni)
    preview = preview_import(world.hub, world.sealed(parts))
    reasons = [(p.table, p.reason) for p in preview.problems]
    assert reasons[:2] == [("teams", "invalid_record"), ("youth_activities", "invalid_record")]
    # What hangs on the refused team is refused with it.
    assert set(reasons[2:]) == {("members", "missing_link"), ("meetings", "missing_link")}
    assert preview.areas["teams"].refused == 1 and preview.areas["members"].refused == 1
    assert "add up" in preview.problems[1].text and "secret_society" in preview.problems[0].text


def test_copy_without_private_fields_cannot_replace_full_records(world: World) -> None:
    """A hub-bound copy (contacts withheld) re-addressed to the field laptop is refused there:
    it would blank the contacts the laptop holds."""
    net, muni, field = world.net, world.muni, world.field
    import_bundle(field, net.send(muni, field).path)
    parts = world.parts()  # Kumanovo's copy for the hub, contacts withheld
    resign(
        parts,
        muni,
        recipient={"installation_id": field.installation_id},
        sequence=5,
        bundle_id="3c1f0a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
    )
    path = seal(pack(list(parts.items())), field, world.path("to-field.hubdesk"))
    before = dump(field.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(field, path)
    assert caught.value.reason == "out_of_scope" and "private" in caught.value.message
    assert dump(field.db) == before


def test_an_age_header_of_many_recipients_is_refused_before_decrypting(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anyone can write a file whose age header lists thousands of recipients (2 MB of them
    kept the decryption library busy for minutes, with no Cancel): HubDesk writes one, and
    refuses a header longer than it ever writes before the library reads it."""
    assert world.hub.data_dir is not None
    recipient = keys.load_keys(world.hub.data_dir).public.age_recipient
    plain = pack(list(world.parts().items()))
    sealed = pyrage.encrypt(plain, [x25519.Recipient.from_str(recipient)] * 2000)
    path = world.path("many-recipients.hubdesk")
    path.write_bytes(sealed)

    def never(*_args: Any) -> None:
        raise AssertionError("the header went to the decryption library")

    monkeypatch.setattr(bundle.pyrage, "decrypt_io", never)
    before = dump(world.hub.db)
    for attempt in (preview_import, import_bundle):
        with pytest.raises(SyncError) as caught:
            attempt(world.hub, path)
        assert caught.value.reason == "damaged", caught.value.message
        assert "cannot be decrypted" in caught.value.message
    assert dump(world.hub.db) == before
    assert not list((world.hub.data_dir / scratch.FOLDER).iterdir())


def test_a_bundle_of_many_refused_rows_lists_only_the_first_problems(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signed bundle of two million teams, each refused, kept a problem per row (1.5 GB for
    a 60 MB file) and the preview's list froze the window: the first problems are listed, in
    the order a full list would have them, the rest counted; the areas count every one."""
    from hubdesk.sync import passes

    parts = world.parts()

    def many_teams(data: dict[str, Any]) -> None:
        row, at = data["rows"][0], data["columns"].index
        data["rows"] = [
            [*row[: at("id")], str(uuid.UUID(int=i + 1)), *row[at("id") + 1 :]] for i in range(40)
        ]
        for i, team in enumerate(data["rows"]):
            team[at("kind")] = f"secret_society_{i}"

    edit_table(parts, "teams", many_teams)
    manifest = json.loads(parts[bundle.MANIFEST])
    manifest["entries"][bundle.records_entry("teams")]["rows"] = 40
    manifest["counts"]["teams"] = 40
    parts[bundle.MANIFEST] = json.dumps(manifest).encode()
    resign(parts, world.muni)
    path = world.sealed(parts)
    whole = preview_import(world.hub, path)
    monkeypatch.setattr(passes, "MAX_LISTED", 5)
    preview = preview_import(world.hub, path)
    assert [p.text for p in preview.problems] == [p.text for p in whole.problems[:5]]
    assert preview.unlisted == len(whole.problems) - 5 > 40 - 5  # members and meetings too
    assert "more problems, not listed" in preview.unlisted_line()
    assert preview.areas["teams"].refused == 40
    assert preview.to_json()["problems_not_listed"] == preview.unlisted
    with pytest.raises(SyncError) as caught:
        import_bundle(world.hub, path)
    assert caught.value.reason == "invalid_record"
    assert whole.problems[0].text in caught.value.message
