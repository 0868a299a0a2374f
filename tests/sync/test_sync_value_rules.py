"""Single-record value rules a bundle record must keep: each bad value below, in a correctly
signed and encrypted bundle from an enrolled municipality, is refused with a reason naming the
field, and the hub's database stays byte-for-byte what it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sync_helpers import Network, dump, pack, real_parts, resign, seal

from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle, preview_import

Edit = Callable[[list[Any], list[str]], None]


def cell(column: str, value: Any) -> Edit:
    def edit(row: list[Any], columns: list[str]) -> None:
        row[columns.index(column)] = value

    return edit


def cells(**values: Any) -> Edit:
    def edit(row: list[Any], columns: list[str]) -> None:
        for column, value in values.items():
            row[columns.index(column)] = value

    return edit


def base_newer(row: list[Any], columns: list[str]) -> None:
    row[columns.index("base_version")] = row[columns.index("version")] + 1


CASES: dict[str, tuple[str, Edit, str]] = {
    "NUL in a name": ("teams", cell("name", "CAT\x00Kumanovo"), "name"),
    "line break in a one-line text": ("teams", cell("name", "CAT\nKumanovo"), "name"),
    "escape in a long text": ("members", cell("trainings", "ok\x1b[31m"), "trainings"),
    "1 MB trainings text": ("members", cell("trainings", "x" * 1_000_000), "trainings"),
    "year 9999": ("youth_activities", cell("starts_on", "9999-01-01"), "starts_on"),
    "year 1066": ("teams", cell("established_on", "1066-10-14"), "established_on"),
    "moment in year 9999": ("meetings", cell("starts_at", "9999-03-05T09:00:00+00:00"),
                            "starts_at"),
    "pillar twice": ("meetings", cell("pillars", ["peer_learning", "peer_learning"]), "pillars"),
    "version 0": ("teams", cell("version", 0), "version"),
    "base version newer than version": ("teams", base_newer, "base_version"),
    "withheld field that is not private": ("teams", cell("_withheld", ["name"]), "_withheld"),
    "internal minutes withheld when not internal": (
        "meetings", cell("minutes_internal", False), "_withheld"
    ),
    "guest count above the limit": ("meeting_guests", cell("count", 10_001), "count"),
    # Read fine, but in UTC before the first year or after the last the calendar has.
    "moment before year 1 in UTC": ("meetings", cell("starts_at", "0001-01-01T00:00:00+14:00"),
                                    "starts_at"),
    "moment after year 9999 in UTC": ("meetings",
                                      cell("ends_at", "9999-12-31T23:59:59-14:00"), "ends_at"),
    "updated_at before year 1 in UTC": ("teams",
                                        cell("updated_at", "0001-01-01T00:30:00+01:00"),
                                        "updated_at"),
    # A lone surrogate (JSON "\ud800") is no Unicode text: no database can store it.
    "lone surrogate in a name": ("teams", cell("name", "CAT \ud800"), "name"),
    "lone surrogate in a long text": ("members", cell("trainings", "ok \udfff"), "trainings"),
    # Numbers each within a limit whose sums are not: the next decision is numbered one more
    # (2**63 stops the database write), and ten such lines overflow the proposal's total.
    "decision numbered at the end of the integers": ("decisions", cell("position", 2**63 - 1),
                                                      "position"),
    "budget line of a billion billion": ("budget_lines", cells(quantity=1_000_000,
                                                               unit_cost_minor=10**12),
                                         "unit_cost_minor"),
}  # fmt: skip


def _guest_parts(muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]) -> None:
    from hubdesk.services import meetings

    meetings.set_guests(muni, seeded["meeting"], [("Red Cross", 3)])
    meetings.add_decision(muni, seeded["meeting"], "Hold a youth forum in May")


@pytest.mark.parametrize("case", list(CASES))
def test_bad_value_is_refused_and_nothing_changes(
    case: str, net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    table, edit, field = CASES[case]
    _guest_parts(muni, hub, seeded)
    parts = real_parts(muni, hub)
    name = bundle.records_entry(table)
    data = json.loads(parts[name])
    edit(data["rows"][0], data["columns"])
    parts[name] = json.dumps(data).encode()
    resign(parts, muni)
    path = seal(pack(list(parts.items())), hub, net.root / "case.hubdesk")
    before = dump(hub.db)
    preview = preview_import(hub, path)
    assert [(p.table, p.field, p.reason) for p in preview.problems][:1] == [
        (table, field, "invalid_record")
    ]
    with pytest.raises(SyncError) as caught:
        import_bundle(hub, path)
    assert caught.value.reason == "invalid_record", caught.value.message
    assert dump(hub.db) == before


def test_the_same_bundle_unedited_is_accepted(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    """The cases above fail only by their edit: the bundle they start from is good."""
    _guest_parts(muni, hub, seeded)
    parts = real_parts(muni, hub)
    resign(parts, muni)
    path = seal(pack(list(parts.items())), hub, net.root / "good.hubdesk")
    assert preview_import(hub, path).problems == []
