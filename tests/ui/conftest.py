"""Fixtures for driving real widgets offscreen: a small team, answered questions, modal help."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from hubdesk import clock
from hubdesk.app import application
from hubdesk.domain import Member, Team
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage.open import open_database
from hubdesk.sync import keys, profile
from hubdesk.ui import dialogs


@pytest.fixture(scope="session", autouse=True)
def qapp_styled() -> QApplication:
    """HubDesk's own QApplication (style sheet, names), shared by every UI test. A test
    outside tests/ui may have made the worker's application before, without HubDesk's style
    sheet: the UI tests then see the window as people do all the same."""
    from hubdesk.ui.resources import stylesheet

    app = application()
    if not app.styleSheet():
        app.setStyleSheet(stylesheet())
    return app


@pytest.fixture(autouse=True)
def cycles_freed_on_the_gui_thread() -> Iterator[None]:
    """As in the window (``ui/collector.py``): no cycle collection on a worker thread during
    a UI test (it would destroy the Qt objects of earlier tests' windows there); what the test
    left is collected here, on the GUI thread, once its deferred deletions are done.

    What outlives the collection is then frozen (``gc.freeze``), so the next test's collection
    walks only what that test made: a worker that has run a thousand tests holds over a
    million long-lived objects (the session's modules, the data layer's caches), and walking
    them all after each test took 1.5 s of every UI test's teardown."""
    gc.disable()
    try:
        yield
    finally:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        gc.freeze()
        gc.enable()


@dataclass
class SmallTeam:
    ctx: ServiceContext
    team: Team
    members: list[Member]


@pytest.fixture
def small_team(ctx: ServiceContext) -> SmallTeam:
    """Kumanovo's team with four members, one of whom left last year."""
    cat = team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"})
    people = [
        ("Ana Petrovska", "education", "chair", "female", None),
        ("Besnik Rexhepi", "police", "member", "male", None),
        ("Elena Stojanova", "social_work", "secretary", "female", None),
        ("Driton Ismaili", "youth", "member", "male", clock.today() - dt.timedelta(days=200)),
    ]
    members = [
        team.create_member(
            ctx,
            {
                "team_id": cat.id,
                "name": name,
                "sector": sector,
                "role": role,
                "gender": gender,
                "joined_on": clock.today() - dt.timedelta(days=800),
                "left_on": left,
            },
        )
        for name, sector, role, gender, left in people
    ]
    return SmallTeam(ctx, cat, members)


@dataclass
class Answers:
    """Questions the code asked, and what the test answers to them."""

    confirm: bool = True
    then: list[bool] = field(default_factory=list)  # answers to the next questions, in turn
    unsaved: dialogs.Unsaved = dialogs.Unsaved.DISCARD
    asked: list[str] = field(default_factory=list)
    told: list[str] = field(default_factory=list)


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Answer HubDesk's message boxes without a person (every question is recorded).

    Autouse: a real message box would wait forever for a click (closing a changed form at
    teardown asks whether to save it).
    """
    given = Answers()

    def confirm(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any) -> bool:
        given.asked.append(text)
        return given.then.pop(0) if given.then else given.confirm

    def ask_unsaved(_parent: Any) -> dialogs.Unsaved:
        given.asked.append("unsaved")
        return given.unsaved

    def tell(_parent: Any, _title: str, text: str) -> None:
        given.told.append(text)

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "ask_unsaved", ask_unsaved)
    monkeypatch.setattr(dialogs, "inform", tell)
    monkeypatch.setattr(dialogs, "show_error", tell)
    return given


@pytest.fixture
def with_modal() -> Iterator[Callable[[Callable[[], Any], Callable[[QWidget], None]], None]]:
    """``with_modal(open_it, act)``: call ``open_it`` (which runs a modal dialog) and ``act`` on
    that dialog once it is up; ``act`` must close it."""
    failures: list[BaseException] = []

    def run(open_it: Callable[[], Any], act: Callable[[QWidget], None]) -> None:
        # A modal dialog already up (the editor a test is driving) is not the one opened now.
        before = QApplication.activeModalWidget()

        def poke() -> None:
            widget = QApplication.activeModalWidget()
            if widget is None or widget is before:
                QTimer.singleShot(10, poke)
                return
            try:
                act(widget)
            except BaseException as error:  # reported after the dialog is closed
                failures.append(error)
                if isinstance(widget, QDialog):
                    widget.done(0)  # no "unsaved changes?" question: the test already failed
                else:
                    widget.close()

        QTimer.singleShot(0, poke)
        open_it()
        if failures:
            raise failures[0]

    yield run


@pytest.fixture
def municipality(tmp_path: Path) -> Iterator[ServiceContext]:
    """Kumanovo's own installation in its own folder, with keys (as on the focal point's PC)."""
    folder = tmp_path / "kumanovo"
    folder.mkdir()
    db = open_database(folder)
    ctx = initialise(db, role="municipality", name="Kumanovo", country="MK")
    ctx.data_dir = folder
    keys.ensure_keys(folder)
    yield ctx
    db.close()


@pytest.fixture
def municipality_profile(municipality: ServiceContext, tmp_path: Path) -> Path:
    """Kumanovo's profile file, as ``hubdesk sync profile export`` writes it."""
    assert municipality.data_dir is not None
    target = tmp_path / "kumanovo-profile.json"
    return profile.export_profile(municipality, keys.load_keys(municipality.data_dir), target)
