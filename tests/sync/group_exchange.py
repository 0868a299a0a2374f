"""An office, its field laptop and the hub exchanging files about a group of records (a
meeting or a fund proposal with what its deletion takes along), for the one-state tests."""

from __future__ import annotations

from typing import Any

from sync_helpers import table_rows

from hubdesk.services.context import ServiceContext


def deleted_flags(ctx: ServiceContext, group: tuple[str, ...]) -> dict[tuple[str, str], bool]:
    """Every record of the group's tables and whether it is deleted."""
    out: dict[tuple[str, str], bool] = {}
    with ctx.db.engine.connect() as conn:
        for table in group:
            for record_id, deleted in conn.exec_driver_sql(f"SELECT id, deleted FROM {table}"):
                out[table, record_id] = bool(deleted)
    return out


def group_rows(ctx: ServiceContext, group: tuple[str, ...]) -> list[list[Any]]:
    return [table_rows(ctx.db, table) for table in group]


def exchange(world: dict[str, Any], first: str) -> None:
    """Both files, in the order given ("office" or "laptop" first)."""
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    pair = [(muni, laptop), (laptop, muni)]
    for source, target in pair if first == "office" else pair[::-1]:
        net.deliver(source, target)


def settled(world: dict[str, Any], group: tuple[str, ...]) -> dict[tuple[str, str], bool]:
    """Exchange until nothing more travels; the PCs and the hub agree, and one more round
    of files changes nothing (no ping-pong of restorations)."""
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    for _round in range(2):
        net.deliver(muni, laptop)
        net.deliver(laptop, muni)
    net.deliver(muni, hub)
    assert group_rows(muni, group) == group_rows(laptop, group)
    flags = deleted_flags(muni, group)
    assert deleted_flags(laptop, group) == flags == deleted_flags(hub, group)
    before = [group_rows(ctx, group) for ctx in (muni, laptop, hub)]
    for source, target in [(laptop, muni), (muni, laptop), (muni, hub), (laptop, muni)]:
        result = net.deliver(source, target)
        totals = result.totals()
        assert (totals.created, totals.updated, totals.conflicts) == (0, 0, 0), result.summary()
    assert [group_rows(ctx, group) for ctx in (muni, laptop, hub)] == before
    return flags


def pcs(world: dict[str, Any], deleter: str) -> tuple[ServiceContext, ServiceContext]:
    """(the PC that deletes, the PC that works inside the group)."""
    muni, laptop = world["muni"], world["laptop"]
    return (muni, laptop) if deleter == "office" else (laptop, muni)
