"""The columns of every table HubDesk exports, and which of them an import can fill.

One list per kind is the single source for the export's headers, the import's header guessing
(the same msgids in every language) and the parsing of cells, so an exported sheet always maps
back onto the fields it came from.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hubdesk import clock
from hubdesk.domain.community import Audience, CommunityActivityType
from hubdesk.domain.enums import (
    ActionStatus,
    ActivityType,
    AgeBand,
    AttendanceStatus,
    BudgetCategory,
    Gender,
    InclusionGroup,
    Labelled,
    MeetingKind,
    Pillar,
    Profession,
    ProposalStatus,
    Sector,
    TeamRole,
    Theme,
    count_column,
)
from hubdesk.domain.helpdesk import EngagementKind, EngagementLevel
from hubdesk.domain.pillars import inclusion_column
from hubdesk.domain.trainings import TrainingFormat, profession_column
from hubdesk.i18n import N_, _, pN_


class Kind(StrEnum):
    MEMBERS = "members"
    MEETINGS = "meetings"
    ATTENDANCE = "attendance"
    ACTION_ITEMS = "action_items"
    YOUTH_ACTIVITIES = "youth_activities"
    FUND_PROPOSALS = "fund_proposals"
    BUDGET_LINES = "budget_lines"
    TRAININGS = "trainings"
    COMMUNITY_ACTIVITIES = "community_activities"
    ENGAGEMENTS = "engagements"


KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
IMPORTABLE: tuple[str, ...] = (
    Kind.MEMBERS.value,
    Kind.YOUTH_ACTIVITIES.value,
    Kind.TRAININGS.value,
    Kind.COMMUNITY_ACTIVITIES.value,
    Kind.ENGAGEMENTS.value,
)

KIND_LABELS: dict[str, str] = {
    "members": N_("Team members"),
    "meetings": N_("Meetings"),
    "attendance": N_("Attendance"),
    "action_items": N_("Action items"),
    "youth_activities": N_("Youth activities"),
    "fund_proposals": N_("Fund proposals"),
    "budget_lines": N_("Budget lines"),
    "trainings": N_("Trainings"),
    "community_activities": N_("Community activities"),
    "engagements": N_("Engagements"),
}


class ValueType(StrEnum):
    TEXT = "text"
    ID = "id"
    INT = "int"
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"
    ENUM = "enum"
    ENUMS = "enums"  # several codes (pillars)
    MONEY = "money"  # integer minor units; exported as major units
    REFERENCE = "reference"  # another record shown by name (a team), imported by name or id


@dataclass
class Lookups:
    """Names of related records, loaded once per export instead of once per row."""

    private: bool = False
    teams: dict[str, str] = field(default_factory=dict)
    members: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, org)
    municipalities: dict[str, str] = field(default_factory=dict)
    meetings: dict[str, dt.datetime] = field(default_factory=dict)  # id -> starts_at
    today: dt.date = field(default_factory=clock.today)

    def team(self, team_id: str | None) -> str:
        return self.teams.get(team_id or "", "")

    def member(self, member_id: str | None) -> str:
        return self.members.get(member_id or "", ("", ""))[0]


Getter = Callable[[Any, Lookups], Any]


@dataclass(frozen=True)
class Column:
    """One spreadsheet column. ``field`` names the service field an import writes, if any."""

    key: str
    header: str  # msgid, may hold {placeholders} filled from header_args (msgids too)
    type: ValueType
    get: Getter
    enum: builtins.type[Labelled] | None = None  # builtins: the field ``type`` shadows it here
    field: str | None = None
    private: bool = False  # left out unless private fields are asked for
    hub_only: bool = False  # only useful where rows of many municipalities are listed
    header_args: tuple[tuple[str, str], ...] = ()
    currency: Getter | None = None  # money: the ISO code of the row's currency

    def title(self) -> str:
        """The header in the current language."""
        text = _(self.header)
        if self.header_args:
            text = text.format(**{name: _(msgid) for name, msgid in self.header_args})
        return text


def attr(name: str) -> Getter:
    return lambda row, look: getattr(row, name)


def col(
    key: str, header: str, kind: ValueType = ValueType.TEXT, *, importable: bool = False, **kw: Any
) -> Column:
    return Column(
        key=key,
        header=header,
        type=kind,
        get=kw.pop("get", None) or attr(key),
        field=key if importable else None,
        **kw,
    )


@dataclass(frozen=True)
class AttendanceRow:
    meeting: Any
    member_id: str
    status: str


@dataclass(frozen=True)
class ProposalRow:
    proposal: Any
    totals: Any  # services.fund.ProposalTotals


@dataclass(frozen=True)
class BudgetRow:
    line: Any
    proposal: Any


D, DT, B = ValueType.DATE, ValueType.DATETIME, ValueType.BOOL
E, ES, M, N = ValueType.ENUM, ValueType.ENUMS, ValueType.MONEY, ValueType.INT
MUNICIPALITY = N_("Municipality")


def municipality_column(get: Getter | None = None) -> Column:
    return col(
        "municipality",
        MUNICIPALITY,
        get=get or (lambda r, look: look.municipalities.get(r.municipality_id, "")),
        hub_only=True,
    )


def id_column(header: str = N_("ID"), get: Getter | None = None) -> Column:
    return Column("id", header, ValueType.ID, get or attr("id"), field="id")


def team_column(importable: bool = True) -> Column:
    return Column(
        "team",
        N_("Team"),
        ValueType.REFERENCE,
        lambda r, look: look.team(r.team_id),
        field="team_id" if importable else None,
    )


MEMBERS: tuple[Column, ...] = (
    id_column(),
    municipality_column(),
    team_column(),
    col("name", N_("Name"), importable=True),
    col("organisation", N_("Organisation"), importable=True),
    col("sector", N_("Sector"), E, enum=Sector, importable=True),
    col("role", N_("Role in the team"), E, enum=TeamRole, importable=True),
    col("gender", N_("Gender"), E, enum=Gender, importable=True),
    col("joined_on", N_("Joined on"), D, importable=True),
    col("left_on", N_("Left on"), D, importable=True),
    col("trainings", N_("Trainings received"), importable=True),
    col("email", N_("E-mail"), importable=True, private=True),
    col("phone", N_("Phone"), importable=True, private=True),
    col("consent_on", N_("Consent given on"), D, importable=True),
    col("notes", N_("Notes"), importable=True, private=True),
)


def _minutes(meeting: Any, look: Lookups) -> str:
    # Minutes marked internal are private: they leave the PC only when asked for.
    return meeting.minutes if look.private or not meeting.minutes_internal else ""


MEETINGS: tuple[Column, ...] = (
    id_column(),
    municipality_column(),
    team_column(importable=False),
    col("starts_at", N_("Starts at"), DT),
    col("ends_at", N_("Ends at"), DT),
    col("place", N_("Place")),
    col("kind", N_("Kind of meeting"), E, enum=MeetingKind),
    col("pillars", N_("Pillars"), ES, enum=Pillar),
    col("themes", N_("Themes"), ES, enum=Theme),
    col("agenda", N_("Agenda")),
    col("minutes", N_("Minutes"), get=_minutes),
    col("minutes_internal", N_("Internal minutes"), B),
)

ATTENDANCE: tuple[Column, ...] = (
    col("meeting_id", N_("Meeting ID"), ValueType.ID, get=lambda r, look: r.meeting.id),
    col("starts_at", N_("Meeting date"), DT, get=lambda r, look: r.meeting.starts_at),
    col("team", N_("Team"), get=lambda r, look: look.team(r.meeting.team_id)),
    col("member_id", N_("Member ID"), ValueType.ID),
    col("member", N_("Member"), get=lambda r, look: look.member(r.member_id)),
    col(
        "organisation",
        N_("Organisation"),
        get=lambda r, look: look.members.get(r.member_id, ("", ""))[1],
    ),
    col("status", N_("Attendance"), E, enum=AttendanceStatus),
)


def _overdue(item: Any, look: Lookups) -> bool:
    open_ = item.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    return bool(open_ and item.due_on is not None and item.due_on < look.today)


ACTION_ITEMS: tuple[Column, ...] = (
    id_column(),
    municipality_column(),
    team_column(importable=False),
    col("meeting", N_("Meeting date"), DT, get=lambda r, look: look.meetings.get(r.meeting_id)),
    col("title", N_("Action")),
    col("owner", N_("Owner"), get=lambda r, look: look.member(r.owner_member_id)),
    col("due_on", N_("Due on"), D),
    col("status", N_("Status"), E, enum=ActionStatus),
    col("done_on", N_("Done on"), D),
    col("overdue", N_("Overdue"), B, get=_overdue),
)


def _grid_column(gender: Gender, band: AgeBand) -> Column:
    return col(
        count_column(gender, band),
        N_("{gender}, {age}"),
        N,
        importable=True,
        header_args=(("gender", gender.labels()[gender]), ("age", band.labels()[band])),
    )


def _inclusion_column(group: InclusionGroup) -> Column:
    """Participants counted in one inclusion group (counts only, never names)."""
    return col(
        inclusion_column(group),
        N_("Inclusion: {group}"),
        N,
        importable=True,
        header_args=(("group", group.labels()[group]),),
    )


YOUTH_ACTIVITIES: tuple[Column, ...] = (
    id_column(),
    municipality_column(),
    team_column(),
    col("title", N_("Title"), importable=True),
    col("activity_type", N_("Type of activity"), E, enum=ActivityType, importable=True),
    col("starts_on", N_("Starts on"), D, importable=True),
    col("ends_on", N_("Ends on"), D, importable=True),
    col("place", N_("Place"), importable=True),
    col("partners", N_("Partners"), importable=True),
    col("pillars", N_("Pillars"), ES, enum=Pillar, importable=True),
    col("themes", N_("Themes"), ES, enum=Theme, importable=True),
    col("youth_led", N_("Youth-led"), B, importable=True),
    col("participants_total", N_("Participants in total"), N, importable=True),
    col("marginalised", N_("From marginalised groups"), N, importable=True),
    *(_grid_column(g, b) for g in Gender for b in AgeBand),
    *(_inclusion_column(g) for g in InclusionGroup),
    col("outcome", N_("Outcome"), importable=True),
    col("fed_into_decision", N_("Fed into a local decision or plan"), B, importable=True),
    col("decision_note", N_("Which decision or plan"), importable=True),
)


def _total(name: str) -> Getter:
    return lambda r, look: getattr(r.totals, name)


def _proposal(name: str) -> Getter:
    return lambda r, look: getattr(r.proposal, name)


def _proposal_currency(r: Any, look: Lookups) -> str:
    return str(r.proposal.currency)


def _money(key: str, header: str, get: Getter) -> Column:
    return col(key, header, M, get=get, currency=_proposal_currency)


FUND_PROPOSALS: tuple[Column, ...] = (
    id_column(get=_proposal("id")),
    municipality_column(lambda r, look: look.municipalities.get(r.proposal.municipality_id, "")),
    col("reference", N_("Reference"), get=_proposal("reference")),
    col("title", N_("Title"), get=_proposal("title")),
    col("status", N_("Status"), E, enum=ProposalStatus, get=_proposal("status")),
    col("pillars", N_("Pillars"), ES, enum=Pillar, get=_proposal("pillars")),
    col("themes", N_("Themes"), ES, enum=Theme, get=_proposal("themes")),
    col("period_start", N_("Period from"), D, get=_proposal("period_start")),
    col("period_end", N_("Period to"), D, get=_proposal("period_end")),
    _money("requested", N_("Requested"), _total("requested_minor")),
    _money("cofunding", N_("Co-funding"), _total("cofunding_minor")),
    _money("total", N_("Total budget"), _total("total_minor")),
    _money("approved", pN_("column header", "Approved"), _total("approved_minor")),
    _money("spent", N_("Spent"), _total("spent_minor")),
    col("currency", N_("Currency"), get=_proposal_currency),
    col("summary", N_("Summary"), get=_proposal("summary")),
    col("target_groups", N_("Target groups"), get=_proposal("target_groups")),
    col("partners", N_("Partners"), get=_proposal("partners")),
    # The sections a reviewer reads (the workplan and indicators are lists of their own).
    col("need", N_("Need addressed"), get=_proposal("need")),
    col("beneficiaries", N_("Beneficiaries"), get=_proposal("beneficiaries")),
    col("sustainability", N_("Sustainability"), get=_proposal("sustainability")),
    col("partner_roles", N_("Partners' roles"), get=_proposal("partner_roles")),
    col("dnh_risks", N_("Risks to participants and communities"), get=_proposal("dnh_risks")),
    col(
        "dnh_sensitive_groups",
        N_("Sensitive groups involved"),
        get=_proposal("dnh_sensitive_groups"),
    ),
    col("dnh_stigma", N_("How stigma and securitisation are avoided"), get=_proposal("dnh_stigma")),
    col("dnh_data_protection", N_("Data protection"), get=_proposal("dnh_data_protection")),
    col("dnh_mitigation", N_("Mitigation"), get=_proposal("dnh_mitigation")),
    col("summary_en", N_("Summary in English"), get=_proposal("summary_en")),
    col("report_submitted_on", N_("Report submitted on"), D, get=_proposal("report_submitted_on")),
)


def _line(name: str) -> Getter:
    return lambda r, look: getattr(r.line, name)


BUDGET_LINES: tuple[Column, ...] = (
    id_column(get=_line("id")),
    municipality_column(lambda r, look: look.municipalities.get(r.proposal.municipality_id, "")),
    col("reference", N_("Proposal"), get=_proposal("reference")),
    col("proposal_title", N_("Proposal title"), get=_proposal("title")),
    col("position", N_("Line"), N, get=_line("position")),
    col("category", N_("Category"), E, enum=BudgetCategory, get=_line("category")),
    col("description", N_("Description"), get=_line("description")),
    col("quantity", N_("Quantity"), N, get=_line("quantity")),
    _money("unit_cost", N_("Unit cost"), _line("unit_cost_minor")),
    _money("line_total", N_("Total"), _line("total_minor")),
    _money("spent", N_("Spent"), _line("spent_minor")),
    col("currency", N_("Currency"), get=_proposal_currency),
)


def _profession_column(profession: Profession, gender: Gender) -> Column:
    return col(
        profession_column(profession, gender),
        N_("{profession}, {gender}"),
        N,
        importable=True,
        header_args=(
            ("profession", profession.labels()[profession]),
            ("gender", gender.labels()[gender]),
        ),
    )


# The team members who took part and the need a training answers are links to other records,
# which a sheet cannot name reliably: they stay out of the import (the wizard says so). The
# head count is the grid's sum, exported for readers and never imported.
TRAININGS: tuple[Column, ...] = (
    id_column(),
    municipality_column(),
    col("title", N_("Title"), importable=True),
    col("topic", N_("Topic"), importable=True),
    col("format", N_("Format"), E, enum=TrainingFormat, importable=True),
    col("starts_on", N_("Starts on"), D, importable=True),
    col("ends_on", N_("Ends on"), D, importable=True),
    col("place", N_("Place"), importable=True),
    col("organiser", N_("Organiser"), importable=True),
    col("trainer_name", N_("Trainer (if not a team member)"), importable=True),
    col("pillars", N_("Pillars"), ES, enum=Pillar, importable=True),
    col("themes", N_("Themes"), ES, enum=Theme, importable=True),
    col("train_the_trainer", N_("It trained trainers"), B, importable=True),
    col("participants_total", N_("Participants in total"), N, get=lambda r, look: r.grid_total()),
    *(_profession_column(p, g) for p in Profession for g in Gender),
    *(_inclusion_column(g) for g in InclusionGroup),
    col("notes", N_("Notes"), importable=True, private=True),
)

COMMUNITY_ACTIVITIES: tuple[Column, ...] = (
    id_column(),
    municipality_column(),
    col("title", N_("Title"), importable=True),
    col("activity_type", N_("Type of activity"), E, enum=CommunityActivityType, importable=True),
    col("audiences", N_("Target groups"), ES, enum=Audience, importable=True),
    col("starts_on", N_("Starts on"), D, importable=True),
    col("ends_on", N_("Ends on"), D, importable=True),
    col("place", N_("Place"), importable=True),
    col("partners", N_("Partners"), importable=True),
    col("pillars", N_("Pillars"), ES, enum=Pillar, importable=True),
    col("themes", N_("Themes"), ES, enum=Theme, importable=True),
    col("participants_total", N_("Participants in total"), N, importable=True),
    col("n_female", N_("Women"), N, importable=True),
    col("n_male", N_("Men"), N, importable=True),
    col("n_other", N_("Other or not stated"), N, importable=True),
    *(_inclusion_column(g) for g in InclusionGroup),
    col("outcome", N_("Outcome"), importable=True),
)

ENGAGEMENTS: tuple[Column, ...] = (
    id_column(),
    municipality_column(),
    col("counterpart", N_("Counterpart institution"), importable=True),
    col("level", N_("Level"), E, enum=EngagementLevel, importable=True),
    col("kind", N_("Kind of engagement"), E, enum=EngagementKind, importable=True),
    col("engaged_on", N_("Date"), D, importable=True),
    col("pillars", N_("Pillars"), ES, enum=Pillar, importable=True),
    col("themes", N_("Themes"), ES, enum=Theme, importable=True),
    col("raised", N_("What the city raised"), importable=True),
    col("answer", N_("The answer received"), importable=True),
    col("follow_up_on", N_("Follow up on"), D, importable=True),
    col("follow_up_done", N_("Followed up"), B, importable=True),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "members": MEMBERS,
    "meetings": MEETINGS,
    "attendance": ATTENDANCE,
    "action_items": ACTION_ITEMS,
    "youth_activities": YOUTH_ACTIVITIES,
    "fund_proposals": FUND_PROPOSALS,
    "budget_lines": BUDGET_LINES,
    "trainings": TRAININGS,
    "community_activities": COMMUNITY_ACTIVITIES,
    "engagements": ENGAGEMENTS,
}


def columns_for(kind: str, *, private: bool = False, hub: bool = False) -> list[Column]:
    """The columns an export of ``kind`` writes (private and hub-only ones when they apply)."""
    return [
        c for c in COLUMNS[Kind(kind)] if (private or not c.private) and (hub or not c.hub_only)
    ]


def import_columns(kind: str) -> list[Column]:
    """Columns an import can read into a field, in the order the mapping screen lists them."""
    return [c for c in COLUMNS[Kind(kind)] if c.field is not None]


def field_column(kind: str, field_name: str) -> Column:
    for column in import_columns(kind):
        if column.field == field_name:
            return column
    raise KeyError(field_name)
