"""This installation's two key pairs: Ed25519 to sign bundles, age (X25519) to receive them.

Both live in ``<data dir>/keys`` readable by the owner only. The age identity is written in the
same text form ``age-keygen`` writes, so the standard ``age -d -i age-identity.txt`` can open a
bundle addressed to this installation (useful to a hub that reads bundles without HubDesk).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyrage import x25519

from hubdesk.i18n import N_
from hubdesk.services.context import ServiceContext
from hubdesk.storage.datadir import KEY_FILES, KEYS_DIR
from hubdesk.sync.errors import SyncError

SIGNING_FILE, AGE_FILE = KEY_FILES
FINGERPRINT_DOMAIN = b"hubdesk-fingerprint-v1\x00"
FINGERPRINT_HEX_CHARS = 32  # 128 bits: eight groups of four, read out in under a minute


@dataclass(frozen=True)
class PublicKeys:
    """What a peer needs to verify our bundles and encrypt to us."""

    signing_key: str  # Ed25519 public key, 32 raw bytes in standard base64
    age_recipient: str  # age1...

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key, self.age_recipient)


@dataclass(frozen=True)
class Keys:
    signing: Ed25519PrivateKey
    identity: x25519.Identity
    public: PublicKeys

    def sign(self, data: bytes) -> bytes:
        return self.signing.sign(data)


def keys_dir(data_dir: Path) -> Path:
    return data_dir / KEYS_DIR


def fingerprint(signing_key: str, age_recipient: str) -> str:
    """A short, human-comparable digest of both public keys, e.g. ``3f9a 0c1e ...``."""
    digest = hashlib.sha256(
        FINGERPRINT_DOMAIN + signing_key.encode("ascii") + b"\x00" + age_recipient.encode("ascii")
    ).hexdigest()[:FINGERPRINT_HEX_CHARS]
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def _write_private(path: Path, data: bytes) -> None:
    """Write a secret atomically, readable by the owner only, never replacing an existing key."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if path.exists():
        partial.unlink()
        raise FileExistsError(path)
    os.replace(partial, path)


def ensure_keys(data_dir: Path) -> Keys:
    """Create whichever key is missing, then load both. Existing keys are never replaced:
    peers that enrolled this installation know them."""
    folder = keys_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    signing_path, age_path = folder / SIGNING_FILE, folder / AGE_FILE
    if not signing_path.exists():
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        _write_private(signing_path, pem)
    if not age_path.exists():
        identity = x25519.Identity.generate()
        created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        text = (f"# created: {created}\n# public key: {identity.to_public()}\n{identity}\n").encode(
            "ascii"
        )
        _write_private(age_path, text)
    return load_keys(data_dir)


def has_keys(data_dir: Path) -> bool:
    folder = keys_dir(data_dir)
    return (folder / SIGNING_FILE).is_file() and (folder / AGE_FILE).is_file()


def own_keys(ctx: ServiceContext) -> Keys:
    """This installation's keys, to make or read a bundle. A hub on a database server keeps
    them on its sync PC only (README, "A hub on a PostgreSQL server"): another staff PC is sent
    there rather than told to make keys, which would give the hub a second identity."""
    assert ctx.data_dir is not None, "sync needs the data folder (keys live there)"
    if not ctx.db.is_sqlite and not has_keys(ctx.data_dir):
        raise SyncError(
            N_(
                "This PC does not hold the hub's sync keys: bundles are made and read on the "
                "hub's sync PC."
            ),
            "not_sync_pc",
        )
    return load_keys(ctx.data_dir)


def keys_to_show(ctx: ServiceContext) -> Keys:
    """The keys a profile file or a fingerprint on screen shows. On a PC's own file they are
    made on first use; on a hub's server they are never made here, only the sync PC's are
    shown (``own_keys``: elsewhere a SyncError sends the person to the sync PC). A signing
    key made here (the folder's was lost) is the installation's from then on: its database
    keeps it and the keys are named for it (``installation.keep_new_keys``)."""
    assert ctx.data_dir is not None, "keys live in the data folder"
    if not ctx.db.is_sqlite:
        return own_keys(ctx)
    return make_own_keys(ctx)


def make_own_keys(ctx: ServiceContext) -> Keys:
    """``ensure_keys`` for this installation: a signing key made here (the folder's was lost)
    is kept by its database from then on (``installation.keep_new_keys``), so its backups say
    whose keys they go with; kept by no one, a restore beside the new keys is refused."""
    assert ctx.data_dir is not None, "keys live in the data folder"
    made = not (keys_dir(ctx.data_dir) / SIGNING_FILE).exists()
    shown = ensure_keys(ctx.data_dir)
    if made:
        from hubdesk.services.installation import keep_new_keys

        keep_new_keys(ctx)
    return shown


def load_keys(data_dir: Path) -> Keys:
    folder = keys_dir(data_dir)
    if not has_keys(data_dir):
        raise SyncError(
            N_("This installation has no sync keys yet; run 'hubdesk keys create'."),
            "no_keys",
        )
    try:
        signing = serialization.load_pem_private_key(
            (folder / SIGNING_FILE).read_bytes(), password=None
        )
        lines = (folder / AGE_FILE).read_text("ascii").splitlines()
        secret = next(line for line in lines if line.startswith("AGE-SECRET-KEY-"))
        identity = x25519.Identity.from_str(secret.strip())
    except TypeError as exc:  # cryptography's answer to a key locked with a passphrase
        raise SyncError(
            N_(
                "The signing key in {path} is protected by a passphrase; HubDesk reads its keys "
                "without one. Put back the key as HubDesk made it."
            ),
            "bad_keys",
            path=str(folder),
        ) from exc
    except (ValueError, StopIteration, UnicodeDecodeError, pyrage.IdentityError) as exc:
        raise SyncError(  # (the libraries' own words are about file formats, in English)
            N_(
                "The sync keys in {path} are damaged and cannot be read. Put back the keys "
                "folder from a copy or a backup."
            ),
            "bad_keys",
            path=str(folder),
        ) from exc
    if not isinstance(signing, Ed25519PrivateKey):
        raise SyncError(
            N_(
                "The signing key in {path} is not a key HubDesk made. Put back the key as "
                "HubDesk made it."
            ),
            "bad_keys",
            path=str(folder),
        )
    public = PublicKeys(
        signing_key=encode_public(signing.public_key()),
        age_recipient=str(identity.to_public()),
    )
    return Keys(signing=signing, identity=identity, public=public)


def encode_public(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def decode_public(text: str) -> Ed25519PublicKey:
    """A peer's signing key from its base64 form (ValueError when it is not one)."""
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def verify(signing_key: str, signature: bytes, data: bytes) -> bool:
    try:
        decode_public(signing_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def recipient(age_recipient: str) -> x25519.Recipient:
    return x25519.Recipient.from_str(age_recipient)
