"""The demo's attached files: on meetings, activities and proposals, some travelling, in both
the municipality's demo and the hub's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hub_demo_copy import hub_demo

from hubdesk.cli import main
from hubdesk.services import attachments
from hubdesk.services.demo_attachments import TEXTS, texts_for
from hubdesk.services.filetypes import sniff
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database


def test_the_demo_municipality_has_real_files_some_travelling(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert main(["--data-dir", str(folder), "demo"]) == 0
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        rows = attachments.list_files(ctx)
        assert {r.parent_kind for r in rows} == {"meeting", "youth_activity", "proposal"}
        assert {r.file_type for r in rows} == {"pdf", "png"}
        sheet = texts_for("mk")["sheet"].split(" {")[0]  # the demo municipality is Kumanovo
        private = {r.file_name for r in rows if not r.travels}
        assert private and any(r.travels for r in rows)
        sheets = {r.file_name for r in rows if r.file_name.startswith(sheet)}
        assert sheets and sheets <= private  # a sign-in sheet names people: it never travels
        for row in rows:  # every file is really there and really the type it says
            path = attachments.stored_path(ctx, row.id)
            assert sniff(path) is not None and sniff(path).value == row.file_type  # type: ignore[union-attr]
    finally:
        db.close()


def test_the_demo_hub_received_the_travelling_files(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    db = hub_demo(folder, today=dt.date(2025, 6, 1))
    try:
        hub = load_context(db, folder)
        rows = attachments.list_files(hub)
        assert rows and all(r.travels and r.available for r in rows)
        assert len({r.parent_id for r in rows if r.parent_kind == "proposal"}) == 6
        sheets = tuple(t["sheet"].split(" {")[0] for t in TEXTS.values())
        assert not any(r.file_name.startswith(sheets) for r in rows)  # they name people
    finally:
        db.close()
