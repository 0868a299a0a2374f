"""On a hub's server, names sort with ICU's root collation (migration 0015): letters with
diacritics beside their base letter, Latin before Cyrillic, not by code point.

A PostgreSQL test (``bash dev test`` runs the services on it); SQLite keeps its own order.
"""

from __future__ import annotations

import pytest

from hubdesk.services import team
from hubdesk.services.context import ServiceContext

NAMES = ["Žabljak", "Zenica", "Ćuprija", "Cetinje", "Đakovica", "Dubrovnik", "Čačak", "Охрид",
         "Битола", "Ana"]  # fmt: skip
# Root collation: a diacritic (and Đ's stroke) differs only after the letters, so "Čačak" comes
# before "Cetinje", "Đakovica" before "Dubrovnik", "Žabljak" before "Zenica"; Latin before
# Cyrillic. By code point, every letter with a diacritic would come after "Z".
EXPECTED = ["Ana", "Čačak", "Cetinje", "Ćuprija", "Đakovica", "Dubrovnik", "Žabljak", "Zenica",
            "Битола", "Охрид"]  # fmt: skip


def test_team_names_sort_as_the_region_reads_them(ctx: ServiceContext) -> None:
    if ctx.db.is_sqlite:
        pytest.skip("the collation is the server's (runs with --database postgresql)")
    for name in NAMES:
        team.create_team(ctx, {"name": name, "kind": "cat"})
    assert [t.name for t in team.list_teams(ctx)] == EXPECTED
