"""The dashboard's texts (numbers, rates, amounts, months, quarters): made once with Babel on the
worker that read the figures, and kept with remembered figures so a start draws them without."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from gui import show_window
from pytestqt.qtbot import QtBot

from hubdesk import clock, i18n
from hubdesk.services import dashboard_texts
from hubdesk.services.dashboard_cache import Kept
from hubdesk.services.dashboard_summary import summary
from hubdesk.services.dashboard_texts import FigureTexts, figure_texts
from hubdesk.services.demo import build_demo
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database
from hubdesk.ui.pages.dashboard import DashboardPage


def test_the_texts_made_with_the_figures_are_every_text_the_page_draws(
    qtbot: QtBot, db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawn from the texts made on the worker, the page never formats anything itself: every
    tile, month and quarter of the demo (money, rates, extra tiles too) was made beforehand."""
    build_demo(db)
    ctx = load_context(db, data_dir)
    figures = summary(ctx, clock.today())
    texts = figure_texts(figures)
    assert figures.kpis.currency and figures.kpis.attendance_rate is not None
    assert figures.extra and figures.months and figures.quarters

    def made_while_drawing(*_args: object) -> str:
        raise AssertionError("a text the worker did not make")

    for name in ("_number", "_percent", "compact_money", "month_label", "quarter_label"):
        monkeypatch.setattr(dashboard_texts, name, made_while_drawing)
    page = DashboardPage(None, remembered=Kept(ctx.role, figures, texts.known))
    show_window(qtbot, page)
    assert page.tiles["members"].number.text() == texts.number(figures.kpis.active_members)
    assert (
        page.tiles["fund"].number.text()
        == texts.known[f"m:{figures.kpis.currency}:{figures.kpis.fund_approved_minor}"]
    )
    labels = page.views["meetings"].chart().axes()[0].categories()
    assert labels == [texts.month(m.month) for m in figures.months]


def test_texts_follow_the_language() -> None:
    """Texts kept for one language are never drawn in another: a change starts afresh."""
    texts = FigureTexts({"n:1234": "1,234"}, language="en")
    i18n.set_language("en")
    assert texts.number(1234) == "1,234"
    i18n.set_language("mk")
    try:
        assert texts.number(1234) == "1.234"
        assert texts.month(dt.date(2026, 3, 1)) == "мар."
        assert texts.known == {"n:1234": "1.234", "M:2026-03-01": "мар."}
    finally:
        i18n.set_language("en")


def test_a_text_not_kept_is_made_when_drawn() -> None:
    """Texts kept by an earlier reading may lack one (a new month): it is made, not missing."""
    i18n.set_language("en")
    texts = FigureTexts({}, language="en")
    assert texts.percent(0.875) == "87.5%"
    assert texts.quarter(dt.date(2026, 7, 1)) == "Q3 26"
    assert texts.money(123_456_00, "EUR") == "€123.5k"
    assert texts.money(180_000_000, "MKD") == "MKD\u00a01.8m"  # a code apart, as everywhere
