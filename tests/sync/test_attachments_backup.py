"""A hub's backups carry the attached files that reached it in bundles, on SQLite and (with
``--database postgresql``) on a server, where the files are in the data folder of the PC that
stored them: a backup made on another staff PC lists them as missing and says so."""

from __future__ import annotations

import hashlib
from pathlib import Path

from attachment_samples import pdf_bytes, write
from sync_helpers import Network, seed

from hubdesk.services import attachment_store as store
from hubdesk.services import attachments
from hubdesk.services.context import ServiceContext
from hubdesk.storage import backup_files
from hubdesk.storage.backup import make_backup
from hubdesk.storage.restore import restore_database
from hubdesk.storage.server_restore import restore_server

MINUTES = pdf_bytes("Minutes that travel to the hub")


def test_a_hubs_backup_carries_the_files_it_received(
    net: Network, muni: ServiceContext, hub: ServiceContext, tmp_path: Path
) -> None:
    ids = seed(muni)
    attachments.add_file(
        muni, "meeting", ids["meeting"], write(tmp_path / "in", "minutes.pdf", MINUTES),
        travels=True,
    )  # fmt: skip
    net.deliver(muni, hub)
    digest = hashlib.sha256(MINUTES).hexdigest()
    assert hub.data_dir is not None and store.has(hub.data_dir, digest)

    made = make_backup(hub.db, hub.data_dir, tmp_path / "hub-backup")
    name = "hubdesk.sqlite" if hub.db.is_sqlite else "hubdesk.pgdump"
    assert made.contents.database == name and (made.path / name).is_file()
    assert made.contents.files == {digest: len(MINUTES)}
    assert backup_files.file_in(made.path, digest).read_bytes() == MINUTES

    store.remove(hub.data_dir, digest)  # lost from the sync PC
    if hub.db.is_sqlite:
        notes = restore_database(hub.data_dir, made.path, db=hub.db).notes
    else:
        notes = restore_server(hub.db, hub.data_dir, made.path).notes
    assert store.path_of(hub.data_dir, digest).read_bytes() == MINUTES
    assert notes == ["1 attached file is in place."]


def test_on_a_server_a_staff_pc_without_the_file_backs_up_what_it_has(
    net: Network, muni: ServiceContext, hub: ServiceContext, tmp_path: Path
) -> None:
    """Another PC of the same hub: the records are the server's, the file is not on it."""
    ids = seed(muni)
    attachments.add_file(
        muni, "meeting", ids["meeting"], write(tmp_path / "in", "minutes.pdf", MINUTES),
        travels=True,
    )  # fmt: skip
    net.deliver(muni, hub)
    staff_pc = tmp_path / "staff-pc"
    staff_pc.mkdir()
    made = make_backup(hub.db, staff_pc, tmp_path / "staff-backup")
    assert made.contents.files == {}
    assert made.contents.missing == [hashlib.sha256(MINUTES).hexdigest()]
