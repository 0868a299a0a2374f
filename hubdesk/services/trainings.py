"""The capacity-building register: a municipality's trainings and the team members in them.

Participants from outside the team are counted by profession × gender and inclusion group,
never named. Team members who took part are linked, one ``TrainingMember`` each (as a
participant or as the trainer), so a member's trainings derive from the register. A member who
is a trainer (the trainer of a training, or trained as a trainer) is hard to replace: leaving the
team warns first (``trainer_roles``, ``member_leaves``) and still lets the person leave.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import Member, Training, TrainingMember
from hubdesk.domain.enums import Theme
from hubdesk.domain.pillars import INCLUSION_COLUMNS
from hubdesk.domain.trainings import PROFESSION_COLUMNS, TrainingRole, training_member_id
from hubdesk.i18n import N_, _
from hubdesk.services import needs_link, records, team
from hubdesk.services.area import flags, normalised, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.rules import trainings as rules
from hubdesk.services.team import require_municipality
from hubdesk.services.twins import refuse_twin
from hubdesk.services.validation import Checker, unknown_fields

TRAINING_FIELDS = (
    "title",
    "topic",
    "pillars",
    "themes",
    "starts_on",
    "ends_on",
    "place",
    "organiser",
    "trainer_name",
    "format",
    "train_the_trainer",
    "notes",
    *needs_link.LINK_FIELDS,
    *PROFESSION_COLUMNS,
    *INCLUSION_COLUMNS,
)
TRAINING = N_("training")
COUNTS = rules.COUNTS


def _stored(current: Training | None) -> dict[str, Any]:
    if current is None:
        return dict.fromkeys(COUNTS, 0)
    return {name: getattr(current, name) for name in (*COUNTS, "starts_on", "ends_on")}


SAME_TRAINING = N_(
    "A training with this title that started on the same day is already recorded. Open it "
    "to change it, or give this one a title of its own."
)


def check_training(
    session: Session, ctx: ServiceContext, data: Mapping[str, Any], current: Training | None
) -> dict[str, Any]:
    """The values to store, or a ValidationError naming every problem (the need a training
    answers is one of its own municipality's, as a proposal's is)."""
    unknown_fields(data, TRAINING_FIELDS)
    # An empty grid cell means nobody of that profession and gender came.
    data = {k: (0 if k in COUNTS and v is None else v) for k, v in data.items()}
    check = Checker()
    required = ("title", "starts_on")
    check.required(data, *(required if current is None else [k for k in required if k in data]))
    check.text(data, Training)
    plain_text(check, data, "notes")
    check.choices(data, "pillars")
    check.choices(data, "themes")
    check.date(data, "starts_on")
    check.date(data, "ends_on")
    flags(check, data, "train_the_trainer")
    for name in COUNTS:
        check.count(data, name)
    check.rules(rules.check_training({**_stored(current), **data}, changed=data))
    needs_link.check_need_link(session, check, ctx.municipality_id, data, current)
    key = ("title", "starts_on")
    refuse_twin(session, check, Training, ctx.municipality_id, key, data, current, SAME_TRAINING)
    check.done()
    values = normalised(
        data,
        ("topic", "place", "organiser", "trainer_name", "notes", "need_pillar"),
        ("train_the_trainer",),
    )
    if "themes" in values:
        chosen = set(values["themes"] or ())
        values["themes"] = [t.value for t in Theme if t.value in chosen]
    if values.get("format") is None and (current is None or "format" in values):
        values["format"] = "in_person"  # an emptied format is the usual one
    return values


def own_training(session: Session, ctx: ServiceContext, training_id: str) -> Training:
    return records.owned(session, ctx, Training, training_id, TRAINING)


def _check_members(session: Session, ctx: ServiceContext, members: Mapping[str, str]) -> None:
    """Only this municipality's own members take part, each in a known role (``sync/links.py``
    refuses the same in a bundle)."""
    check = Checker()
    for member_id, role in members.items():
        member = session.get(Member, member_id) if isinstance(member_id, str) else None
        if member is None or member.deleted or member.municipality_id != ctx.municipality_id:
            check.add("members", N_("Choose members of this municipality's teams."))
            break
        if role not in {r.value for r in TrainingRole}:
            check.add("members", N_("'{value}' is not one of the allowed choices."), value=role)
            break
    check.done()


def _set_members(
    session: Session, ctx: ServiceContext, training_id: str, members: Mapping[str, str]
) -> None:
    """Make the training's member links exactly ``members`` (member id -> role)."""
    _check_members(session, ctx, members)
    held = {
        link.member_id: link
        for link in session.scalars(
            select(TrainingMember).where(TrainingMember.training_id == training_id)
        )
    }
    for member_id, stale in held.items():
        if member_id not in members and not stale.deleted:
            records.tombstone(session, ctx, stale)
    for member_id, role in members.items():
        link = held.get(member_id)
        if link is None:
            values = {
                "id": training_member_id(training_id, member_id),
                "training_id": training_id,
                "member_id": member_id,
                "role": role,
            }
            records.create(session, ctx, TrainingMember, values)
        elif link.deleted:
            records.change(session, ctx, link, {"deleted": False, "role": role}, "restore")
        else:
            records.change(session, ctx, link, {"role": role})


def create_training(
    ctx: ServiceContext, data: Mapping[str, Any], members: Mapping[str, str] | None = None
) -> Training:
    """A new training, with the team members who took part (member id -> role)."""
    municipality_id = require_municipality(ctx)
    with ctx.transaction() as session:
        values = check_training(session, ctx, data, None)
        training = records.create(
            session, ctx, Training, {**values, "municipality_id": municipality_id}
        )
        session.flush()
        _set_members(session, ctx, training.id, members or {})
        return training


