"""Declarative base, column types and the sync metadata every shared record carries (DESIGN §3)."""

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, MetaData, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores UTC without a zone (SQLite has none) and always hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: HubDesk stores times in UTC and needs a time zone")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class CodeList(TypeDecorator[list[str]]):
    """A short list of enum codes (pillars) kept in one text column as ``a,b,c``."""

    impl = String(200)
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> str:
        return ",".join(value or [])

    def process_result_value(self, value: Any, dialect: Dialect) -> list[str]:
        return [code for code in (value or "").split(",") if code]


# A 64-bit integer on a server; SQLite's INTEGER is 64-bit already (and an INTEGER primary key
# is the row id, which BIGINT would not be).
BigInt = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime(),
        str: Text(),
        # 64-bit on a server as in SQLite: money in minor units and counts add up past 2**31.
        int: BigInt,
    }


class Synced:
    """Sync metadata. ``version`` is an HLC stamp; ``base_version`` is the version this edit
    started from, which is how an import tells a follow-up edit from a concurrent one."""

    # Fields that never leave the municipality's own PCs (overridden per model).
    PRIVATE_FIELDS: ClassVar[tuple[str, ...]] = ()

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    origin: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    base_version: Mapped[int | None] = mapped_column(BigInteger)
    updated_by: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Not indexed: nearly every row is 0, and an index on it lured SQLite into joining
    # through it (a dashboard query read the whole attendance table once per meeting).
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    def private_fields(self) -> tuple[str, ...]:
        """Fields of this record that must not go to the hub."""
        return self.PRIVATE_FIELDS

    SYNC_FIELDS: ClassVar[tuple[str, ...]] = (
        "id",
        "origin",
        "version",
        "base_version",
        "updated_by",
        "updated_at",
        "deleted",
    )


def said_order(record: Synced) -> tuple[int, str, str]:
    """The order of a conversation (a help desk request's messages, a proposal's thread), the
    same on every PC: by the version stamp each word was written with (``domain/hlc.py``), never
    by the moment its PC gave it. A PC's clock may run slow, but its stamps never do: an import
    merges the sender's stamps into the receiver's clock, so a reply written after what it
    answers arrived always sorts after it. Such words are never changed, so the stamp stays the
    one they were written with."""
    return record.version, record.updated_by, record.id
