"""``hubdesk engagements`` and ``hubdesk helpdesk``: national-local cooperation and the hub's
Help Desk from the command line, through the same services as the window's pages."""

from __future__ import annotations

import argparse
import json
from typing import Any

from hubdesk import clock
from hubdesk.commands.common import CliEnv, CliError, hub_towns, iso_date
from hubdesk.domain.enums import Pillar, Theme, label
from hubdesk.domain.helpdesk import (
    EngagementKind,
    EngagementLevel,
    HelpdeskTopic,
    RequestState,
    Urgency,
)
from hubdesk.i18n import _, current_language
from hubdesk.i18n.formatting import format_date
from hubdesk.services import engagements, helpdesk
from hubdesk.services.helpdesk import RequestView
from hubdesk.services.town_names import town_names


def register(sub: Any) -> None:
    _register_engagements(sub)
    _register_helpdesk(sub)


def _register_engagements(sub: Any) -> None:
    group = sub.add_parser(
        "engagements",
        help=_("the city's engagements with national, regional and international bodies"),
        description=_(
            "Engagements of the municipality with other levels of government and multilateral "
            "bodies: what the city raised, the answer and the follow-up."
        ),
    )
    actions = group.add_subparsers(dest="engagements_command", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("list the engagements"))
    listing.add_argument("--level", choices=[c.value for c in EngagementLevel])
    listing.add_argument("--due", action="store_true", help=_("only those whose follow-up is due"))
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_engagement_list)

    add = actions.add_parser("add", help=_("record an engagement"))
    add.add_argument("--counterpart", required=True, metavar="TEXT", help=_("the institution"))
    add.add_argument("--level", required=True, choices=[c.value for c in EngagementLevel])
    add.add_argument("--kind", required=True, choices=[c.value for c in EngagementKind])
    add.add_argument("--date", required=True, type=iso_date, metavar="YYYY-MM-DD")
    add.add_argument("--raised", default="", metavar="TEXT", help=_("what the city raised"))
    add.add_argument("--answer", default="", metavar="TEXT", help=_("the answer received"))
    add.add_argument("--follow-up", type=iso_date, metavar="YYYY-MM-DD", help=_("follow up on"))
    add.add_argument("--pillar", action="append", default=[], choices=[p.value for p in Pillar])
    add.add_argument("--theme", action="append", default=[], choices=[t.value for t in Theme])
    add.set_defaults(handler=run_engagement_add, record_table="engagements")

    done = actions.add_parser("done", help=_("mark an engagement's follow-up as done"))
    done.add_argument("--id", required=True, metavar="ID")
    done.set_defaults(handler=run_engagement_done)


def _register_helpdesk(sub: Any) -> None:
    group = sub.add_parser(
        "helpdesk",
        help=_("questions to the hub's Help Desk and the hub's answers"),
        description=_(
            "Questions a municipality asks the hub, and the hub's answers, which travel back "
            "by bundle. A request is open, overdue (not answered in the time its urgency "
            "allows), answered or closed."
        ),
    )
    actions = group.add_subparsers(dest="helpdesk_command", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("list the requests, overdue first"))
    listing.add_argument("--state", choices=[helpdesk.WAITING, *(s.value for s in RequestState)])
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", help=_("show one request and its answers"))
    show.add_argument("--id", required=True, metavar="ID")
    show.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    show.set_defaults(handler=run_show)

    ask = actions.add_parser("ask", help=_("ask the hub a question"))
    ask.add_argument("--topic", required=True, choices=[t.value for t in HelpdeskTopic])
    ask.add_argument("--urgency", default="normal", choices=[u.value for u in Urgency])
    ask.add_argument("--subject", required=True, metavar="TEXT")
    ask.add_argument("--question", required=True, metavar="TEXT")
    ask.add_argument("--name", default="", metavar="NAME", help=_("who asks"))
    ask.set_defaults(handler=run_ask, field_options={"asked_by": "--name"})

    for name, help_text in (
        ("answer", _("answer a request (hub)")),
        ("follow-up", _("write again on a request")),
    ):
        parser = actions.add_parser(name, help=help_text)
        parser.add_argument("--id", required=True, metavar="ID")
        parser.add_argument("--text", required=True, metavar="TEXT")
        parser.add_argument("--name", default="", metavar="NAME", help=_("who writes"))
        parser.set_defaults(
            handler=run_message,
            step=name,
            field_options={"body": "--text", "author_name": "--name"},
        )

    close = actions.add_parser(
        "close", help=_("close a request: answered, or no longer needed (nobody waits any more)")
    )
    close.add_argument("--id", required=True, metavar="ID")
    close.set_defaults(handler=run_close)


# --- engagements -------------------------------------------------------------------------------


def run_engagement_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    f = engagements.EngagementFilter(level=args.level, follow_up_due=args.due)
    rows = engagements.list_engagements(ctx, f)
    if args.json:
        data = [
            {
                "id": e.id,
                "municipality_id": e.municipality_id,
                "counterpart": e.counterpart,
                "level": e.level,
                "kind": e.kind,
                "engaged_on": e.engaged_on.isoformat(),
                "pillars": list(e.pillars),
                "themes": list(e.themes),
                "raised": e.raised,
                "answer": e.answer,
                "follow_up_on": e.follow_up_on.isoformat() if e.follow_up_on else None,
                "follow_up_done": e.follow_up_done,
            }
            for e in rows
        ]
        env.out(json.dumps(data, ensure_ascii=False))
        return 0
    if not rows:
        env.out(_("No engagement to show."))
    whose = hub_towns(ctx)
    for e in rows:
        follow = ""
        if e.follow_up_on is not None and not e.follow_up_done:
            follow = "  " + _("follow up on {date}").format(date=format_date(e.follow_up_on))
        env.out(
            f"{format_date(e.engaged_on)}  {whose(e.municipality_id)}"
            f"{label(e.level, EngagementLevel)}  "
            f"{label(e.kind, EngagementKind)}  {e.counterpart}{follow}  [{e.id}]"
        )
    return 0


