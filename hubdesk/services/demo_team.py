"""The demo team, its members and three years of meetings with everything recorded at them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hubdesk.domain.enums import (
    ActionStatus,
    AttendanceStatus,
    MeetingKind,
    Pillar,
    TeamKind,
)
from hubdesk.domain.meetings import attendance_id
from hubdesk.i18n.scripts import other_script_form, script_of
from hubdesk.i18n.translit import to_cyrillic
from hubdesk.services import demo_data as data
from hubdesk.services import demo_texts as texts
from hubdesk.services.demo_rows import Block, Row, at, in_order

MEETING_KINDS = {
    MeetingKind.REGULAR: 70,
    MeetingKind.WORKING_GROUP: 12,
    MeetingKind.TRAINING: 8,
    MeetingKind.PUBLIC: 6,
    MeetingKind.EXTRAORDINARY: 4,
}
OPEN_STATES = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)
MIN_OVERDUE = 3  # every demo team has a few overdue action items to show


@dataclass(frozen=True)
class Seated:
    """A member as the meeting generator needs them: who, and when they were on the team."""

    id: str
    joined_on: dt.date
    left_on: dt.date | None
    reliability: float  # chance of being present at a meeting

    def active_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)


def build_team(block: Block) -> tuple[str, list[Seated]]:
    """The team row and its members (a few of whom left and were replaced)."""
    rng, plan = block.rng, block.plan
    established = plan.start - dt.timedelta(days=rng.randint(30, 150))
    suffix = f" {block.index + 1}" if block.index else ""
    words = data.TEAM_NAMES.get(plan.country, data.TEAM_NAMES["MK"])
    if script_of(plan.name) == "Cyrl" and script_of(words) == "Latn":
        words = to_cyrillic(words)  # one script in one name: "Локални савет ... — Нови Пазар"
    name = f"{words} — {plan.name}{suffix}"
    team = block.add(
        "teams",
        block.later(established),
        {
            "municipality_id": plan.municipality_id,
            "name": name,
            "name_other_script": other_script_form(name, plan.country),
            "kind": TeamKind.CAT.value if plan.country == "MK" else TeamKind.PREVENTION_TEAM.value,
            "established_on": established,
            "mandate_ref": texts.texts_for(plan.country).mandate.format(
                number=rng.randint(1000, 9999), part=rng.randint(1, 20), day=established
            ),
        },
    )
    seated: list[Seated] = []
    names: set[str] = set()
    for number, seat in enumerate(data.place_for(plan.country).seats):
        joined = established
        if rng.random() < 0.2:
            joined += dt.timedelta(days=rng.randint(7, 90))
        left = None
        if number in data.ROTATING_SEATS:
            left = block.day_between(
                plan.start + dt.timedelta(days=200), plan.today - dt.timedelta(days=200)
            )
        seated.append(_member(block, team["id"], seat, joined, left, names))
        if left is not None:
            rejoined = left + dt.timedelta(days=rng.randint(7, 40))
            seated.append(_member(block, team["id"], seat, rejoined, None, names))
    return team["id"], seated


def _member(
    block: Block,
    team_id: str,
    seat: data.Seat,
    joined: dt.date,
    left: dt.date | None,
    names: set[str],
) -> Seated:
    rng, town = block.rng, data.place_for(block.plan.country)
    gender = seat.gender or rng.choice(("female", "male"))
    who = town.person(rng, town.community(rng, seat.community), gender)
    while who.name in names:
        who = town.person(rng, town.community(rng, seat.community), gender)
    names.add(who.name)
    trainings = rng.sample(town.trainings, rng.randint(0, 3))
    years = [block.day_between(joined, left or block.plan.today).year for _ in trainings]
    row = block.add(
        "members",
        block.later(left or joined),
        {
            "team_id": team_id,
            "municipality_id": block.plan.municipality_id,
            "name": who.name,
            "organisation": seat.organisation,
            "sector": seat.sector.value,
            "role": seat.role.value,
            "gender": who.gender,
            "joined_on": joined,
            "left_on": left,
            "trainings": "\n".join(f"{t} ({y})" for t, y in zip(trainings, years, strict=True)),
            "email": who.email if rng.random() < 0.8 else "",
            "phone": town.phone(rng) if rng.random() < 0.7 else "",
            "consent_on": joined,
            "notes": texts.texts_for(block.plan.country).replaced if left else "",
        },
    )
    return Seated(row["id"], joined, left, rng.uniform(0.7, 0.95))


def meeting_days(block: Block) -> list[dt.date]:
    """About two meetings a month, never at weekends, none in August or early January."""
    rng, plan = block.rng, block.plan
    days: list[dt.date] = []
    day = plan.start + dt.timedelta(days=rng.randint(3, 10))
    while day < plan.today:
        if day.weekday() >= 5:
            day += dt.timedelta(days=7 - day.weekday())
        if day >= plan.today:
            break
        if day.month != 8 and not (day.month == 1 and day.day < 10):
            days.append(day)
        day += dt.timedelta(days=rng.randint(10, 17))
    return days


def build_meetings(block: Block, team_id: str, members: list[Seated]) -> None:
    for day in meeting_days(block):
        _meeting(block, team_id, members, day)
    _keep_some_overdue(block)


def _meeting(block: Block, team_id: str, members: list[Seated], day: dt.date) -> None:
    rng, plan = block.rng, block.plan
    local, town = texts.texts_for(plan.country), data.place_for(plan.country)
    starts = at(day, rng.choice((8, 9, 11, 12)), rng.choice((0, 30)))
    ends = starts + dt.timedelta(minutes=rng.randrange(90, 181, 15))
    entered = ends + dt.timedelta(hours=rng.randint(2, 48))
    active = [m for m in members if m.active_on(day)]
    statuses = {m.id: _attendance(block, m) for m in active}
    present = sum(1 for s in statuses.values() if s == AttendanceStatus.PRESENT)
    topics = rng.sample(local.meeting_topics, rng.randint(1, 2))
    kind = rng.choices(list(MEETING_KINDS), weights=list(MEETING_KINDS.values()))[0]
    pillars = {Pillar.COOPERATION.value} if rng.random() < 0.6 else set()
    pillars.update(p.value for p in rng.sample(list(Pillar), rng.randint(1, 2)))
    meeting = block.add(
        "meetings",
        entered,
        {
            "team_id": team_id,
            "municipality_id": plan.municipality_id,
            "starts_at": starts,
            "ends_at": ends,
            "place": rng.choice(town.meeting_places),
            "kind": kind.value,
            "pillars": in_order(pillars),
            "agenda": local.agenda(topics),
            "minutes": local.minutes(rng, topics, present, len(active)),
            "minutes_internal": rng.random() < 0.15,
        },
    )
    meeting_id = meeting["id"]
    for member_id, status in statuses.items():
        block.add(
            "attendance",
            entered,
            {"meeting_id": meeting_id, "member_id": member_id, "status": status},
            record_id=attendance_id(meeting_id, member_id),
        )
    if rng.random() < 0.4:
        for organisation in rng.sample(town.guest_organisations, rng.randint(1, 2)):
            block.add(
                "meeting_guests",
                entered,
                {
                    "meeting_id": meeting_id,
                    "organisation": organisation,
                    "count": rng.randint(1, 3),
                },
            )
    for position in range(rng.randint(1, 3)):
        text = local.decisions[0] if position == 0 else rng.choice(local.decisions[1:])
        block.add(
            "decisions",
            entered,
            {"meeting_id": meeting_id, "position": position, "text": text.format(topic=topics[0])},
        )
    owners = [m for m in active if statuses[m.id] == AttendanceStatus.PRESENT] or active
    for title in rng.sample(local.action_items, rng.choice((1, 1, 2, 2, 2, 3, 3, 4))):
        _action_item(block, meeting, rng.choice(owners).id, title, day, entered)


def _attendance(block: Block, member: Seated) -> str:
    roll = block.rng.random()
    if roll < member.reliability:
        return AttendanceStatus.PRESENT.value
    if roll < member.reliability + (1 - member.reliability) * 0.65:
        return AttendanceStatus.EXCUSED.value
    return AttendanceStatus.ABSENT.value


def _action_item(
    block: Block, meeting: Row, owner_id: str, title: str, day: dt.date, entered: dt.datetime
) -> None:
    rng, today = block.rng, block.plan.today
    due = day + dt.timedelta(days=rng.randint(14, 60))
    last_day = today - dt.timedelta(days=1)
    roll = rng.random()
    if due < today:
        done_chance, cancel_chance = 0.87, 0.05
    else:
        done_chance, cancel_chance = (0.25 if day < last_day else 0.0), 0.0
    done_on = None
    if roll < done_chance:
        status = ActionStatus.DONE.value
        done_on = block.day_between(
            day + dt.timedelta(days=1), min(due + dt.timedelta(days=10), last_day)
        )
    elif roll < done_chance + cancel_chance:
        status = ActionStatus.CANCELLED.value
    else:
        status = rng.choice(OPEN_STATES)
    moment = block.later(done_on) if done_on else entered
    block.add(
        "action_items",
        moment,
        {
            "meeting_id": meeting["id"],
            "team_id": meeting["team_id"],
            "municipality_id": meeting["municipality_id"],
            "title": title,
            "owner_member_id": owner_id,
            "due_on": due,
            "status": status,
            "done_on": done_on,
        },
    )


def _keep_some_overdue(block: Block) -> None:
    """Chance could leave a team with no overdue item; reopen its latest late ones if so."""
    today = block.plan.today
    items = block.rows["action_items"]
    late = [r for r in items if r["due_on"] < today]
    overdue = [r for r in late if r["status"] in OPEN_STATES]
    for row in sorted(late, key=lambda r: r["due_on"], reverse=True):
        if len(overdue) >= MIN_OVERDUE:
            break
        if row["status"] == ActionStatus.DONE.value:
            row["status"], row["done_on"] = ActionStatus.OPEN.value, None
            overdue.append(row)
