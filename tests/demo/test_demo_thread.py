"""The demo proposals' threads: both sides write, in order between the steps they belong to, in
the municipality's own language; the hub, built from real bundles, holds and signs its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from demo_support import TODAY, Demo, make_demo

from hubdesk.services import thread
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID
from hubdesk.services.demo_thread import THREADS


def test_every_submitted_proposal_has_a_thread_from_both_sides(demo: Demo) -> None:
    comments = demo.rows(
        "SELECT c.*, p.status FROM proposal_comments c "
        "JOIN fund_proposals p ON p.id = c.proposal_id"
    )
    assert comments
    by_proposal: dict[str, set[str]] = {}
    for c in comments:
        by_proposal.setdefault(c["proposal_id"], set()).add(c["author_role"])
        hub = c["author_role"] == "hub"
        assert (c["updated_by"] == DEMO_HUB_INSTALLATION_ID) is hub
        assert c["origin"] == c["updated_by"]
        assert dt.datetime.fromisoformat(c["written_at"]).date() < TODAY
    reviewed = demo.rows("SELECT id FROM fund_proposals WHERE status NOT IN ('draft', 'submitted')")
    for row in reviewed:
        assert by_proposal[row["id"]] == {"municipality", "hub"}, row["id"]
    drafts = demo.rows("SELECT id FROM fund_proposals WHERE status = 'draft'")
    assert all(by_proposal[row["id"]] == {"municipality", "hub"} for row in drafts)


def test_the_thread_reads_in_the_order_of_the_history(demo: Demo) -> None:
    ctx = demo.context()
    proposal = demo.value("SELECT id FROM fund_proposals WHERE status = 'in_implementation'")
    entries = [e for e in thread.proposal_thread(ctx, proposal) if not e.on_change]
    bodies = [e.body for e in entries]
    talks = THREADS["MK"][2]
    review, changes, start = talks["review"], talks["changes"], talks["implementation"]
    expected = [text for _role, text in (*review, *changes, *review, *start)]
    assert bodies[-len(expected) :] == expected
    changed = demo.rows(
        "SELECT changed_at, to_status FROM proposal_status_changes WHERE proposal_id = ? "
        "ORDER BY changed_at",
        proposal,
    )
    started = next(r["changed_at"] for r in changed if r["to_status"] == "in_implementation")
    assert entries[-1].written_at > dt.datetime.fromisoformat(started).replace(tzinfo=dt.UTC)


def test_albanian_municipality_writes_albanian(tmp_path: Path) -> None:
    built = make_demo(tmp_path / "elbasan", name="Elbasan", country="AL")
    try:
        bodies = {r["body"] for r in built.rows("SELECT body FROM proposal_comments")}
        names = {r["author_name"] for r in built.rows("SELECT author_name FROM proposal_comments")}
    finally:
        built.db.close()
    albanian = {text for talk in THREADS["AL"][2].values() for _role, text in talk}
    assert bodies <= albanian and bodies
    assert names == {"Arta Hoxha", "Elira Gashi"}


def test_each_answer_comes_after_its_question(demo: Demo) -> None:
    """Within each exchange the second comment answers the first, so it is written later."""
    ctx = demo.context()
    pairs = [(talk[0][1], talk[1][1]) for talk in THREADS["MK"][2].values()]
    checked = 0
    for row in demo.rows("SELECT id FROM fund_proposals"):
        written = [e for e in thread.proposal_thread(ctx, row["id"]) if not e.on_change]
        for first, second in pairs:
            firsts = [e.written_at for e in written if e.body == first]
            seconds = [e.written_at for e in written if e.body == second]
            for asked, answered in zip(firsts, seconds, strict=True):
                assert answered > asked
                checked += 1
    assert checked >= 8
