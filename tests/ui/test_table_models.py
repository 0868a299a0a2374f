"""Table models without a window: paging, sorting and filtering pushed down to the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from hubdesk import clock
from hubdesk.domain.enums import ProposalStatus
from hubdesk.i18n import language
from hubdesk.services import actions, fund, meetings, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.ui.models.fund import ProposalColumn, ProposalTableModel
from hubdesk.ui.models.meetings import (
    OVERDUE_ROLE,
    ActionColumn,
    ActionItemTableModel,
    MeetingTableModel,
)
from hubdesk.ui.models.team import MemberColumn, MemberTableModel
from hubdesk.ui.models.youth import ActivityColumn, ActivityTableModel
from hubdesk.ui.tablemodel import RECORD_ID_ROLE, RECORD_ROLE

SmallTeam = Any  # tests/ui/conftest.py: ctx, team, members


class CountingMembers(MemberTableModel):
    """Records which pages were asked of the service."""

    PAGE_SIZE = 10
    MAX_PAGES = 2

    def __init__(self, *args: Any) -> None:
        self.asked: list[Page] = []
        super().__init__(*args)

    def list_records(self, f: team.MemberFilter, page: Page) -> list[Any]:
        self.asked.append(page)
        return super().list_records(f, page)

    def count_and_list(self, f: team.MemberFilter, page: Page) -> tuple[int, list[Any]]:
        self.asked.append(page)
        return super().count_and_list(f, page)


@pytest.fixture
def crowd(ctx: ServiceContext) -> ServiceContext:
    """35 members (sectors alternate), five of whom have left."""
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    for n in range(35):
        team.create_member(
            ctx,
            {
                "team_id": cat.id,
                "name": f"Person {n:02d}",
                "sector": "education" if n % 2 else "health",
                "role": "member",
                "gender": "female",
                "left_on": dt.date(2020, 1, 1) if n >= 30 else None,
            },
        )
    return ctx


def cell(model: Any, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


def test_rows_are_loaded_a_page_at_a_time(crowd: ServiceContext) -> None:
    model = CountingMembers(crowd, team.MemberFilter())
    assert model.rowCount() == 30  # current members only
    assert [p.offset for p in model.asked] == [0]  # the count brings the first page along
    assert cell(model, 0, MemberColumn.NAME) == "Person 00"
    assert cell(model, 25, MemberColumn.NAME) == "Person 25"
    assert [p.offset for p in model.asked] == [0, 20]
    assert all(p.limit == 10 for p in model.asked)
    cell(model, 1, MemberColumn.NAME)  # page 0 is still kept
    assert len(model.asked) == 2
    cell(model, 15, MemberColumn.NAME)  # a third page pushes out the least recently used
    cell(model, 2, MemberColumn.NAME)
    assert [p.offset for p in model.asked] == [0, 20, 10]
    cell(model, 25, MemberColumn.NAME)
    assert [p.offset for p in model.asked] == [0, 20, 10, 20]
    assert model.count_text() == "30 of 35"


def test_sorting_and_filtering_go_to_the_service(crowd: ServiceContext) -> None:
    model = MemberTableModel(crowd, team.MemberFilter())
    model.sort(MemberColumn.NAME, Qt.SortOrder.DescendingOrder)
    assert cell(model, 0, MemberColumn.NAME) == "Person 29"
    model.set_filter(team.MemberFilter(search="person 1", sector="education"))
    names = [cell(model, row, MemberColumn.NAME) for row in range(model.rowCount())]
    assert names == ["Person 19", "Person 17", "Person 15", "Person 13", "Person 11"]
    assert model.count_text() == "5 of 35"
    model.set_filter(team.MemberFilter(active=False))
    assert model.rowCount() == 5
    # People who left are greyed and say when they left.
    assert cell(model, 0, MemberColumn.NAME, Qt.ItemDataRole.ForegroundRole) is not None
    assert "Left the team" in cell(model, 0, MemberColumn.NAME, Qt.ItemDataRole.ToolTipRole)


def test_roles_give_the_record_and_its_id(small_team: SmallTeam) -> None:
    model = MemberTableModel(small_team.ctx, team.MemberFilter())
    record = cell(model, 0, 0, RECORD_ROLE)
    assert cell(model, 0, 0, RECORD_ID_ROLE) == record.id
    assert model.row_of(record.id) == 0
    assert model.headerData(MemberColumn.SECTOR, Qt.Orientation.Horizontal) == "Sector"
    assert cell(model, 0, MemberColumn.SECTOR) == "Education"


def test_labels_follow_the_ui_language(small_team: SmallTeam) -> None:
    model = MemberTableModel(small_team.ctx, team.MemberFilter())
    with language("mk"):
        from hubdesk.i18n import _

        assert cell(model, 0, MemberColumn.SECTOR) == _("Education")
        assert model.headerData(MemberColumn.SECTOR, Qt.Orientation.Horizontal) == _("Sector")


def test_overdue_action_items_are_highlighted(small_team: SmallTeam) -> None:
    ctx = small_team.ctx
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    meeting = meetings.create_meeting(
        ctx, {"team_id": small_team.team.id, "starts_at": start, "kind": "regular"}
    )
    late = actions.create_action_item(
        ctx,
        {"meeting_id": meeting.id, "title": "Late", "due_on": clock.today() - dt.timedelta(3)},
    )
    actions.create_action_item(
        ctx,
        {"meeting_id": meeting.id, "title": "Soon", "due_on": clock.today() + dt.timedelta(3)},
    )
    model = ActionItemTableModel(ctx, actions.ActionItemFilter())
    assert model.rowCount() == 2
    assert cell(model, 0, ActionColumn.TITLE) == "Late"
    assert cell(model, 0, ActionColumn.TITLE, OVERDUE_ROLE) is True
    assert cell(model, 0, ActionColumn.DUE, Qt.ItemDataRole.BackgroundRole) is not None
    assert "3 days" in cell(model, 0, 0, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, 1, ActionColumn.TITLE, OVERDUE_ROLE) is None
    actions.complete_action_item(ctx, late.id)
    model.refresh()
    assert cell(model, 0, ActionColumn.TITLE, OVERDUE_ROLE) is None
    assert cell(model, 0, ActionColumn.STATUS) == "Done"

    meetings_model = MeetingTableModel(ctx, meetings.MeetingFilter())
    assert meetings_model.rowCount() == 1
    assert cell(meetings_model, 0, 1) == "Regular meeting"


def test_youth_and_fund_models(small_team: SmallTeam) -> None:
    ctx = small_team.ctx
    youth.create_activity(
        ctx,
        {
            "title": "Workshop on hate speech",
            "activity_type": "workshop",
            "starts_on": clock.today(),
            "participants_total": 3,
            "n_female_15_19": 2,
            "n_male_15_19": 1,
            "youth_led": True,
        },
    )
    activities = ActivityTableModel(ctx, youth.YouthFilter())
    assert cell(activities, 0, ActivityColumn.PARTICIPANTS) == "3"
    assert cell(activities, 0, ActivityColumn.YOUTH_LED) == "Yes"
    assert cell(activities, 0, ActivityColumn.FED_INTO_DECISION) == ""

    proposal = fund.create_proposal(ctx, {"title": "Safe schools", "summary": "Mediators"})
    fund.add_budget_line(
        ctx,
        proposal.id,
        {
            "category": "personnel",
            "description": "Trainer",
            "quantity": 2,
            "unit_cost_minor": 150_000,
        },
    )
    proposals = ProposalTableModel(ctx, fund.ProposalFilter())
    assert cell(proposals, 0, ProposalColumn.REFERENCE) == proposal.reference
    assert cell(proposals, 0, ProposalColumn.STATUS) == ProposalStatus.DRAFT.label
    assert "3,000.00" in cell(proposals, 0, ProposalColumn.REQUESTED)
    proposals.set_filter(fund.ProposalFilter(status="submitted"))
    assert proposals.rowCount() == 0
    assert proposals.count_text() == "0 of 1"


def test_a_womans_role_is_said_in_its_own_form(crowd: ServiceContext) -> None:
    """Every member of the crowd is a woman: "Članica", not "Član"."""
    with language("bs"):
        model = MemberTableModel(crowd, team.MemberFilter())
        assert cell(model, 0, MemberColumn.ROLE) == "Članica"
    team.update_member(crowd, cell(model, 0, 0, RECORD_ID_ROLE), {"gender": "male"})
    with language("bs"):
        model = MemberTableModel(crowd, team.MemberFilter())
        assert cell(model, 0, MemberColumn.ROLE) == "Član"
