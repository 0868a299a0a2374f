"""The search text is derived: it never travels, and a receiver makes its own on import."""

from __future__ import annotations

import json

import pytest
from sync_helpers import Network, pack, real_parts, resign, seal

from hubdesk.domain.search import SEARCH_COLUMN, SEARCH_FIELDS
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle
from hubdesk.sync.codec import CODECS
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle


def found(ctx: ServiceContext, term: str) -> list[str]:
    members = team.list_members(ctx, team.MemberFilter(search=term, active=None))
    return sorted(m.name for m in members)


def test_imported_records_are_found_in_both_scripts(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    cat = team.create_team(muni, {"name": "CAT Kumanovo", "kind": "cat"}).id
    member = team.create_member(
        muni,
        {
            "team_id": cat,
            "name": "Ѓорче Петров",
            "organisation": "Општина Куманово",
            "sector": "local_government",
            "role": "member",
            "gender": "male",
        },
    )
    net.deliver(muni, hub)
    assert found(hub, "ЃОРЧЕ") == found(hub, "kumanovo") == ["Ѓорче Петров"]
    team.update_member(muni, member.id, {"organisation": "Čair Hoxhë"})
    net.deliver(muni, hub)
    assert found(hub, "куманово") == []
    assert found(hub, "HOXHË") == ["Ѓорче Петров"]


def test_the_search_text_never_leaves_in_a_bundle(
    muni: ServiceContext, hub: ServiceContext, seeded: dict[str, object]
) -> None:
    assert all(SEARCH_COLUMN not in codec.columns for codec in CODECS.values())
    parts = real_parts(muni, hub)
    sent = {name for name in SEARCH_FIELDS if bundle.records_entry(name) in parts}
    assert {"members", "meetings"} <= sent
    for name, data in parts.items():
        assert SEARCH_COLUMN.encode() not in data, name


def test_a_bundle_carrying_a_search_text_is_refused(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, object]
) -> None:
    parts = real_parts(muni, hub)
    name = bundle.records_entry("members")
    data = json.loads(parts[name])
    data["columns"].insert(-2, SEARCH_COLUMN)  # before the two meta columns
    for row in data["rows"]:
        row.insert(-2, "anything")
    parts[name] = json.dumps(data).encode()
    resign(parts, muni)
    path = seal(pack(list(parts.items())), hub, net.root / "search.hubdesk")
    with pytest.raises(SyncError):
        import_bundle(hub, path)
    assert found(hub, "") == []
