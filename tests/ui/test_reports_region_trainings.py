"""At the hub, the Reports page prints the trainings of the whole region, as ``hubdesk report
trainings`` without ``--id`` does, or of one municipality chosen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui import choose, click, show_window
from hub_demo_copy import hub_demo
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from hubdesk.i18n import language
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.ui.pages import reports as reports_page
from hubdesk.ui.pages.reports import ReportsPage


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[ServiceContext]:
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        yield load_context(db, folder)
    finally:
        db.close()


def saved_text(qtbot: QtBot, page: ReportsPage, out: Path, patch: pytest.MonkeyPatch) -> str:
    click(qtbot, page.make_button)
    patch.setattr(reports_page.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    click(qtbot, page.save_button)
    return "\n".join(p.extract_text() for p in PdfReader(str(out)).pages)


def test_the_hub_prints_the_trainings_of_the_whole_region(
    qtbot: QtBot, hub: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with language("en"):
        page = ReportsPage(hub)
        show_window(qtbot, page)
        choose(page.kind, "trainings")
        assert page.record.isVisible()
        assert page.record.currentText() == "All municipalities"  # the region, first offered
        choose(page.language, "en")
        region = saved_text(qtbot, page, tmp_path / "region.pdf", monkeypatch)
        assert all(town in region for town in ("Elbasan", "Kumanovo", "Novi Pazar"))
        choose(page.record, text="Elbasan")  # still one town when asked for
        town = saved_text(qtbot, page, tmp_path / "town.pdf", monkeypatch)
        assert "Elbasan" in town and "Kumanovo" not in town
        choose(page.kind, "periodic")  # a town's own report: no region to offer
        assert page.record.findText("All municipalities") < 0
        choose(page.kind, "trainings")
        choose(page.kind, "minutes")
        assert page.record.findText("All municipalities") < 0
