"""The ids an import has read, kept in a scratch file: exact in any order, and a batch that
repeats an id records none of its ids (the row-by-row path then names the record twice)."""

from __future__ import annotations

import uuid
from pathlib import Path

from hubdesk.sync.seen import SeenStore


def test_ids_seen_in_any_order_and_a_refused_batch_records_nothing(tmp_path: Path) -> None:
    ids = sorted(str(uuid.uuid4()) for _ in range(6))
    with SeenStore(tmp_path) as store:
        seen = store.for_table()
        assert seen.add_all([ids[4], ids[0], ids[2]])  # not in order of id
        assert not seen.add_all([ids[5], ids[2]])  # ids[2] again: refused whole
        assert seen.fresh(ids[5])  # so ids[5] was not recorded by the refused batch
        assert not seen.fresh(ids[5])
        assert not seen.fresh(ids[0])
        assert seen.fresh(ids[1])
        other = store.for_table()  # the next table starts empty
        assert other.add_all(ids)
        path = store.path
        assert path.exists()
    assert not path.exists()  # the scratch file is removed
