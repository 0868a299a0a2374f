"""Records as they travel: column values to JSON and back, typed strictly by the schema.

A bundle carries each table as ``{"columns": [...], "rows": [[...], ...]}``. Values are JSON
strings, integers, booleans, lists of codes and null; dates are ``YYYY-MM-DD`` and moments are ISO
8601 in UTC. Decoding checks every value against its column (type, null, length, range) before
anything else looks at it, so later stages can trust the types.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import Boolean, Column, Date, Integer, String, Table

from hubdesk.domain import SYNCED_MODELS
from hubdesk.domain.base import CodeList, Synced, UTCDateTime
from hubdesk.domain.search import record_columns
from hubdesk.i18n import N_

MAX_INT = (1 << 63) - 1
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KNOWN = "_known"  # meta column: earlier versions this one is known to supersede
WITHHELD = "_withheld"  # meta column: private fields left out of this copy
META_COLUMNS = (KNOWN, WITHHELD)

MODELS: dict[str, type[Synced]] = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
TABLE_ORDER: tuple[str, ...] = tuple(MODELS)


def table_of(model: type[Synced]) -> Table:
    return model.__table__  # type: ignore[attr-defined]


class BadValue(ValueError):
    """A value that does not fit its column; ``msgid`` and ``params`` say why."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid, self.params = msgid, params


# A text holding a lone surrogate (JSON "\ud800") is no Unicode text: no database can store
# it (SQLite's driver raises while writing). The rule book calls it a control character too.
NOT_UNICODE = N_("This text holds an invisible control character; remove it.")


def is_unicode(texts: Iterable[str]) -> bool:
    """True when every one of ``texts`` is Unicode text, i.e. can be written as UTF-8 (no lone
    surrogate); one pass in C over all of them (an all-ASCII text is known at once)."""
    joined = "".join(texts)
    if joined.isascii():
        return True
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _str(limit: int | None) -> Callable[[Any], Any]:
    def decode(raw: Any) -> str:
        if not isinstance(raw, str):
            raise BadValue(N_("Enter text here."))
        if limit is not None and len(raw) > limit:
            raise BadValue(
                N_("At most {limit} characters (now {count})."), limit=limit, count=len(raw)
            )
        if not is_unicode((raw,)):
            raise BadValue(NOT_UNICODE)
        return raw

    return decode


