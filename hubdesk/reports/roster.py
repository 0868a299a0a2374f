"""The team roster by sector, with roles and dates; contact details only when asked for."""

from __future__ import annotations

from collections import defaultdict

from reportlab.platypus import Flowable

from hubdesk.domain import Member
from hubdesk.domain.enums import Gender, Sector, TeamKind, role_msgid
from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.base import Built, ReportSpec, Request
from hubdesk.reports.blocks import Cell, Column
from hubdesk.reports.data.scope import resolve_municipality
from hubdesk.reports.data.team import TeamRoster, roster
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.trainings import HeldTrainings, member_trainings

TITLE = N_("Team roster")


def build(req: Request) -> Built:
    tr = req.tr
    municipality = resolve_municipality(req.ctx, req.record_id)
    # A period that ends after today (this year's roster, --year of the current year) lists
    # the team as it stands today: no one knows yet who will be a member on 31 December.
    on = min(req.period.end, req.today)
    since = req.period.start if req.period_given else None
    teams = roster(req.ctx, municipality.id, on, since)
    scope = tr("Members on {date}", date=tr.date(on))
    story: list[Flowable] = blocks.title_block(tr, TITLE, [tr.name(municipality), scope])
    if req.include_contacts:
        story.append(
            blocks.note(tr("Contains personal contact details: do not pass this list on."))
        )
    if not any(t.members or t.left for t in teams):
        heading = blocks.NO_DATA_PERIOD if req.period_given else blocks.NO_DATA_YET
        story += blocks.no_data(tr, N_("No team members are recorded for this date."), heading)
        return Built(TITLE, tr.name(municipality), scope, story)
    everyone = [m.id for t in teams for m in (*t.members, *t.left)]
    held = member_trainings(req.ctx, everyone, on)
    for index, entry in enumerate(teams):
        if index:
            story.append(blocks.spacer(6))
        story += _team(tr, entry, req.include_contacts, municipality.country, held)
    return Built(TITLE, tr.name(municipality), scope, story)


def _team(
    tr: ReportLanguage,
    entry: TeamRoster,
    contacts: bool,
    country: str,
    held: dict[str, HeldTrainings],
) -> list[Flowable]:
    team = entry.team
    out: list[Flowable] = [
        blocks.heading(tr, N_("Team: {name}"), name=tr.name(team, country)),
        blocks.facts(
            tr,
            [
                (N_("Kind of team"), tr.label(TeamKind, team.kind)),
                (N_("Established on"), tr.date(team.established_on)),
                (N_("Mandate"), team.mandate_ref or ""),
                (N_("Members"), tr.number(len(entry.members))),
            ],
        ),
    ]
    if entry.members:
        out.append(blocks.spacer(2))
        out.append(_members_table(tr, entry.members, contacts, held))
    if entry.left:
        out.append(blocks.heading(tr, N_("Left the team during the period"), 2))
        out.append(_members_table(tr, entry.left, contacts, held, left=True))
    return out


def _members_table(
    tr: ReportLanguage,
    members: list[Member],
    contacts: bool,
    held: dict[str, HeldTrainings],
    left: bool = False,
) -> Flowable:
    """One table for the team, members grouped under a shaded row per sector."""
    columns = [
        Column(N_("Name"), 2.3),
        Column(N_("Organisation"), 2.7),
        Column(N_("Role in team"), 1.6),
        Column(N_("Gender"), 1.2),
        Column(N_("Left on") if left else N_("Joined on"), 1.6),
    ]
    # A training a member gave is no training received: its own column, when anyone gave one.
    given = any(held[m.id].given for m in members if m.id in held)
    received = 4.2 if not contacts else 3.2
    if given:
        columns += [
            Column(N_("Trainings received"), received * 0.55),
            Column(N_("Trainings given"), received * 0.45),
        ]
    else:
        columns.append(Column(N_("Trainings received"), received))
    if contacts:
        columns.append(Column(N_("Contact"), 2.6))
    by_sector: dict[str, list[Member]] = defaultdict(list)
    for member in members:
        by_sector[member.sector].append(member)
    order = [s.value for s in Sector] + sorted(set(by_sector) - {s.value for s in Sector})
    rows: list[list[Cell]] = []
    groups: list[int] = []
    for sector in order:
        if sector not in by_sector:
            continue
        groups.append(len(rows))
        rows.append([tr.label(Sector, sector), *([""] * (len(columns) - 1))])
        for m in by_sector[sector]:
            row: list[Cell] = [
                m.name,
                m.organisation,
                tr.both(role_msgid(m.role, m.gender)),
                tr.label(Gender, m.gender),
                tr.date(m.left_on if left else m.joined_on),
                # the register's trainings first, then the free text typed before it
                "\n".join(
                    [
                        *held.get(m.id, HeldTrainings()).received,
                        *(x.strip() for x in m.trainings.splitlines() if x.strip()),
                    ]
                ),
            ]
            if given:
                row.append("\n".join(held.get(m.id, HeldTrainings()).given))
            if contacts:
                row.append("\n".join(v for v in (m.email, m.phone) if v))
            rows.append(row)
    return blocks.table(tr, columns, rows, group_rows=groups)


SPEC = ReportSpec(
    kind="roster",
    title=TITLE,
    description=N_("The team by sector with roles and dates (contacts only when asked for)."),
    build=build,
    record=N_("municipality"),
)
