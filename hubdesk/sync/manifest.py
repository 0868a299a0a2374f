"""The manifest: who sent a bundle to whom, which one it is, and the digest of every part.

The manifest is the only signed object; it names every other part with its SHA-256, so a valid
signature on it vouches for the whole bundle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hubdesk import __version__
from hubdesk.domain.enums import Role
from hubdesk.domain.money import CURRENCY_DIGITS
from hubdesk.i18n import N_
from hubdesk.sync.bundle import (
    FILE_ENTRY,
    FILES_FORMAT_VERSION,
    FORMAT,
    FORMAT_VERSION,
    MAX_FILES,
    TABLE_OF_ENTRY,
    file_entry,
)
from hubdesk.sync.codec import BadValue, _moment, _uuid, is_unicode
from hubdesk.sync.errors import SyncError

MAX_SEQUENCE = (1 << 53) - 1
MAX_DELEGATES = 1000


@dataclass(frozen=True)
class Entry:
    sha256: str
    size: int
    rows: int


@dataclass(frozen=True)
class Manifest:
    bundle_id: str
    created_at: dt.datetime
    sender_id: str
    sender_role: str
    sender_name: str
    sender_municipality_id: str | None
    recipient_id: str
    sequence: int
    receipt: int
    schema_version: str
    full: bool
    entries: dict[str, Entry]
    withheld: dict[str, list[str]]
    app_version: str
    # The sender's money table: stored minor units mean the same only if the digits agree.
    currency_digits: dict[str, int] = field(default_factory=lambda: dict(CURRENCY_DIGITS))
    delegates: tuple[str, ...] = ()  # installations the sender vouches for (its field laptops)
    # Attached files the bundle carries: SHA-256 -> size (``files/<sha256>`` entries).
    files: dict[str, int] = field(default_factory=dict)

    @property
    def file_entries(self) -> dict[str, Entry]:
        """The zip entries of the attached files, as ``entries`` describes the record parts."""
        return {file_entry(sha): Entry(sha, size, 0) for sha, size in self.files.items()}

    @property
    def counts(self) -> dict[str, int]:
        return {TABLE_OF_ENTRY[name]: e.rows for name, e in self.entries.items()}

    def to_json(self) -> dict[str, Any]:
        out = self._json_v1()
        if self.files:  # only then: a bundle without files stays byte for byte version 1
            out["format_version"] = FILES_FORMAT_VERSION
            out["files"] = {sha: {"size": size} for sha, size in sorted(self.files.items())}
        return out

    def _json_v1(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "bundle_id": self.bundle_id,
            "created_at": self.created_at.isoformat(),
            "sender": {
                "installation_id": self.sender_id,
                "role": self.sender_role,
                "name": self.sender_name,
                "municipality_id": self.sender_municipality_id,
            },
            "recipient": {"installation_id": self.recipient_id},
            "sequence": self.sequence,
            "receipt": self.receipt,
            "schema_version": self.schema_version,
            "full": self.full,
            "entries": {
                name: {"sha256": e.sha256, "size": e.size, "rows": e.rows}
                for name, e in self.entries.items()
            },
            "counts": self.counts,
            "withheld": self.withheld,
            "app_version": self.app_version or __version__,
            "currency_digits": self.currency_digits,
            "delegates": list(self.delegates),
        }


def _damaged(part: str) -> SyncError:
    """``part``: which of the manifest's entries, for whoever reads the code (not the person:
    the names are the file format's)."""
    return SyncError(
        N_("This bundle's list of contents is damaged; ask for the bundle again."),
        "bad_manifest",
    )


def _int(raw: Any, part: str, low: int = 0) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= MAX_SEQUENCE:
        raise _damaged(part)
    return raw


def _text(raw: Any, part: str, limit: int = 200) -> str:
    if not isinstance(raw, str) or len(raw) > limit or not is_unicode((raw,)):
        raise _damaged(part)
    return raw


def _exact_keys(raw: Any, keys: set[str], part: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) != keys:
        raise _damaged(part)
    return raw


