"""One PNG per page (and per main editor) on the demo data, for translators and the docs.

Runs on a throwaway copy of the demo municipality in a temporary folder, never on the person's
own data, at the 1366×768 of a typical municipal office screen.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QImage, qGray
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget

from hubdesk import i18n
from hubdesk.i18n import _
from hubdesk.services import fund, meetings, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.datafolder import open_data_folder
from hubdesk.services.demo import build_demo
from hubdesk.services.installation import load_context
from hubdesk.services.listing import Page
from hubdesk.sync.keys import ensure_keys

SCREEN = (1366, 768)


class PreviewFailed(Exception):
    """The report preview showed no page: the pictures would hide a preview that does not work."""


def use_offscreen_screen(width: int, height: int, folder: Path) -> None:
    """Draw off screen on a virtual screen of this size (Qt's default is 800×800, which would
    squeeze dialogs that HubDesk fits to the screen). Only before the QApplication exists."""
    if QApplication.instance() is not None:
        return
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    config = folder / "offscreen-screen.json"
    screen = {"name": "HubDesk", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    name = str(config)
    if ":" in name:
        # Windows (C:\...): Qt splits the platform's arguments at every colon, so the file is
        # named relative to the current folder; on another drive Qt's default screen remains.
        try:
            name = os.path.relpath(config)
        except ValueError:
            return
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={name}"


def _settle() -> None:
    for _round in range(3):
        QApplication.processEvents()


def _loaded(page: QWidget, seconds: float = 30) -> None:
    """Let a page that reads its data on a worker (the dashboard) show it before the picture."""
    deadline = time.monotonic() + seconds
    while getattr(page, "loading", False) and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def _save(widget: QWidget, path: Path) -> Path:
    _settle()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _report_preview(window: QWidget, path: Path, seconds: float = 30) -> Path:
    """The Reports page with the default report made and shown in its preview, as Preview
    does. The frozen build's test takes these pictures, so a preview that shows no page (Qt's
    PDF module or its renderer missing from the build) stops the run here rather than ending
    up as a blank picture."""
    page = window.show_page("reports")  # type: ignore[attr-defined]
    page.make()
    view = page.preview.view
    deadline = time.monotonic() + seconds
    # QtPdf draws the pages on a thread of its own: wait for them, not for ever.
    while page.preview.page_count() == 0 or not _drawn(view.grab().toImage()):
        if page.preview.page_count() == 0 or time.monotonic() > deadline:
            raise PreviewFailed(
                _(
                    "The Reports page's preview drew no page of the report: Qt's PDF module "
                    "does not work in this copy of HubDesk."
                )
            )
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    return _save(window, path)


def _drawn(image: QImage) -> bool:
    """Whether a picture of the preview holds a page's print: more dark dots (text, a table's
    lines) than the view's frame and scroll bar alone make, on a 200×200 copy of it."""
    small = image.scaled(200, 200).convertToFormat(QImage.Format.Format_Grayscale8)
    dark = sum(
        1
        for y in range(small.height())
        for x in range(small.width())
        if qGray(small.pixel(x, y)) < 96
    )
    return dark > 200


def _editors(ctx: ServiceContext) -> list[tuple[str, Callable[[], QDialog], int]]:
    """(file name, how to open the editor, which tab to show) for the main editors."""
    from hubdesk.ui.editors.activity import ActivityDialog
    from hubdesk.ui.editors.meeting import MeetingDialog
    from hubdesk.ui.editors.member import MemberDialog
    from hubdesk.ui.editors.proposal import ProposalDialog

    member = team.list_members(ctx, team.MemberFilter(), Page(limit=1))
    meeting = meetings.list_meetings(ctx, meetings.MeetingFilter(), Page(limit=1))
    activity = youth.list_activities(ctx, youth.YouthFilter(), Page(limit=1))
    proposal = fund.list_proposals(ctx, fund.ProposalFilter(), Page(limit=1))
    out: list[tuple[str, Callable[[], QDialog], int]] = []
    if member:
        out.append(("editor-member", lambda: MemberDialog(ctx, member[0].id), 0))
    if meeting:
        out.append(("editor-meeting", lambda: MeetingDialog(ctx, meeting[0].id), 1))
    if activity:
        out.append(("editor-youth-activity", lambda: ActivityDialog(ctx, activity[0].id), 1))
    if proposal:
        out.append(("editor-fund-proposal", lambda: ProposalDialog(ctx, proposal[0].id), 1))
        # the first tab too: the call, the need it answers, pillars and themes
        out.append(("editor-fund-proposal-0", lambda: ProposalDialog(ctx, proposal[0].id), 0))
    return out + _pillar_editors(ctx)


