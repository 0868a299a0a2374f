"""A restore over a lost database refuses a backup that is not of the installation whose
keys the data folder holds: restored beside them, the records of one installation would sign
with another's keys, which the hub and the peers know as someone else's (``key_owner.py``
names the keys' installation, ``key_match.py`` tells it from the keys themselves).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hubdesk.i18n import _
from hubdesk.storage.datadir import KEYS_DIR, lost_database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.key_match import UnreadableKey, folder_signing_key, holder_of
from hubdesk.storage.key_owner import KeyOwner, hand_over, read_owner

if TYPE_CHECKING:
    from hubdesk.storage.restore import BackupInfo


def refuse_other_keys(data_dir: Path, info: BackupInfo) -> None:
    """Raise OtherKeysError when the folder's database is lost (missing, empty, without an
    installation) and its keys are another installation's than the backup's. With a database
    that holds an installation, that installation is what the backup is compared with
    (OtherInstallationError); with one that cannot be opened and names nobody, the keys
    decide as here (``refuse_beside_keys``).

    The keys' own word comes first: ``keys/installation.json`` names their installation
    whatever the backup holds, and needs no key read. Keys that name nobody (made by a HubDesk
    before that file, their database lost before a recent one opened it) are compared
    themselves (``key_match``): with the public key the backup's installation signs with (kept
    since revision 0029), and with those of the backup's peers and trusted hub, so keys that
    are one of theirs are refused named as the backup knows them. The name stays the first
    answer because it alone covers a backup from before 0029 of an installation that never
    met the keys' owner; the keys cover what an older HubDesk left. A signing key that cannot
    be read (damaged, locked with a passphrase) refuses too (UnreadableKeysError): whose it is
    cannot be told. Keys that name nobody and that an older backup does not know, or no keys
    at all (a new PC), restore any backup."""
    if lost_database(data_dir):
        refuse_beside_keys(data_dir, info)


def refuse_beside_keys(data_dir: Path, info: BackupInfo) -> None:
    """The same refusals whatever the database: for one that cannot be opened and whose
    installation record the damage did not spare (``restore_unusable``), the keys are the
    only word on whose the folder is, as for a lost one."""
    owner = read_owner(data_dir)
    if owner is not None:
        if owner.id != info.installation_id:
            raise OtherKeysError(info, owner, data_dir)
        return
    try:
        key = folder_signing_key(data_dir)
    except UnreadableKey as unreadable:
        raise UnreadableKeysError(info, data_dir, unreadable.reason) from unreadable
    holder = None if key is None else holder_of(key, info.known_keys)
    if holder is not None and holder.id != info.installation_id:
        raise OtherKeysError(info, holder, data_dir)
    if key is not None and info.signing_key is not None and key != info.signing_key:
        raise OtherKeysError(info, None, data_dir)


class OtherKeysError(StorageError):
    """The database is lost and the backup is not of the installation whose keys are here:
    restored beside them, the records of one installation would sign with another's keys.
    ``owner`` is whose the keys are, when the keys or the backup say it."""

    def __init__(self, info: BackupInfo, owner: KeyOwner | None, data_dir: Path) -> None:
        self.info, self.owner = info, owner
        other = _whose(info.installation_name, info.municipality_name)
        if owner is None:
            text = _(
                "{path} is a backup of {other}, but the keys in {folder} are not the keys it "
                "signs with: they belong to another installation. Restored beside them, this PC "
                "would hold one installation's records and sign with another's keys, which the "
                "hub and your partners would refuse. Restore a backup of the installation these "
                "keys belong to instead. If this PC is to be '{other_name}' from now on, restore "
                "the backup into a new, empty data folder (or start HubDesk and set it up afresh "
                "first, which keeps the old keys aside). Nothing was changed."
            ).format(
                path=info.source,
                other=other,
                folder=data_dir / KEYS_DIR,
                other_name=info.installation_name,
            )
        else:
            text = _(
                "{path} is a backup of {other}, but the keys in {folder} belong to {own}: "
                "restored beside them, this PC would hold one installation's records and sign "
                "with another's keys, which the hub and your partners would refuse. Restore a "
                "backup of '{name}' instead. If this PC is to be '{other_name}' from now on, "
                "restore the backup into a new, empty data folder (or start HubDesk and set it "
                "up afresh first, which keeps the old keys aside). Nothing was changed."
            ).format(
                path=info.source,
                other=other,
                folder=data_dir / KEYS_DIR,
                own=_whose(owner.name, owner.municipality),
                name=owner.name,
                other_name=info.installation_name,
            )
        super().__init__(text)


class UnreadableKeysError(StorageError):
    """The database is lost, the keys name nobody and their signing key cannot be read: whose
    they are cannot be told, and restored beside them the installation could not sign."""

    def __init__(self, info: BackupInfo, data_dir: Path, reason: str) -> None:
        self.info, self.reason = info, reason
        super().__init__(
            _(
                "The signing key in {folder} cannot be read ({reason}), so HubDesk cannot tell "
                "whether it belongs to {other}, whose backup {path} is; restored beside it, "
                "this PC could not sign what it sends to the hub and your partners. Put back a "
                "readable copy of the keys, or restore the backup into a new, empty data folder "
                "(or start HubDesk and set it up afresh first, which keeps the old keys aside). "
                "Nothing was changed."
            ).format(
                folder=data_dir / KEYS_DIR,
                reason=reason,
                other=_whose(info.installation_name, info.municipality_name),
                path=info.source,
            )
        )


def _whose(name: str, municipality: str | None) -> str:
    """An installation named for a person: its name and the municipality it records for."""
    if municipality is None:
        return _("'{name}' (the hub)").format(name=name)
    return _("'{name}' (municipality {municipality})").format(name=name, municipality=municipality)


def signing_key_here(data_dir: Path) -> str | None:
    """The public half of the folder's signing key, for another installation's backup restored
    over this folder to keep as its own; None when there is none or it cannot be read (the Sync
    page reports that)."""
    try:
        return folder_signing_key(data_dir)
    except UnreadableKey:
        return None


def hand_over_keys(data_dir: Path, info: BackupInfo) -> str | None:
    """Another installation's backup was restored over this folder's data, as the person
    confirmed: no backup holds keys, so this PC goes on signing with the keys it had, for the
    restored installation now. They are named for it (``key_owner.hand_over``; the restore
    wrote their key into its database), so its own backups restore beside them should the
    database be lost. What the person must do next is returned (None when the folder holds no
    keys, or the very keys the backup signs with): the restored installation's hub and
    partners know it by the keys it signed with before."""
    owner = KeyOwner(info.installation_id, info.installation_name, info.municipality_name)
    return keys_handed_over(data_dir, owner, info.signing_key)


def keys_handed_over(data_dir: Path, owner: KeyOwner, signed_with: str | None) -> str | None:
    """``hand_over_keys`` for any restore of another installation (a hub's server database
    too): the keys named for ``owner``, and what to do when they are not the ones it signed
    with (``signed_with``)."""
    hand_over(data_dir, owner)
    key = signing_key_here(data_dir)
    if key is None or key == signed_with:
        return None
    return _(
        "This PC keeps its own keys: the keys '{name}' signed with before are not in a backup. "
        "On the Sync page, save this PC's profile and give it to the hub and to the PCs you "
        "exchange files with, who add it again and compare its fingerprint with you by phone."
    ).format(name=owner.name)
