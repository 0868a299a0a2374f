"""The public profile: who an installation is and its public keys, in one small JSON file.

A profile is handed over on a USB stick or by e-mail and trusted only after a person compared its
fingerprint with the one the other side reads out by phone. It is signed with its own key, which
proves the sender holds the private half but not who they are: that is the phone call's job.
"""

from __future__ import annotations

import base64
import datetime as dt
import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hubdesk.domain import Installation, Municipality
from hubdesk.domain.enums import Country, Role
from hubdesk.domain.sync import Peer
from hubdesk.i18n import N_, current_language
from hubdesk.i18n.oserrors import os_reason
from hubdesk.i18n.scripts import name_for_language
from hubdesk.services import rules
from hubdesk.services.context import ServiceContext
from hubdesk.services.rules.base import CONTROL
from hubdesk.sync import keys as keymod
from hubdesk.sync import strictjson
from hubdesk.sync.bundle import AGE_MAGIC
from hubdesk.sync.codec import FieldProblem, _uuid, decode_record, encode_record
from hubdesk.sync.errors import SyncError

PROFILE_FORMAT = "hubdesk-profile"
PROFILE_VERSION = 1
MAX_PROFILE_BYTES = 64 * 1024
PROFILE_KEYS = {
    "format",
    "format_version",
    "installation_id",
    "role",
    "name",
    "municipality",
    "signing_key",
    "age_recipient",
    "fingerprint",
    "created_at",
    "signature",
}
HUB_KEY = "hub"  # optional: in a municipality's profile, the hub it enrolled (see ``HubCard``)
HUB_CARD_KEYS = {"installation_id", "name", "signing_key", "age_recipient"}
# The parts that are one line of text (no control character, no lone surrogate, at most 200).
TEXT_PARTS = (
    "installation_id",
    "role",
    "name",
    "signing_key",
    "age_recipient",
    "fingerprint",
    "signature",
)


@dataclass(frozen=True)
class HubCard:
    """The hub a municipality enrolled, as its profile passes it on to a field laptop, which
    verifies the hub's signed records with it. Only as trustworthy as the municipality: the
    laptop shows its fingerprint so it can be compared with the hub's by phone too."""

    installation_id: str
    name: str
    signing_key: str
    age_recipient: str

    @property
    def fingerprint(self) -> str:
        return keymod.fingerprint(self.signing_key, self.age_recipient)


@dataclass(frozen=True)
class Profile:
    installation_id: str
    role: Role
    name: str
    municipality: dict[str, Any] | None  # the municipality record, decoded (None for the hub)
    municipality_record: dict[str, Any] | None  # the same record as JSON, for adoption
    signing_key: str
    age_recipient: str
    hub: HubCard | None = None

    @property
    def fingerprint(self) -> str:
        return keymod.fingerprint(self.signing_key, self.age_recipient)

    @property
    def municipality_id(self) -> str | None:
        return None if self.municipality is None else str(self.municipality["id"])

    def shown_name(self, lang: str | None = None) -> str:
        """The installation's name, and the municipality its profile names where the two
        differ ("Kumanovo office (Kumanovo)"): a person enrols it as that municipality's peer,
        and an installation's name is free text that need not say which town it records for.
        The municipality is written in ``lang``'s script, as every list writes it."""
        if self.municipality is None:  # the hub
            return self.name
        lang = lang or current_language()
        town = self.municipality
        country = str(town.get("country") or "") or None
        place = self.town_name(lang)
        if self.name.strip().casefold() == str(town["name"]).strip().casefold():
            return place
        return f"{name_for_language(self.name, '', lang, country)} ({place})"

    def town_name(self, lang: str | None = None) -> str:
        """The municipality the profile names, in ``lang``'s script ("" for the hub's)."""
        town = self.municipality
        if town is None:
            return ""
        return name_for_language(
            str(town["name"]),
            str(town.get("name_other_script") or ""),
            lang or current_language(),
            str(town.get("country") or "") or None,
        )


def build_profile(ctx: ServiceContext, keys: keymod.Keys) -> dict[str, Any]:
    with ctx.read() as session:
        installation = session.get(Installation, ctx.installation_id)
        assert installation is not None
        municipality = (
            session.get(Municipality, ctx.municipality_id) if ctx.municipality_id else None
        )
        body: dict[str, Any] = {
            "format": PROFILE_FORMAT,
            "format_version": PROFILE_VERSION,
            "installation_id": ctx.installation_id,
            "role": ctx.role.value,
            "name": installation.name,
            "municipality": None if municipality is None else encode_record(municipality),
            "signing_key": keys.public.signing_key,
            "age_recipient": keys.public.age_recipient,
            "fingerprint": keys.public.fingerprint,
            "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        }
        if ctx.role is Role.MUNICIPALITY:
            hub = session.scalars(
                select(Peer).where(Peer.role == Role.HUB.value, Peer.revoked_at.is_(None))
            ).first()
            if hub is not None:
                body[HUB_KEY] = {
                    "installation_id": hub.id,
                    "name": hub.name,
                    "signing_key": hub.signing_key,
                    "age_recipient": hub.age_recipient,
                }
    signature = keys.sign(strictjson.dumps(body))
    return {**body, "signature": base64.b64encode(signature).decode("ascii")}


def export_profile(ctx: ServiceContext, keys: keymod.Keys, target: Path) -> Path:
    """Write the profile to ``target`` (a temp file renamed into place; none is left when
    the writing fails). A folder as ``target``, or a folder not there, is refused by its own
    name rather than by the temp file's."""
    data = strictjson.dumps(build_profile(ctx, keys))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(target.parent))
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_bytes(data + b"\n")
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    return target


