"""The rule book of an attachment record: which parent kind, which file (name, type, size, hash).

The file's content is judged where the file is (the service when it is added, the bundle import
when it arrives); these rules judge the record, the same way for the form and the bundle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from hubdesk.domain.attachments import EXTENSIONS, PARENT_TABLES, Attachment, FileType
from hubdesk.i18n import N_
from hubdesk.services.rules.base import (
    ATTACHMENT_MAX_BYTES,
    Problem,
    Rule,
    apply,
    choice,
    from_schema,
    required,
)

SHA256 = re.compile(r"^[0-9a-f]{64}\Z")
# A file name is a name, never a path: no folder separators, nothing a file system refuses.
BAD_NAME = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
# Characters that change the direction text is drawn in: "photo\u202egpj.pdf" shows as
# "photofdp.jpg". No name in HubDesk's languages needs them in a file name.
DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _sha(values: Mapping[str, Any]) -> Problem | None:
    value = values["sha256"]
    if isinstance(value, str) and not SHA256.match(value):
        return Problem("sha256", N_("This is not a SHA-256 digest."))
    return None


def _size(values: Mapping[str, Any]) -> Problem | None:
    value = values["size"]
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            return Problem("size", N_("The file is empty."))
        if value > ATTACHMENT_MAX_BYTES:
            return Problem(
                "size",
                N_("The file is larger than {limit} MB, the most HubDesk attaches."),
                {"limit": ATTACHMENT_MAX_BYTES // (1024 * 1024)},
            )
    return None


def name_problem(name: str, file_type: str | None) -> Problem | None:
    """Why ``name`` cannot be an attachment's file name (for a file of ``file_type``)."""
    if BAD_NAME.search(name) or name.strip() in {"", ".", ".."} or name != name.strip():
        return Problem("file_name", N_('A file name cannot contain / \\ : * ? " < > |.'))
    if DIRECTION.search(name):
        return Problem(
            "file_name",
            N_(
                "This file name holds an invisible character that reverses how it reads; remove it."
            ),
        )
    if file_type in set(FileType):
        endings = EXTENSIONS[FileType(file_type)]
        if not name.lower().endswith(endings):
            return Problem(
                "file_name",
                N_("The name of a {kind} file ends in {endings}."),
                {"kind": file_type.upper(), "endings": " / ".join(endings)},
            )
    return None


def _name(values: Mapping[str, Any]) -> Problem | None:
    name, kind = values["file_name"], values["file_type"]
    if not isinstance(name, str):
        return None
    return name_problem(name, kind if isinstance(kind, str) else None)


ATTACHMENT: tuple[Rule, ...] = (
    *from_schema(Attachment),
    required("file_name"),
    choice("parent_kind", PARENT_TABLES),
    choice("file_type", FileType),
    Rule(("sha256",), _sha),
    Rule(("size",), _size),
    Rule(("file_name", "file_type"), _name),
)


def check_attachment(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(ATTACHMENT, values, changed)
