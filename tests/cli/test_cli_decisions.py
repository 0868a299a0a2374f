"""``hubdesk proposals status`` and ``hubdesk proposals decide``: a hub records its committee's
decisions from a script, with the window's rules; and a reference two cities share names no
proposal at random."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hub_demo_copy import hub_demo
from sqlalchemy import update

from hubdesk.domain import FundProposal
from hubdesk.i18n.formatting import format_date
from hubdesk.services import fund
from hubdesk.storage.open import open_database

Run = Callable[..., Any]


def _listed(hubdesk: Run, status: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(
        hubdesk("proposals", "list", "--status", status, "--json").out
    )
    return found


def test_a_hub_decides_from_a_script(hubdesk: Run, folder: Path) -> None:
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    waiting = _listed(hubdesk, "under_review")
    reference = waiting[0]["reference"]

    # More than was asked for, or a rate that is no number: refused, nothing changes.
    too_much = hubdesk(
        "proposals", "decide", "--proposal", reference, "--outcome", "approved",
        "--amount", "1000000000000",
    )  # fmt: skip
    assert too_much.one_line_error()
    bad_rate = hubdesk(
        "proposals", "decide", "--proposal", reference, "--outcome", "approved", "--rate", "x"
    )
    assert "rate" in bad_rate.one_line_error().lower()
    assert _listed(hubdesk, "under_review") == waiting

    done = hubdesk(
        "proposals", "decide", "--proposal", reference, "--outcome", "approved", "--rate", "61.5"
    )
    assert done.code == 0, done.err
    assert reference in done.out and "Approved" in done.out and "€" in done.out
    assert reference in {p["reference"] for p in _listed(hubdesk, "approved")}
    tranches = json.loads(hubdesk("reports-due", "--proposal", reference, "--json").out)
    assert tranches == [] or all(t["proposal"] == reference for t in tranches)

    # Decided once: a second decision is refused on one line.
    again = hubdesk("proposals", "decide", "--proposal", reference, "--outcome", "rejected")
    assert "under review" in again.one_line_error()


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("1,000", "1,000.00"),  # read as 1.00 before, without a word
        ("12,501.50", "12,501.50"),  # as the command prints it; refused before
        ("12.501,50", "12,501.50"),
        ("1000", "1,000.00"),
        ("10.5", "10.50"),
    ],
)
def test_a_decided_amount_is_read_as_the_window_reads_it(
    hubdesk: Run, folder: Path, typed: str, shown: str
) -> None:
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    done = hubdesk(
        "proposals", "decide", "--proposal", "MK-2026-006", "--outcome", "approved",
        "--amount", typed, "--rate", "61.5",
    )  # fmt: skip
    assert done.code == 0, done.err
    assert f"Approved, MKD\u00a0{shown} (" in done.out


@pytest.mark.parametrize(
    ("reference", "typed", "refusal"),
    [
        ("MK-2026-006", "abc", "'abc' is not an amount in MKD."),
        ("MK-2026-006", "0.125", "'0.125' has more decimals than an amount in MKD can have."),
        ("RS-2026-006", "10.5", "'10.5' has more decimals than an amount in RSD can have."),
    ],
)
def test_a_decided_amount_that_is_none_is_refused(
    hubdesk: Run, folder: Path, reference: str, typed: str, refusal: str
) -> None:
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    waiting = _listed(hubdesk, "under_review")
    refused = hubdesk(
        "proposals", "decide", "--proposal", reference, "--outcome", "approved",
        "--amount", typed, "--rate", "61.5",
    )  # fmt: skip
    assert refusal in refused.one_line_error()
    assert _listed(hubdesk, "under_review") == waiting


def test_a_hub_moves_a_proposal_only_as_the_window_would(hubdesk: Run, folder: Path) -> None:
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    submitted = _listed(hubdesk, "submitted")[0]["reference"]
    # Approving without a decision is not a step: the decision says how much, at what rate.
    skipped = hubdesk("proposals", "status", "--proposal", submitted, "--to", "approved")
    assert skipped.one_line_error()
    started = hubdesk(
        "proposals", "status", "--proposal", submitted, "--to", "under_review", "--comment", "Hi"
    )
    assert started.code == 0, started.err
    assert submitted in {p["reference"] for p in _listed(hubdesk, "under_review")}
    # The municipality's own steps are not the hub's.
    theirs = _listed(hubdesk, "approved")[0]["reference"]
    refused = hubdesk("proposals", "status", "--proposal", theirs, "--to", "in_implementation")
    assert refused.one_line_error()


def test_a_reference_two_cities_share_is_refused(hubdesk: Run, folder: Path) -> None:
    """Two cities of one country both number their first proposal MK-2026-001: at the hub
    such a reference names neither; the id does."""
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    approved = _listed(hubdesk, "approved")
    first, second = approved[0], approved[1]
    db = open_database(folder)
    try:
        with db.transaction() as session:
            session.execute(
                update(FundProposal)
                .where(FundProposal.id == second["id"])
                .values(reference=first["reference"])
            )
    finally:
        db.close()
    shared = first["reference"]
    for args in (
        ("tranches", "list", "--proposal", shared),
        ("tranches", "add", "--proposal", shared, "--amount", "1", "--on", "2026-01-05"),
        ("reports-due", "--proposal", shared),
        ("proposals", "decide", "--proposal", shared, "--outcome", "rejected"),
    ):
        assert "give its id" in hubdesk(*args).one_line_error(), args
    by_id = json.loads(hubdesk("tranches", "list", "--proposal", second["id"], "--json").out)
    assert by_id and {t["proposal"] for t in by_id} == {shared}


def _submitted_day(folder: Path, proposal_id: str) -> dt.date:
    db = open_database(folder)
    try:
        with db.transaction() as session:
            day = fund.last_submitted_day(session, proposal_id)
    finally:
        db.close()
    assert day is not None
    return day


def test_a_decision_dated_before_the_submission_is_refused(hubdesk: Run, folder: Path) -> None:
    """A year typed wrong would date the decision before the proposal reached the hub, and its
    reports would be overdue at once: one line naming the day, nothing written."""
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    waiting = _listed(hubdesk, "under_review")
    proposal = waiting[0]
    day = _submitted_day(folder, proposal["id"])
    early = hubdesk(
        "proposals", "decide", "--proposal", proposal["id"], "--outcome", "approved",
        "--on", "2020-01-01", "--interim-report-due", "2020-06-01",
    )  # fmt: skip
    line = early.one_line_error()
    assert "was submitted on" in line and format_date(day) in line
    assert _listed(hubdesk, "under_review") == waiting
    on_the_day = hubdesk(
        "proposals", "decide", "--proposal", proposal["id"], "--outcome", "rejected",
        "--on", day.isoformat(),
    )  # fmt: skip
    assert on_the_day.code == 0, on_the_day.err
    assert proposal["reference"] in {p["reference"] for p in _listed(hubdesk, "rejected")}