def read_profile(path: Path) -> Profile:
    """Load and check a profile file; a clear SyncError for anything that is not one."""
    try:
        size = path.stat().st_size
        if size > MAX_PROFILE_BYTES:
            raise SyncError(N_("This file is too large to be a HubDesk profile."), "bad_profile")
        data = path.read_bytes()
    except OSError as exc:
        raise SyncError(
            N_("Could not read {path}: {detail}"),
            "unreadable",
            path=str(path),
            detail=os_reason(exc),
        ) from exc
    return parse_profile(data)


def parse_profile(data: bytes) -> Profile:
    if data.startswith(AGE_MAGIC):  # a bundle chosen where the profile was asked for
        raise SyncError(
            N_(
                "This is a HubDesk bundle, not a profile. A bundle is imported where you "
                "receive files from a peer; the profile is the .json file the peer saved."
            ),
            "bad_profile",
        )
    raw = strictjson.loads(data, N_("The profile"))
    if not isinstance(raw, dict) or raw.get("format") != PROFILE_FORMAT:
        raise SyncError(N_("This file is not a HubDesk profile."), "bad_profile")
    if raw.get("format_version") != PROFILE_VERSION:
        raise SyncError(
            N_("This profile was written by a newer version of HubDesk; update HubDesk first."),
            "newer_format",
        )
    if set(raw) - {HUB_KEY} != PROFILE_KEYS:
        raise SyncError(N_("This profile has missing or unknown parts."), "bad_profile")
    for name in TEXT_PARTS:
        if not _line(raw[name]):
            raise damaged_profile()
    try:
        _uuid(raw["installation_id"])
        role = Role(raw["role"])
        keymod.decode_public(raw["signing_key"])
        keymod.recipient(raw["age_recipient"])
        signature = base64.b64decode(raw["signature"].encode("ascii"), validate=True)
    except Exception:  # every malformed key or code ends up here, whatever raised it
        raise damaged_profile() from None
    # Judged before the signature: a lone surrogate (escaped in the file) cannot even be signed.
    municipality = _municipality(raw["municipality"], role)
    hub = _hub_card(raw.get(HUB_KEY), role)
    body = {k: v for k, v in raw.items() if k != "signature"}
    if not keymod.verify(raw["signing_key"], signature, strictjson.dumps(body)):
        raise SyncError(N_("The profile's signature does not match its keys."), "bad_signature")
    if raw["fingerprint"] != keymod.fingerprint(raw["signing_key"], raw["age_recipient"]):
        raise SyncError(N_("The profile's fingerprint does not match its keys."), "bad_profile")
    return Profile(
        installation_id=raw["installation_id"],
        role=role,
        name=raw["name"],
        municipality=municipality,
        municipality_record=raw["municipality"],
        signing_key=raw["signing_key"],
        age_recipient=raw["age_recipient"],
        hub=hub,
    )


def _line(value: Any) -> bool:
    """A one-line text of a profile: its name, codes and keys. No control character and no
    lone surrogate: a peer's name is stored, printed and shown like any record's."""
    return isinstance(value, str) and 0 < len(value) <= 200 and not CONTROL.search(value)


def _hub_card(raw: Any, role: Role) -> HubCard | None:
    if raw is None:
        return None
    if role is not Role.MUNICIPALITY or not isinstance(raw, dict) or set(raw) != HUB_CARD_KEYS:
        raise damaged_profile()
    if not all(_line(v) for v in raw.values()):
        raise damaged_profile()
    try:
        _uuid(raw["installation_id"])
        keymod.decode_public(raw["signing_key"])
        keymod.recipient(raw["age_recipient"])
    except Exception:  # every malformed key ends up here, whatever raised it
        raise damaged_profile() from None
    return HubCard(**raw)


def damaged_profile() -> SyncError:
    """A part of the file is not what HubDesk writes (its name or the libraries' words would
    only be the file format's: the person can ask for the file again, nothing more)."""
    return SyncError(N_("This profile file is damaged; ask for it again."), "bad_profile")


def _municipality(record: Any, role: Role) -> dict[str, Any] | None:
    if role is Role.HUB:
        if record is not None:
            raise SyncError(N_("A hub's profile cannot name a municipality."), "bad_profile")
        return None
    if not isinstance(record, dict):
        raise SyncError(N_("This profile does not say which municipality it is."), "bad_profile")
    try:
        decoded = decode_record("municipalities", record)
    except FieldProblem:
        raise damaged_profile() from None
    if set(record) != set(decoded) or decoded["deleted"]:
        raise damaged_profile()
    if decoded["country"] not in {c.value for c in Country}:
        raise damaged_profile()
    if rules.check("municipalities", decoded):  # as in a bundle: NUL, lone surrogates ...
        raise damaged_profile()
    return decoded
