"""The column-at-a-time decoder only ever accepts what the row-by-row path accepts, unchanged."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest
from sync_helpers import real_parts

from hubdesk.services.context import ServiceContext
from hubdesk.sync import bulk, incoming
from hubdesk.sync.bundle import TABLE_OF_ENTRY

# Values a damaged or hostile bundle might carry instead of the real one.
ODD_VALUES: tuple[Any, ...] = (
    None, "", " ", "x" * 400, -1, 0, 2**70, 1.5, True, [], {}, "2026-02-30", "not-a-uuid",
    "00000000-0000-4000-8000-000000000000,00000000-0000-4000-8000-000000000001", "NaN",
)  # fmt: skip


def row_path(table: str, rows: list[Any]) -> tuple[list[Any], list[incoming.Problem]]:
    problems: list[incoming.Problem] = []
    original = bulk.decode_table
    bulk.decode_table = lambda _table, _rows: None  # type: ignore[assignment]
    try:
        return incoming.decode_rows(table, rows, problems), problems
    finally:
        bulk.decode_table = original  # type: ignore[assignment]


@pytest.mark.usefixtures("seeded")
def test_fast_path_agrees_with_the_row_path_on_damaged_rows(
    muni: ServiceContext, hub: ServiceContext
) -> None:
    tables = {
        TABLE_OF_ENTRY[name]: json.loads(data)["rows"]
        for name, data in real_parts(muni, hub).items()
        if name in TABLE_OF_ENTRY
    }
    rng = random.Random(20261121)
    trials = 0
    for table, rows in tables.items():
        if not rows:
            continue
        for _ in range(60):
            changed = copy.deepcopy(rows)
            row = rng.choice(changed)
            row[rng.randrange(len(row))] = rng.choice(ODD_VALUES)
            fast = bulk.decode_table(table, changed)
            slow, problems = row_path(table, changed)
            trials += 1
            if fast is None:
                continue  # the row path decides, as in a real import
            values, known, withheld = fast
            assert problems == [], (table, row)
            assert values == [r.values for r in slow]
            assert known == [r.known for r in slow] and withheld == [r.withheld for r in slow]
    assert trials > 300
