"""Inclusion and Do No Harm in the numbers, by bundle files only (issue 14, part 5).

Kumanovo and a small municipality, Čair, record youth and community activities with counts by
gender and inclusion group and with themes; their bundles carry the exact numbers to the hub
(and to Kumanovo's field laptop). The hub's regional report and donor summary, printed for
readers outside, never show Čair's small counts: they read "<5", with an "x" where a total
would give them back; narrowed to one theme, the region shows only that theme. A municipality
cannot slip another's community activity into its bundle, nor the hub write one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sync_helpers import Network, dump, real_parts

from hubdesk.domain import CommunityActivity, YouthActivity
from hubdesk.reports import generate_report
from hubdesk.services import community, youth
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle

DAY = dt.date(2026, 3, 10)


def youth_activity(female: int, male: int, roma: int, themes: list[str]) -> dict[str, Any]:
    return {
        "title": "Debate club",
        "activity_type": "workshop",
        "starts_on": DAY,
        "participants_total": female + male,
        "n_female_15_19": female,
        "n_male_15_19": male,
        "inc_roma": roma,
        "themes": themes,
    }


def community_activity(female: int, male: int, women: int, disability: int) -> dict[str, Any]:
    return {
        "title": "Parents and imams on online radicalisation",
        "activity_type": "dialogue",
        "audiences": ["parents", "religious_communities"],
        "starts_on": DAY,
        "themes": ["online_radicalisation"],
        "participants_total": female + male,
        "n_female": female,
        "n_male": male,
        "inc_women": women,
        "inc_disability": disability,
    }


def pdf_text(path: Path) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return text.replace("\xa0", " ").replace("\u202f", " ")


def squash(text: str) -> str:
    return "".join(text.split())


def cells_after(text: str, name: str) -> list[str]:
    """The cells of a municipality's table rows (each on its own line in the PDF's text)."""
    lines = text.splitlines()
    out: list[str] = []
    for n, line in enumerate(lines):
        if line.strip() == name:
            for cell in lines[n + 1 :]:
                if any(ch.isalpha() and ch not in "xх" for ch in cell):
                    break
                out.append(cell.strip())
    return out


@pytest.fixture
def region(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    cair = net.install("Čair", "municipality", "MK")
    net.introduce(cair, hub)
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    return {"net": net, "kumanovo": muni, "cair": cair, "hub": hub, "laptop": laptop}


def test_inclusion_in_the_numbers_end_to_end(region: dict[str, Any], tmp_path: Path) -> None:
    net, kumanovo, cair, hub, laptop = (
        region[k] for k in ("net", "kumanovo", "cair", "hub", "laptop")
    )

    # 1. Each municipality records its activities; Čair's counts are small.
    youth.create_activity(kumanovo, youth_activity(31, 26, 9, ["hate_speech"]))
    community.create_activity(kumanovo, community_activity(40, 22, 40, 6))
    youth.create_activity(cair, youth_activity(3, 17, 2, ["polarisation"]))
    small = community.create_activity(cair, community_activity(2, 13, 2, 1))

    # 2. The bundles carry the exact numbers: the hub and the field laptop hold what was typed.
    assert net.deliver(kumanovo, hub).areas["community_activities"].created == 1
    assert net.deliver(cair, hub).areas["community_activities"].created == 1
    net.deliver(kumanovo, laptop)
    with hub.read() as s:
        at_hub = s.get(CommunityActivity, small.id)
        assert at_hub is not None
        assert (at_hub.n_female, at_hub.inc_women, at_hub.inc_disability) == (2, 2, 1)
        assert at_hub.themes == ["online_radicalisation"]
        assert sorted(a.inc_roma for a in s.query(YouthActivity)) == [2, 9]
    with laptop.read() as s:
        assert [a.n_female for a in s.query(CommunityActivity)] == [40]  # only Kumanovo's

    # 3. Printed for readers outside, Čair's small counts never appear.
    for kind in ("regional", "donor"):
        out = generate_report(
            hub, kind, tmp_path / f"{kind}.pdf", lang="en",
            date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 6, 30),
        )  # fmt: skip
        text = pdf_text(out)
        # The tables of people start here (before: counts of meetings and activities).
        people = text[text.index("Young participants by gender and age band") :]
        cells = cells_after(people, "Čair")
        assert cells and "<5" in cells and "x" in cells, (kind, cells)
        assert not {"1", "2", "3"} & set(cells), (kind, cells)
        assert squash("cannot be worked out from the totals") in squash(text)

    # 4. The hub narrows the region to one theme.
    out = generate_report(
        hub, "regional", tmp_path / "themed.pdf", lang="en", theme="polarisation",
        date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 6, 30),
    )  # fmt: skip
    text = pdf_text(out)
    assert "Theme: Polarisation" in text
    assert youth.count_activities(hub, youth.YouthFilter(theme="polarisation")) == 1
    assert community.count_activities(hub, community.CommunityFilter(theme="hate_speech")) == 0


def test_nobody_writes_another_municipalitys_community_activity(region: dict[str, Any]) -> None:
    """Čair cannot carry Kumanovo's activity to the hub, and the hub cannot send one to Kumanovo;
    each forged bundle is refused whole and changes nothing."""
    from test_sync_forgery import forge, set_cells

    net, kumanovo, cair, hub = (region[k] for k in ("net", "kumanovo", "cair", "hub"))
    theirs = community.create_activity(kumanovo, community_activity(40, 22, 40, 6))
    community.create_activity(cair, community_activity(2, 13, 2, 1))
    net.deliver(kumanovo, hub)
    table = "community_activities"
    genuine = real_parts(kumanovo, hub)[bundle.records_entry(table)]

    def carry_kumanovos(tables: dict[str, Any]) -> None:
        import json

        data = tables[table]
        stolen = json.loads(genuine)
        row = list(stolen["rows"][0])
        data["rows"].append(row)
        set_cells(data, len(data["rows"]) - 1, n_female=39, participants_total=61,
                  version=row[data["columns"].index("version")] + 10**6)  # fmt: skip

    path = forge(net, cair, hub, carry_kumanovos)
    before = dump(hub.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(hub, path)
    assert caught.value.reason in {"out_of_scope", "forged_author"}, caught.value.message
    assert dump(hub.db) == before

    def hub_writes_one(tables: dict[str, Any]) -> None:
        import json

        data = json.loads(genuine)
        version = data["rows"][0][data["columns"].index("version")] + 10**6
        forged = {"n_female": 1, "inc_women": 1, "participants_total": 23}
        set_cells(data, 0, updated_by=hub.installation_id, version=version, **forged)
        tables[table] = data

    path = forge(net, hub, kumanovo, hub_writes_one)
    before = dump(kumanovo.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(kumanovo, path)
    assert caught.value.reason in {"out_of_scope", "forged_author"}, caught.value.message
    assert dump(kumanovo.db) == before
    assert community.get_activity(kumanovo, theirs.id).n_female == 40
