"""The import preview on a 1366×768 screen: a bundle that brings back many meetings and fund
proposals still shows every area of its table, every sentence (scrolling, not squeezed out of
sight) and the Import button inside the window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shown_text import line_starts, shown_lines

from hubdesk.i18n import language
from hubdesk.sync.group_merge import CameBack
from hubdesk.sync.importer import PREVIEW, ImportResult
from hubdesk.sync.merge import AreaCounts
from hubdesk.ui.pages.sync import ImportPreview
from hubdesk.ui.path_text import copied

AREAS = ("action_items", "fund_proposals", "budget_lines", "proposal_activities",
         "proposal_indicators", "meetings", "attendance")  # fmt: skip
WHEN = dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC)
TITLE = "Renovation of the youth centre in the old town"


def many_come_back() -> ImportResult:
    """A laptop's bundle after a long time away: a dozen meetings and proposals come back."""
    meetings = [
        CameBack("meetings", f"m{i}", {"team_id": "t", "starts_at": WHEN}, True, {"attendance": 3})
        for i in range(12)
    ]
    named = [{"reference": f"MK-2026-{i:03}", "title": TITLE} for i in range(12)]
    proposals = [
        CameBack("fund_proposals", f"p{i}{here}", n, here, {"budget_lines": 2})
        for i, n in enumerate(named)
        for here in (True, False)
    ]
    return ImportResult(
        path=Path("bundle.hubdesk"),
        sender_id="laptop",
        sender_name="Field laptop",
        sequence=1,
        status=PREVIEW,
        areas={name: AreaCounts(updated=2, conflicts=1) for name in AREAS},
        came_back=meetings + proposals,
        names={"t": "CAT Kumanovo"},
    )


def test_many_sentences_leave_the_table_and_the_button_in_sight(qtbot: QtBot) -> None:
    dialog = ImportPreview(many_come_back())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()

    screen = dialog.screen().availableGeometry()
    assert screen.contains(dialog.frameGeometry()), (dialog.frameGeometry(), screen)
    button = dialog.accept_button
    assert button.isVisible() and button.isEnabled()
    assert dialog.rect().contains(button.geometry().translated(button.parentWidget().pos()))
    # Every area of the table in sight, none behind a scroll bar.
    assert dialog.table.verticalScrollBar().maximum() == 0
    # Every sentence whole: the label has all the height its lines need; the area scrolls.
    notes = dialog.notes
    assert notes.isVisible() and len(shown_lines(notes)) > 30
    assert notes.height() >= notes.heightForWidth(notes.width())
    assert dialog.notes_area.verticalScrollBar().maximum() > 0
    shown = dialog.notes_area.viewport().height()
    assert shown >= 6 * notes.fontMetrics().lineSpacing()  # a screenful, not a sliver


def test_few_sentences_show_without_scrolling(qtbot: QtBot) -> None:
    result = many_come_back()
    result.came_back = result.came_back[:1]
    dialog = ImportPreview(result)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert shown_lines(dialog.notes) == [
        "1 meeting deleted on this PC comes back: it was changed on another PC meanwhile.",
        "• Meeting of CAT Kumanovo, 5 Mar 2024, 10:00: 3 records deleted with it come back too.",
    ]
    assert dialog.notes_area.verticalScrollBar().maximum() == 0


def test_a_refusal_reads_whole_without_scrolling_sideways(qtbot: QtBot) -> None:
    """A bundle refused for one record: its reason (an id and a long sentence) wraps inside
    the dialog, never hidden past its right edge behind a sideways scroll bar."""
    from hubdesk.sync.incoming import Problem
    from hubdesk.sync.links import _missing

    result = many_come_back()
    result.came_back = []
    result.problems = [
        Problem("fund_proposals", "591f591e-a414-44a2-bac2-2bd70eb29b3d", "call_id",
                _missing(published=True, hub=False)),
    ]  # fmt: skip
    dialog = ImportPreview(result)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    problems = dialog.problems
    assert problems.isVisible()
    assert problems.horizontalScrollBar().maximum() == 0
    item = problems.item(0)
    shown = problems.visualItemRect(item)
    needed = problems.fontMetrics().horizontalAdvance(item.text())
    assert shown.width() <= problems.viewport().width() < needed
    assert shown.height() >= 2 * problems.fontMetrics().lineSpacing()  # wrapped, all of it
    assert dialog.accept_button.isVisible() and not dialog.accept_button.isEnabled()


