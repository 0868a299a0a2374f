"""``hubdesk needs``: the City Needs Assessment from the command line.

A municipality answers the year's questionnaire (from a JSON file or from options) and submits
it; the hub publishes its questionnaire and reads the regional needs map, as text or JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from hubdesk import clock
from hubdesk.commands.common import CliEnv, CliError
from hubdesk.domain.enums import Pillar
from hubdesk.domain.needs import (
    ANSWER_COLUMNS,
    AssessmentStatus,
    NeedsAssessment,
    Structure,
    needs_column,
    priorities_column,
    score_column,
)
from hubdesk.i18n import _, current_language, ngettext
from hubdesk.i18n.formatting import format_date
from hubdesk.i18n.oserrors import os_reason
from hubdesk.i18n.scripts import name_for_language
from hubdesk.services import needs, needs_map
from hubdesk.services.needs_map import TREND_SIGNS

PILLARS = ", ".join(p.value for p in Pillar)


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "needs",
        help=_("the City Needs Assessment: answer it, read the needs map"),
        description=_(
            "A municipality answers the year's needs questionnaire and submits it to the hub; "
            "the hub publishes its questionnaire and reads the regional needs map."
        ),
    )
    actions = parser.add_subparsers(dest="needs_action", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("one line per needs assessment held here"))
    listing.add_argument("--year", type=int, metavar="YYYY", help=_("only this year"))
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", help=_("one needs assessment with its questions"))
    show.add_argument("--id", metavar="ID", help=_("the assessment's id"))
    show.add_argument("--year", type=int, metavar="YYYY", help=_("this municipality's year"))
    show.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    show.set_defaults(handler=run_show)

    questions = actions.add_parser("questions", help=_("the questionnaire to answer for a year"))
    questions.add_argument("--year", type=int, metavar="YYYY", help=_("default: this year"))
    questions.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    questions.set_defaults(handler=run_questions)

    answer = actions.add_parser(
        "answer",
        help=_("write or change this municipality's assessment for a year"),
        description=_(
            "Write this municipality's needs assessment for a year, or change it. Answers come "
            "from a JSON file (the keys of 'needs show --json') or from options; the pillars "
            "are: {pillars}."
        ).format(pillars=PILLARS),
    )
    answer.add_argument("--year", type=int, required=True, metavar="YYYY")
    answer.add_argument("--file", type=Path, metavar="FILE.json", help=_("answers as JSON"))
    answer.add_argument(
        "--score", action="append", default=[], metavar="PILLAR=N", help=_("a score from 1 to 4")
    )
    answer.add_argument("--needs", action="append", default=[], metavar="PILLAR=TEXT",
                        help=_("the needs of a pillar, in words"))  # fmt: skip
    answer.add_argument("--priorities", action="append", default=[], metavar="PILLAR=TEXT",
                        help=_("the priorities of a pillar, in words"))  # fmt: skip
    answer.add_argument(
        "--structures",
        metavar="CODES",
        help=_("structures and policies to build on, comma-separated: {codes}").format(
            codes=", ".join(s.value for s in Structure)
        ),
    )
    answer.add_argument("--other", metavar="TEXT", help=_("other structures, in words"))
    answer.add_argument("--submit", action="store_true", help=_("submit it to the hub as well"))
    answer.set_defaults(handler=run_answer)

    submit = actions.add_parser("submit", help=_("submit this municipality's assessment"))
    submit.add_argument("--year", type=int, required=True, metavar="YYYY")
    submit.set_defaults(handler=run_submit)

    shown = actions.add_parser("map", help=_("the needs map: municipalities × pillars"))
    shown.add_argument("--year", type=int, metavar="YYYY", help=_("default: this year"))
    shown.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    shown.set_defaults(handler=run_map)

    publish = actions.add_parser(
        "publish",
        help=_("on the hub: publish the needs questionnaire for a year"),
        description=_(
            "Publish the hub's needs questionnaire for a year to every municipality (sent with "
            "the next bundle to each). Without --file, HubDesk's own questions are published, "
            "and every municipality reads them in its language."
        ),
    )
    publish.add_argument("--year", type=int, required=True, metavar="YYYY")
    publish.add_argument("--title", required=True, help=_("the questionnaire's title"))
    publish.add_argument(
        "--file",
        type=Path,
        metavar="FILE.json",
        help=_("the questions: for each pillar a question and its four levels"),
    )
    publish.add_argument(
        "--replace",
        action="store_true",
        help=_("publish a new version when the year's questionnaire is already out"),
    )
    publish.set_defaults(handler=run_publish)


def _this_year(value: int | None) -> int:
    return value if value is not None else clock.today().year


def as_json(found: NeedsAssessment, names: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": found.id,
        "municipality_id": found.municipality_id,
        "municipality": names.get(found.municipality_id, ""),
        "year": found.year,
        "questionnaire_id": found.questionnaire_id,
        "status": found.status,
        "submitted_on": found.submitted_on.isoformat() if found.submitted_on else None,
        "structures": list(found.structures),
        "structures_other": found.structures_other,
    }
    data.update({name: getattr(found, name) for name in ANSWER_COLUMNS})
    return data


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    found = needs.list_assessments(ctx, year=args.year)
    names = needs.municipality_names(ctx)
    if args.json:
        env.out(json.dumps([as_json(a, names) for a in found], ensure_ascii=False))
        return 0
    if not found:
        env.out(_("No needs assessments here yet."))
    for a in found:
        scores = " ".join(str(a.score(p) or "–") for p in Pillar)
        status = AssessmentStatus(a.status).label
        env.out(f"{a.id}  {a.year}  {status:<10}  {scores}  {names.get(a.municipality_id, '')}")
    return 0


def _find(env: CliEnv, args: argparse.Namespace) -> NeedsAssessment:
    ctx = env.context()
    if args.id:
        return needs.get_assessment(ctx, args.id)
    if args.year is None or ctx.municipality_id is None:
        raise CliError(_("Name the assessment with --id (or, in a municipality, --year)."))
    found = needs.assessment_for(ctx, ctx.municipality_id, args.year)
    if found is None:
        raise CliError(_("There is no needs assessment for {year} here.").format(year=args.year))
    return found


def run_show(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    found = _find(env, args)
    names = needs.municipality_names(ctx)
    if args.json:
        env.out(json.dumps(as_json(found, names), ensure_ascii=False))
        return 0
    questions = needs.questions_of(ctx, found)
    env.out(f"{names.get(found.municipality_id, '')} · {found.year} · "
            f"{AssessmentStatus(found.status).label} · {questions.title}")  # fmt: skip
    for p in Pillar:
        score = found.score(p)
        env.out(f"{p.label}: {score or '–'} {questions.level(p.value, score)}")
        env.out("  " + _("Needs") + ": " + (found.needs(p) or "–"))
        env.out("  " + _("Priorities") + ": " + (found.priorities(p) or "–"))
    built_on = [Structure(s).label for s in found.structures]
    if found.structures_other:
        built_on.append(found.structures_other)
    env.out(_("Structures and policies to build on") + ": " + (", ".join(built_on) or "–"))
    return 0


def run_questions(args: argparse.Namespace, env: CliEnv) -> int:
    questions = needs.questions_for(env.context(), _this_year(args.year))
    if args.json:
        data = {
            "questionnaire_id": questions.questionnaire_id,
            "title": questions.title,
            "questions": {
                k: {"question": q.question, "levels": list(q.levels)}
                for k, q in questions.by_pillar.items()
            },
        }
        env.out(json.dumps(data, ensure_ascii=False))
        return 0
    env.out(questions.title)
    for p in Pillar:
        q = questions.by_pillar[p.value]
        env.out(f"{p.label} ({p.value}): {q.question}")
        for level, meaning in enumerate(q.levels, start=1):
            env.out(f"  {level}  {meaning}")
    return 0


def _pairs(values: list[str], option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        pillar, sep, text = value.partition("=")
        if not sep or pillar not in {p.value for p in Pillar}:
            raise CliError(
                _("Write {option} as PILLAR=VALUE, with a pillar of: {pillars}.").format(
                    option=option, pillars=PILLARS
                )
            )
        out[pillar] = text
    return out


def _answers(args: argparse.Namespace) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if args.file is not None:
        try:
            loaded = json.loads(args.file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CliError(
                _("Cannot read the answers from {path}: {reason}").format(
                    path=args.file, reason=os_reason(exc)
                )
            ) from None
        except ValueError:  # not UTF-8, or not JSON
            raise CliError(
                _("{path} is not a JSON file of answers (UTF-8).").format(path=args.file)
            ) from None
        if not isinstance(loaded, dict):
            raise CliError(_("The answers file holds one JSON object."))
        wanted = {*ANSWER_COLUMNS, "structures", "structures_other"}
        unknown = sorted(k for k in loaded if k not in wanted)
        if unknown:  # a misspelt answer would be dropped while "saved" is printed
            raise CliError(
                _("The answers file names what no answer is: {names}. Answers: {known}.").format(
                    names=", ".join(unknown), known=", ".join(sorted(wanted))
                )
            )
        data.update(loaded)
    for pillar, value in _pairs(args.score, "--score").items():
        try:
            data[score_column(pillar)] = int(value)
        except ValueError:
            raise CliError(_("A score is a whole number from 1 to 4.")) from None
    data.update({needs_column(p): v for p, v in _pairs(args.needs, "--needs").items()})
    pairs = _pairs(args.priorities, "--priorities")
    data.update({priorities_column(p): v for p, v in pairs.items()})
    if args.structures is not None:
        data["structures"] = [s.strip() for s in args.structures.split(",") if s.strip()]
    if args.other is not None:
        data["structures_other"] = args.other
    return data


def run_answer(args: argparse.Namespace, env: CliEnv) -> int:
    data = _answers(args)
    with env.locked():
        ctx = env.context()
        if ctx.municipality_id is None:
            raise CliError(_("Only a municipality or its field laptops record this."))
        # One unit of work: answers a submission refuses are not left saved.
        found = needs.answer(ctx, args.year, data, submit=args.submit)
    status = AssessmentStatus(found.status).label
    env.out(_("Needs assessment {year} saved ({status}).").format(year=args.year, status=status))
    return 0


def run_submit(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        found = _find(env, argparse.Namespace(id=None, year=args.year))
        needs.submit_assessment(ctx, found.id)
    env.out(_("Needs assessment {year} submitted; it goes to the hub with the next bundle.")
            .format(year=args.year))  # fmt: skip
    return 0


def run_map(args: argparse.Namespace, env: CliEnv) -> int:
    result = needs_map.needs_map(env.context(), _this_year(args.year))
    if args.json:
        env.out(json.dumps(needs_map.as_json(result), ensure_ascii=False))
        return 0
    env.out(
        _("Needs map {year}: {answered} of {total} municipalities answered.").format(
            year=result.year, answered=result.answered, total=len(result.rows)
        )
    )
    # The pillars numbered, their names in the language, then one aligned line per
    # municipality: the names are too long for a column's head.
    for number, pillar in enumerate(Pillar, 1):
        env.out(f"  {number}  {pillar.label}")
    lang = current_language()  # each town in the language's script, as the window's map
    names = [name_for_language(r.name, r.name_other_script, lang, r.country) for r in result.rows]
    width = max((len(name) for name in names), default=0)
    env.out((" " * width + "".join(f"  {n:<3}" for n in range(1, len(Pillar) + 1))).rstrip())
    for row, name in zip(result.rows, names, strict=True):
        cells = []
        for p in Pillar:
            cell = row.cells[p.value]
            score = "–" if cell.score is None else str(cell.score)
            cells.append(f"  {score + TREND_SIGNS[cell.trend]:<3}")
        env.out(name.ljust(width) + "".join(cells).rstrip())
    return 0


def run_publish(args: argparse.Namespace, env: CliEnv) -> int:
    data: dict[str, Any] = {"title": args.title, "year": args.year}
    if args.file is not None:
        try:
            data["questions"] = json.loads(args.file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CliError(
                _("Cannot read the questions from {path}: {reason}").format(
                    path=args.file, reason=exc
                )
            ) from None
    with env.locked():
        ctx = env.context()
        published = needs.already_published(ctx, args.year)
        if published is not None and not args.replace:
            on, answered = published
            raise CliError(
                ngettext(
                    "The questionnaire for {year} was published on {date}, and {count} "
                    "municipality has submitted its answers; nothing was published. Add "
                    "--replace to publish a new version (answers stay with the questionnaire "
                    "they answered).",
                    "The questionnaire for {year} was published on {date}, and {count} "
                    "municipalities have submitted their answers; nothing was published. Add "
                    "--replace to publish a new version (answers stay with the questionnaire "
                    "they answered).",
                    answered,
                ).format(year=args.year, date=format_date(on), count=answered)
            )
        # made and released in one unit of work: a refused questionnaire leaves no draft
        needs.publish_new_questionnaire(ctx, data)
    env.out(
        _("Questionnaire {title} published for {year}; it reaches every municipality with its "
          "next bundle.").format(title=args.title, year=args.year)
    )  # fmt: skip
    return 0
