"""Keys, profiles and peers: who is trusted, and how a field laptop joins its municipality."""

from __future__ import annotations

import base64
import json
import os
import stat
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Network

from hubdesk.domain import Municipality
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import keys, peers, profile, strictjson
from hubdesk.sync.errors import SyncError


def test_keys_are_made_once_private_and_comparable(tmp_path: Path) -> None:
    first = keys.ensure_keys(tmp_path)
    again = keys.ensure_keys(tmp_path)
    assert first.public == again.public  # never replaced once made
    assert first.public.age_recipient.startswith("age1")
    groups = first.public.fingerprint.split(" ")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    if sys.platform != "win32":
        folder = keys.keys_dir(tmp_path)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for path in folder.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    identity = (keys.keys_dir(tmp_path) / keys.AGE_FILE).read_text()
    assert "# public key: " + first.public.age_recipient in identity  # age-keygen's layout


def test_other_installation_has_other_fingerprint(tmp_path: Path) -> None:
    assert (
        keys.ensure_keys(tmp_path / "a").public.fingerprint
        != keys.ensure_keys(tmp_path / "b").public.fingerprint
    )


def test_missing_keys_are_a_clear_refusal(tmp_path: Path) -> None:
    with pytest.raises(SyncError) as caught:
        keys.load_keys(tmp_path)
    assert caught.value.reason == "no_keys" and "hubdesk keys create" in caught.value.message


