"""A proposals export carries the sections a reviewer reads, headed in the sheet's language."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from proposal_filling import SECTIONS, fill_sections

from hubdesk.services import fund
from hubdesk.services.context import ServiceContext
from hubdesk.tables.export import export_table


def test_the_proposal_sheet_carries_every_section(ctx: ServiceContext, tmp_path: Path) -> None:
    proposal = fund.create_proposal(ctx, {"title": "Youth corner", "summary": "A room"})
    fill_sections(ctx, proposal.id)
    fund.update_proposal(ctx, proposal.id, {"summary_en": "A room for young people."})
    out = tmp_path / "proposals.xlsx"
    export_table(ctx, "fund_proposals", out, lang="sq")
    sheet = openpyxl.load_workbook(out).active
    headers = [c.value for c in sheet[1]]
    values = dict(zip(headers, [c.value for c in sheet[2]], strict=True))
    assert values["Nevoja që adreson"] == SECTIONS["need"]
    assert values["Zbutja e rreziqeve"] == SECTIONS["dnh_mitigation"]
    assert values["Si shmangen stigmatizimi dhe sekuritizimi"] == SECTIONS["dnh_stigma"]
    assert "A room for young people." in values.values()
