"""Members imported from a spreadsheet are found by the list's search, in either script."""

from __future__ import annotations

from typing import Any

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.tables.importer import ImportOptions, run_import
from hubdesk.tables.mapping import suggest_mapping
from hubdesk.tables.readers import Sheet, SheetRow

HEADERS = ["Name", "Organisation", "Sector", "Role", "Gender"]


def sheet_of(*rows: list[Any]) -> Sheet:
    return Sheet("Sheet1", HEADERS, [SheetRow(i + 2, list(r)) for i, r in enumerate(rows)])


def found(ctx: ServiceContext, term: str) -> list[str]:
    members = team.list_members(ctx, team.MemberFilter(search=term, active=None))
    return sorted(m.name for m in members)


def test_imported_and_updated_members_are_found(ctx: ServiceContext, cat: str) -> None:
    sheet = sheet_of(
        ["Ѓорче Петров", "Општина Куманово", "local_government", "member", "male"],
        ["Ëndrit Çela", "Shkolla Naim Frashëri", "education", "member", "male"],
    )
    fields = suggest_mapping(ctx, "members", sheet.headers).fields
    assert run_import(ctx, "members", sheet, fields).created == 2
    assert found(ctx, "ЃОРЧЕ") == found(ctx, "kumanovo") == ["Ѓорче Петров"]
    assert found(ctx, "ËNDRIT ÇELA") == ["Ëndrit Çela"]
    update = sheet_of(["Ѓорче Петров", "Општина Куманово", "local_government", "chair", "male"])
    fields = suggest_mapping(ctx, "members", update.headers).fields
    assert run_import(ctx, "members", update, fields, ImportOptions(update=True)).updated == 1
    assert found(ctx, "куманово") == ["Ѓорче Петров"]
