"""``hubdesk calls list|show|export|receipts`` and the ``calls`` key of ``hubdesk stats``."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hubdesk import clock
from hubdesk.services import calls
from hubdesk.services.installation import initialise
from hubdesk.storage.open import open_database

Run = Callable[..., Any]  # the ``hubdesk`` fixture of tests/cli/conftest.py
TODAY = clock.today()


@pytest.fixture
def hub_folder(folder: Path) -> dict[str, str]:
    """A hub with one published call and one draft."""
    db = open_database(folder)
    try:
        hub = initialise(db, role="hub", name="Regional hub")
        published = calls.create_call(
            hub,
            {
                "title": "Youth voices",
                "round": "2027-1",
                "closes_on": TODAY + dt.timedelta(days=30),
                "ceiling_minor": 5_000_00,
                "envelope_minor": 50_000_00,
                "pillars": ["youth_engagement"],
                "themes": ["participation", "media"],
                "criteria": [
                    {"code": "relevance", "label": "Relevance", "weight": 60},
                    {"code": "feasibility", "label": "Feasibility", "weight": 40},
                ],
            },
        )
        calls.publish_call(hub, published.id)
        draft = calls.create_call(hub, {"title": "Next round"})
        return {"published": published.id, "draft": draft.id}
    finally:
        db.close()


def test_list_and_show(hubdesk: Run, hub_folder: dict[str, str]) -> None:
    listed = hubdesk("calls", "list")
    assert listed.code == 0 and "Youth voices" in listed.out and "Next round" in listed.out
    only = json.loads(hubdesk("calls", "list", "--status", "published", "--json").out)
    assert [c["id"] for c in only] == [hub_folder["published"]]
    assert only[0]["criteria"][0] == {"code": "relevance", "label": "Relevance", "weight": 60}
    shown = hubdesk("calls", "show", "--id", hub_folder["published"])
    assert shown.code == 0
    assert "5,000.00" in shown.out and "relevance" in shown.out and "2027-1" in shown.out
    data = json.loads(hubdesk("calls", "show", "--id", hub_folder["published"], "--json").out)
    assert data["ceiling_minor"] == 5_000_00 and data["currency"] == "EUR"
    assert data["receipts"] == []


def test_a_call_without_a_ceiling_or_envelope_shows_none(
    hubdesk: Run, hub_folder: dict[str, str]
) -> None:
    """0 is no ceiling or envelope (never checked): it read "€0.00", as if nothing could be
    approved; it reads as nothing given, as in the window."""
    lines = hubdesk("calls", "show", "--id", hub_folder["draft"]).out.splitlines()
    assert "Ceiling per proposal: —" in lines and "Total envelope: —" in lines
    shown = hubdesk("calls", "show", "--id", hub_folder["published"]).out
    assert "Total envelope: €50,000.00" in shown.splitlines()


def test_show_unknown_call_is_one_line(hubdesk: Run, hub_folder: dict[str, str]) -> None:
    error = hubdesk("calls", "show", "--id", "nope").one_line_error()
    assert "nope" in error


def test_export_json_and_csv(hubdesk: Run, hub_folder: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "calls.json"
    assert hubdesk("calls", "export", "--to", str(target)).code == 0
    assert {c["title"] for c in json.loads(target.read_text("utf-8"))} == {
        "Youth voices",
        "Next round",
    }
    again = hubdesk("calls", "export", "--to", str(target))
    assert "--force" in again.one_line_error()
    sheet = tmp_path / "calls.csv"
    assert hubdesk("calls", "export", "--to", str(sheet)).code == 0
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    youth = next(r for r in rows if r["title"] == "Youth voices")
    assert youth["criteria"] == "relevance:60; feasibility:40"
    assert youth["themes"] == "participation,media"
    wrong = hubdesk("calls", "export", "--to", str(tmp_path / "calls.pdf"))
    assert ".csv" in wrong.one_line_error()
    assert not (tmp_path / "calls.pdf").exists()


def test_export_to_a_missing_folder_names_the_folder(
    hubdesk: Run, hub_folder: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "not there"
    error = hubdesk("calls", "export", "--to", str(folder / "calls.json")).one_line_error()
    assert str(folder) in error and ".partial" not in error
    assert not folder.exists()


def test_receipts_on_the_hub(hubdesk: Run, hub_folder: dict[str, str]) -> None:
    out = hubdesk("calls", "receipts", "--json")
    assert out.code == 0 and json.loads(out.out) == []


def test_stats_counts_calls(hubdesk: Run, hub_folder: dict[str, str]) -> None:
    counts = json.loads(hubdesk("stats", "--json").out)
    assert counts["calls"] == 2


def test_report_call_prints_a_pdf(hubdesk: Run, hub_folder: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "call.pdf"
    done = hubdesk("report", "call", "--id", hub_folder["published"], "--out", str(out),
                   "--lang", "sq")  # fmt: skip
    assert done.code == 0, done.err
    assert out.read_bytes().startswith(b"%PDF")
    missing = hubdesk("report", "call", "--out", str(tmp_path / "x.pdf"))
    assert "--id" in missing.one_line_error()
