"""``hubdesk community`` on a municipality: record, list, filter by theme, refuse bad counts."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Run = Callable[..., Any]


def test_record_and_list(hubdesk: Run, kumanovo: object) -> None:
    added = hubdesk(
        "community",
        "add",
        "--title",
        "Interfaith breakfast",
        "--type",
        "dialogue",
        "--date",
        "2026-03-04",
        "--audiences",
        "religious_communities,women_groups",
        "--themes",
        "interreligious_dialogue",
        "--female",
        "9",
        "--male",
        "7",
        "--roma",
        "3",
        "--women",
        "9",
    )
    assert added.code == 0, added.err
    listed = json.loads(hubdesk("community", "list", "--json").out)
    assert len(listed) == 1
    row = listed[0]
    assert row["participants_total"] == 16 and row["by_gender"]["female"] == 9
    assert row["inclusion"]["roma"] == 3 and row["themes"] == ["interreligious_dialogue"]
    assert row["audiences"] == ["religious_communities", "women_groups"]
    themed = hubdesk("community", "list", "--theme", "hate_speech", "--json")
    assert json.loads(themed.out) == []
    assert "Interfaith breakfast" in hubdesk("community", "list").out
    assert json.loads(hubdesk("stats", "--json").out)["community_activities"] == 1


def test_a_group_larger_than_the_head_count_is_refused(hubdesk: Run, kumanovo: object) -> None:
    result = hubdesk(
        "community",
        "add",
        "--title",
        "Parents' evening",
        "--type",
        "workshop",
        "--date",
        "2026-03-04",
        "--female",
        "2",
        "--disability",
        "5",
    )
    assert result.code != 0
    assert "only 2 participants" in result.err
    assert json.loads(hubdesk("community", "list", "--json").out) == []


def test_problems_name_the_field_as_the_window_does(hubdesk: Run, kumanovo: object) -> None:
    common = ("community", "add", "--title", "Evening", "--type", "workshop")
    line = hubdesk(*common, "--date", "1800-01-01").one_line_error()
    assert line.startswith("hubdesk: Starts on: "), line
    line = hubdesk(*common, "--date", "2026-03-04", "--female", "2", "--women", "5").err
    assert "Inclusion: Women: " in line and "inc_women" not in line, line


def test_proposals_are_listed_by_theme(hubdesk: Run, kumanovo: object, folder: Any) -> None:
    from hubdesk.services import fund
    from hubdesk.services.installation import load_context
    from hubdesk.storage.open import open_database

    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        fund.create_proposal(ctx, {"title": "Safe online", "themes": ["online_radicalisation"]})
        fund.create_proposal(ctx, {"title": "Sports for all"})
    finally:
        db.close()
    listed = json.loads(
        hubdesk("proposals", "list", "--theme", "online_radicalisation", "--json").out
    )
    assert [p["title"] for p in listed] == ["Safe online"]
    assert listed[0]["themes"] == ["online_radicalisation"]
    assert hubdesk("proposals", "list", "--theme", "weather").code == 2


def test_recording_waits_for_the_folder_to_be_free(
    hubdesk: Run, kumanovo: object, folder: Any
) -> None:
    """While the window (or an import) holds the data folder, recording is refused, as every
    other command that writes is; it wrote beside a running import, which then failed."""
    from hubdesk.storage.lock import instance_lock

    with instance_lock(folder):
        refused = hubdesk(
            "community", "add", "--title", "Forum", "--type", "dialogue",
            "--date", "2026-03-04", "--female", "3",
        )  # fmt: skip
        assert "already running" in refused.one_line_error()
    assert json.loads(hubdesk("stats", "--json").out)["community_activities"] == 0
