"""The Trainings, Community and Engagements pages offer Import… and Export… as the Youth page
does, and the wizard imports a sheet of trainings, saying what a sheet cannot fill."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui import click, forward, show_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from hubdesk.services import trainings_summary
from hubdesk.tables.writers import write_table
from hubdesk.ui import import_wizard
from hubdesk.ui.import_preview import PreviewPage
from hubdesk.ui.import_wizard import ImportWizard, MappingPage, SummaryPage
from hubdesk.ui.pages.community import CommunityPage
from hubdesk.ui.pages.engagements import EngagementsPage
from hubdesk.ui.pages.trainings import TrainingsPage


@pytest.mark.parametrize(
    ("page_type", "title"),
    [
        (TrainingsPage, "Import: Trainings"),
        (CommunityPage, "Import: Community activities"),
        (EngagementsPage, "Import: Engagements"),
    ],
)
def test_the_page_offers_import_and_export(
    qtbot: QtBot, small_team: Any, with_modal: Any, page_type: Any, title: str
) -> None:
    page = page_type(small_team.ctx)
    show_window(qtbot, page)
    assert page.import_button.isVisible() and page.export_button.isVisible()
    assert page.import_button.text() == "Import…"
    seen: list[str] = []

    def look(widget: Any) -> None:
        assert isinstance(widget, ImportWizard)
        seen.append(widget.windowTitle())
        click(qtbot, widget.button(QWizard.WizardButton.CancelButton))

    with_modal(lambda: click(qtbot, page.import_button), look)
    assert seen == [title]


def test_the_hub_has_no_import_button(qtbot: QtBot, hub_ctx: Any) -> None:
    page = TrainingsPage(hub_ctx)
    show_window(qtbot, page)
    assert not page.import_button.isVisible() and page.export_button.isVisible()


def test_a_sheet_of_trainings_through_the_wizard(
    qtbot: QtBot, small_team: Any, tmp_path: Path, answers: Any
) -> None:
    path = tmp_path / "obuke.xlsx"  # a coordinator's own sheet, with her own headers
    write_table(
        path,
        ["Naziv obuke", "Datum", "Nastavnici žene", "Policija muškarci", "Trener"],
        [
            ["Mediation basics", "3/2/2024", 6, 2, "Elena Ristova"],  # typed as text
            ["Hate speech online", "31.02.2024", 3, 0, ""],
        ],
        title="Obuke",
    )

    ctx = small_team.ctx
    wizard = ImportWizard(ctx, "trainings")
    show_window(qtbot, wizard)
    with pytest.MonkeyPatch.context() as patched:  # the system's file dialog answers ``path``
        patched.setattr(
            import_wizard.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), "")
        )
        click(qtbot, wizard.source_page.browse)
    forward(qtbot, wizard)

    mapping = wizard.currentPage()
    assert isinstance(mapping, MappingPage)
    assert mapping.fields() == [
        "title",
        "starts_on",
        "p_teacher_female",
        "p_police_male",
        "trainer_name",
    ]
    assert mapping.left_out.isVisible()
    assert "team members who took part" in mapping.left_out.text()
    forward(qtbot, wizard)

    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    model = preview.model
    shown = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert shown[0][:2] == ["2", "Add"]
    # a date typed as text is shown as it will be read (the 3rd of February), the typed text
    # in its tooltip: "3/2/2024" alone left a person from a US-set Excel unwarned
    date_cell = model.index(0, preview.model.FIXED + 1)
    assert date_cell.data() == "3 Feb 2024"
    assert date_cell.data(Qt.ItemDataRole.ToolTipRole) == "3/2/2024"
    assert shown[1][:2] == ["3", "Not imported"]
    assert (
        shown[1][2]
        == "Starts on: '31.02.2024' is not a date. Write it as 31.12.2024 or 2024-12-31."
    )
    assert trainings_summary.count_trainings(ctx) == 0  # nothing saved before Import
    forward(qtbot, wizard)

    summary = wizard.currentPage()
    assert isinstance(summary, SummaryPage)
    assert "1 row was added." in summary.text.text()
    (saved,) = trainings_summary.list_trainings(ctx)
    assert saved.starts_on == dt.date(2024, 2, 3)  # as the preview showed it
    assert (saved.title, saved.grid_total(), saved.trainer_name) == (
        "Mediation basics",
        8,
        "Elena Ristova",
    )
    assert answers.told == []