def update_training(
    ctx: ServiceContext,
    training_id: str,
    data: Mapping[str, Any],
    members: Mapping[str, str] | None = None,
) -> Training:
    """Change a training; ``members`` (when given) replaces who took part."""
    with ctx.transaction() as session:
        training = own_training(session, ctx, training_id)
        records.change(session, ctx, training, check_training(session, ctx, data, training))
        if members is not None:
            _set_members(session, ctx, training.id, members)
        return training


def delete_training(ctx: ServiceContext, training_id: str) -> None:
    with ctx.transaction() as session:
        training = own_training(session, ctx, training_id)
        links = select(TrainingMember).where(TrainingMember.training_id == training_id)
        for link in session.scalars(links):
            records.tombstone(session, ctx, link)
        records.tombstone(session, ctx, training)


def get_training(ctx: ServiceContext, training_id: str) -> Training:
    with ctx.read() as session:
        training = records.live(session, Training, training_id, TRAINING)
        if ctx.municipality_id is not None and training.municipality_id != ctx.municipality_id:
            raise PermissionDenied(N_("This record belongs to another municipality."))
        return training


@dataclass(frozen=True)
class TakingPart:
    """One team member in one training."""

    member_id: str
    member_name: str
    training_id: str
    training_title: str
    starts_on: dt.date
    role: str
    train_the_trainer: bool

    @property
    def is_trainer(self) -> bool:
        """The trainer of the training, or trained as a trainer in a train-the-trainer one."""
        return self.role == TrainingRole.TRAINER or self.train_the_trainer


def _taking_part(ctx: ServiceContext, *where: Any) -> list[TakingPart]:
    query = (
        select(TrainingMember, Member.name, Training)
        .join(Member, Member.id == TrainingMember.member_id)
        .join(Training, Training.id == TrainingMember.training_id)
        .where(~TrainingMember.deleted, ~Training.deleted, ~Member.deleted, *where)
        .order_by(Training.starts_on.desc(), Training.title, Member.name)
    )
    if ctx.municipality_id is not None:
        query = query.where(Training.municipality_id == ctx.municipality_id)
    with ctx.read() as session:
        return [
            TakingPart(
                member_id=link.member_id,
                member_name=name,
                training_id=training.id,
                training_title=training.title,
                starts_on=training.starts_on,
                role=link.role,
                train_the_trainer=training.train_the_trainer,
            )
            for link, name, training in session.execute(query)
        ]


def training_members(ctx: ServiceContext, training_id: str) -> list[TakingPart]:
    """The team members who took part in one training."""
    return _taking_part(ctx, TrainingMember.training_id == training_id)


def member_trainings(ctx: ServiceContext, member_id: str) -> list[TakingPart]:
    """A member's trainings, derived from the register (newest first)."""
    return _taking_part(ctx, TrainingMember.member_id == member_id)


def taking_part_of(ctx: ServiceContext, member_ids: list[str]) -> list[TakingPart]:
    """The trainings of several members at once (a roster of the whole team)."""
    if not member_ids:
        return []
    return _taking_part(ctx, TrainingMember.member_id.in_(member_ids))


def trainer_roles(ctx: ServiceContext, member_id: str) -> list[TakingPart]:
    """The trainings that make a member one of the team's trainers."""
    return [part for part in member_trainings(ctx, member_id) if part.is_trainer]


def trainer_warning(ctx: ServiceContext, member_id: str) -> str | None:
    """What to tell a person about to record that ``member_id`` leaves, if the member is a
    trainer (translated), or None."""
    roles = trainer_roles(ctx, member_id)
    if not roles:
        return None
    name = roles[0].member_name
    titles = ", ".join(dict.fromkeys(part.training_title for part in roles))
    return _(
        "{name} is one of the team's trainers ({trainings}). Once {name} leaves, the team may "
        "need someone else trained as a trainer."
    ).format(name=name, trainings=titles)


@dataclass(frozen=True)
class Leaving:
    """A member recorded as leaving, and the warning a person should read (or None)."""

    member: Member
    warning: str | None


def member_leaves(ctx: ServiceContext, member_id: str, left_on: dt.date | None = None) -> Leaving:
    """Record that a member leaves the team on ``left_on`` (today when not given). A trainer
    may leave too; the result carries the warning for whoever records it. A member who left
    already keeps the day recorded unless another day is given (a correction): leaving again
    "today" would rewrite when they left."""
    current = team.get_member(ctx, member_id)
    if left_on is None and current.left_on is not None:
        from hubdesk.i18n.formatting import format_date

        raise ValidationError.single(
            "left_on",
            N_("{name} left the team on {date} already."),
            name=current.name,
            date=format_date(current.left_on),
        )
    warning = trainer_warning(ctx, member_id)
    member = team.update_member(ctx, member_id, {"left_on": left_on or clock.today()})
    return Leaving(member, warning)


def leaving_warning(ctx: ServiceContext, member_id: str, changes: Mapping[str, Any]) -> str | None:
    """The trainer warning when ``changes`` to a member set a leaving date, before saving."""
    left_on = changes.get("left_on")
    if not isinstance(left_on, dt.date):
        return None
    current = team.get_member(ctx, member_id)
    if current.left_on is not None and current.left_on <= left_on:
        return None  # already left; only the day is corrected
    return trainer_warning(ctx, member_id)


def members_text(parts: list[TakingPart]) -> str:
    """The team members of a training on one line, trainers marked."""
    return ", ".join(
        f"{p.member_name} ({TrainingRole(p.role).label})"
        if p.role == TrainingRole.TRAINER
        else p.member_name
        for p in parts
    )
