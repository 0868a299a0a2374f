"""A city's periodic report shows its own part of an exchange, at home and at the hub.

Kumanovo hosts with six of its own people and Tirana sends three; both sync to the hub, which
joins the two parts into one exchange. Before, the hub printed the exchange's nine participants
and the host's topic in each city's periodic report, while each city's own report said six and
three ("participants from this municipality").
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from report_samples import TODAY, pdf_text, squash

from hubdesk.reports import generate_report
from hubdesk.services import exchanges
from hubdesk.services.context import ServiceContext

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from sync_helpers import Network

FROM, TO = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
RADIO = "Youth radio"
VISIT = "Youth radio visit"


@pytest.fixture
def net(tmp_path: Path) -> Iterator[Network]:
    network = Network(tmp_path / "net")
    network.root.mkdir()
    yield network
    network.close()


def part(role: str, topic: str, participants: int, **names: object) -> dict[str, object]:
    return {
        "role": role, "kind": "study_visit", "topic": topic, "starts_on": dt.date(2026, 5, 20),
        "ends_on": dt.date(2026, 5, 21), "participants": participants, **names,
    }  # fmt: skip


def report(ctx: ServiceContext, kind: str, out: Path, town: str | None = None) -> Path:
    return generate_report(
        ctx, kind, out, lang="en", date_from=FROM, date_to=TO, today=TODAY, record_id=town
    )


def row(ctx: ServiceContext, town: str | None, out: Path) -> str:
    """The exchanges table of a periodic report, whitespace squashed (cells wrap)."""
    text = pdf_text(report(ctx, "periodic", out, town))
    start = text.index("Participants", text.index("Other municipalities")) + len("Participants")
    return squash(text[start : text.index("Good practices published by the hub")])


def test_each_city_report_shows_its_own_part_of_an_exchange_at_the_hub(
    net: Network, ctx: ServiceContext, hub_ctx: ServiceContext, tmp_path: Path
) -> None:
    kumanovo = net.install("Kumanovo", "municipality", ctx=ctx)
    tirana = net.install("Tirana", "municipality", "AL")
    hub = net.install("Hub", "hub", ctx=hub_ctx)
    for city in (kumanovo, tirana):
        net.introduce(city, hub)
    exchanges.create_part(kumanovo, part("host", RADIO, 6, partner_names=["Tirana"]))
    exchanges.create_part(tirana, part("visitor", VISIT, 3, host_name="Kumanovo"))
    for city in (kumanovo, tirana):
        net.deliver(city, hub)
    assert [len(e.parts) for e in exchanges.list_exchanges(hub)] == [2]  # one exchange

    home = {
        "Kumanovo": row(kumanovo, None, tmp_path / "k.pdf"),
        "Tirana": row(tirana, None, tmp_path / "t.pdf"),
    }
    at_hub = {town: row(hub, town, tmp_path / f"{town}-hub.pdf") for town in home}
    assert home["Kumanovo"] == squash(f"20 May 2026 Study visit {RADIO} We hosted Tirana 6")
    assert home["Tirana"] == squash(f"20 May 2026 Study visit {VISIT} We visited Kumanovo 3")
    assert at_hub == home  # each city's own topic and participants, not the exchange's 9

    # The regional report counts the exchange once, and once for each of the two cities.
    regional = squash(pdf_text(report(hub, "regional", tmp_path / "r.pdf")))
    assert squash("Exchanges in the region in this period, each counted once: 1") in regional
    assert squash("Kumanovo 1 0 1 0") in regional and squash("Tirana 0 1 1 0") in regional
