"""``hubdesk backup``, ``restore`` and ``check`` with attached files: a backup on a USB stick
brings back a file removed since, and a damaged file in a backup is named by ``check`` and
refuses the restore."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attachment_samples import pdf_bytes, write
from test_cli_attachments import add_meeting

from hubdesk.services import attachment_store as store

Run = Callable[..., Any]
MINUTES = pdf_bytes("Signed minutes of March")
DIGEST = hashlib.sha256(MINUTES).hexdigest()


def attach(hubdesk: Run, folder: Path, tmp_path: Path) -> str:
    meeting = add_meeting(folder)
    source = write(tmp_path / "in", "Zapisnik.pdf", MINUTES)
    result = hubdesk("attachments", "add", str(source), "--to", f"meeting:{meeting}")
    assert result.code == 0, result.err
    [row] = json.loads(hubdesk("attachments", "list", "--json").out)
    return str(row["id"])


def test_a_backup_on_a_usb_stick_brings_back_a_removed_file(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    attachment = attach(hubdesk, folder, tmp_path)
    usb = tmp_path / "usb" / "kumanovo-march"
    usb.parent.mkdir()  # the stick, put in
    made = hubdesk("backup", "--to", str(usb))
    assert made.code == 0, made.err
    assert "It holds the database and 1 attached file." in made.out
    assert (usb / "attachments" / DIGEST[:2] / DIGEST).read_bytes() == MINUTES

    assert hubdesk("attachments", "remove", attachment).code == 0
    assert not store.has(folder, DIGEST)
    restored = hubdesk("restore", str(usb), "--yes")
    assert restored.code == 0, restored.err
    assert "1 attached file is in place." in restored.out
    assert store.path_of(folder, DIGEST).read_bytes() == MINUTES

    checked = hubdesk("check")
    assert checked.code == 0, checked.err
    assert "1 backup checked" in checked.out  # the safety backup taken before the restore
    assert hubdesk("check", "--backup", str(usb)).code == 0


def test_a_damaged_file_in_a_backup_is_named_by_check_and_refused(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    attachment = attach(hubdesk, folder, tmp_path)
    usb = tmp_path / "usb" / "kumanovo-march"
    usb.parent.mkdir()  # the stick, put in
    assert hubdesk("backup", "--to", str(usb)).code == 0
    (usb / "attachments" / DIGEST[:2] / DIGEST).write_bytes(b"%PDF-1.4 something else")
    assert hubdesk("attachments", "remove", attachment).code == 0

    checked = hubdesk("check", "--backup", str(usb))
    assert checked.code == 1
    assert "is damaged" in checked.err and DIGEST[:12] in checked.err

    line = hubdesk("restore", str(usb), "--yes").one_line_error()
    assert "missing or damaged" in line and "Nothing was changed" in line
    assert not store.has(folder, DIGEST)
    assert not (folder / "backups").exists() or not list((folder / "backups").iterdir())
    # on a new PC's empty folder too: refused, and no empty database left as if set up
    new_pc = tmp_path / "new-pc"
    line = hubdesk("--data-dir", str(new_pc), "restore", str(usb), "--yes").one_line_error()
    assert "missing or damaged" in line and "Nothing was changed" in line
    assert not list(new_pc.glob("hubdesk.sqlite*"))


def test_check_judges_a_backup_as_the_restore_does(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    """A backup of a newer HubDesk and another program's database passed 'check --backup'
    ("it would restore"), which the restore then refused."""
    import sqlite3

    usb = tmp_path / "usb" / "kumanovo"
    usb.parent.mkdir()  # the stick, put in
    assert hubdesk("backup", "--to", str(usb)).code == 0
    with sqlite3.connect(usb / "hubdesk.sqlite") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    for path, words in ((usb, "newer version of HubDesk"), (other, "not a HubDesk backup")):
        checked = hubdesk("check", "--backup", str(path))
        assert checked.code == 1 and words in checked.err, checked.err
        assert words in hubdesk("restore", str(path), "--yes").one_line_error()


def test_a_backup_is_not_written_into_the_folders_hubdesk_keeps(
    hubdesk: Run, kumanovo: object, folder: Path
) -> None:
    """Into the attached files' store (named by their hashes) or over the automatic backups'
    folder itself (whose backups would then go inside the new one): accepted, with no word."""
    for inside in (folder / "attachments" / "x", folder / "backups", folder / "keys" / "b"):
        line = hubdesk("backup", "--to", str(inside)).one_line_error()
        assert "which HubDesk keeps for itself" in line, line
        assert not inside.exists()
    (folder / "backups").mkdir(exist_ok=True)
    assert hubdesk("backup", "--to", str(folder / "backups" / "mine")).code == 0  # beside them


def test_check_names_an_attached_file_lost_or_damaged_on_this_pc(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    """Said by ``check`` before the next backup finds it missing (signed minutes lost)."""
    attach(hubdesk, folder, tmp_path)
    assert hubdesk("check").code == 0
    kept = store.path_of(folder, DIGEST)
    kept.write_bytes(b"%PDF-1.4 something else")
    damaged = hubdesk("check")
    assert damaged.code == 1 and "is damaged" in damaged.err and DIGEST[:12] in damaged.err
    kept.unlink()
    lost = hubdesk("check")
    assert lost.code == 1 and "is not in" in lost.err and DIGEST[:12] in lost.err


def test_the_database_in_use_is_named_as_such_not_as_an_unfinished_backup(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    """Beside its attached files the folder's own database looks like the database of a
    backup that was never finished: the refusal said so, not what it is."""
    attach(hubdesk, folder, tmp_path)
    line = hubdesk("restore", str(folder / "hubdesk.sqlite"), "--yes").one_line_error()
    assert "is the database in use" in line and "not finished" not in line
