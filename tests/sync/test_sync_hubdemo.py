"""The demo hub: three municipalities' bundles really made, encrypted, signed and imported."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sync_helpers import dump

from hubdesk.domain import FundDecision, FundProposal, Meeting, Municipality
from hubdesk.domain.sync import BundleLog
from hubdesk.services import calls, fund
from hubdesk.services.demo import DemoCancelled
from hubdesk.services.installation import get_installation, load_context
from hubdesk.storage.open import open_database
from hubdesk.sync import keys, peers, published
from hubdesk.sync.hubdemo import MUNICIPALITIES, build_hub_demo


def test_hub_demo_has_received_three_municipalities(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    db = open_database(folder)
    try:
        summary = build_hub_demo(db, folder, today=dt.date(2025, 6, 1))
        hub = load_context(db, folder)
        assert hub.is_hub and keys.has_keys(folder)
        enrolled = peers.list_peers(hub)
        assert len(enrolled) == len(MUNICIPALITIES) == 3
        assert all(p.last_in_at is not None and p.last_in_sequence == 1 for p in enrolled)
        with hub.read() as session:
            assert session.scalar(select(func.count()).select_from(Municipality)) == 3
            logged = session.scalars(select(BundleLog).where(BundleLog.direction == "in")).all()
            assert len(logged) == 3 and sum(b.records for b in logged) == summary.records
            owners = session.scalars(select(FundProposal.municipality_id).distinct()).all()
            assert len(owners) == 3
            assert session.scalar(select(func.count()).select_from(FundDecision)) > 0
            countries = set(session.scalars(select(Municipality.country)))
            written = session.execute(
                select(Municipality.country, Meeting.minutes, Meeting.place).join(
                    Meeting, Meeting.municipality_id == Municipality.id
                )
            ).all()
        statuses = {p.status for p in fund.list_proposals(hub)}
        assert {"approved", "under_review", "submitted"} <= statuses
        assert countries == {"MK", "AL", "RS"}
        # Each team wrote its minutes in its own language and script (test_demo_texts_local).
        word = {"MK": "Записникот", "AL": "Procesverbali", "RS": "Zapisnik"}
        assert {country for country, minutes, _p in written if minutes} == countries
        for country, minutes, place in written:
            assert word[country] in minutes or not minutes, (country, minutes)  # internal: ""
            assert bool(re.search("[\u0400-\u04ff]", minutes + place)) is (country == "MK")
        currencies = {p.currency for p in fund.list_proposals(hub)}
        assert currencies == {"MKD", "ALL", "RSD"}
        # The towns hold what the hub had published when they sent their bundles (the open
        # call's pane said each town that answered it had not yet received it); last year's
        # closed call is the hub's alone: not received, so the next bundles carry it.
        received = {
            call.status: {done for _name, done in published.receipts(hub, "calls", call.id)}
            for call in calls.list_calls(hub)
        }
        assert received == {"published": {True}, "closed": {False}}
        delivered = published.deliveries(hub)
        assert len(delivered) == 3 and all(d.waiting == 1 for d in delivered)
    finally:
        db.close()


def test_cancelled_hub_demo_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    db = open_database(folder)
    try:
        before = dump(db)
        with pytest.raises(DemoCancelled):
            build_hub_demo(db, folder, progress=lambda done, total: done < 4)
        assert dump(db) == before and get_installation(db) is None
        assert not keys.has_keys(folder)
    finally:
        db.close()
