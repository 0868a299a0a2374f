"""Hub mode: the regional report puts every municipality side by side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pypdf import PdfReader
from report_samples import TODAY, local, pdf_text, squash
from sqlalchemy.orm import Session

from hubdesk.domain import (
    Attendance,
    BudgetLine,
    FundProposal,
    Meeting,
    Member,
    Municipality,
    Team,
    YouthActivity,
)
from hubdesk.domain.base import Synced
from hubdesk.i18n import _, language
from hubdesk.i18n.formatting import format_money
from hubdesk.reports import ReportError, generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.services import records
from hubdesk.services.context import ServiceContext

S = TypeVar("S", bound=Synced)

FROM, TO = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def create(session: Session, ctx: ServiceContext, model: type[S], data: dict[str, Any]) -> S:
    """Flushed at once: the models have no ORM relationships to order parents before children."""
    row = records.create(session, ctx, model, data)
    session.flush()
    return row


def add_municipality(
    ctx: ServiceContext,
    name: str,
    country: str,
    currency: str,
    meetings: int,
    participants: int,
    budget_minor: int,
) -> str:
    """Records as an import of the municipality's bundle leaves them in the hub's database."""
    with ctx.transaction() as s:
        m = create(s, ctx, Municipality, {"name": name, "country": country, "currency": currency})
        team = create(s, ctx, Team, {"municipality_id": m.id, "name": f"CAT {name}", "kind": "cat"})
        member = create(
            s,
            ctx,
            Member,
            {
                "team_id": team.id,
                "municipality_id": m.id,
                "name": f"Chair of {name}",
                "sector": "local_government",
                "role": "chair",
                "gender": "female",
            },
        )
        for n in range(meetings):
            meeting = create(
                s,
                ctx,
                Meeting,
                {
                    "team_id": team.id,
                    "municipality_id": m.id,
                    "kind": "regular",
                    "starts_at": local(dt.date(2026, 2, 1 + n)),
                    "pillars": ["peer_learning"],
                },
            )
            create(
                s,
                ctx,
                Attendance,
                {
                    "meeting_id": meeting.id,
                    "member_id": member.id,
                    "status": "present" if n % 2 == 0 else "absent",
                },
            )
        if participants:
            create(
                s,
                ctx,
                YouthActivity,
                {
                    "municipality_id": m.id,
                    "title": "Forum",
                    "activity_type": "dialogue",
                    "starts_on": dt.date(2026, 3, 3),
                    "participants_total": participants,
                    "n_female_20_24": participants,
                    "pillars": ["youth_engagement"],
                },
            )
        if budget_minor:
            p = create(
                s,
                ctx,
                FundProposal,
                {
                    "municipality_id": m.id,
                    "reference": f"{country}-1",
                    "title": "Grant",
                    "currency": currency,
                    "status": "submitted",
                    "period_start": dt.date(2026, 3, 1),
                    "period_end": dt.date(2026, 8, 1),
                },
            )
            create(
                s,
                ctx,
                BudgetLine,
                {
                    "proposal_id": p.id,
                    "category": "venue",
                    "description": "Hall",
                    "quantity": 1,
                    "unit_cost_minor": budget_minor,
                },
            )
        return m.id


@pytest.fixture
def region(hub_ctx: ServiceContext) -> ServiceContext:
    add_municipality(hub_ctx, "Kumanovo", "MK", "MKD", 3, 25, 1_234_500)
    add_municipality(hub_ctx, "Elbasan", "AL", "ALL", 2, 0, 98_765)
    add_municipality(hub_ctx, "Čair", "MK", "MKD", 0, 0, 0)  # nothing this period
    return hub_ctx


def test_regional_report_compares_municipalities(region: ServiceContext, tmp_path: Path) -> None:
    out = generate_report(
        region, "regional", tmp_path / "r.pdf", lang="mk", date_from=FROM, date_to=TO, today=TODAY
    )
    text = pdf_text(out)
    flat = squash(text)
    for name in ("Kumanovo", "Elbasan", "Čair", "Regional hub"):
        assert name in text
    assert squash(format_money(1_234_500, "MKD", "mk")) in flat
    assert squash(format_money(98_765, "ALL", "mk")) in flat  # each in its own currency
    assert squash("2 / 3") in flat  # municipalities with activity
    with language("mk"):
        for heading in ("Team and meetings", "Youth engagement", "Work across the five pillars"):
            assert squash(_(heading)) in flat, heading
    assert missing_glyphs(text) == set()
    assert PdfReader(str(out)).metadata.author == "Regional hub"  # type: ignore[union-attr]


def test_regional_report_of_an_empty_period(region: ServiceContext, tmp_path: Path) -> None:
    out = generate_report(
        region,
        "regional",
        tmp_path / "r.pdf",
        lang="en",
        date_from=dt.date(2020, 1, 1),
        date_to=dt.date(2020, 3, 31),
    )
    assert "No team activity in this period" in pdf_text(out)


def test_the_hub_prints_a_municipality_report_by_name(
    region: ServiceContext, tmp_path: Path
) -> None:
    out = generate_report(
        region,
        "periodic",
        tmp_path / "p.pdf",
        lang="en",
        date_from=FROM,
        date_to=TO,
        today=TODAY,
        record_id="čair",
    )
    assert "No team activity in this period" in pdf_text(out)
    out = generate_report(
        region,
        "periodic",
        tmp_path / "k.pdf",
        lang="en",
        date_from=FROM,
        date_to=TO,
        today=TODAY,
        record_id="KUMANOVO",
    )
    text = pdf_text(out)
    assert "Kumanovo" in text and "Elbasan" not in text
    with pytest.raises(ReportError, match="name the municipality"):
        generate_report(region, "youth", tmp_path / "y.pdf", lang="en")
    with pytest.raises(ReportError, match="No municipality with id or name Skopje"):
        generate_report(region, "roster", tmp_path / "y.pdf", lang="en", record_id="Skopje")
    # "Нови Пазар" is printed "Novi Pazar" in an English report: that name finds it too
    add_municipality(region, "Нови Пазар", "RS", "RSD", 1, 0, 0)
    out = generate_report(
        region, "roster", tmp_path / "n.pdf", lang="en", today=TODAY, record_id="novi pazar"
    )
    assert squash("Chair of Нови Пазар") in squash(pdf_text(out))