def _int(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise BadValue(N_("Enter a whole number."))
    if raw < 0:
        raise BadValue(N_("Cannot be negative."))
    if raw > MAX_INT:
        raise BadValue(N_("At most {limit}."), limit=MAX_INT)
    return raw


def _bool(raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise BadValue(N_("Choose yes or no."))
    return raw


def _date(raw: Any) -> dt.date:
    if not isinstance(raw, str) or not DATE.match(raw):
        raise BadValue(N_("Enter a date."))
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadValue(N_("Enter a date.")) from None


def _moment(raw: Any) -> dt.datetime:
    if not isinstance(raw, str) or len(raw) > 40:
        raise BadValue(N_("Enter a date and time."))
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise BadValue(N_("Enter a date and time.")) from None
    if value.tzinfo is None:
        raise BadValue(N_("Enter a date and time."))
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:  # "0001-01-01T00:00:00+14:00": in UTC, before the first year
        raise BadValue(N_("Enter a date and time.")) from None


def _codes(raw: Any) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(c, str) and c for c in raw):
        raise BadValue(N_("Choose from the list."))
    if not is_unicode(raw):
        raise BadValue(N_("Choose from the list."))
    return list(raw)


def _distinct_text(column: Sequence[Any], longest: int, msgid: str) -> list[str]:
    """The distinct values of a column other than null, all text of at most ``longest``
    characters, or BadValue (the row path then names the value at fault)."""
    if not set(map(type, column)) <= {str, type(None)}:
        raise BadValue(msgid)
    distinct = set(column)
    distinct.discard(None)
    if distinct and max(map(len, distinct)) > longest:
        raise BadValue(msgid)
    return list(distinct)


def _by_value(column: Sequence[Any], texts: list[str], values: list[Any]) -> list[Any]:
    table: dict[Any, Any] = dict(zip(texts, values, strict=True))
    table[None] = None
    return list(map(table.__getitem__, column))


def _moments(column: Sequence[Any]) -> list[Any]:
    """``_moment`` of every value of a column (nulls stay null), each distinct text parsed once
    (the rows of one meeting or form share their moments) and in C; the same datetimes."""
    texts = _distinct_text(column, 40, N_("Enter a date and time."))
    try:
        parsed = list(map(dt.datetime.fromisoformat, texts))
    except ValueError:
        raise BadValue(N_("Enter a date and time.")) from None
    zones = set(map(_tzinfo, parsed))
    if None in zones:
        raise BadValue(N_("Enter a date and time."))
    if any(zone is not dt.UTC for zone in zones):  # astimezone(UTC) of a UTC moment is itself
        try:
            parsed = [value.astimezone(dt.UTC) for value in parsed]
        except OverflowError:  # as ``_moment``: beyond the calendar in UTC
            raise BadValue(N_("Enter a date and time.")) from None
    return _by_value(column, texts, parsed)


def _tzinfo(value: dt.datetime) -> dt.tzinfo | None:
    return value.tzinfo


def _dates(column: Sequence[Any]) -> list[Any]:
    """``_date`` of every value of a column (nulls stay null), each distinct text once."""
    texts = _distinct_text(column, 10, N_("Enter a date."))
    if not all(map(DATE.match, texts)):
        raise BadValue(N_("Enter a date."))
    try:
        days = list(map(dt.date.fromisoformat, texts))
    except ValueError:
        raise BadValue(N_("Enter a date.")) from None
    return _by_value(column, texts, days)


def _code_lists(column: Sequence[Any]) -> list[Any]:
    """``_codes`` of every value of a column (nulls stay null): lists of non-empty texts."""
    present = [v for v in column if v is not None] if None in column else column
    if set(map(type, present)) - {list}:
        raise BadValue(N_("Choose from the list."))
    codes = list(chain.from_iterable(present))
    if set(map(type, codes)) - {str} or "" in codes or not is_unicode(codes):
        raise BadValue(N_("Choose from the list."))
    if present is column:
        return list(map(list, column))
    return [None if v is None else list(v) for v in column]


# Each converter's form for a whole column, with the same outcome for every value.
COLUMN_FORMS: dict[Callable[[Any], Any], Callable[[Sequence[Any]], list[Any]]] = {
    _moment: _moments,
    _date: _dates,
    _codes: _code_lists,
}


_ONE_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
UUID = re.compile(rf"^{_ONE_UUID}\Z")
UUIDS = re.compile(rf"^{_ONE_UUID}(?:,{_ONE_UUID})*\Z")  # a comma-joined list, checked at once
UUID_LENGTH = 36  # with UUIDS: no single value hides a comma-joined pair


def _uuid(raw: Any) -> str:
    """Ids are UUIDs in their canonical lower-case text form, nothing else."""
    if not isinstance(raw, str) or UUID.match(raw) is None:
        raise BadValue(N_("Not a record id."))
    return raw


def decoder(column: Column[Any]) -> Callable[[Any], Any]:
    """The strict JSON-to-Python conversion for one column (null handled by the caller)."""
    kind = column.type
    if column.name in ("id", "origin", "updated_by") or column.foreign_keys:
        return _uuid
    if isinstance(kind, UTCDateTime):
        return _moment
    if isinstance(kind, CodeList):
        return _codes
    if isinstance(kind, Date):
        return _date
    if isinstance(kind, Boolean):
        return _bool
    if isinstance(kind, Integer):
        return _int
    if isinstance(kind, String):
        return _str(kind.length)
    raise TypeError(f"no bundle encoding for column {column}")  # a new column type: add it


def _encode_date(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _encode_moment(value: Any) -> Any:
    return None if value is None else value.astimezone(dt.UTC).isoformat()


def encoder(column: Column[Any]) -> Callable[[Any], Any] | None:
    """Python-to-JSON for one column; None where the value is already JSON (most columns)."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _encode_moment
    if isinstance(kind, Date):
        return _encode_date
    return None


@dataclass(frozen=True)
class TableCodec:
    """Column names, encoders and decoders of one synced table, computed once."""

    name: str
    model: type[Synced]
    columns: tuple[str, ...]
    nullable: tuple[bool, ...]
    encoders: tuple[Callable[[Any], Any] | None, ...]
    decoders: tuple[Callable[[Any], Any], ...]

    def encode_row(self, row: Sequence[Any]) -> list[Any]:
        return [
            value if enc is None else enc(value)
            for value, enc in zip(row, self.encoders, strict=True)
        ]


def _build(name: str, model: type[Synced]) -> TableCodec:
    cols = record_columns(table_of(model))  # the search text is derived: never sent
    return TableCodec(
        name=name,
        model=model,
        columns=tuple(c.name for c in cols),
        nullable=tuple(bool(c.nullable) for c in cols),
        encoders=tuple(encoder(c) for c in cols),
        decoders=tuple(decoder(c) for c in cols),
    )


CODECS: dict[str, TableCodec] = {name: _build(name, model) for name, model in MODELS.items()}


def encode_record(record: Synced) -> dict[str, Any]:
    """One ORM record as a JSON object (the conflict log and the profile keep records so)."""
    codec = CODECS[table_of(type(record)).name]
    row = [getattr(record, c) for c in codec.columns]
    return dict(zip(codec.columns, codec.encode_row(row), strict=True))


def decode_record(table: str, data: dict[str, Any]) -> dict[str, Any]:
    """A JSON object back to column values; BadValue names the first field that does not fit."""
    codec = CODECS[table]
    out: dict[str, Any] = {}
    for name, nullable, dec in zip(codec.columns, codec.nullable, codec.decoders, strict=True):
        if name not in data:
            raise FieldProblem(name, N_("This field is missing."))
        raw = data[name]
        if raw is None:
            if not nullable:
                raise FieldProblem(name, N_("This field is required."))
            out[name] = None
            continue
        try:
            out[name] = dec(raw)
        except BadValue as exc:
            raise FieldProblem(name, exc.msgid, **exc.params) from None
    return out


class FieldProblem(ValueError):
    """A record field that cannot be accepted, with the message a person will read."""

    def __init__(self, field: str, msgid: str, **params: Any) -> None:
        super().__init__(f"{field}: {msgid}")
        self.field, self.msgid, self.params = field, msgid, params


@dataclass(frozen=True)
class RowPlan:
    """Column positions grouped by the check they need, for checking rows in bulk."""

    names: tuple[str, ...]
    required: tuple[int, ...]
    uuids: tuple[int, ...]
    texts: tuple[tuple[int, int], ...]  # position, length limit (0: none)
    ints: tuple[int, ...]
    flags: tuple[int, ...]
    converts: tuple[tuple[int, Callable[[Any], Any]], ...]  # dates, moments, code lists


def _plan(name: str) -> RowPlan:
    columns = record_columns(table_of(MODELS[name]))
    groups: dict[str, list[Any]] = {k: [] for k in ("uuids", "texts", "ints", "flags", "converts")}
    for i, column in enumerate(columns):
        dec = decoder(column)
        if dec is _uuid:
            groups["uuids"].append(i)
        elif dec is _int:
            groups["ints"].append(i)
        elif dec is _bool:
            groups["flags"].append(i)
        elif dec in (_moment, _codes, _date):
            groups["converts"].append((i, dec))
        else:
            length = getattr(column.type, "length", None)
            groups["texts"].append((i, length or 0))
    return RowPlan(
        names=tuple(c.name for c in columns),
        required=tuple(i for i, c in enumerate(columns) if not c.nullable),
        **{k: tuple(v) for k, v in groups.items()},
    )


PLANS: dict[str, RowPlan] = {name: _plan(name) for name in MODELS}


def decode_row(table: str, row: Sequence[Any]) -> dict[str, Any]:
    """``decode_record`` for a bundle row (values in column order), checking whole groups of
    columns at once; only a row that fails takes the slow path, which names the field."""
    plan = PLANS[table]
    if not _plausible(plan, row):
        return decode_record(table, dict(zip(plan.names, row, strict=False)))
    values = dict(zip(plan.names, row, strict=False))
    for i, convert in plan.converts:
        raw = row[i]
        if raw is not None:
            try:
                values[plan.names[i]] = convert(raw)
            except BadValue as exc:
                raise FieldProblem(plan.names[i], exc.msgid, **exc.params) from None
    return values


def _plausible(plan: RowPlan, row: Sequence[Any]) -> bool:
    for i in plan.required:
        if row[i] is None:
            return False
    ids = [row[i] for i in plan.uuids if row[i] is not None]
    if not all(type(v) is str and len(v) == UUID_LENGTH for v in ids):
        return False
    if UUIDS.match(",".join(ids)) is None:
        return False
    for i, limit in plan.texts:
        v = row[i]
        if v is not None and (type(v) is not str or (limit and len(v) > limit)):
            return False
    if not is_unicode(row[i] for i, _limit in plan.texts if row[i] is not None):
        return False  # decode_record names the field
    for i in plan.ints:
        v = row[i]
        if v is not None and (type(v) is not int or v < 0 or v > MAX_INT):
            return False
    for i in plan.flags:
        v = row[i]
        if v is not None and type(v) is not bool:
            return False
    return True
