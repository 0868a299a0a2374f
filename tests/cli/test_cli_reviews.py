"""``hubdesk reviews list|add``: what a hub scripts, and what a municipality may only read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hub_demo_copy import hub_demo

from hubdesk import clock
from hubdesk.services import fund, reviews
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database

Run = Any

TODAY = clock.today()


def waiting_proposal(folder: Path, status: str) -> tuple[str, str]:
    """(id, reference) of a proposal with ``status`` in the folder's database."""
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        found = next(p for p in fund.list_proposals(ctx) if p.status == status)
        return found.id, found.reference
    finally:
        db.close()


def call_criteria(folder: Path, proposal_id: str) -> list[reviews.Criterion]:
    db = open_database(folder)
    try:
        return reviews.proposal_criteria(load_context(db, folder), proposal_id)
    finally:
        db.close()


def test_a_hub_adds_and_lists_reviews(hubdesk: Run, folder: Path) -> None:
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    proposal, reference = waiting_proposal(folder, "submitted")
    before = json.loads(hubdesk("reviews", "list", "--proposal", proposal, "--json").out)
    assert len(before["reviews"]) == 2  # the demo's two reviewers
    # The demo's submitted proposals answer the hub's open call: its criteria are scored.
    codes = [c["code"] for c in before["criteria"]]
    assert codes == [c.code for c in call_criteria(folder, proposal)]
    assert codes != [c.code for c in reviews.DEFAULT_CRITERIA]
    scores = [f"--score={code}=3" for code in codes]
    added = hubdesk(
        "reviews", "add", "--proposal", reference, "--reviewer", "Third Reader",
        *scores, "--comment", "Fine.", "--date", TODAY.isoformat(),
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.out.strip() == "Review by Third Reader added: 60 of 100."
    after = json.loads(hubdesk("reviews", "list", "--proposal", proposal, "--json").out)
    mine = next(r for r in after["reviews"] if r["reviewer"] == "Third Reader")
    assert mine["total"] == 60.0 and mine["reviewed_on"] == TODAY.isoformat()
    early = hubdesk(
        "reviews", "add", "--proposal", reference, "--reviewer", "Fourth Reader",
        *scores, "--date", "2025-05-30",
    )  # fmt: skip
    assert "was submitted on" in early.one_line_error()  # before it was submitted
    assert len(after["reviews"]) == 3
    listed = hubdesk("reviews", "list", "--proposal", reference)
    assert listed.code == 0 and "3 reviews" in listed.out and "Third Reader" in listed.out
    assert "Average:" in listed.out
    counts = json.loads(hubdesk("stats", "--json").out)
    assert counts["reviews"] >= 3


def test_bad_reviews_are_one_line_errors_and_change_nothing(hubdesk: Run, folder: Path) -> None:
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    proposal, _reference = waiting_proposal(folder, "submitted")
    all_three = [f"--score={c.code}=3" for c in call_criteria(folder, proposal)]
    cases = {
        "out of range": [*all_three, "--score=relevance=9"],
        "unknown": [*all_three, "--score=beauty=3"],
        "missing": all_three[:2],
        "not a score": ["--score", "relevance"],
    }
    for case, scores in cases.items():
        line = hubdesk(
            "reviews", "add", "--proposal", proposal, "--reviewer", "X", *scores
        ).one_line_error()
        assert line, case
    nameless = hubdesk("reviews", "add", "--proposal", proposal, "--reviewer", "X", "--score==3")
    assert "not a score" in nameless.one_line_error()  # "=3" names no criterion
    assert "from 0 to 5" in hubdesk(
        "reviews", "add", "--proposal", proposal, "--reviewer", "X",
        *[s for s in all_three if "relevance" not in s], "--score=relevance=9",
    ).one_line_error()  # fmt: skip
    missing = hubdesk("reviews", "list", "--proposal", "NO-SUCH-REF").one_line_error()
    assert "NO-SUCH-REF" in missing
    after = json.loads(hubdesk("reviews", "list", "--proposal", proposal, "--json").out)
    assert len(after["reviews"]) == 2
    decided, _ref = waiting_proposal(folder, "approved")
    line = hubdesk(
        "reviews", "add", "--proposal", decided, "--reviewer", "X", *all_three
    ).one_line_error()
    assert "submitted or under review" in line


def test_a_municipality_reads_the_review_it_received(hubdesk: Run, folder: Path) -> None:
    assert hubdesk("demo").code == 0
    proposal, reference = waiting_proposal(folder, "under_review")
    listed = json.loads(hubdesk("reviews", "list", "--proposal", reference, "--json").out)
    assert listed["proposal_id"] == proposal and len(listed["reviews"]) == 1
    scores = [f"--score={c.code}=3" for c in reviews.DEFAULT_CRITERIA]
    line = hubdesk(
        "reviews", "add", "--proposal", proposal, "--reviewer", "Me", *scores
    ).one_line_error()
    assert "Само регионалниот центар ги евалуира" in line  # Kumanovo's own Macedonian
