"""The bundle file: an age-encrypted zip of a signed manifest and one JSON file per table.

Everything here is about the container and its limits, not about records: the zip is read with
hard caps (size, entries, compression ratio, names) before a single byte is trusted, because
anyone who knows our public age key can make a file that decrypts. See docs/bundle-format.md.

Large bundles never sit in memory whole: age en- and decrypts as a stream (``pyrage``'s
``*_io`` functions), the plain zip lives in a temporary file in the data folder while it is
read (see :mod:`hubdesk.sync.scratch`), and members are hashed and read in chunks.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyrage
from pyrage import x25519

from hubdesk.i18n import N_
from hubdesk.services.rules.base import ATTACHMENT_MAX_BYTES, BUNDLE_FILES_MAX_BYTES
from hubdesk.sync.codec import TABLE_ORDER
from hubdesk.sync.errors import SyncError

FORMAT = "hubdesk-bundle"
FORMAT_VERSION = 1
# A bundle carrying attached files says so with version 2 (and a ``files`` key in its manifest);
# one without files is written exactly as version 1, so older HubDesks read it as before.
FILES_FORMAT_VERSION = 2
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SIGNATURE_HEADER = "hubdesk-signature-v1"
SIGNED_PREFIX = b"hubdesk-bundle-v1\x00"  # what is signed: this prefix + the manifest's bytes
AGE_MAGIC = b"age-encryption.org/v1\n"
# HubDesk encrypts to one recipient: its age header is a few hundred bytes. The decryption
# library reads a header in time that grows faster than its length (a header of 20,000
# recipients, 2 MB anyone can write, took it minutes, with no way to cancel), so a longer one is
# refused before it is handed over.
AGE_HEADER_MAX = 16 * 1024
AGE_HEADER_END = b"\n--- "
SUFFIX = ".hubdesk"


def records_entry(table: str) -> str:
    return f"records/{table}.json"


ALLOWED_NAMES: frozenset[str] = frozenset(
    {MANIFEST, SIGNATURE, *(records_entry(t) for t in TABLE_ORDER)}
)
TABLE_OF_ENTRY: dict[str, str] = {records_entry(t): t for t in TABLE_ORDER}
# Attached files travel as ``files/<sha256>``: the name is the content's hash, never a name a
# person chose, so no entry can name a path.
FILE_ENTRY = re.compile(r"^files/[0-9a-f]{64}\Z")
MAX_FILES = 1000


def file_entry(sha256: str) -> str:
    return f"files/{sha256}"


def allowed_name(name: str) -> bool:
    return name in ALLOWED_NAMES or FILE_ENTRY.match(name) is not None


@dataclass(frozen=True)
class Limits:
    """Caps against zip bombs and oversized files; tests lower them to try the refusals."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_entries: int = 2 * len(ALLOWED_NAMES) + MAX_FILES
    max_attachment_bytes: int = ATTACHMENT_MAX_BYTES  # one attached file
    max_files_bytes: int = BUNDLE_FILES_MAX_BYTES  # every attached file of one bundle together
    max_entry_bytes: int = 1024 * 1024 * 1024
    max_total_bytes: int = 1536 * 1024 * 1024
    max_ratio: int = 200
    ratio_floor_bytes: int = 1024 * 1024  # below this size a high ratio is harmless
    # The manifest and its signature are read whole before the signature is checked, by
    # anyone's bundle: an honest manifest of a thousand files is a few hundred kilobytes, and
    # parsed, JSON packed with tiny values takes some 25 times its size (100 MB at this cap).
    max_manifest_bytes: int = 4 * 1024 * 1024


DEFAULT_LIMITS = Limits()


def encrypt(plain: bytes, age_recipient: str) -> bytes:
    return pyrage.encrypt(plain, [x25519.Recipient.from_str(age_recipient)])


def encrypt_file(source: IO[bytes], target: IO[bytes], age_recipient: str) -> None:
    """Encrypt ``source`` into ``target`` as a stream (memory does not grow with the size)."""
    pyrage.encrypt_io(source, target, [x25519.Recipient.from_str(age_recipient)])


