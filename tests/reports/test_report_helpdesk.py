"""Engagements and the Help Desk in the periodic report (every language) and in the regional
report (engagements per municipality, the hub's response times)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from report_samples import PERIOD, TODAY, Sample, local, pdf_text, squash
from test_report_hub import add_municipality, create

from hubdesk.domain import Engagement, HelpdeskMessage, HelpdeskRequest
from hubdesk.i18n import LANGUAGES, translations
from hubdesk.reports import generate_report
from hubdesk.reports.fonts import missing_glyphs
from hubdesk.services import engagements, helpdesk
from hubdesk.services.context import ServiceContext

# The words of these sections, each of which must be printed translated.
HEADINGS = ("National-local cooperation", "Questions to the hub's Help Desk", "Counterpart")
REGIONAL = ("Cooperation and the Help Desk", "Median days to answer")


def word(msgid: str, lang: str) -> str:
    return translations(lang).gettext(msgid)


@pytest.fixture
def cooperation(ctx: ServiceContext, sample: Sample) -> ServiceContext:
    """Kumanovo's sample period with two engagements and two questions, one of them overdue on
    the report's day and one still on time."""
    engagements.create_engagement(
        ctx,
        {"counterpart": "Министерство за образование", "level": "national",
         "kind": "consultation", "engaged_on": dt.date(2026, 3, 10), "pillars": ["cooperation"],
         "raised": "Училишни психолози", "answer": "Пилот-програма",
         "follow_up_on": dt.date(2026, 9, 1)},
    )  # fmt: skip
    engagements.create_engagement(
        ctx,
        {"counterpart": "ОБСЕ", "level": "international", "kind": "written_input",
         "engaged_on": dt.date(2026, 5, 2)},
    )  # fmt: skip
    helpdesk.ask(
        ctx,
        {"topic": "fund", "urgency": "normal", "subject": "Кофинансирање во натура",
         "question": "Дали салата се смета?", "asked_on": dt.date(2026, 6, 1)},
    )  # fmt: skip
    helpdesk.ask(
        ctx,
        {"topic": "software", "urgency": "low", "subject": "Извештај на англиски",
         "question": "Може ли?", "asked_on": dt.date(2026, 6, 25)},
    )  # fmt: skip
    return ctx


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_periodic_report_lists_engagements_and_questions_in_every_language(
    cooperation: ServiceContext, tmp_path: Path, lang: str
) -> None:
    out = generate_report(
        cooperation, "periodic", tmp_path / f"p-{lang}.pdf", lang=lang, date_from=PERIOD[0],
        date_to=PERIOD[1], today=TODAY,
    )  # fmt: skip
    text = " ".join(pdf_text(out).split())
    assert missing_glyphs(text) == set(), lang
    for msgid in (*HEADINGS, "Overdue", "Waiting for the hub", "Consultation"):
        assert squash(word(msgid, lang)) in squash(text), (lang, msgid)
        if lang != "en":
            assert squash(msgid) not in squash(text), (lang, msgid)
    assert "Министерство за образование" in text and "Кофинансирање во натура" in text


def test_a_period_without_either_says_so(
    ctx: ServiceContext, sample: Sample, tmp_path: Path
) -> None:
    out = generate_report(
        ctx, "periodic", tmp_path / "p.pdf", lang="en", date_from=PERIOD[0], date_to=PERIOD[1],
        today=TODAY,
    )  # fmt: skip
    text = " ".join(pdf_text(out).split())
    assert "No engagements in this period." in text
    assert "No questions to the Help Desk in this period." in text


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "sr_Cyrl"])
def test_the_regional_report_gives_engagements_and_response_times(
    hub_ctx: ServiceContext, tmp_path: Path, lang: str
) -> None:
    hub = hub_ctx
    town = add_municipality(hub, "Kumanovo", "MK", "MKD", 2, 10, 0)
    add_municipality(hub, "Elbasan", "AL", "ALL", 1, 0, 0)
    with hub.transaction() as s:
        for day in (dt.date(2026, 2, 3), dt.date(2026, 4, 9)):
            create(s, hub, Engagement, {"municipality_id": town, "counterpart": "Ministry",
                   "level": "national", "kind": "meeting", "engaged_on": day})  # fmt: skip
        asked = [dt.date(2026, 3, 2), dt.date(2026, 3, 10), dt.date(2026, 6, 1)]
        requests = [
            create(s, hub, HelpdeskRequest, {"municipality_id": town, "topic": "fund",
                   "urgency": "normal", "subject": f"Q{n}", "question": "?", "asked_on": day})
            for n, day in enumerate(asked)
        ]  # fmt: skip
        for request, days in zip(requests[:2], (4, 12), strict=True):  # on time, then late
            create(s, hub, HelpdeskMessage, {"request_id": request.id, "author_role": "hub",
                   "written_at": local(request.asked_on + dt.timedelta(days=days), 12),
                   "body": "Answer"})  # fmt: skip
    times = helpdesk.response_times(hub, today=TODAY, date_from=PERIOD[0], date_to=PERIOD[1])
    kumanovo = next(t for t in times if t.municipality == "Kumanovo")
    assert (kumanovo.requests, kumanovo.answered, kumanovo.on_time) == (3, 2, 1)
    assert (kumanovo.median_days, kumanovo.overdue) == (8.0, 1)  # June's is 30 days old
    out = generate_report(
        hub, "regional", tmp_path / f"r-{lang}.pdf", lang=lang, date_from=PERIOD[0],
        date_to=PERIOD[1], today=TODAY,
    )  # fmt: skip
    text = " ".join(pdf_text(out).split())
    assert missing_glyphs(text) == set()
    for msgid in REGIONAL:
        assert squash(word(msgid, lang)) in squash(text), (lang, msgid)
        if lang != "en":
            assert squash(msgid) not in squash(text), (lang, msgid)