def _pillar_editors(ctx: ServiceContext) -> list[tuple[str, Callable[[], QDialog], int]]:
    """The editors of issue 14's record kinds: training, community activity, engagement,
    exchange part, good practice, and a new help desk question."""
    from hubdesk.services import community, engagements, exchanges, practices
    from hubdesk.services.trainings_summary import list_trainings
    from hubdesk.ui.editors.community import CommunityDialog
    from hubdesk.ui.editors.engagement import EngagementDialog
    from hubdesk.ui.editors.peers import ExchangePartDialog, PracticeDialog
    from hubdesk.ui.editors.training import TrainingDialog
    from hubdesk.ui.pages.helpdesk import AskDialog

    training = list_trainings(ctx, page=Page(limit=1))
    activity = community.list_activities(ctx, page=Page(limit=1))
    engagement = engagements.list_engagements(ctx, page=Page(limit=1))
    part = exchanges.list_parts(ctx)[:1]
    practice = practices.list_practices(ctx)[:1]
    out: list[tuple[str, Callable[[], QDialog], int]] = []
    if training:
        out.append(("editor-training", lambda: TrainingDialog(ctx, training[0].id), 0))
    if activity:
        out.append(("editor-community", lambda: CommunityDialog(ctx, activity[0].id), 0))
    if engagement:
        out.append(("editor-engagement", lambda: EngagementDialog(ctx, engagement[0].id), 0))
    if part:
        out.append(("editor-exchange", lambda: ExchangePartDialog(ctx, part[0].id), 0))
    if practice:
        out.append(("editor-practice", lambda: PracticeDialog(ctx, practice[0].practice.id), 0))
    out.append(("editor-helpdesk-question", lambda: AskDialog(ctx), 0))
    return out


HUB_PAGES = ("dashboard", "needs", "helpdesk", "exchanges", "practices", "reports")


def _hub_pages(out: Path, size: tuple[int, int]) -> list[Path]:
    """``hub-NN-<page>.png``: the pages where the hub sees the region (the needs map, every
    city's help desk questions, exchanges joined, practices to curate), on the demo hub in a
    folder of its own. The sidebar is the hub's too, so it is checked at full height."""
    from hubdesk.sync.hubdemo import build_hub_demo
    from hubdesk.ui.mainwindow import PAGE_KEYS, MainWindow

    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="hubdesk-hub-screenshots-") as folder:
        data_dir = Path(folder)
        db = open_data_folder(data_dir)
        try:
            build_hub_demo(db, data_dir)
            window = MainWindow(load_context(db, data_dir))
            window.resize(*size)
            window.show()
            for key in HUB_PAGES:
                _loaded(window.show_page(key))
                number = PAGE_KEYS.index(key) + 1
                written.append(_save(window, out / f"hub-{number:02d}-{key}.png"))
            window.close()
            window.deleteLater()
            _settle()
        finally:
            db.close()
    return written


def _assistant(path: Path) -> Path:
    """The first page of the set-up assistant, on an empty data folder of its own."""
    from hubdesk.ui.assistant import FirstRunAssistant

    with tempfile.TemporaryDirectory(prefix="hubdesk-assistant-") as folder:
        db = open_data_folder(Path(folder))
        try:
            assistant = FirstRunAssistant(db, Path(folder))
            assistant.show()
            _save(assistant, path)
            assistant.done(0)
            assistant.deleteLater()
        finally:
            db.close()
    return path


def _window(ctx: ServiceContext, out: Path, size: tuple[int, int], editors: bool) -> list[Path]:
    """The window's pages, a report in the preview and the editors; the window is closed
    whatever happens (a picture that fails leaves no window behind)."""
    from hubdesk.ui.mainwindow import PAGES, MainWindow

    written: list[Path] = []
    window = MainWindow(ctx)
    try:
        window.resize(*size)
        window.show()
        for number, spec in enumerate(PAGES, start=1):
            _loaded(window.show_page(spec.key))
            written.append(_save(window, out / f"{number:02d}-{spec.key}.png"))
        written.append(_report_preview(window, out / "report-preview.png"))
        for name, make, tab in _editors(ctx) if editors else []:
            dialog = make()
            try:
                tabs = dialog.findChild(QTabWidget)
                if tabs is not None:
                    tabs.setCurrentIndex(tab)
                dialog.show()
                written.append(_save(dialog, out / f"{name}.png"))
            finally:
                dialog.done(0)
                dialog.deleteLater()
    finally:
        window.close()
        window.deleteLater()
    return written


def take_screenshots(
    out: Path, lang: str = "en", *, editors: bool = True, size: tuple[int, int] = SCREEN
) -> list[Path]:
    """Write ``NN-<page>.png`` for every sidebar page (and the editors) into ``out``."""
    from hubdesk.app import application
    from hubdesk.ui.signal_refs import guard_constants

    i18n.check_language(lang)
    application()
    guard_constants()  # as a started window does
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    previous = i18n.current_language()
    with tempfile.TemporaryDirectory(prefix="hubdesk-screenshots-") as folder:
        data_dir = Path(folder)
        db = open_data_folder(data_dir)
        try:
            i18n.set_language(lang)  # first: the demo writes some of its texts in it
            build_demo(db, seed=1, scale=1)
            ensure_keys(data_dir)  # as 'hubdesk demo' does: the Sync page shows the fingerprint
            ctx = load_context(db, data_dir)
            written += _window(ctx, out, size, editors)
            if editors:  # the full set: the hub's own pages too
                written += _hub_pages(out, size)
            written.append(_assistant(out / "00-assistant.png"))
            _settle()
        finally:
            i18n.set_language(previous)
            db.close()
    return written
