"""A table export names the team in the script of the file's language."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.tables.export import export_table


def team_column(path: Path) -> list[str]:
    """The second column, the team's, below its header."""
    sheet = openpyxl.load_workbook(path).active
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_a_cyrillic_team_reads_in_latin_in_an_english_file(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    """Kumanovo's team typed in Cyrillic kept its Cyrillic name in an English or Albanian
    file, beside the Latin one the window in that language shows; the municipality column of
    a hub's file was already written in the file's script."""
    cat = team.create_team(ctx, {"name": "Тим за акција — Куманово", "kind": "cat"})
    team.create_member(
        ctx,
        {
            "team_id": cat.id,
            "name": "Ana",
            "sector": "police",
            "role": "member",
            "gender": "female",
        },
    )
    out = tmp_path / "members.xlsx"
    export_table(ctx, "members", out, lang="en")
    assert team_column(out) == ["Tim za akcija — Kumanovo"]
    export_table(ctx, "members", out, lang="mk")
    assert team_column(out) == ["Тим за акција — Куманово"]
