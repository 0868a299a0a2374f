"""What a server backup is, read from its dump before anything is replaced.

A file backup is checked whole before a restore (``restore.py``): a HubDesk database, of a
version this HubDesk knows, of this installation. A server's dump is pg_dump's custom format,
which only ``pg_restore`` reads; asked for the data of two small tables as text (``COPY``
blocks, no database touched), it tells the same: the schema revision (``alembic_version``) and
the installation (``installation``). Without this, ``pg_restore`` would replace the hub's data
with a newer HubDesk's (which this one then cannot open), another hub's, or a database that
is no HubDesk's at all, and only the safety backup would be left to undo it.

Only the tables of the schema the hub's database uses (``current_schema()``, ``public`` unless
its administrator set another) are read: a dump may hold other schemas, and a copy of this
hub's ``installation`` and ``alembic_version`` in one of them (listed before ``public``) would
otherwise pass a newer HubDesk's or another hub's data. As in a file backup, the installation
table must hold exactly one record and ``alembic_version`` one revision.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from hubdesk.i18n import _
from hubdesk.storage.errors import StorageError
from hubdesk.storage.migrate import known_revisions
from hubdesk.storage.server_dump import TOOL_FLAGS, could_not_run, tool

_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "\\": "\\"}


@dataclass(frozen=True)
class DumpFacts:
    revision: str | None
    installation_id: str | None
    installation_name: str | None
    installations: int = 1  # how many records the installation table holds


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


def _name(qualified: str) -> tuple[str, str]:
    """(schema, table) of a name as pg_restore writes it (``public.t``, ``"My schema".t``)."""
    schema, _dot, table = qualified.rpartition(".")
    return schema.strip('"').replace('""', '"'), table.strip('"').replace('""', '"')


def _tables(text: str, schema: str = "public") -> dict[str, list[dict[str, str | None]]]:
    """The rows of each COPY block of ``schema`` in pg_restore's text output, by table name
    (other schemas' blocks are passed over)."""
    found: dict[str, list[dict[str, str | None]]] = {}
    columns: list[str] | None = None
    rows: list[dict[str, str | None]] = []
    for line in text.splitlines():
        if columns is None:
            if line.startswith("COPY ") and line.endswith(" FROM stdin;"):
                head = line[len("COPY ") : -len(" FROM stdin;")]
                name, _sep, names = head.partition(" (")
                columns = [c.strip().strip('"') for c in names.rstrip(")").split(",")]
                owner, table = _name(name)
                rows = found.setdefault(table, []) if owner == schema else []
            continue
        if line == "\\.":
            columns = None
            continue
        rows.append(dict(zip(columns, map(_field, line.split("\t")), strict=False)))
    return found


def read_facts(dump: Path, schema: str = "public") -> DumpFacts:
    """The revision and the installation a dump holds in ``schema`` (None where it holds none,
    or more than one revision)."""
    command = [
        tool("pg_restore"),
        "--data-only",
        "--table=alembic_version",
        "--table=installation",
        "--file=-",
        str(dump),
    ]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            check=False,
            start_new_session=True,
            creationflags=TOOL_FLAGS,
        )
    except OSError as exc:
        raise StorageError(could_not_run(command[0], exc)) from exc
    if done.returncode != 0:
        reason = " ".join(done.stderr.decode("utf-8", "replace").split())
        raise StorageError(
            _("{file} cannot be read as a backup ({reason}); nothing was changed.").format(
                file=dump, reason=reason or done.returncode
            )
        )
    tables = _tables(done.stdout.decode("utf-8", "replace"), schema)
    versions = tables.get("alembic_version") or []
    installations = tables.get("installation") or [{}]
    return DumpFacts(
        versions[0].get("version_num") if len(versions) == 1 else None,
        installations[0].get("id"),
        installations[0].get("name"),
        len(tables.get("installation") or []),
    )


def refuse_unknown(source: Path, facts: DumpFacts) -> None:
    """Refuse, nothing changed, a dump that is not a HubDesk hub's or is a newer HubDesk's."""
    nothing = _("Nothing was changed.")
    if facts.revision is None or facts.installation_id is None:
        raise StorageError(
            _("{path} is a database, but not a HubDesk backup.").format(path=source) + " " + nothing
        )
    if facts.installations != 1:
        raise StorageError(
            _(
                "{path} cannot be restored: it holds {count} installation records instead of one."
            ).format(path=source, count=facts.installations)
            + " "
            + nothing
        )
    if facts.revision not in known_revisions():
        raise StorageError(
            _(
                "{path} was made by a newer version of HubDesk; install that version to restore it."
            ).format(path=source)
            + " "
            + nothing
        )
