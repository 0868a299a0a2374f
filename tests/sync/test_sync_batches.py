"""The streaming import and export: batch boundaries inside a table change nothing.

Batches are made tiny here (two or three rows) so that every table of a small municipality is
cut several times: the result must be what one batch per table gives, a problem in the last
batch must still refuse the whole bundle, and a failure while the last batch is written must
roll back every batch written before it.
"""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Network, dump, pack, real_parts, resign, seal, table_rows

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle, merge, passes, rowstream, select
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle, preview_import

MEMBERS = 7


@pytest.fixture
def tiny_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passes, "BATCH", 2)
    monkeypatch.setattr(select, "BATCH", 3)


def fill(ctx: ServiceContext) -> None:
    for t in range(3):
        cat = team.create_team(ctx, {"name": f"Team {t}", "kind": "cat"})
        for m in range(MEMBERS):
            team.create_member(ctx, {
                "team_id": cat.id, "name": f"Member {t}-{m}", "sector": "youth",
                "role": "member", "gender": "other",
            })  # fmt: skip


def forged(net: Network, muni: ServiceContext, hub: ServiceContext, change: Any) -> Path:
    parts = real_parts(muni, hub)
    name = bundle.records_entry("members")
    data = json.loads(parts[name])
    change(data)
    parts[name] = json.dumps(data).encode()
    resign(parts, muni)
    return seal(pack(list(parts.items())), hub, net.root / "forged.hubdesk")


def test_batches_inside_a_table_import_every_record(
    net: Network, muni: ServiceContext, hub: ServiceContext, tiny_batches: None
) -> None:
    fill(muni)
    sent = net.send(muni, hub)
    assert sent.counts["members"] == 3 * MEMBERS  # written in batches of three
    preview = preview_import(hub, sent.path)
    result = import_bundle(hub, sent.path)
    assert result.totals().created == sent.records == preview.totals().created
    blank = ("email", "phone", "notes")  # private: never sent to the hub
    for table in ("teams", "members"):
        assert table_rows(hub.db, table, blank) == table_rows(muni.db, table, blank)


def test_problem_in_the_last_batch_refuses_everything(
    net: Network, muni: ServiceContext, hub: ServiceContext, tiny_batches: None
) -> None:
    fill(muni)

    def orphan_last(data: dict[str, Any]) -> None:
        data["rows"][-1][data["columns"].index("team_id")] = str(uuid.uuid4())

    path = forged(net, muni, hub, orphan_last)
    before = dump(hub.db)
    with pytest.raises(SyncError) as refused:
        import_bundle(hub, path)
    assert refused.value.reason == "missing_link"
    assert dump(hub.db) == before