def test_a_name_too_long_to_wrap_is_whole_in_its_tooltip(qtbot: QtBot) -> None:
    """A file name with no place to break, wider than the list, is cut on screen: the item's
    tooltip (a person hovers over it) holds the whole problem."""
    from hubdesk.sync.incoming import Problem

    name = "Izvjestaj_o_radu_opcinskog_tima_za_prevenciju_" * 3 + "final.pdf"
    result = many_come_back()
    result.came_back = []
    result.problems = [
        Problem("attachments", f"files/{name}", "path", "the file is not in the bundle"),
    ]
    dialog = ImportPreview(result)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    item = dialog.problems.item(0)
    assert name in item.toolTip() and item.toolTip() == item.text()
    assert dialog.problems.fontMetrics().horizontalAdvance(name) > dialog.problems.width()


def test_a_bullets_wrapped_lines_start_under_its_text(qtbot: QtBot) -> None:
    """A proposal's long name wraps: its second line starts under the text, not under the
    bullet at the left margin."""
    result = many_come_back()
    result.came_back = [c for c in result.came_back if c.table == "fund_proposals"][:1]
    dialog = ImportPreview(result)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    lines = shown_lines(dialog.notes)
    assert lines[1].startswith("• Proposal MK-2026-000, " + TITLE)
    starts = line_starts(dialog.notes, 1, 300)  # narrow enough to wrap
    assert len(starts) >= 2
    bullet = dialog.notes.fontMetrics().horizontalAdvance("• ")
    assert starts[0] == 0 and all(abs(x - bullet) <= 1 for x in starts[1:]), starts


LONG_PATH = (
    r"C:\Users\Administrator\AppData\Roaming\HubDesk\bundles\Kumanovo2026\fromthefieldlaptop"
    r"\secondquarter\attachedfilesofthemeetings\minutesandphotographs\signedandscanned\x.pdf"
)


@pytest.mark.parametrize(("lang", "count"), [("en", "12,345"), ("mk", "12.345")])
def test_counts_read_in_the_language_and_a_long_path_wraps(
    qtbot: QtBot, lang: str, count: str
) -> None:
    """The table's and the summary's counts are written as the language writes numbers, and a
    problem naming a long path wraps after a folder's name instead of being cut with "…"."""
    from hubdesk.sync.incoming import Problem

    result = many_come_back()
    result.came_back = []
    result.areas = {"meetings": AreaCounts(created=12345), "attachments": AreaCounts(refused=1)}
    result.problems = [Problem("attachments", LONG_PATH, "", "its file is not in the bundle")]
    with language(lang):
        dialog = ImportPreview(result)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    shown = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert shown[1] == count, shown
    assert count in dialog.summary.text()
    item = dialog.problems.item(0)
    assert copied(item.text()).count(LONG_PATH) == 1
    width = dialog.problems.viewport().width()
    assert dialog.problems.fontMetrics().horizontalAdvance(LONG_PATH) > width
    lines = wrapped(item.text(), dialog.problems.font(), width)
    assert len(lines) >= 2 and max(lines) <= width, (lines, width)


def wrapped(text: str, font: QFont, width: int) -> list[float]:
    """The widths of the lines ``text`` takes, wrapped as a list's item wraps (at word
    boundaries only, so a word wider than the list runs past its edge and is cut)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    widths = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        widths.append(line.naturalTextWidth())
    layout.endLayout()
    return widths


def test_problems_not_listed_are_counted_under_the_list(qtbot: QtBot) -> None:
    """A bundle of millions of refused rows lists its first problems (a list of millions
    froze the window) and says how many more there were."""
    from hubdesk.sync.incoming import Problem

    result = many_come_back()
    result.problems = [
        Problem("teams", f"t{i}", "kind", "'{value}' is not one of the allowed choices.",
                {"value": "secret_society"})
        for i in range(3)
    ]  # fmt: skip
    result.unlisted = 1234
    dialog = ImportPreview(result)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.problems.isVisible() and dialog.problems.count() == 4
    assert "1,234 more problems, not listed" in dialog.problems.item(3).text()
    assert not dialog.accept_button.isEnabled()