def run_engagement_add(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        created = engagements.create_engagement(
            env.context(),
            {
                "counterpart": args.counterpart,
                "level": args.level,
                "kind": args.kind,
                "engaged_on": args.date,
                "raised": args.raised,
                "answer": args.answer,
                "follow_up_on": args.follow_up,
                "pillars": args.pillar,
                "themes": args.theme,
            },
        )
    env.out(_("Engagement recorded: {id}").format(id=created.id))
    return 0


def run_engagement_done(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        held = engagements.get_engagement(ctx, args.id)
        if held.follow_up_on is None:  # nothing was waiting: said, not marked
            raise CliError(_("This engagement has no follow-up to mark as done."))
        if held.follow_up_done:
            raise CliError(_("This engagement's follow-up is already marked as done."))
        engagements.update_engagement(ctx, args.id, {"follow_up_done": True})
    env.out(_("Follow-up marked as done."))
    return 0


# --- help desk ---------------------------------------------------------------------------------


def _view_json(v: RequestView) -> dict[str, Any]:
    return {
        "id": v.id,
        "municipality": v.municipality,
        "municipality_id": v.municipality_id,
        "topic": v.topic,
        "urgency": v.urgency,
        "subject": v.subject,
        "question": v.question,
        "asked_on": v.asked_on.isoformat(),
        "asked_by": v.asked_by,
        "reached_hub": v.reached_hub.isoformat() if v.reached_hub else None,
        "counted_from": v.counted_from.isoformat(),
        "state": v.state.value,
        "due": v.due.isoformat() if v.due else None,
        "answers": v.answers,
        "first_answer_on": v.first_answer_on.isoformat() if v.first_answer_on else None,
        "closed_on": v.closed_on.isoformat() if v.closed_on else None,
    }


def _line(v: RequestView, hub: bool, town: str) -> str:
    """One request; ``town``: its municipality in the language's script, as the window names it."""
    due = _("answer due {date}").format(date=format_date(v.due)) if v.due else ""
    parts = [format_date(v.asked_on), v.state.label, label(v.urgency, Urgency)]
    if hub:
        parts.insert(1, town)
        if v.reached_hub is not None and v.reached_hub != v.asked_on:
            reached = _("reached the hub {date}").format(date=format_date(v.reached_hub))
            parts.insert(1, f"({reached})")
    parts += [v.subject, due, f"[{v.id}]"]
    return "  ".join(p for p in parts if p)


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    views = helpdesk.list_requests(ctx, state=args.state)
    if args.json:
        env.out(json.dumps([_view_json(v) for v in views], ensure_ascii=False))
        return 0
    if not views:
        env.out(_("No help desk request to show."))
    towns, lang = town_names(ctx), current_language()
    for v in views:
        env.out(_line(v, ctx.is_hub, towns.shown(v.municipality_id, v.municipality, lang)))
    return 0


def _find(env: CliEnv, wanted: str) -> str:
    """A request's id from the whole id or its first characters (as the list shows it)."""
    ids = [v.id for v in helpdesk.list_requests(env.context()) if v.id.startswith(wanted)]
    if len(ids) != 1:
        raise CliError(_("No single help desk request has an id starting with {id}.").format(
            id=wanted))  # fmt: skip
    return ids[0]


def run_show(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    view, messages = helpdesk.get_request(ctx, _find(env, args.id))
    if args.json:
        data = _view_json(view) | {
            "messages": [
                {
                    "author_role": m.author_role,
                    "author_name": m.author_name,
                    "written_at": m.written_at.isoformat(),
                    "body": m.body,
                }
                for m in messages
            ]
        }
        env.out(json.dumps(data, ensure_ascii=False))
        return 0
    town = town_names(ctx).shown(view.municipality_id, view.municipality, current_language())
    env.out(_line(view, True, town))
    env.out(view.question)
    for m in messages:
        who = _("The hub") if m.by_hub else town
        env.out(f"-- {who}, {m.author_name}, {format_date(clock.local_day(m.written_at))}")
        env.out(m.body)
    return 0


def run_ask(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        request = helpdesk.ask(
            env.context(),
            {
                "topic": args.topic,
                "urgency": args.urgency,
                "subject": args.subject,
                "question": args.question,
                "asked_by": args.name,
            },
        )
    env.out(_("Question recorded; it goes to the hub with the next bundle: {id}").format(
        id=request.id))  # fmt: skip
    return 0


def run_message(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        request_id = _find(env, args.id)
        if args.step == "answer":
            helpdesk.answer(ctx, request_id, args.text, args.name)
            env.out(_("Answer recorded; it goes to the municipality with the next bundle."))
        else:
            helpdesk.follow_up(ctx, request_id, args.text, args.name)
            env.out(_("Follow-up recorded; it goes to the hub with the next bundle."))
    return 0


def run_close(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        helpdesk.close(env.context(), _find(env, args.id))
    env.out(_("Request closed."))
    return 0