def test_failure_writing_the_last_batch_rolls_back_earlier_batches(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    tiny_batches: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(muni)
    sent = net.send(muni, hub)
    before = dump(hub.db)
    real = merge.write_batch
    calls: list[int] = []
    total_batches = 1 + 2 + (3 * MEMBERS + 1) // 2  # municipality, teams, members

    def failing(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == total_batches:
            raise OSError("disk full")
        real(*args, **kwargs)

    monkeypatch.setattr(merge, "write_batch", failing)
    with pytest.raises(OSError):
        import_bundle(hub, sent.path)
    assert len(calls) == total_batches
    assert dump(hub.db) == before
    monkeypatch.setattr(merge, "write_batch", real)
    assert import_bundle(hub, sent.path).totals().created == sent.records


def test_record_twice_across_a_batch_boundary_is_refused(
    net: Network, muni: ServiceContext, hub: ServiceContext, tiny_batches: None
) -> None:
    fill(muni)
    id_at: list[int] = []

    def twice(data: dict[str, Any]) -> None:
        id_at.append(data["columns"].index("id"))
        data["rows"][2][id_at[0]] = data["rows"][1][id_at[0]]  # rows 1 and 2: two batches

    path = forged(net, muni, hub, twice)
    before = dump(hub.db)
    with pytest.raises(SyncError) as refused:
        import_bundle(hub, path)
    assert "appears twice" in refused.value.message
    assert dump(hub.db) == before


def test_rows_in_another_order_are_judged_alike(
    net: Network, muni: ServiceContext, hub: ServiceContext, tiny_batches: None
) -> None:
    fill(muni)

    def shuffled_twice(data: dict[str, Any]) -> None:
        data["rows"].reverse()
        at = data["columns"].index("id")
        data["rows"][-1][at] = data["rows"][0][at]  # first and last: far apart, out of order

    path = forged(net, muni, hub, shuffled_twice)
    with pytest.raises(SyncError) as refused:
        import_bundle(hub, path)
    assert "appears twice" in refused.value.message

    path = forged(net, muni, hub, lambda data: data["rows"].reverse())
    assert import_bundle(hub, path).totals().created > 3 * MEMBERS


def batches(text: str, rows: int, size: int = 2) -> list[list[Any]]:
    source = io.BytesIO(text.encode())
    return list(rowstream.iter_batches("decisions", source, rows, size))


COLUMNS = json.dumps([*rowstream.CODECS["decisions"].columns, "_known", "_withheld"])


def test_row_reader_reads_any_layout_of_the_same_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rowstream, "CHUNK", 3)  # values cut across every read
    spaced = f' {{ "columns" : {COLUMNS} ,\n "rows" : [ [1, "a"] , [22,"b"],\n[333, "c"] ] }} '
    assert batches(spaced, 3) == [[[1, "a"], [22, "b"]], [[333, "c"]]]
    assert batches(f'{{"columns":{COLUMNS},"rows":[]}}', 0) == []
    runs = " \t\r\n" * 2500  # a long run of white space, skipped in one step per read
    padded = f'{{"columns":{COLUMNS},"rows":[{runs}[1, "a"]{runs},{runs}[2,"b"]{runs}]{runs}}}'
    assert batches(padded, 2) == [[[1, "a"], [2, "b"]]]


@pytest.mark.parametrize(
    ("text", "rows", "reason"),
    [
        (f'{{"columns":{COLUMNS},"rows":[[1],[2]]}}', 3, "damaged"),  # fewer than announced
        (f'{{"columns":{COLUMNS},"rows":[[1],[2]]}}', 1, "damaged"),  # more than announced
        (f'{{"columns":{COLUMNS},"rows":[[1],[2.5]]}}', 2, "not_a_number"),
        (f'{{"columns":{COLUMNS},"rows":[[NaN]]}}', 1, "not_a_number"),
        (f'{{"columns":{COLUMNS},"rows":[[1]],"rows":[]}}', 1, "duplicate_key"),
        (f'{{"columns":{COLUMNS},"rows":[[1]]}} x', 1, "bad_json"),
        (f'{{"columns":{COLUMNS},"rows":[[1]]', 1, "bad_json"),
        (f'{{"columns":{COLUMNS},"rows":{{}}}}', 0, "damaged"),
        (f'{{"columns":{COLUMNS},"rows":[],"more":1}}', 0, "damaged"),
        ('{"columns":[],"rows":[[1]]}', 1, "schema_mismatch"),
        ('{"columns":[],"rows":[[1], [NaN]]}', 2, "not_a_number"),  # JSON first, as before
        (f'{{"rows":[[1],[2],[3]],"columns":{COLUMNS}}}', 3, "damaged"),  # HubDesk: columns first
        (f'{{"rows":[[1],[NaN]],"columns":{COLUMNS}}}', 2, "not_a_number"),
        ("\ufeff{}", 0, "bad_json"),
    ],
)
def test_row_reader_refuses_as_a_whole_parse_did(text: str, rows: int, reason: str) -> None:
    with pytest.raises(SyncError) as refused:
        batches(text, rows)
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    "layout",
    [
        '{{"rows":{rows},"columns":{columns}}}',  # rows first: refused, read a row at a time
        '{{"columns":[0],"rows":{rows}}}',  # columns this HubDesk does not know, then rows
        '{{"columns":{columns},"rows":[{rows}]}}',  # one row holding them all: too long
        '{{"columns":{columns},"more":{rows},"rows":[]}}',  # a key HubDesk does not write
    ],
)
def test_a_refused_document_is_not_read_into_memory_whole(layout: str) -> None:
    """A signed sender packing millions of tiny arrays where they are refused cannot make the
    receiver build them all before the refusal: a 1.5 MB bundle of such rows took 5 GB."""
    import tracemalloc

    tiny = "[" + ",".join(["[0]"] * 1_500_000) + "]"  # 6 MB of JSON; whole, about 200 MB
    text = layout.format(rows=tiny, columns=COLUMNS)
    tracemalloc.start()
    try:
        with pytest.raises(SyncError) as refused:
            batches(text, 1_500_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.reason in {"damaged", "schema_mismatch", "bad_json"}
    assert peak < 80 * 2**20, peak  # whole, the first two took 157 MB; a batch, 10 MB


def test_attendance_id_is_uuid5() -> None:
    from hubdesk.domain.meetings import attendance_id

    for _ in range(200):
        meeting, member = str(uuid.uuid4()), str(uuid.uuid4())
        assert attendance_id(meeting, member) == str(uuid.uuid5(uuid.UUID(meeting), member))
    assert attendance_id(meeting, "Ана") == str(uuid.uuid5(uuid.UUID(meeting), "Ана"))
