"""Trainings as a table."""

from __future__ import annotations

from typing import Any

from hubdesk.domain import Training
from hubdesk.domain.trainings import TrainingFormat
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date, format_number
from hubdesk.services import trainings_summary as summary
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.services.trainings_summary import TrainingFilter
from hubdesk.ui.models.towns import TownColumn
from hubdesk.ui.tablemodel import CENTER, RIGHT, Column, PagedTableModel


def yes(flag: bool) -> str:
    return _("Yes") if flag else ""


class TrainingTableModel(PagedTableModel[TrainingFilter]):
    columns: tuple[Column, ...] = (
        Column(N_("Date"), lambda t: format_date(t.starts_on, fmt="short"), "starts_on", width=12),
        Column(N_("Title"), lambda t: t.title, "title", width=0, elides=True),
        Column(N_("Organiser"), lambda t: t.organiser, "organiser", width=24, elides=True),
        Column(N_("Format"), lambda t: TrainingFormat(t.format).label, "format", width=12),
        Column(N_("Training of trainers"), lambda t: yes(t.train_the_trainer), None, CENTER,
               width=14),
        Column(N_("Participants"), lambda t: format_number(t.grid_total()), None, RIGHT,
               width=12),
    )  # fmt: skip

    def count_records(self, f: TrainingFilter) -> int:
        return summary.count_trainings(self.ctx, f)

    def list_records(self, f: TrainingFilter, page: Page) -> list[Training]:
        return summary.list_trainings(self.ctx, f, page)

    def everything(self) -> TrainingFilter:
        return TrainingFilter()

    def default_order(self) -> str:
        return "starts_on"

    def default_descending(self) -> bool:
        return True


class HubTrainingTableModel(TrainingTableModel):
    """On the hub, the region's trainings with the municipality each belongs to."""

    def __init__(self, ctx: ServiceContext, initial: TrainingFilter, parent: Any = None) -> None:
        self.town = TownColumn(ctx)
        self.columns = (
            TrainingTableModel.columns[0],
            self.town.column,
            *TrainingTableModel.columns[1:],
        )
        super().__init__(ctx, initial, parent)

    def list_records(self, f: TrainingFilter, page: Page) -> list[Training]:
        self.town.read()
        return summary.list_trainings(self.ctx, f, page)
