"""The whole database as text, to show a refused step changed nothing (on either database)."""

from __future__ import annotations

from neutral_dump import dump as dump_database

from hubdesk.services.context import ServiceContext


def dump(ctx: ServiceContext) -> list[str]:
    return dump_database(ctx.db)
