"""Reading a verified bundle's records: strict decoding, then the services' rules per record.

Runs only after the signature and the digests were checked. Every problem found is collected
(the dry run lists them all); a real import refuses the whole bundle on the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from hubdesk.i18n import N_, _
from hubdesk.sync import bulk, validate
from hubdesk.sync.codec import CODECS, KNOWN, TABLE_ORDER, WITHHELD, FieldProblem, decode_row
from hubdesk.sync.rowstream import damaged
from hubdesk.sync.scope import AREA_LABELS

MAX_LINEAGE = bulk.MAX_LINEAGE


@dataclass
class Incoming:
    """One record as received: column values, the versions it supersedes, what was withheld."""

    values: dict[str, Any]
    known: frozenset[int]
    withheld: tuple[str, ...]
    id: str = ""

    def __post_init__(self) -> None:
        self.id = self.values["id"]


@dataclass(frozen=True)
class Problem:
    """Why one record cannot be accepted."""

    table: str
    record_id: str
    field: str
    msgid: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)
    reason: str = "invalid_record"

    @property
    def text(self) -> str:
        from hubdesk.tables.labels import field_label  # the column's name as lists show it

        detail = _(self.msgid).format(**self.params)
        where = self.field and f"{field_label(self.table, self.field)}: "
        return _("{area} record {id}: {where}{detail}").format(
            area=_(AREA_LABELS[self.table]), id=self.record_id, where=where, detail=detail
        )


class SeenIds:
    """The ids of one table seen so far, to find a record sent twice.

    ``checked=False``: every id is kept in memory; ``checked=True``: not checked (the rows were
    checked already). The import keeps its ids in a bounded set and past that on disk
    (:class:`hubdesk.sync.seen.SeenInStore`), since bundles carry rows in the order they are
    stored, not by id."""

    def __init__(self, checked: bool = False) -> None:
        self.checked = checked
        self.ids: set[str] = set()

    def add_all(self, ids: list[str]) -> bool:
        """True when all of ``ids`` (distinct) are new and now recorded; False: let the
        row-by-row path decide."""
        if self.checked or not ids:
            return True
        if self.ids.isdisjoint(ids):
            self.ids.update(ids)
            return True
        return False

    def fresh(self, record_id: str) -> bool:
        """False when ``record_id`` was seen before."""
        if self.checked:
            return True
        if record_id in self.ids:
            return False
        self.ids.add(record_id)
        return True


def decode_rows(
    table: str,
    rows: list[list[Any]],
    problems: list[Problem],
    seen: SeenIds | None = None,
    checked: bool = False,
) -> list[Incoming]:
    """Typed, rule-checked records; rows that fail are reported and left out. ``seen`` carries
    the ids of earlier batches of the same table (None: ``rows`` are the whole table)."""
    if seen is None:
        seen = SeenIds()
    decoded = bulk.decode_table(table, rows, True) if checked else bulk.decode_table(table, rows)
    if decoded is not None and seen.add_all([v["id"] for v in decoded[0]]):
        return list(map(Incoming, *decoded))
    codec = CODECS[table]
    width = len(codec.columns)
    id_index = codec.columns.index("id")
    out: list[Incoming] = []
    for row in rows:
        if not isinstance(row, list) or len(row) != width + 2:
            raise damaged(table)
        record_id = row[id_index]
        values: dict[str, Any] = {}
        try:
            values = decode_row(table, row)
            known = _lineage(row[width])
            withheld = _withheld(table, row[width + 1])
            validate.check(table, values, withheld)
        except FieldProblem as exc:
            problems.append(
                Problem(
                    table, _short(values.get("id", record_id)), exc.field, exc.msgid, exc.params
                )
            )
            continue
        if not seen.fresh(values["id"]):
            problems.append(
                Problem(table, values["id"], "id", N_("This record appears twice in the bundle."))
            )
            continue
        out.append(Incoming(values, known, withheld))
    return out


def _short(value: Any) -> str:
    return value if isinstance(value, str) and len(value) <= 36 else "?"


def _lineage(raw: Any) -> frozenset[int]:
    if not isinstance(raw, list) or len(raw) > MAX_LINEAGE:
        raise FieldProblem(KNOWN, N_("The list of earlier versions is damaged."))
    for value in raw:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << 63:
            raise FieldProblem(KNOWN, N_("The list of earlier versions is damaged."))
    return frozenset(raw)


def _withheld(table: str, raw: Any) -> tuple[str, ...]:
    columns = set(CODECS[table].columns)
    if not isinstance(raw, list) or not all(isinstance(f, str) and f in columns for f in raw):
        raise FieldProblem(WITHHELD, N_("The list of withheld fields is damaged."))
    return tuple(raw)


def ordered(tables: dict[str, list[Incoming]]) -> list[tuple[str, list[Incoming]]]:
    """Parents before children, as they must be applied."""
    return [(name, tables[name]) for name in TABLE_ORDER if name in tables]
