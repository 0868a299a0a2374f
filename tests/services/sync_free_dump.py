"""The whole database as SQL text, to show a refused step changed nothing."""

from __future__ import annotations

from hubdesk.services.context import ServiceContext


def dump(ctx: ServiceContext) -> list[str]:
    raw = ctx.db.engine.raw_connection()
    try:
        return list(raw.driver_connection.iterdump())  # type: ignore[union-attr]
    finally:
        raw.close()
