"""``hubdesk proposals list|thread|comment`` and the ``proposal_comments`` count of ``stats``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hub_demo_copy import hub_demo

from hubdesk.services import fund
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database

Run = Callable[..., Any]


def a_proposal(folder: Path) -> str:
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        return fund.create_proposal(ctx, {"title": "Youth corner", "summary": "A room"}).id
    finally:
        db.close()


def test_comment_then_read_the_thread(hubdesk: Run, kumanovo: object, folder: Path) -> None:
    proposal = a_proposal(folder)
    listed = json.loads(hubdesk("proposals", "list", "--json").out)
    assert [p["id"] for p in listed] == [proposal]
    assert "No comments" in hubdesk("proposals", "thread", "--id", proposal).out
    added = hubdesk("proposals", "comment", "--id", proposal, "--text", "First line\nsecond",
                    "--name", "Ana")  # fmt: skip
    assert added.code == 0 and "next bundle" in added.out
    reference = listed[0]["reference"]  # as 'proposals status' takes it
    assert hubdesk("proposals", "comment", "--id", reference, "--text", "No name given").code == 0
    shown = hubdesk("proposals", "thread", "--id", proposal)
    assert shown.code == 0
    lines = shown.out.splitlines()
    assert "Municipality · Ana" in lines[0] and lines[1:3] == ["    First line", "    second"]
    assert "Municipality · Kumanovo" in lines[3] and lines[4] == "    No name given"
    rows = json.loads(hubdesk("proposals", "thread", "--id", proposal, "--json").out)
    assert [(r["author_role"], r["author_name"]) for r in rows] == [
        ("municipality", "Ana"),
        ("municipality", "Kumanovo"),
    ]
    assert json.loads(hubdesk("stats", "--json").out)["proposal_comments"] == 2


def test_bad_comments_are_one_line_errors(hubdesk: Run, kumanovo: object, folder: Path) -> None:
    proposal = a_proposal(folder)
    empty = hubdesk("proposals", "comment", "--id", proposal, "--text", "  ")
    assert "required" in empty.one_line_error()
    unknown = hubdesk("proposals", "comment", "--id", "no-such-id", "--text", "Hi")
    assert "no-such-id" in unknown.one_line_error() or unknown.code != 0
    assert json.loads(hubdesk("stats", "--json").out)["proposal_comments"] == 0
    # a refusal names the option typed, as every other command's does
    long_name = hubdesk(
        "proposals", "comment", "--id", proposal, "--text", "Hi", "--name", "n" * 300
    )
    assert long_name.one_line_error().startswith("hubdesk: --name: At most 120 characters")
    long_step = hubdesk("proposals", "status", "--proposal", proposal, "--to", "submitted",
                        "--comment", "x" * 5001)  # fmt: skip
    assert long_step.one_line_error().startswith("hubdesk: --comment: At most 5,000 characters")
    assert json.loads(hubdesk("stats", "--json").out)["proposal_comments"] == 0


def test_list_filters_by_status(hubdesk: Run, kumanovo: object, folder: Path) -> None:
    a_proposal(folder)
    assert json.loads(hubdesk("proposals", "list", "--status", "submitted", "--json").out) == []
    assert "Youth corner" in hubdesk("proposals", "list", "--status", "draft").out


def test_a_hub_scripts_its_answer(hubdesk: Run, folder: Path) -> None:
    """The demo hub lists the proposals under review, reads a thread and answers it."""
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    waiting = json.loads(hubdesk("proposals", "list", "--status", "under_review", "--json").out)
    assert len({p["municipality_id"] for p in waiting}) > 1  # every municipality's, at the hub
    proposal = waiting[0]["id"]
    before = json.loads(hubdesk("proposals", "thread", "--id", proposal, "--json").out)
    assert {"municipality", "hub"} <= {e["author_role"] for e in before}
    answer = hubdesk("proposals", "comment", "--id", proposal, "--text", "Reviewed.")
    assert answer.code == 0, answer.err
    after = json.loads(hubdesk("proposals", "thread", "--id", proposal, "--json").out)
    assert after[-1]["author_role"] == "hub" and after[-1]["body"] == "Reviewed."
    assert len(after) == len(before) + 1