def test_a_signing_key_locked_with_a_passphrase_is_a_clear_refusal(tmp_path: Path) -> None:
    """Before, cryptography's TypeError escaped as a traceback."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    keys.ensure_keys(tmp_path)
    locked = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"a passphrase"),
    )
    (keys.keys_dir(tmp_path) / keys.SIGNING_FILE).write_bytes(locked)
    with pytest.raises(SyncError) as caught:
        keys.load_keys(tmp_path)
    assert caught.value.reason == "bad_keys" and "protected by a passphrase" in caught.value.message


def test_profile_round_trip(net: Network, muni: ServiceContext) -> None:
    path = net.profile_of(muni)
    read = profile.read_profile(path)
    assert read.installation_id == muni.installation_id
    assert read.municipality_id == muni.municipality_id
    assert read.fingerprint == keys.load_keys(muni.data_dir).public.fingerprint  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: p.update(name="Someone else"), "bad_signature"),
        (lambda p: p.update(fingerprint="0000 " * 7 + "0000"), "bad_signature"),
        (lambda p: p.update(format_version=2), "newer_format"),
        (lambda p: p.update(extra=1), "bad_profile"),
        (lambda p: p.update(role="king"), "bad_profile"),
        (lambda p: p.update(signing_key="AAAA"), "bad_profile"),
    ],
)
def test_altered_profile_is_refused(
    net: Network, muni: ServiceContext, change: object, reason: str
) -> None:
    path = net.profile_of(muni)
    data = json.loads(path.read_text())
    change(data)  # type: ignore[operator]
    path.write_text(json.dumps(data))
    with pytest.raises(SyncError) as caught:
        profile.read_profile(path)
    assert caught.value.reason == reason


def _signed_by(muni: ServiceContext, change: Any) -> bytes:
    """Kumanovo's profile changed by ``change`` and signed again with its own key, as anyone
    can sign a profile of their own; a lone surrogate cannot be signed, and stays escaped."""
    assert muni.data_dir is not None
    own = keys.load_keys(muni.data_dir)
    body = {k: v for k, v in profile.build_profile(muni, own).items() if k != "signature"}
    change(body)
    try:
        signature = own.sign(strictjson.dumps(body))
    except UnicodeEncodeError:
        signature = bytes(64)
    return json.dumps({**body, "signature": base64.b64encode(signature).decode()}).encode()


def _muni_name(name: str) -> Any:
    return lambda body: body["municipality"].update(name=name)


@pytest.mark.parametrize(
    ("change", "part"),
    [
        (lambda body: body.update(name="Kumanovo\x00"), "profile file is damaged"),
        (lambda body: body.update(name="Kumanovo \ud800"), "profile file is damaged"),
        (lambda body: body.update(name="Kumanovo\x1b[2J"), "profile file is damaged"),  # a terminal
        (lambda body: body.update(fingerprint="\udfff"), "profile file is damaged"),
        (_muni_name("Kumanovo\x00"), "profile file is damaged"),
        (_muni_name("Kumanovo \ud800"), "profile file is damaged"),
    ],
)
def test_a_profile_with_text_no_database_stores_is_refused_at_the_hub(
    net: Network, muni: ServiceContext, hub_ctx: ServiceContext, change: Any, part: str
) -> None:
    """A profile is signed by its own key, so anyone can write one. Its names went into the
    peers and municipalities unjudged: a NUL was stored (on PostgreSQL the enrolment stopped
    with the server's error), a lone surrogate stopped the reading with a traceback."""
    hub = net.install("Hub", "hub", ctx=hub_ctx)
    before = [p.name for p in peers.list_peers(hub)]
    with pytest.raises(SyncError) as caught:
        peers.enrol(hub, profile.parse_profile(_signed_by(muni, change)))
    assert caught.value.reason == "bad_profile" and part in caught.value.message
    assert [p.name for p in peers.list_peers(hub)] == before
    peers.enrol(hub, profile.parse_profile(_signed_by(muni, lambda body: None)))  # unchanged


def test_profile_with_duplicate_key_is_refused(net: Network, muni: ServiceContext) -> None:
    path = net.profile_of(muni)
    text = path.read_text()
    path.write_text(text.replace('{"age_recipient"', '{"name":"x","age_recipient"', 1))
    path.write_text(path.read_text()[:-2] + ',"name":"y"}')
    with pytest.raises(SyncError) as caught:
        profile.read_profile(path)
    assert caught.value.reason == "duplicate_key"


def test_who_may_enrol_whom(net: Network, muni: ServiceContext, hub: ServiceContext) -> None:
    other = net.install("Elbasan", "municipality", "AL")
    with pytest.raises(SyncError, match="hub and its own field laptops"):
        peers.enrol(muni, profile.read_profile(net.profile_of(other)))
    with pytest.raises(SyncError, match="own profile"):
        peers.enrol(muni, profile.read_profile(net.profile_of(muni)))
    peers.enrol(hub, profile.read_profile(net.profile_of(other)))  # a hub knows everyone
    stranger_laptop = net.install("Elbasan laptop", "field", "AL")
    net.introduce(stranger_laptop, other)
    with pytest.raises(SyncError, match="another municipality"):
        peers.enrol(muni, profile.read_profile(net.profile_of(stranger_laptop)))
    with pytest.raises(SyncError, match="municipalities only"):
        peers.enrol(hub, profile.read_profile(net.profile_of(stranger_laptop)))


def test_field_laptop_adopts_its_municipality(
    net: Network, muni: ServiceContext, field: ServiceContext
) -> None:
    assert field.municipality_id == muni.municipality_id
    with field.read() as session:
        rows = session.query(Municipality).all()
        assert len(rows) == 1 and rows[0].origin == muni.installation_id
        with muni.read() as other:
            theirs = other.get(Municipality, muni.municipality_id)
            assert theirs is not None and rows[0].version == theirs.version
    team.create_team(field, {"name": "Field team", "kind": "cat"})  # records as Kumanovo


def test_field_laptop_with_records_keeps_its_municipality(
    net: Network, muni: ServiceContext
) -> None:
    laptop = net.install("Laptop", "field", "MK")
    team.create_team(laptop, {"name": "Own team", "kind": "cat"})
    with pytest.raises(SyncError) as caught:
        peers.enrol(laptop, profile.read_profile(net.profile_of(muni)))
    assert caught.value.reason == "wrong_municipality"


def test_new_keys_need_a_revocation_first(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    assert muni.data_dir is not None
    for path in keys.keys_dir(muni.data_dir).iterdir():
        os.remove(path)
    keys.ensure_keys(muni.data_dir)  # Kumanovo made new keys
    fresh = profile.read_profile(net.profile_of(muni))
    with pytest.raises(SyncError) as caught:
        peers.enrol(hub, fresh)
    assert caught.value.reason == "key_mismatch"
    peers.revoke(hub, muni.installation_id)
    peer = peers.enrol(hub, fresh)
    assert not peer.revoked and peer.fingerprint == fresh.fingerprint


def test_revoked_keys_cannot_come_back(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    same = profile.read_profile(net.profile_of(muni))
    peers.revoke(hub, peers.find_peer(hub, "Kumanovo").id)
    with pytest.raises(SyncError) as caught:
        peers.enrol(hub, same)
    assert caught.value.reason == "revoked"


def test_a_revoked_signing_key_cannot_come_back_with_a_new_age_key(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    """Whoever holds a revoked laptop's or office's signing key (the PC was stolen) signs a
    profile with it and a decryption key of their own, under its id or a new one: the
    revocation stood only while both keys were the same, and the revoked key vouched again
    for every bundle it signs."""
    from pyrage import x25519

    peers.revoke(hub, muni.installation_id)

    def new_age_key(body: dict[str, Any], **more: str) -> None:
        age = str(x25519.Identity.generate().to_public())
        body.update(age_recipient=age, fingerprint=keys.fingerprint(body["signing_key"], age))
        body.update(more)

    for change in (
        new_age_key,
        lambda body: new_age_key(body, installation_id=str(uuid.uuid4())),
    ):
        thief = profile.parse_profile(_signed_by(muni, change))
        with pytest.raises(SyncError) as caught:
            peers.enrol(hub, thief)
        assert caught.value.reason == "revoked"
    [peer] = peers.list_peers(hub)
    assert peer.revoked and peer.signing_key == keys.load_keys(muni.data_dir).public.signing_key


def test_field_laptop_set_up_from_profile(net: Network, muni: ServiceContext) -> None:
    from hubdesk.storage.open import open_database
    from hubdesk.sync.export import export_bundle
    from hubdesk.sync.importer import import_bundle

    folder = net.root / "laptop"
    db = open_database(folder)
    try:
        laptop = peers.init_field_from_profile(
            db, folder, net.profile_of(muni), name="CAT laptop 2"
        )
        assert laptop.municipality_id == muni.municipality_id and keys.has_keys(folder)
        assert [p.name for p in peers.list_peers(laptop)] == ["Kumanovo"]
        peers.enrol(muni, profile.read_profile(net.profile_of(laptop)))
        team.create_team(muni, {"name": "CAT", "kind": "cat"})
        sent = export_bundle(muni, laptop.installation_id, net.root / "to-laptop.hubdesk")
        result = import_bundle(laptop, sent.path)
        assert result.areas["municipalities"].unchanged == 1  # the same record, no conflict
        assert result.totals().conflicts == 0
    finally:
        db.close()


def test_field_laptop_needs_a_municipality_profile(net: Network, hub: ServiceContext) -> None:
    from hubdesk.storage.open import open_database

    folder = net.root / "laptop"
    db = open_database(folder)
    try:
        with pytest.raises(SyncError) as caught:
            peers.init_field_from_profile(db, folder, net.profile_of(hub), name="Laptop")
        assert caught.value.reason == "wrong_role"
        from hubdesk.services.installation import get_installation

        assert get_installation(db) is None
    finally:
        db.close()
