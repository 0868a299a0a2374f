"""The bundle file: an age-encrypted zip of a signed manifest and one JSON file per table.

Everything here is about the container and its limits, not about records: the zip is read with
hard caps (size, entries, compression ratio, names) before a single byte is trusted, because
anyone who knows our public age key can make a file that decrypts. See docs/bundle-format.md.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import pyrage
from pyrage import x25519

from hubdesk.i18n import N_
from hubdesk.sync.codec import TABLE_ORDER
from hubdesk.sync.errors import SyncError

FORMAT = "hubdesk-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SIGNATURE_HEADER = "hubdesk-signature-v1"
SIGNED_PREFIX = b"hubdesk-bundle-v1\x00"  # what is signed: this prefix + the manifest's bytes
AGE_MAGIC = b"age-encryption.org/v1\n"
SUFFIX = ".hubdesk"


def records_entry(table: str) -> str:
    return f"records/{table}.json"


ALLOWED_NAMES: frozenset[str] = frozenset(
    {MANIFEST, SIGNATURE, *(records_entry(t) for t in TABLE_ORDER)}
)
TABLE_OF_ENTRY: dict[str, str] = {records_entry(t): t for t in TABLE_ORDER}


@dataclass(frozen=True)
class Limits:
    """Caps against zip bombs and oversized files; tests lower them to try the refusals."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_entries: int = 2 * len(ALLOWED_NAMES)
    max_entry_bytes: int = 1024 * 1024 * 1024
    max_total_bytes: int = 1536 * 1024 * 1024
    max_ratio: int = 200
    ratio_floor_bytes: int = 1024 * 1024  # below this size a high ratio is harmless


DEFAULT_LIMITS = Limits()


def encrypt(plain: bytes, age_recipient: str) -> bytes:
    return pyrage.encrypt(plain, [x25519.Recipient.from_str(age_recipient)])


def decrypt(data: bytes, identity: x25519.Identity) -> bytes:
    """Decrypt in memory (plain text never touches the disk)."""
    if not data.startswith(AGE_MAGIC):
        raise SyncError(
            N_("This file is not a HubDesk bundle (it is not encrypted with age)."), "not_age"
        )
    try:
        return pyrage.decrypt(data, [identity])
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise SyncError(
                N_("This bundle was made for another installation, not for this one."),
                "wrong_recipient",
            ) from None
        raise SyncError(
            N_("This bundle is damaged or incomplete ({detail}); ask for it again."),
            "damaged",
            detail=str(exc)[:80],
        ) from None


def write_zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            assert name in ALLOWED_NAMES, name
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def read_zip(plain: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """The zip's entries by name, after every structural check; SyncError otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(plain))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise SyncError(
            N_("This bundle's contents are damaged ({detail})."), "damaged", detail=str(exc)[:80]
        ) from None
    _check_entries(infos, limits)
    out: dict[str, bytes] = {}
    for info in infos:
        try:
            with archive.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, ValueError, EOFError, OSError) as exc:
            raise SyncError(
                N_("This bundle's contents are damaged ({detail})."),
                "damaged",
                detail=str(exc)[:80],
            ) from None
        if len(data) != info.file_size:
            raise SyncError(N_("This bundle's contents are damaged (sizes differ)."), "damaged")
        out[info.filename] = data
    return out


def _check_entries(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise SyncError(
            N_("This bundle has too many parts ({count}); it is refused."),
            "too_many_entries",
            count=len(infos),
        )
    seen: set[str] = set()
    for info in infos:
        # Names equal after Unicode normalisation (or differing only in case, as on Windows)
        # would be the same file to some reader: refuse before looking at any name further.
        normal = unicodedata.normalize("NFC", info.filename).casefold()
        if normal in seen:
            raise SyncError(
                N_("This bundle contains '{name}' twice; it is refused."),
                "duplicate_entry",
                name=_printable(info.filename),
            )
        seen.add(normal)
    total = 0
    for info in infos:
        if info.filename not in ALLOWED_NAMES:
            raise SyncError(
                N_("This bundle contains a file '{name}' that does not belong in a bundle."),
                "bad_entry_name",
                name=_printable(info.filename),
            )
        if info.flag_bits & 0x1:
            raise SyncError(
                N_("This bundle contains an encrypted part; it is refused."), "encrypted_entry"
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SyncError(
                N_("This bundle uses an unknown compression ({method}); it is refused."),
                "unknown_compression",
                method=info.compress_type,
            )
        if info.file_size > limits.max_entry_bytes:
            raise SyncError(
                N_("A part of this bundle is larger than HubDesk accepts."), "too_large"
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise SyncError(N_("This bundle unpacks to more than HubDesk accepts."), "too_large")
        if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise SyncError(
                N_("A part of this bundle is compressed suspiciously well (a zip bomb?)."),
                "zip_bomb",
            )
    for needed in (MANIFEST, SIGNATURE):
        if needed not in seen:
            raise SyncError(
                N_("This bundle has no {name}; it is refused."), "incomplete", name=needed
            )


def _printable(name: str) -> str:
    return re.sub(r"[^\x20-\x7e]", "?", name)[:80]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def signature_entry(sender_id: str, signature: bytes) -> bytes:
    encoded = base64.b64encode(signature).decode("ascii")
    return f"{SIGNATURE_HEADER}\n{sender_id}\n{encoded}\n".encode("ascii")


SIGNATURE_PATTERN = re.compile(
    rb"\A" + SIGNATURE_HEADER.encode() + rb"\n([0-9a-f-]{36})\n([A-Za-z0-9+/]{86}==)\n\Z"
)


def parse_signature(data: bytes) -> tuple[str, bytes]:
    """Sender id and signature, read without any general-purpose parser."""
    match = SIGNATURE_PATTERN.match(data)
    if match is None:
        raise SyncError(N_("This bundle's signature is missing or malformed."), "bad_signature")
    return match.group(1).decode("ascii"), base64.b64decode(match.group(2))
