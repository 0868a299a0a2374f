"""The dashboard's captions agree with the number above them, in every language's plural forms:
"1 quarter to submit", not "1 quarters"; "1 kvartal", "3 kvartala", "5 kvartala"."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from hubdesk import i18n
from hubdesk.services import dashboard
from hubdesk.services.context import ServiceContext
from hubdesk.services.dashboard_figures import Kpis
from hubdesk.services.dashboard_texts import FigureTexts, tile_values
from hubdesk.services.dashboard_tiles import quarters_tile, reports_due_tile
from hubdesk.services.fund_money import ReportsDueSummary

KPIS = Kpis(
    active_members=1,
    meetings_12_months=1,
    attendance_rate=None,
    open_action_items=1,
    overdue_action_items=1,
    youth_activities_12_months=1,
    youth_reached_12_months=1,
    proposals_open=0,
    fund_requested_minor=0,
    fund_approved_minor=0,
    currency=None,
)


@pytest.fixture
def language() -> Iterator[None]:
    yield
    i18n.set_language("en")


def captions(**counts: int) -> dict[str, str]:
    kpis = dataclasses.replace(KPIS, **counts)
    return {key: caption for key, (_n, caption, _w) in tile_values(kpis, FigureTexts()).items()}


def test_one_of_each_is_singular_in_english() -> None:
    one = captions()
    assert one["members"] == "active team member"
    assert one["meetings"] == "meeting in 12 months"
    assert one["overdue"] == "overdue of 1 open action item"
    assert one["youth"] == "young person reached in 1 activity"
    many = captions(active_members=2, meetings_12_months=2, open_action_items=2)
    assert many["members"] == "active team members"
    assert many["overdue"] == "overdue of 2 open action items"
    # two counts, each with its own plural: the people (the tile's number), the activities
    assert captions(youth_activities_12_months=3)["youth"] == "young person reached in 3 activities"
    assert captions(youth_reached_12_months=40)["youth"] == "young people reached in 1 activity"


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize(
    ("lang", "one", "few", "many"),
    [
        ("sr_Cyrl", "активан члан тима", "активна члана тима", "активних чланова тима"),
        ("bs", "aktivan član tima", "aktivna člana tima", "aktivnih članova tima"),
        ("sq", "anëtar aktiv i ekipit", "anëtarë aktivë të ekipit", "anëtarë aktivë të ekipit"),
        ("mk", "активен член на тимот", "активни членови на тимот", "активни членови на тимот"),
    ],
)
def test_the_members_caption_follows_each_languages_forms(
    lang: str, one: str, few: str, many: str
) -> None:
    i18n.set_language(lang)
    # 21 is "one" in the Slavic languages' rules (21 član), "other" in Albanian (21 anëtarë)
    twenty_one = many if lang == "sq" else one
    assert [captions(active_members=n)["members"] for n in (1, 3, 5, 21)] == [
        one,
        few,
        many,
        twenty_one,
    ]


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize(("waiting", "overdue"), [(1, 1), (2, 3), (5, 5)])
def test_the_extra_tiles_count_their_own_number(
    ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch, waiting: int, overdue: int
) -> None:
    monkeypatch.setattr(dashboard, "quarters_waiting", lambda ctx, today: waiting)
    due = ReportsDueSummary(open=7, overdue=overdue)
    monkeypatch.setattr(dashboard, "reports_due", lambda ctx, today: due)
    today = dt.date(2026, 12, 4)
    quarters, reports = quarters_tile(ctx, today), reports_due_tile(ctx, today)
    assert (quarters.value, reports.value) == (waiting, overdue)
    one = (waiting == 1, overdue == 1)
    assert quarters.caption() == ("quarter" if one[0] else "quarters") + " to submit"
    assert reports.caption() == ("fund report" if one[1] else "fund reports") + " overdue of 7 due"
    i18n.set_language("hr")
    expected = {1: "tromjesečje za podnošenje"}.get(waiting, "tromjesečja za podnošenje")
    assert quarters.caption() == expected  # read at paint time, in the language of the moment
    i18n.set_language("sr_Latn")
    verb = {1: "izveštaj fonda kasni", 3: "izveštaja fonda kasne"}.get(
        overdue, "izveštaja fonda kasni"
    )
    assert reports.caption() == f"{verb} (od 7 sa rokom)"