class _HashingWriter:
    """Where the decrypted zip goes: the temporary file, hashed on the way (the digest that
    identifies the bundle in the import log); remembers a failed write (a full disk)."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target, self.hash = target, hashlib.sha256()
        self.failed: OSError | None = None

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        try:
            return self.target.write(data)
        except OSError as exc:
            self.failed = exc
            raise

    def flush(self) -> None:
        self.target.flush()


ZIP_MAGIC = b"PK\x03\x04"


def not_a_bundle(head: bytes) -> SyncError:
    """The refusal of a file that is not age-encrypted, naming what it is when that is plain.

    A tired person picks the profile file instead of the bundle, or an e-mail program packs the
    bundle into a .zip; "not encrypted with age" told neither what to do.
    """
    if head.startswith(ZIP_MAGIC):
        return SyncError(
            N_(
                "This file is a zip archive, not a HubDesk bundle. If an e-mail program packed "
                "the bundle, unpack it and import the .hubdesk file inside."
            ),
            "not_age",
        )
    if head.lstrip().startswith(b"{") and b'"hubdesk-profile"' in head:
        return SyncError(
            N_(
                "This is a HubDesk profile file, not a bundle. A profile is opened where you "
                "connect to a peer ('Open their profile file…'), not imported."
            ),
            "not_age",
        )
    return SyncError(
        N_(
            "This file is not a HubDesk bundle: a bundle is the file HubDesk writes when it "
            "exports for a peer."
        ),
        "not_age",
    )


def decrypt(source: Path, target: IO[bytes], identity: x25519.Identity) -> str:
    """Decrypt the file ``source`` into ``target`` as a stream; the SHA-256 of the plain zip."""
    with open(source, "rb") as handle:
        head = handle.read(AGE_HEADER_MAX)
        if not head.startswith(AGE_MAGIC):
            raise not_a_bundle(head[:4096])
        if AGE_HEADER_END not in head:
            raise _undecryptable()
        handle.seek(0)
        writer = _HashingWriter(target)
        try:
            pyrage.decrypt_io(handle, writer, [identity])
        except (pyrage.DecryptError, OSError) as exc:
            if writer.failed is not None:
                raise writer.failed from None
            if "No matching keys" in str(exc):
                raise SyncError(  # most often one this PC wrote, or a neighbour's file
                    N_(
                        "This bundle was made for another installation, not for this one. A "
                        "bundle this PC wrote goes to the installation it was written for; if "
                        "someone sent it to you, ask them to make it again for this one."
                    ),
                    "wrong_recipient",
                ) from None
            raise _undecryptable() from None
    target.flush()
    return writer.hash.hexdigest()


def _undecryptable() -> SyncError:
    """(The decryption library's words are English and no help.)"""
    return SyncError(
        N_("This bundle is damaged or incomplete: it cannot be decrypted; ask for it again."),
        "damaged",
    )


def write_zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            assert name in ALLOWED_NAMES, name
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _damaged_zip(exc: BaseException) -> SyncError:
    """(The zip library's own words, English and about its internals, are no help here.)"""
    return SyncError(
        N_("This bundle's contents are damaged and cannot be read; ask for the bundle again."),
        "damaged",
    )


def open_zip(plain: IO[bytes], limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """The zip, after every structural check of its directory; SyncError otherwise."""
    try:
        archive = zipfile.ZipFile(plain)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _damaged_zip(exc) from None
    _check_entries(infos, limits)
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A small member (manifest, signature) whole."""
    data = b"".join(member_chunks(archive, archive.getinfo(name)))
    return data


def member_chunks(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = 1 << 20
) -> Iterator[bytes]:
    """A member's bytes in chunks; SyncError if it is damaged or not the size it claims."""
    total = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(size):
                total += len(chunk)
                if total > info.file_size:
                    break
                yield chunk
    except (zipfile.BadZipFile, ValueError, EOFError, OSError) as exc:
        raise _damaged_zip(exc) from None
    if total != info.file_size:
        raise SyncError(N_("This bundle's contents are damaged (sizes differ)."), "damaged")


def member_digest(archive: zipfile.ZipFile, name: str) -> tuple[str, int]:
    """SHA-256 and size of a member, read in chunks."""
    digest, size = hashlib.sha256(), 0
    for chunk in member_chunks(archive, archive.getinfo(name)):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class _CheckedReader(io.RawIOBase):
    """A member as a file, failing with SyncError like :func:`member_chunks`."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks, self.rest = chunks, b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self.rest) < size:
            chunk = next(self.chunks, b"")
            if not chunk:
                break
            self.rest += chunk
        if size < 0:
            size = len(self.rest)
        out, self.rest = self.rest[:size], self.rest[size:]
        return out


def open_member_chunks(chunks: Iterator[bytes]) -> IO[bytes]:
    """A member (its chunks, see :func:`member_chunks`) as a file to read as a stream."""
    return _CheckedReader(chunks)  # type: ignore[return-value]


def read_zip(plain: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """Every entry of a zip in memory by name, after every check (small bundles, tools)."""
    archive = open_zip(io.BytesIO(plain), limits)
    return {info.filename: read_member(archive, info.filename) for info in archive.infolist()}


class ZipWriter:
    """The plain zip of an export, written member by member into a (temporary) file.

    Used in a ``with``: an export that stops half-way (Ctrl+C, a full disk) closes its zip
    while the file is still open. Left to Python's clean-up, the zip wrote into a file closed
    by then, and a traceback followed the Ctrl+C's one line."""

    def __init__(self, target: IO[bytes]) -> None:
        self.archive = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)

    def __enter__(self) -> ZipWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        if kind is None:
            self.close()
            return
        with contextlib.suppress(Exception):  # a half-made zip, thrown away: the first error
            self.close()  # is the one to tell

    def write(self, name: str, data: bytes) -> None:
        self.write_chunks(name, iter((data,)))

    def write_chunks(
        self, name: str, chunks: Iterator[bytes], compress: int = zipfile.ZIP_DEFLATED
    ) -> tuple[str, int]:
        """One member from ``chunks``; its SHA-256 and size."""
        assert allowed_name(name), name
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = compress
        digest, size = hashlib.sha256(), 0
        with self.archive.open(info, "w") as handle:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                handle.write(chunk)
        return digest.hexdigest(), size

    def close(self) -> None:
        self.archive.close()


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
    total = files_total = 0
    for info in infos:
        if not allowed_name(info.filename):
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
        if info.file_size > limits.max_entry_bytes or (
            info.filename in (MANIFEST, SIGNATURE) and info.file_size > limits.max_manifest_bytes
        ):
            raise SyncError(
                N_("A part of this bundle is larger than HubDesk accepts."), "too_large"
            )
        if FILE_ENTRY.match(info.filename):
            files_total += info.file_size
            if info.file_size > limits.max_attachment_bytes:
                raise SyncError(
                    N_("An attached file in this bundle is larger than HubDesk accepts."),
                    "file_too_large",
                )
            if files_total > limits.max_files_bytes:
                raise SyncError(
                    N_(
                        "The attached files of this bundle together are larger than HubDesk "
                        "accepts."
                    ),
                    "files_too_large",
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
    if MANIFEST not in seen:
        raise SyncError(N_("This bundle has no list of its contents; it is refused."), "incomplete")
    if SIGNATURE not in seen:
        raise SyncError(N_("This bundle has no signature; it is refused."), "incomplete")


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
