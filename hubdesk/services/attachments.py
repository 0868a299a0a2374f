"""Files attached to meetings, youth activities and proposals: add, list, open, share, remove.

A file is checked before anything is kept: its size (at most ``ATTACHMENT_MAX_BYTES``) and its
type, judged by its content (``filetypes.sniff``), which must agree with its name's ending. It is
then copied into the store by hash (``attachment_store``) and its record written in the same
unit of work; if the record is refused, a file stored for it alone is removed again.

Private by default: neither the file nor its record leaves this PC. Marked to travel, both go
in the next bundle (to the hub, and between a municipality and its field laptops). Marking a
travelling file private again *withdraws* it: the travelling record is deleted (the deletion
travels, and every peer drops its copy of the file) and a new private record keeps the file
here. A hub keeps every file it attaches itself private: it never sends a municipality's
records.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.domain import SYNCED_MODELS, Attachment
from hubdesk.domain.attachments import EXTENSIONS, PARENT_LABELS, PARENT_TABLES, TYPE_LABELS
from hubdesk.domain.base import Synced
from hubdesk.i18n import N_
from hubdesk.i18n.oserrors import os_reason
from hubdesk.services import attachment_store as store
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.file_names import not_a_device
from hubdesk.services.filetypes import sniff
from hubdesk.services.rules import attachments as rules
from hubdesk.services.rules.base import ATTACHMENT_MAX_BYTES
from hubdesk.services.validation import Checker

ATTACHMENT = N_("attached file")
VIEWING = "viewing"  # read-only copies handed to the system's viewer, in the data folder
NOTE_MAX = 2_000
_MODELS: dict[str, type[Synced]] = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
ALLOWED_TEXT = "PDF, JPEG, PNG, XLSX, DOCX, ODT"


@dataclass(frozen=True)
class AttachmentRow:
    """One attached file as lists show it."""

    id: str
    parent_kind: str
    parent_id: str
    file_name: str
    file_type: str
    type_label: str
    size: int
    sha256: str
    note: str
    travels: bool
    available: bool  # the file is in this PC's store
    updated_at: dt.datetime
    changeable: bool = True  # this installation may change or remove it (see may_change)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "to": f"{self.parent_kind}:{self.parent_id}",
            "file_name": self.file_name,
            "file_type": self.file_type,
            "size": self.size,
            "sha256": self.sha256,
            "note": self.note,
            "travels": self.travels,
            "available": self.available,
        }


def _data_dir(ctx: ServiceContext) -> Path:
    if ctx.data_dir is None:
        raise PermissionDenied(N_("Attached files need HubDesk's data folder."))
    return ctx.data_dir


def parse_target(text: str) -> tuple[str, str]:
    """``meeting:ID`` (the command line's ``--to``) as (kind, id)."""
    kind, _sep, record_id = text.partition(":")
    kind = kind.strip().replace("-", "_")
    if kind not in PARENT_TABLES or not record_id.strip():
        raise ValidationError.single(
            "to",
            N_("Name the record as KIND:ID, where KIND is one of {kinds}."),
            kinds=", ".join(PARENT_TABLES),
        )
    return kind, record_id.strip()


def _parent(session: Session, ctx: ServiceContext, kind: str, parent_id: str) -> Synced:
    """The live record a file is attached to; it must be one this installation may see."""
    if kind not in PARENT_TABLES:
        raise ValidationError.single("parent_kind", N_("Files cannot be attached to this."))
    model = _MODELS[PARENT_TABLES[kind]]
    parent = records.live(session, model, parent_id, PARENT_LABELS[kind])
    own = ctx.municipality_id
    if own is not None and getattr(parent, "municipality_id", None) != own:
        raise PermissionDenied(N_("This record belongs to another municipality."))
    return parent


def judge_file(source: Path, name: str | None = None) -> tuple[str, str, int]:
    """(file name, file type, size) of a file a person chose, or a ValidationError saying
    why HubDesk does not attach it: missing, empty, too large, or not an allowed type."""
    name = name or source.name
    try:
        info = source.stat()
    except FileNotFoundError:
        raise ValidationError.single(
            "file", N_("There is no file '{name}' there: {path}"), name=name, path=str(source)
        ) from None
    except OSError:
        raise ValidationError.single(
            "file", N_("The file '{name}' cannot be read."), name=name
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise ValidationError.single("file", N_("'{name}' is not a file."), name=name)
    if info.st_size == 0:
        raise ValidationError.single("file", N_("The file '{name}' is empty."), name=name)
    if info.st_size > ATTACHMENT_MAX_BYTES:
        raise ValidationError.single(
            "file",
            N_("'{name}' is {size} MB; HubDesk attaches files of at most {limit} MB."),
            name=name,
            size=f"{info.st_size / (1024 * 1024):.1f}",
            limit=ATTACHMENT_MAX_BYTES // (1024 * 1024),
        )
    found = sniff(source)
    if found is None:
        raise ValidationError.single(
            "file",
            N_(
                "HubDesk attaches only {types} files, and '{name}' is none of these (HubDesk "
                "looks at what the file contains, not only at its name)."
            ),
            types=ALLOWED_TEXT,
            name=name,
        )
    problem = rules.name_problem(name, found.value)
    if problem is not None:
        if problem.message.startswith("The name of a"):
            raise ValidationError.single(
                "file",
                N_("'{name}' holds a {kind} file but its name does not end in {endings}."),
                name=name,
                kind=TYPE_LABELS[found],
                endings=" / ".join(EXTENSIONS[found]),
            )
        raise ValidationError([problem])
    return name, found.value, info.st_size


def _note(check: Checker, note: object) -> str:
    if not isinstance(note, str):
        check.add("note", N_("Enter text here."))
        return ""
    if len(note) > NOTE_MAX:
        check.add(
            "note", N_("At most {limit} characters (now {count})."), limit=NOTE_MAX, count=len(note)
        )
    return note.strip()


def add_file(
    ctx: ServiceContext,
    parent_kind: str,
    parent_id: str,
    source: Path,
    *,
    note: str = "",
    travels: bool = False,
    name: str | None = None,
) -> Attachment:
    """Attach the file ``source`` to a record; refused (ValidationError) and nothing kept when
    the file is not one HubDesk attaches."""
    data_dir = _data_dir(ctx)
    if travels:
        _may_travel(ctx)
    file_name, file_type, _size = judge_file(source, name)
    with ctx.read() as session:
        _parent(session, ctx, parent_kind, parent_id)
    try:
        sha256, size, added = store.put(data_dir, _limited(source))
    except store.TooLarge:
        raise ValidationError.single(
            "file", N_("The file '{name}' changed while it was read."), name=file_name
        ) from None
    except Unreadable:
        raise ValidationError.single(
            "file", N_("The file '{name}' cannot be read."), name=file_name
        ) from None
    except OSError as exc:  # writing into the data folder: a full disk, say; not the file's fault
        raise ValidationError.single(
            "file",
            N_(
                "HubDesk could not keep '{name}' in its data folder: {reason}. "
                "Nothing was attached."
            ),
            name=file_name,
            reason=os_reason(exc),
        ) from None
    with _undo_if_refused(data_dir, sha256 if added else None), ctx.transaction() as session:
        parent = _parent(session, ctx, parent_kind, parent_id)
        check = Checker()
        text = _note(check, note)
        values = {
            "municipality_id": getattr(parent, "municipality_id"),  # noqa: B009
            "parent_kind": parent_kind,
            "parent_id": parent_id,
            "file_name": file_name,
            "file_type": file_type,
            "size": size,
            "sha256": sha256,
            "note": text,
            "travels": bool(travels),
        }
        check.rules(rules.check_attachment(values))
        check.done()
        return records.create(session, ctx, Attachment, values)


class Unreadable(Exception):
    """Reading the person's file failed (told apart from writing the copy, which can fail
    for want of room in the data folder)."""


def _limited(source: Path) -> Iterator[bytes]:
    total = 0
    chunks = store.chunks_of(source)
    while True:
        try:
            chunk = next(chunks)
        except StopIteration:
            return
        except OSError as exc:
            raise Unreadable() from exc
        total += len(chunk)
        if total > ATTACHMENT_MAX_BYTES:
            raise store.TooLarge()
        yield chunk


@contextmanager
def _undo_if_refused(data_dir: Path, added: str | None) -> Iterator[None]:
    """Remove a file stored for a record that was then refused (and that nothing else needs:
    the store had no copy before, so no other record names it)."""
    try:
        yield
    except BaseException:
        if added is not None:
            store.remove(data_dir, added)
        raise


def _may_travel(ctx: ServiceContext) -> None:
    if ctx.is_hub:
        raise PermissionDenied(
            N_("A hub keeps the files it attaches on this PC; only a municipality sends files.")
        )


def _own(session: Session, ctx: ServiceContext, attachment_id: str) -> Attachment:
    attachment = records.live(session, Attachment, attachment_id, ATTACHMENT)
    if ctx.municipality_id is not None and attachment.municipality_id != ctx.municipality_id:
        raise PermissionDenied(N_("This record belongs to another municipality."))
    return attachment


def _changeable(session: Session, ctx: ServiceContext, attachment_id: str) -> Attachment:
    """An attachment this installation may change: on a hub, only the files it attached
    itself (a municipality's files are the municipality's to change or withdraw)."""
    attachment = _own(session, ctx, attachment_id)
    if not may_change(ctx, attachment.origin):
        raise PermissionDenied(
            N_("Only the municipality that sent this file changes or removes it.")
        )
    return attachment


def may_change(ctx: ServiceContext, origin: str) -> bool:
    return not ctx.is_hub or origin == ctx.installation_id


def _row(ctx: ServiceContext, a: Attachment) -> AttachmentRow:
    kind = a.file_type
    label = next((v for k, v in TYPE_LABELS.items() if k.value == kind), kind.upper())
    return AttachmentRow(
        id=a.id,
        parent_kind=a.parent_kind,
        parent_id=a.parent_id,
        file_name=a.file_name,
        file_type=kind,
        type_label=label,
        size=a.size,
        sha256=a.sha256,
        note=a.note,
        travels=a.travels,
        available=ctx.data_dir is not None and store.has(ctx.data_dir, a.sha256),
        updated_at=a.updated_at,
        changeable=may_change(ctx, a.origin),
    )


def list_for(ctx: ServiceContext, parent_kind: str, parent_id: str) -> list[AttachmentRow]:
    """The live files attached to one record, newest first."""
    return list_files(ctx, parent_kind, parent_id)


def list_files(
    ctx: ServiceContext, parent_kind: str | None = None, parent_id: str | None = None
) -> list[AttachmentRow]:
    """Live attached files of this installation (of one record, or of one kind)."""
    query = select(Attachment).where(~Attachment.deleted)
    if ctx.municipality_id is not None:
        query = query.where(Attachment.municipality_id == ctx.municipality_id)
    if parent_kind is not None:
        query = query.where(Attachment.parent_kind == parent_kind)
    if parent_id is not None:
        query = query.where(Attachment.parent_id == parent_id)
    query = query.order_by(Attachment.updated_at.desc(), Attachment.id)
    with ctx.read() as session:
        return [_row(ctx, a) for a in session.scalars(query)]


def get_file(ctx: ServiceContext, attachment_id: str) -> AttachmentRow:
    with ctx.read() as session:
        return _row(ctx, _own(session, ctx, attachment_id))


def set_note(ctx: ServiceContext, attachment_id: str, note: str) -> None:
    with ctx.transaction() as session:
        attachment = _changeable(session, ctx, attachment_id)
        check = Checker()
        text = _note(check, note)
        check.done()
        records.change(session, ctx, attachment, {"note": text})


def set_travels(ctx: ServiceContext, attachment_id: str, travels: bool) -> str:
    """Mark a file to travel, or keep it on this PC again; the id of the record that holds it
    afterwards (withdrawing a travelling file gives it a new, private record, see above)."""
    if travels:
        _may_travel(ctx)
    with ctx.transaction() as session:
        attachment = _changeable(session, ctx, attachment_id)
        if attachment.travels == travels:
            return attachment.id
        if travels:
            records.change(session, ctx, attachment, {"travels": True})
            return attachment.id
        kept = {
            name: getattr(attachment, name)
            for name in (
                "municipality_id", "parent_kind", "parent_id", "file_name", "file_type", "size",
                "sha256", "note",
            )
        }  # fmt: skip
        records.tombstone(session, ctx, attachment)
        private = records.create(session, ctx, Attachment, {**kept, "travels": False})
        return private.id


def remove(ctx: ServiceContext, attachment_id: str) -> None:
    """Delete the record (a tombstone, which travels if the file did) and the file itself
    when no other record needs it."""
    data_dir = _data_dir(ctx)
    with ctx.transaction() as session:
        attachment = _changeable(session, ctx, attachment_id)
        records.tombstone(session, ctx, attachment)
        sha256 = attachment.sha256
    discard_if_unneeded(ctx, data_dir, sha256)


def discard_if_unneeded(ctx: ServiceContext, data_dir: Path, sha256: str) -> None:
    with ctx.read() as session:
        needed = session.scalar(
            select(func.count())
            .select_from(Attachment)
            .where(Attachment.sha256 == sha256, ~Attachment.deleted)
        )
    if not needed:
        store.remove(data_dir, sha256)


def needed_hashes(session: Session) -> set[str]:
    """The hashes of the files live records name (the store keeps these, and only these)."""
    query = select(Attachment.sha256).where(~Attachment.deleted).distinct()
    return set(session.scalars(query))


def prune(ctx: ServiceContext, stale_seconds: float = store.STALE_SECONDS) -> int:
    """Remove stored files no live record needs (and temporaries a crash left)."""
    data_dir = _data_dir(ctx)
    with ctx.read() as session:
        needed = needed_hashes(session)
    return store.prune(data_dir, needed, stale_seconds)


def _stored_path(ctx: ServiceContext, row: AttachmentRow) -> Path:
    path = store.path_of(_data_dir(ctx), row.sha256)
    if not path.is_file():
        raise ValidationError.single(
            "file",
            N_(
                "The file '{name}' is not on this PC: it stayed with the installation that "
                "attached it."
            ),
            name=row.file_name,
        )
    return path


def stored_path(ctx: ServiceContext, attachment_id: str) -> Path:
    """The stored file itself (read it, never write it)."""
    return _stored_path(ctx, get_file(ctx, attachment_id))


def save_copy(ctx: ServiceContext, attachment_id: str, target: Path) -> Path:
    """Copy an attached file to ``target`` ("Save a copy as…"), replaced only when complete."""
    row = get_file(ctx, attachment_id)
    _stored_path(ctx, row)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        store.copy_out(_data_dir(ctx), row.sha256, target)
    except OSError as exc:
        raise ValidationError.single(
            "file",
            N_("Could not write {path}: {detail}"),
            path=str(target),
            detail=os_reason(exc),
        ) from None
    return target


def safe_name(name: str, file_type: str) -> str:
    """The person's file name made safe to create in a folder of our own: no folders, no
    characters a file system refuses, no Windows device name, the type's own ending."""
    cleaned = re.sub(r'[/\\:*?"<>|\x00-\x1f\x7f]', "_", name).strip(" .") or "file"
    endings = next((e for k, e in EXTENSIONS.items() if k.value == file_type), (".bin",))
    if not cleaned.lower().endswith(endings):
        cleaned += endings[0]
    return not_a_device(cleaned[-120:])


def viewer_copy(ctx: ServiceContext, attachment_id: str) -> Path:
    """A read-only copy with the original name, for the system's viewer: a viewer that saves
    cannot change the stored file (its name is its hash). Copies older than a day go."""
    row = get_file(ctx, attachment_id)
    source = _stored_path(ctx, row)
    folder = _data_dir(ctx) / VIEWING
    _clear_old_copies(folder)
    target = folder / uuid.uuid4().hex / safe_name(row.file_name, row.file_type)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    os.chmod(target, stat.S_IRUSR | stat.S_IRGRP)
    return target


def _clear_old_copies(folder: Path, age_seconds: float = 86_400) -> None:
    if not folder.is_dir():
        return
    now = time.time()
    for copy in folder.glob("*/*"):
        try:
            if now - copy.stat().st_mtime > age_seconds:
                os.chmod(copy, stat.S_IRUSR | stat.S_IWUSR)
                copy.unlink()
                copy.parent.rmdir()
        except OSError:
            continue


def size_text(size: int) -> str:
    """A file size as a person reads it, in kB or MB, in the current language's digits."""
    from decimal import Decimal

    from hubdesk.i18n import _
    from hubdesk.i18n.formatting import format_number

    if size < 1024 * 1024:
        kb = max(Decimal(size) / 1024, Decimal("0.1")).quantize(Decimal("0.1"))
        return _("{size} kB").format(size=format_number(kb))
    mb = (Decimal(size) / (1024 * 1024)).quantize(Decimal("0.1"))
    return _("{size} MB").format(size=format_number(mb))


def totals(ctx: ServiceContext) -> dict[str, int]:
    """Live attached files, how many travel, and their bytes (``hubdesk stats``)."""
    query = select(
        func.count(), func.coalesce(func.sum(Attachment.size), 0), Attachment.travels
    ).where(~Attachment.deleted)
    if ctx.municipality_id is not None:
        query = query.where(Attachment.municipality_id == ctx.municipality_id)
    out = {"files": 0, "travelling": 0, "bytes": 0}
    with ctx.read() as session:
        for count, size, travels in session.execute(query.group_by(Attachment.travels)):
            out["files"] += int(count)
            out["bytes"] += int(size)
            if travels:
                out["travelling"] += int(count)
    return out
