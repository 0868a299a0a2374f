"""``hubdesk trainings``: the capacity-building register for scripts.

``list``, ``show`` and ``summary`` read (the hub reads the whole region: "how many teachers
were trained this year, and by whom" is ``summary --year Y --profession teacher``); ``add``
records a training on a municipality's PC; ``leave`` records that a team member leaves, with
the warning when the member is one of the team's trainers.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from hubdesk.commands.common import CliEnv, CliError, iso_date
from hubdesk.domain import Training
from hubdesk.domain.enums import Gender, Pillar, Profession, Theme
from hubdesk.domain.pillars import INCLUSION_COLUMNS, inclusion_column
from hubdesk.domain.trainings import TrainingFormat, TrainingRole, profession_column
from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_date

if TYPE_CHECKING:
    from hubdesk.services.context import ServiceContext

PROFESSIONS = [p.value for p in Profession]


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, metavar="YYYY", help=_("only trainings of this year"))
    parser.add_argument("--profession", choices=PROFESSIONS, help=_("only this profession"))
    parser.add_argument(
        "--municipality", metavar="NAME", help=_("on the hub: only this municipality's trainings")
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "trainings",
        help=_("list, add and sum up trainings (capacity-building)"),
        description=_(
            "The capacity-building register: trainings, their participants counted by "
            "profession and gender, and the team members who took part."
        ),
    )
    actions = parser.add_subparsers(dest="trainings_action", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("one line per training, newest first"))
    _filters(listing)
    listing.add_argument("--pillar", choices=[p.value for p in Pillar], help=_("only this pillar"))
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help=_("everything about one training"))
    show.add_argument("--id", required=True, metavar="ID", help=_("the training's id"))
    show.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    show.set_defaults(handler=run_show)
    summary = actions.add_parser(
        "summary",
        help=_("participants by profession, and who trained them"),
        description=_(
            "Participants by profession and gender, then who trained them: per municipality, "
            "organiser and trainer (of one profession with --profession)."
        ),
    )
    _filters(summary)
    summary.set_defaults(handler=run_summary)
    add = actions.add_parser("add", help=_("record a training"))
    add.add_argument("--title", required=True, help=_("the training's title"))
    add.add_argument("--starts-on", required=True, type=iso_date, metavar="YYYY-MM-DD")
    add.add_argument("--ends-on", type=iso_date, metavar="YYYY-MM-DD")
    add.add_argument("--topic", default="", help=_("what it was about"))
    add.add_argument("--place", default="", help=_("where it took place"))
    add.add_argument("--organiser", default="", help=_("who organised it"))
    add.add_argument("--trainer", default="", help=_("the trainer's name"))
    add.add_argument("--format", choices=[f.value for f in TrainingFormat], default="in_person")
    add.add_argument("--train-the-trainer", action="store_true", help=_("it trained trainers"))
    add.add_argument("--pillar", action="append", choices=[p.value for p in Pillar], default=[])
    add.add_argument("--theme", action="append", choices=[t.value for t in Theme], default=[])
    add.add_argument(
        "--count",
        action="append",
        default=[],
        metavar="PROFESSION:GENDER=N",
        help=_("participants of one profession and gender, e.g. teacher:female=12 (repeat)"),
    )
    add.add_argument(
        "--inclusion", action="append", default=[], metavar="GROUP=N",
        help=_("participants of one inclusion group, e.g. roma=3 (repeat)"),
    )  # fmt: skip
    add.add_argument(
        "--member", action="append", default=[], metavar="ID[:trainer]",
        help=_("a team member who took part; ':trainer' when the member trained (repeat)"),
    )  # fmt: skip
    add.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    add.set_defaults(handler=run_add, record_table="trainings")
    leave = actions.add_parser(
        "leave",
        help=_("record that a team member leaves (warns when the member is a trainer)"),
    )
    leave.add_argument("--member", required=True, metavar="ID", help=_("the member's id"))
    leave.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help=_("default: today"))
    leave.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    leave.set_defaults(handler=run_leave)


def _filter(args: argparse.Namespace, ctx: ServiceContext) -> Any:
    """The trainings asked for. ``--municipality`` is a name (or an id), as for the other
    commands' lists: taken as an id, "Kumanovo" listed no training and summed up 0 participants
    without a word."""
    from hubdesk.services.periods import find_municipality
    from hubdesk.services.trainings_summary import TrainingFilter

    municipality_id = None
    if args.municipality:
        if not ctx.is_hub:
            raise CliError(_("--municipality is for the hub, which sees every municipality."))
        municipality_id = find_municipality(ctx, args.municipality)
    return TrainingFilter(
        year=args.year,
        profession=args.profession,
        pillar=getattr(args, "pillar", None),
        municipality_id=municipality_id,
    )


def as_json(training: Training, trainer: str = "") -> dict[str, Any]:
    return {
        "id": training.id,
        "municipality_id": training.municipality_id,
        "title": training.title,
        "topic": training.topic,
        "starts_on": training.starts_on.isoformat(),
        "ends_on": training.ends_on.isoformat() if training.ends_on else None,
        "place": training.place,
        "organiser": training.organiser,
        "trainer": trainer or training.trainer_name,
        "format": training.format,
        "train_the_trainer": training.train_the_trainer,
        "pillars": list(training.pillars),
        "themes": list(training.themes),
        "participants": training.grid_total(),
        "by_profession": {
            p.value: {g.value: training.count(p, g) for g in Gender}
            for p in Profession
            if any(training.count(p, g) for g in Gender)
        },
        "inclusion": training.inclusion(),
    }


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.services import trainings_summary as summary

    ctx = env.context()
    found = summary.list_trainings(ctx, _filter(args, ctx))
    trainers = summary.trainer_names(ctx, [t.id for t in found])
    if args.json:
        env.out(json.dumps([as_json(t, trainers[t.id]) for t in found], ensure_ascii=False))
        return 0
    if not found:
        env.out(_("No trainings recorded."))
    for t in found:
        line = f"{t.id}  {format_date(t.starts_on)}  {t.grid_total():>4}  {t.title}"
        line += f"  · {trainers[t.id] or '–'}"
        if t.train_the_trainer:
            line += "  · " + _("Training of trainers")
        env.out(line)
    return 0


def run_show(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.services import trainings
    from hubdesk.services import trainings_summary as summary

    ctx = env.context()
    training = trainings.get_training(ctx, args.id)
    trainer = summary.trainer_names(ctx, [training.id])[training.id]
    people = trainings.training_members(ctx, training.id)
    if args.json:
        data = as_json(training, trainer)
        data["members"] = [
            {"id": p.member_id, "name": p.member_name, "role": p.role} for p in people
        ]
        env.out(json.dumps(data, ensure_ascii=False))
        return 0
    dates = format_date(training.starts_on)
    if training.ends_on:
        dates += f" – {format_date(training.ends_on)}"
    facts = [
        (_("Dates"), dates),
        (_("Topic"), training.topic),
        (_("Place"), training.place),
        (_("Organiser"), training.organiser),
        (_("Trainer"), trainer),
        (_("Format"), TrainingFormat(training.format).label),
        (_("Training of trainers"), _("Yes") if training.train_the_trainer else _("No")),
        (_("Pillars"), ", ".join(Pillar(p).label for p in training.pillars)),
        (_("Themes"), ", ".join(Theme(t).label for t in training.themes)),
        (_("Participants"), str(training.grid_total())),
        (_("Team members"), trainings.members_text(people)),
    ]
    env.out(training.title)
    for label, value in facts:
        env.out(f"{label}: {value or '–'}")
    for p in Profession:
        counts = [training.count(p, g) for g in Gender]
        if any(counts):
            cells = ", ".join(f"{g.label} {n}" for g, n in zip(Gender, counts, strict=True))
            env.out(f"  {p.label}: {cells}")
    return 0


def run_summary(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.services import trainings_summary as summary

    ctx = env.context()
    f = _filter(args, ctx)
    totals = summary.training_totals(ctx, f)
    rows = summary.trained_by(ctx, args.profession, f)
    if args.json:
        data = {
            "year": args.year,
            "profession": args.profession,
            "trainings": totals.trainings,
            "participants": totals.participants,
            "train_the_trainer": totals.train_the_trainer,
            "by_profession": totals.by_profession,
            "by_gender": totals.by_gender,
            "inclusion": totals.inclusion,
            "trained_by": [
                {
                    "municipality_id": r.municipality_id,
                    "municipality": r.municipality,
                    "organiser": r.organiser,
                    "trainer": r.trainer,
                    "trainings": r.trainings,
                    "by_gender": r.by_gender,
                    "total": r.total,
                }
                for r in rows
            ],
        }
        env.out(json.dumps(data, ensure_ascii=False))
        return 0
    env.out(
        _("Trainings: {trainings}; participants: {participants}.").format(
            trainings=totals.trainings, participants=totals.participants
        )
    )
    for p in Profession:
        if totals.by_profession[p.value]:
            env.out(f"  {p.label}: {totals.by_profession[p.value]}")
    env.out(_("Who trained them:"))
    for r in rows:
        who = " · ".join(x for x in (r.municipality, r.organiser, r.trainer) if x)
        env.out(f"  {r.total:>5}  {who}")
    return 0


def _pairs(values: list[str], field: str) -> list[tuple[str, int]]:
    out = []
    for value in values:
        key, sep, number = value.partition("=")
        if not sep or not number.strip().isdigit():
            raise CliError(_("'{value}' is not {field}=N.").format(value=value, field=field))
        out.append((key.strip(), int(number)))
    return out


def _counts(args: argparse.Namespace) -> dict[str, int]:
    """The counts typed, each once: a second --count of the same group silently replaced the
    first (2 and then 3 teachers recorded 3), so a repeat is refused, as its sum would be a
    guess."""
    counts: dict[str, int] = {}

    def put(column: str, given: str, n: int) -> None:
        if column in counts:
            raise CliError(
                _("'{value}' is given twice; give each group once, with its whole count.").format(
                    value=given
                )
            )
        counts[column] = n

    for key, n in _pairs(args.count, "PROFESSION:GENDER"):
        profession, _sep, gender = key.partition(":")
        if profession not in PROFESSIONS or gender not in {g.value for g in Gender}:
            raise CliError(
                _("'{value}' is not a profession and gender such as teacher:female.").format(
                    value=key
                )
            )
        put(profession_column(profession, gender), key, n)
    for key, n in _pairs(args.inclusion, "GROUP"):
        column = f"inc_{key}"
        if column not in INCLUSION_COLUMNS:
            raise CliError(_("'{value}' is not an inclusion group.").format(value=key))
        put(inclusion_column(key), key, n)
    return counts


def run_add(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.services import trainings

    data = {
        "title": args.title,
        "starts_on": args.starts_on,
        "ends_on": args.ends_on,
        "topic": args.topic,
        "place": args.place,
        "organiser": args.organiser,
        "trainer_name": args.trainer,
        "format": args.format,
        "train_the_trainer": args.train_the_trainer,
        "pillars": args.pillar,
        "themes": args.theme,
        **_counts(args),
    }
    members: dict[str, str] = {}
    for value in args.member:
        member_id, _sep, role = value.partition(":")
        members[member_id] = role or TrainingRole.PARTICIPANT.value
    with env.locked():
        training = trainings.create_training(env.context(), data, members)
    if args.json:
        env.out(json.dumps(as_json(training), ensure_ascii=False))
    else:
        env.out(_("Training recorded: {id}").format(id=training.id))
    return 0


def run_leave(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.services import trainings

    with env.locked():
        left = trainings.member_leaves(env.context(), args.member, args.on)
    if args.json:
        data = {
            "member_id": left.member.id,
            "left_on": left.member.left_on.isoformat() if left.member.left_on else None,
            "warning": left.warning,
        }
        env.out(json.dumps(data, ensure_ascii=False))
        return 0
    if left.warning:
        env.out(_("Warning: {warning}").format(warning=left.warning))
    env.out(
        _("{name}: leaving the team recorded for {date}.").format(
            name=left.member.name, date=format_date(left.member.left_on)
        )
    )
    return 0
