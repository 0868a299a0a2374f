"""Decoding a whole table of a bundle column by column: the fast path for a clean bundle.

A bundle's rows arrive as lists of raw JSON values. Checking them value by value in Python costs
more than the rest of an import; checking one column at once lets the work run in C (the set of
value types, the largest length, one pass over all ids at once). This path only *accepts*:
whenever any check does not pass here, it returns None and the row-by-row path in
:mod:`hubdesk.sync.incoming`, which names the record and field at fault, decides the table. So
every rule is the row path's rule; this is only a faster way to see that all rows keep them.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, repeat
from typing import Any

from hubdesk.sync import validate
from hubdesk.sync.codec import (
    CODECS,
    COLUMN_FORMS,
    MAX_INT,
    PLANS,
    UUID_LENGTH,
    BadValue,
    is_unicode,
)

NONE = type(None)
MAX_LINEAGE = 10_000  # versions one record may claim to supersede
DASHES = (8, 13, 18, 23)
NOT_HEX = str.maketrans("", "", "0123456789abcdef")  # deletes hex digits, leaves the rest
NO_VERSIONS: frozenset[int] = frozenset()
Decoded = tuple[list[dict[str, Any]], list[frozenset[int]], list[tuple[str, ...]]]


def decode_table(table: str, rows: list[Any], checked: bool = False) -> Decoded | None:
    """Values, lineage and withheld fields of every row of ``table``, decoded and checked, or
    None when any row needs a closer look. ``checked``: these very rows (the same bytes, whose
    digest is checked again as they are read) passed the rule book already in this import's
    first pass, so only the types are checked and converted again."""
    if not rows:
        return [], [], []
    codec, plan = CODECS[table], PLANS[table]
    width = len(codec.columns)
    if set(map(type, rows)) != {list} or set(map(len, rows)) != {width + 2}:
        return None
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for i in plan.required:
        if None in columns[i]:
            return None
    if not (
        _uuids([columns[i] for i in plan.uuids])
        and all(_texts(columns[i], limit) for i, limit in plan.texts)
        and all(_ints(columns[i]) for i in plan.ints)
        and all(_only(columns[i], bool) for i in plan.flags)
    ):
        return None
    try:
        for i, convert in plan.converts:
            columns[i] = _convert(columns[i], convert)
    except BadValue:
        return None
    known, withheld = _lineage(columns[width]), _withheld(table, columns[width + 1])
    if known is None or withheld is None:
        return None
    ids = columns[codec.columns.index("id")]
    if len(set(ids)) != len(ids):
        return None
    named = dict(zip(codec.columns, columns, strict=False))
    names = codec.columns
    # A dict per row, built in C (the columns are all ``len(rows)`` long, ``names`` as many).
    values = list(map(dict, map(zip, repeat(names), zip(*columns[:width], strict=True))))
    if not checked and not validate.check_columns(table, named, values, withheld):
        return None
    return values, known, withheld


def _only(column: Sequence[Any], kind: type) -> bool:
    return set(map(type, column)) <= {kind, NONE}


def _present(column: Sequence[Any]) -> Sequence[Any]:
    return [v for v in column if v is not None] if None in column else column


def _uuids(columns: list[Sequence[Any]]) -> bool:
    """Canonical UUIDs (as ``codec.UUID``): all 36 long, dashes where a UUID has them and
    lower-case hex everywhere else, checked over the distinct ids at once (the authors, the
    meetings and the members of a batch repeat)."""
    try:
        values = set(chain.from_iterable(columns))
    except TypeError:  # a value that is no id at all (a list): the row path says which
        return False
    values.discard(None)
    if not values:
        return True
    if set(map(type, values)) != {str} or set(map(len, values)) != {UUID_LENGTH}:
        return False
    text = "".join(values)
    if any(set(text[p::UUID_LENGTH]) != {"-"} for p in DASHES):
        return False
    return len(text.translate(NOT_HEX)) == len(DASHES) * len(values)


def _texts(column: Sequence[Any], limit: int) -> bool:
    if not _only(column, str):
        return False
    present = _present(column)
    if limit and present and max(map(len, present)) > limit:
        return False
    return is_unicode(present)  # no lone surrogate: the row path says which


def _ints(column: Sequence[Any]) -> bool:
    if not _only(column, int):
        return False
    present = _present(column)
    return not present or (min(present) >= 0 and max(present) <= MAX_INT)


def _convert(column: Sequence[Any], convert: Callable[[Any], Any]) -> list[Any]:
    whole = COLUMN_FORMS.get(convert)
    if whole is not None:
        return whole(column)  # the same values, a column at a time
    if None in column:
        return [None if v is None else convert(v) for v in column]
    return list(map(convert, column))


def _lineage(column: Sequence[Any]) -> list[frozenset[int]] | None:
    if set(map(type, column)) != {list} or max(map(len, column)) > MAX_LINEAGE:
        return None
    versions = list(chain.from_iterable(column))
    if not versions:  # no row supersedes anything (a full bundle): no set to build per row
        return [NO_VERSIONS] * len(column)
    if set(map(type, versions)) != {int} or min(versions) < 0 or max(versions) >= 1 << 63:
        return None
    return [frozenset(v) if v else NO_VERSIONS for v in column]


def _withheld(table: str, column: Sequence[Any]) -> list[tuple[str, ...]] | None:
    if set(map(type, column)) != {list}:
        return None
    names = list(chain.from_iterable(column))
    if not names:  # nothing withheld in any row (most tables)
        return [()] * len(column)
    if set(map(type, names)) - {str} or not set(names) <= set(CODECS[table].columns):
        return None
    return list(map(tuple, column))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector walks every live object again each time enough new ones were
    made; a large import makes hundreds of thousands (rows, values, dicts) with hardly a cycle
    among them, and those walks took a quarter of its time. Reference counting still frees
    memory meanwhile; the collector resumes when the import ends, refused or not."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