def parse_manifest(raw: Any) -> Manifest:
    """Check a decoded manifest field by field; format and version are checked first so that a
    newer HubDesk's bundle gets the "update HubDesk" message rather than "damaged"."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise SyncError(N_("This file is not a HubDesk bundle."), "bad_manifest")
    version = raw.get("format_version")
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and version > FILES_FORMAT_VERSION
    ):
        raise SyncError(
            N_("This bundle was made by a newer version of HubDesk; update HubDesk to import it."),
            "newer_format",
        )
    if version not in (FORMAT_VERSION, FILES_FORMAT_VERSION) or isinstance(version, bool):
        raise _damaged("format_version")
    top = {
        "format", "format_version", "bundle_id", "created_at", "sender", "recipient", "sequence",
        "receipt", "schema_version", "full", "entries", "counts", "withheld", "app_version",
        "currency_digits",
        "delegates",
    }  # fmt: skip
    if version == FILES_FORMAT_VERSION:
        top.add("files")
    _exact_keys(raw, top, "keys")
    sender = _exact_keys(
        raw["sender"], {"installation_id", "role", "name", "municipality_id"}, "sender"
    )
    recipient = _exact_keys(raw["recipient"], {"installation_id"}, "recipient")
    try:
        bundle_id = _uuid(raw["bundle_id"])
        created_at = _moment(raw["created_at"])
        sender_id = _uuid(sender["installation_id"])
        recipient_id = _uuid(recipient["installation_id"])
        municipality = sender["municipality_id"]
        if municipality is not None:
            municipality = _uuid(municipality)
    except BadValue:
        raise _damaged("ids") from None
    if sender["role"] not in {r.value for r in Role}:
        raise _damaged("sender")
    if not isinstance(raw["full"], bool):
        raise _damaged("full")
    digits = _currency_digits(raw["currency_digits"])
    entries = _entries(raw["entries"])
    counts = raw["counts"]
    if counts != {TABLE_OF_ENTRY[n]: e.rows for n, e in entries.items()}:
        raise _damaged("counts")
    return Manifest(
        bundle_id=bundle_id,
        created_at=created_at,
        sender_id=sender_id,
        sender_role=sender["role"],
        sender_name=_text(sender["name"], "sender"),
        sender_municipality_id=municipality,
        recipient_id=recipient_id,
        sequence=_int(raw["sequence"], "sequence", low=1),
        receipt=_int(raw["receipt"], "receipt"),
        schema_version=_text(raw["schema_version"], "schema_version", 40),
        full=raw["full"],
        entries=entries,
        withheld=_withheld(raw["withheld"]),
        app_version=_text(raw["app_version"], "app_version", 40),
        currency_digits=digits,
        delegates=_delegates(raw["delegates"]),
        files=_files(raw["files"]) if "files" in raw else {},
    )


def _files(raw: Any) -> dict[str, int]:
    """``{sha256: {"size": n}}``: at least one file (version 2 means files), each named by a
    SHA-256 in lower-case hex, each at least one byte."""
    if not isinstance(raw, dict) or not 0 < len(raw) <= MAX_FILES:
        raise _damaged("files")
    out: dict[str, int] = {}
    for sha, info in raw.items():
        if not isinstance(sha, str) or not FILE_ENTRY.match(file_entry(sha)):
            raise _damaged("files")
        info = _exact_keys(info, {"size"}, "files")
        out[sha] = _int(info["size"], "files", low=1)
    return out


def _currency_digits(raw: Any) -> dict[str, int]:
    """The sender's money table, refused unless it is ours: the same stored number would be
    another amount here (123456 RSD is 123 456 dinars with 0 digits, 1 234.56 with 2)."""
    if not isinstance(raw, dict) or not all(
        isinstance(code, str) and len(code) == 3 and type(n) is int and 0 <= n <= 4
        for code, n in raw.items()
    ):
        raise _damaged("currency_digits")
    differ = sorted(
        (set(raw) ^ set(CURRENCY_DIGITS)) | {c for c in raw if raw[c] != CURRENCY_DIGITS.get(c)}
    )
    if differ:
        raise SyncError(
            N_(
                "This bundle counts amounts in {currencies} with other decimal digits than this "
                "HubDesk does, so importing it would change what they are worth. Install the same "
                "version of HubDesk on both computers."
            ),
            "currency_digits",
            currencies=", ".join(differ),
        )
    return dict(raw)


def _delegates(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or len(raw) > MAX_DELEGATES:
        raise _damaged("delegates")
    try:
        return tuple(_uuid(d) for d in raw)
    except BadValue:
        raise _damaged("delegates") from None


def _entries(raw: Any) -> dict[str, Entry]:
    if not isinstance(raw, dict):
        raise _damaged("entries")
    out: dict[str, Entry] = {}
    for name, info in raw.items():
        if name not in TABLE_OF_ENTRY:
            raise _damaged("entries")
        info = _exact_keys(info, {"sha256", "size", "rows"}, "entries")
        digest = _text(info["sha256"], "entries", 64)
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise _damaged("entries")
        size, rows = _int(info["size"], "entries"), _int(info["rows"], "entries")
        # Each row takes two bytes at least ("[]"): a part cannot hold more rows than half its
        # size. The import's progress counts the rows announced, and a window's progress bar
        # counts to 2,147,483,647 at most: a count of 2^40 went up as an error no one foresaw.
        if rows > size // 2:
            raise _damaged("entries")
        out[name] = Entry(digest, size, rows)
    return out


def _withheld(raw: Any) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        raise _damaged("withheld")
    for table, fields in raw.items():
        if table not in {t for t in TABLE_OF_ENTRY.values()} or not isinstance(fields, list):
            raise _damaged("withheld")
        if not all(isinstance(f, str) and len(f) < 60 for f in fields):
            raise _damaged("withheld")
    return raw
