"""The Youth page's "Print the youth report" prints the period the list is narrowed to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from gui import click, set_date, show_window
from pypdf import PdfReader
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.services import youth
from hubdesk.ui import report_actions
from hubdesk.ui.pages.youth import YouthPage


def activity(ctx: Any, title: str, day: dt.date) -> None:
    youth.create_activity(
        ctx,
        {
            "title": title,
            "activity_type": "workshop",
            "starts_on": day,
            "participants_total": 6,
            "n_female_15_19": 6,
        },
    )


def test_the_youth_report_is_of_the_dates_listed(
    qtbot: QtBot,
    small_team: Any,
    monkeypatch: pytest.MonkeyPatch,
    with_modal: Callable[[Callable[[], Any], Callable[[QWidget], None]], None],
) -> None:
    """The guide says the button "makes a PDF of the period"; it printed this year up to today
    whatever dates the list showed, so a coordinator who listed last year's activities got a
    report of this year's under the same button."""
    ctx = small_team.ctx
    last_year = clock.today().year - 1
    activity(ctx, "Debate club of last summer", dt.date(last_year, 7, 4))
    activity(ctx, "Street football today", clock.today())
    opened: list[Path] = []
    monkeypatch.setattr(report_actions, "open_file", lambda path: opened.append(path) or True)
    page = YouthPage(ctx)
    show_window(qtbot, page)
    set_date(page.dates.date_from, dt.date(last_year, 1, 1))
    set_date(page.dates.date_to, dt.date(last_year, 12, 31))
    assert page.model.rowCount() == 1  # the list shows last year's activity only
    [button] = page.print_buttons

    def press_open(dialog: QWidget) -> None:
        assert isinstance(dialog, report_actions.PrintOptions)
        qtbot.waitExposed(dialog)
        buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
        click(qtbot, buttons["Open"])

    with_modal(lambda: click(qtbot, button), press_open)
    [pdf] = opened
    assert f"{last_year}-01-01 – {last_year}-12-31" in pdf.name
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Debate club of last summer" in text
    assert "Street football today" not in text
