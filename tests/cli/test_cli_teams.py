"""``hubdesk teams``: a municipality set up from the command line makes its team, then imports
its members into it, without the window."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = Callable[..., Any]


def test_a_new_municipality_adds_its_team_and_imports_its_members(
    hubdesk: Run, kumanovo: object, tmp_path: Path
) -> None:
    empty = hubdesk("teams", "list")
    assert empty.code == 0 and "No team yet" in empty.out
    added = hubdesk("teams", "add", "--name", "CAT Kumanovo", "--kind", "cat")
    assert added.code == 0, added.err
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Ime i prezime;Organizacija;Sektor;Uloga;Pol\nMarko Marković;Policija;police;member;M\n",
        encoding="utf-8",
    )
    imported = hubdesk("table", "import", "members", str(roster))
    assert imported.code == 0, imported.out + imported.err
    (listed,) = json.loads(hubdesk("teams", "list", "--json").out)
    assert (listed["name"], listed["kind"], listed["members"]) == ("CAT Kumanovo", "cat", 1)
    assert (
        "CAT Kumanovo (Community Action Team): 1 active member  [" in hubdesk("teams", "list").out
    )


def test_a_team_without_a_name_is_refused_in_words(hubdesk: Run, kumanovo: object) -> None:
    nameless = hubdesk("teams", "add", "--name", "  ", "--kind", "cat")
    assert nameless.code == 2 and "--name: This field is required." in nameless.err
    assert json.loads(hubdesk("teams", "list", "--json").out) == []
