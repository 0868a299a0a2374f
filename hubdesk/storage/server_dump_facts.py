"""What a server backup is, read from its dump before anything is replaced.

A file backup is checked whole before a restore (``restore.py``): a HubDesk database, of a
version this HubDesk knows, of this installation. A server's dump is pg_dump's custom format,
which only ``pg_restore`` reads; asked for the data of two small tables as text (``COPY``
blocks, no database touched), it tells the same: the schema revision (``alembic_version``) and
the installation (``installation``). Without this, ``pg_restore`` would replace the hub's data
with a newer HubDesk's (which this one then cannot open), another hub's, or a database that
is no HubDesk's at all, and only the safety backup would be left to undo it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from hubdesk.i18n import _
from hubdesk.storage.errors import StorageError
from hubdesk.storage.migrate import known_revisions
from hubdesk.storage.server_dump import tool

_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "\\": "\\"}


@dataclass(frozen=True)
class DumpFacts:
    revision: str | None
    installation_id: str | None
    installation_name: str | None


def _field(raw: str) -> str | None:
    """One value of a COPY text row: ``\\N`` is NULL, backslash escapes as COPY writes them."""
    if raw == "\\N":
        return None
    out: list[str] = []
    chars = iter(raw)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append(_ESCAPES.get(following, following))
        else:
            out.append(char)
    return "".join(out)


def _tables(text: str) -> dict[str, list[dict[str, str | None]]]:
    """The rows of each COPY block in pg_restore's text output, by table name."""
    found: dict[str, list[dict[str, str | None]]] = {}
    columns: list[str] | None = None
    rows: list[dict[str, str | None]] = []
    for line in text.splitlines():
        if columns is None:
            if line.startswith("COPY ") and line.endswith(" FROM stdin;"):
                head = line[len("COPY ") : -len(" FROM stdin;")]
                name, _sep, names = head.partition(" (")
                columns = [c.strip().strip('"') for c in names.rstrip(")").split(",")]
                rows = found.setdefault(name.split(".")[-1].strip('"'), [])
            continue
        if line == "\\.":
            columns = None
            continue
        rows.append(dict(zip(columns, map(_field, line.split("\t")), strict=False)))
    return found


def read_facts(dump: Path) -> DumpFacts:
    """The revision and the installation a dump holds (None where it holds none)."""
    command = [
        tool("pg_restore"),
        "--data-only",
        "--table=alembic_version",
        "--table=installation",
        "--file=-",
        str(dump),
    ]
    try:
        done = subprocess.run(command, capture_output=True, check=False)
    except OSError as exc:
        raise StorageError(
            _("{tool} could not run: {reason}").format(tool=command[0], reason=exc)
        ) from exc
    if done.returncode != 0:
        reason = " ".join(done.stderr.decode("utf-8", "replace").split())
        raise StorageError(
            _("{file} cannot be read as a backup ({reason}); nothing was changed.").format(
                file=dump, reason=reason or done.returncode
            )
        )
    tables = _tables(done.stdout.decode("utf-8", "replace"))
    versions = tables.get("alembic_version") or [{}]
    installations = tables.get("installation") or [{}]
    return DumpFacts(
        versions[0].get("version_num"),
        installations[0].get("id"),
        installations[0].get("name"),
    )


def refuse_unknown(source: Path, facts: DumpFacts) -> None:
    """Refuse, nothing changed, a dump that is not a HubDesk hub's or is a newer HubDesk's."""
    nothing = _("Nothing was changed.")
    if facts.revision is None or facts.installation_id is None:
        raise StorageError(
            _("{path} is a database, but not a HubDesk backup.").format(path=source) + " " + nothing
        )
    if facts.revision not in known_revisions():
        raise StorageError(
            _(
                "{path} was made by a newer version of HubDesk; install that version to restore it."
            ).format(path=source)
            + " "
            + nothing
        )
