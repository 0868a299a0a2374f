"""``hubdesk exchanges`` and ``hubdesk practices``: peer learning from the command line.

A municipality records its part of each exchange and writes its good practices; the hub lists
the exchanges as it joins the cities' parts (and joins or separates them by hand), answers the
submitted practices and publishes them. The same services as the window's pages.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from hubdesk.commands.common import CliEnv, iso_date
from hubdesk.domain.enums import Pillar, Theme
from hubdesk.domain.peers import CurationDecision, ExchangeKind, ExchangeRole, PracticeState
from hubdesk.i18n import LANGUAGES, N_, _, current_language
from hubdesk.i18n.formatting import format_date
from hubdesk.services import exchanges, practices
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied
from hubdesk.services.exchanges import Exchange, ExchangeFilter
from hubdesk.services.periods import find_municipality
from hubdesk.services.town_names import TownNames, town_names


def register(sub: Any) -> None:
    _register_exchanges(sub)
    _register_practices(sub)


def _register_exchanges(sub: Any) -> None:
    group = sub.add_parser(
        "exchanges",
        help=_("exchanges between cities: record this city's part; join them on the hub"),
        description=_(
            "Study visits, peer reviews and joint training between cities. Each city records "
            "its own part; the hub joins the parts of one exchange."
        ),
    )
    actions = group.add_subparsers(dest="exchanges_action", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("one line per exchange"))
    listing.add_argument(
        "--from",
        dest="date_from",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=_("only exchanges starting on or after this day"),
    )
    listing.add_argument(
        "--to",
        dest="date_to",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=_("only exchanges starting on or before this day"),
    )
    listing.add_argument("--municipality", metavar="NAME", help=_("only this municipality"))
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)
    add = actions.add_parser("add", help=_("record this city's part of an exchange"))
    add.add_argument(
        "--role",
        required=True,
        choices=[r.value for r in ExchangeRole],
        help=_("host: this city hosted; visitor: this city visited"),
    )
    add.add_argument(
        "--kind",
        required=True,
        choices=[k.value for k in ExchangeKind],
        help=_("Kind of exchange"),
    )
    add.add_argument("--topic", required=True, metavar="TEXT", help=_("Topic"))
    add.add_argument(
        "--from",
        dest="starts_on",
        required=True,
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=_("First day"),
    )
    add.add_argument(
        "--to", dest="ends_on", type=iso_date, metavar="YYYY-MM-DD", help=_("Last day")
    )
    add.add_argument(
        "--host",
        default="",
        metavar="NAME",
        help=_("the municipality that hosted (when this city visited)"),
    )
    add.add_argument(
        "--with",
        dest="partners",
        action="append",
        default=[],
        metavar="NAME",
        help=_("another municipality that visited (repeat for each)"),
    )
    add.add_argument(
        "--pillar",
        default=Pillar.PEER_LEARNING.value,
        choices=[p.value for p in Pillar],
        help=_("Pillar"),
    )
    add.add_argument(
        "--theme",
        dest="themes",
        action="append",
        default=[],
        choices=[t.value for t in Theme],
        help=_("a theme (repeat for each)"),
    )
    add.add_argument(
        "--participants",
        type=int,
        default=0,
        metavar="N",
        help=_("Participants from this municipality"),
    )
    add.add_argument("--women", type=int, default=0, metavar="N", help=_("Of them, women"))
    add.add_argument("--learned", default="", metavar="TEXT", help=_("What was learned"))
    add.add_argument("--follow-up", default="", metavar="TEXT", help=_("Follow-up"))
    add.set_defaults(
        handler=run_add,
        field_options={
            "host_name": "--host",
            "partner_names": "--with",
            "participants_women": "--women",
        },
    )
    show = actions.add_parser("show", help=_("one exchange with every city and part in it"))
    show.add_argument("--id", required=True, metavar="ID", help=_("the exchange's or a part's id"))
    show.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    show.set_defaults(handler=run_show)
    join = actions.add_parser(
        "join", help=_("on the hub: join exchanges the cities recorded apart")
    )
    join.add_argument("ids", nargs="+", metavar="ID", help=_("the exchanges' (or parts') ids"))
    join.add_argument("--note", default="", metavar="TEXT", help=_("why they are one exchange"))
    join.set_defaults(handler=run_join)
    separate = actions.add_parser(
        "separate", help=_("on the hub: take one city's part out of its exchange")
    )
    separate.add_argument("--id", required=True, metavar="ID", help=_("the part's id"))
    separate.add_argument("--note", default="", metavar="TEXT", help=_("why it is separate"))
    separate.set_defaults(handler=run_separate)


def exchange_json(e: Exchange) -> dict[str, Any]:
    lead = e.lead
    return {
        "id": e.key,
        "joined": e.how,
        "kind": lead.kind,
        "topic": lead.topic,
        "pillar": lead.pillar,
        "themes": sorted({t for p in e.parts for t in p.themes}),
        "starts_on": e.starts_on.isoformat(),
        "ends_on": e.ends_on.isoformat(),
        "participants": e.participants,
        "confirmed": e.confirmed,
        "note": e.note,
        "decided_by": e.decided_by,
        "cities": [
            {
                "name": c.name,
                "municipality_id": c.municipality_id,
                "role": c.role,
                "confirmed": c.confirmed,
            }
            for c in e.cities
        ],
        "parts": [
            {
                "id": p.id,
                "municipality_id": p.municipality_id,
                "role": p.role,
                "host_name": p.host_name,
                "partner_names": list(p.partner_names),
                "starts_on": p.starts_on.isoformat(),
                "ends_on": p.ends_on.isoformat() if p.ends_on else None,
                "participants": p.participants,
                "participants_women": p.participants_women,
                "learned": p.learned,
                "follow_up": p.follow_up,
            }
            for p in e.parts
        ],
    }


def _cities(e: Exchange, towns: TownNames, hub: bool) -> str:
    """The exchange's cities in the language's script, as the window names them; "(?)" only
    at the hub, as in the window: a municipality holds no other city's part, so every other
    city was marked unconfirmed there, and the line saying what "(?)" means is the hub's."""
    lang = current_language()
    return ", ".join(
        towns.shown(c.municipality_id, c.name, lang) + ("" if c.confirmed or not hub else " (?)")
        for c in e.cities
    )


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    town = find_municipality(ctx, args.municipality) if args.municipality else None
    wanted = ExchangeFilter(date_from=args.date_from, date_to=args.date_to, municipality_id=town)
    found = exchanges.list_exchanges(ctx, wanted)
    if args.json:
        env.out(json.dumps([exchange_json(e) for e in found], ensure_ascii=False))
        return 0
    if not found:
        env.out(_("No exchanges recorded yet."))
    towns = town_names(ctx)
    for e in found:
        kind = ExchangeKind(e.lead.kind).label
        cities = _cities(e, towns, ctx.is_hub)
        env.out(f"{e.key}  {format_date(e.starts_on)}  {kind}: {e.lead.topic} — {cities}")
    if ctx.is_hub and found:
        env.out(_("(?) a city named by another city that has not recorded its own part"))
    return 0


def run_add(args: argparse.Namespace, env: CliEnv) -> int:
    data = {
        "role": args.role,
        "kind": args.kind,
        "topic": args.topic,
        "starts_on": args.starts_on,
        "ends_on": args.ends_on,
        "host_name": args.host,
        "partner_names": args.partners,
        "pillar": args.pillar,
        "themes": args.themes,
        "participants": args.participants,
        "participants_women": args.women,
        "learned": args.learned,
        "follow_up": args.follow_up,
    }
    with env.locked():
        part = exchanges.create_part(env.context(), data)
    env.out(_("Exchange recorded: {id}").format(id=part.id))
    return 0


def run_show(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    e = exchanges.get_exchange(ctx, args.id)
    if args.json:
        env.out(json.dumps(exchange_json(e), ensure_ascii=False))
        return 0
    how = {
        exchanges.AUTO: _("joined automatically: same host, overlapping dates"),
        exchanges.HAND: _("joined by hand at the hub"),
        exchanges.SINGLE: _("recorded by one city only, not confirmed by another city"),
    }[e.how]
    dates = f"{format_date(e.starts_on)} – {format_date(e.ends_on)}"
    env.out(f"{ExchangeKind(e.lead.kind).label}: {e.lead.topic}")
    # Whether other cities confirmed is the hub's to say (a municipality holds only its own
    # parts), as in the window.
    env.out(f"{dates}  ({how})" if ctx.is_hub else dates)
    if e.note:
        env.out(e.note)
    towns, lang = town_names(ctx), current_language()
    for city in e.cities:
        # Each city's role in the exchange, as the window says it: the part's "We hosted"
        # put beside another city (or any city, at the hub) said who "we" were wrongly.
        role = _("host") if city.role == ExchangeRole.HOST else _("visitor")
        mark = _("confirmed") if city.confirmed else _("not confirmed")
        said = f"{role}; {mark}" if ctx.is_hub else role
        env.out(f"  {towns.shown(city.municipality_id, city.name, lang)}  [{said}]")
    for p in e.parts:
        env.out(f"- {p.id}  {p.participants}  {p.learned}".rstrip())
    return 0


def run_join(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        e = exchanges.join_exchanges(ctx, args.ids, args.note)
    cities = _cities(e, town_names(ctx), ctx.is_hub)
    env.out(_("Joined into one exchange: {id} ({cities})").format(id=e.key, cities=cities))
    return 0


def run_separate(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        e = exchanges.separate_part(env.context(), args.id, args.note)
    env.out(_("The part is now an exchange of its own: {id}").format(id=e.key))
    return 0


# --- good practices ----------------------------------------------------------------------------

TEXT_OPTIONS = (
    ("context", "--context", N_("Context")),
    ("problem", "--problem", N_("The problem")),
    ("actions", "--actions", N_("What was done")),
    ("partners", "--partners", N_("Partners")),
    ("results", "--results", N_("Results")),
    ("adapt", "--adapt", N_("What another city needs to adapt it")),
)

# The stored fields of the hub's second summary, by the options that fill them, so a refusal
# names the option typed (``summary_language`` is --local-language, not --summary).
LOCAL_SUMMARY_OPTIONS = {"summary_local": "--local-summary", "summary_language": "--local-language"}


def _register_practices(sub: Any) -> None:
    group = sub.add_parser(
        "practices",
        help=_("good practices: write and submit them; curate and publish them on the hub"),
        description=_(
            "Good practices written by a municipality, curated by the hub and published to "
            "every city."
        ),
    )
    actions = group.add_subparsers(dest="practices_action", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("this city's practices (on the hub: received)"))
    listing.add_argument(
        "--library", action="store_true", help=_("the published practices instead")
    )
    listing.add_argument(
        "--state", choices=[s.value for s in PracticeState], help=_("only practices in this state")
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_practices)
    add = actions.add_parser("add", help=_("write a new good practice (a draft)"))
    add.add_argument("--title", metavar="TEXT", help=_("Title"))
    add.add_argument("--from-proposal", metavar="ID", help=_("start from this completed proposal"))
    add.add_argument("--language", choices=LANGUAGES, help=_("the language it is written in"))
    add.add_argument("--pillar", choices=[p.value for p in Pillar], help=_("Pillar"))
    add.add_argument(
        "--theme",
        dest="themes",
        action="append",
        choices=[t.value for t in Theme],
        help=_("a theme (repeat for each)"),
    )
    add.add_argument(
        "--cost",
        metavar="AMOUNT",
        help=_("what it cost, in the currency of --currency (default: the municipality's)"),
    )
    add.add_argument("--currency", metavar="CODE", help=_("the currency of the cost"))
    add.add_argument(
        "--contact-role", metavar="TEXT", help=_("whom to ask: a role, never a person's name")
    )
    for _name, option, _help in TEXT_OPTIONS:
        add.add_argument(option, metavar="TEXT", help=_(_help))
    add.add_argument("--submit", action="store_true", help=_("submit it to the hub at once"))
    add.set_defaults(handler=run_add_practice, field_options={"cost_minor": "--cost"})
    submit = actions.add_parser("submit", help=_("submit a draft or returned practice"))
    submit.add_argument("--id", required=True, metavar="ID", help=_("the practice's id"))
    submit.set_defaults(handler=run_submit)
    show = actions.add_parser("show", help=_("everything about one practice"))
    show.add_argument(
        "--id",
        required=True,
        metavar="ID",
        help=_("the practice's (or the published practice's) id"),
    )
    show.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    show.set_defaults(handler=run_show_practice)
    curate = actions.add_parser("curate", help=_("on the hub: accept or return a submission"))
    curate.add_argument("--id", required=True, metavar="ID", help=_("the practice's id"))
    curate.add_argument(
        "--decision",
        required=True,
        choices=[d.value for d in CurationDecision],
        help=_("accepted or returned"),
    )
    curate.add_argument(
        "--summary",
        default="",
        metavar="TEXT",
        help=_("the hub's summary in English (needed to accept)"),
    )
    curate.add_argument(
        "--note",
        default="",
        metavar="TEXT",
        help=_("what the municipality should change (needed to return)"),
    )
    curate.add_argument(
        "--local-summary",
        default="",
        metavar="TEXT",
        help=_("the summary in a language of the region"),
    )
    curate.add_argument(
        "--local-language",
        default="",
        choices=["", *LANGUAGES],
        help=_("the language of that summary"),
    )
    curate.set_defaults(handler=run_curate, field_options=LOCAL_SUMMARY_OPTIONS)
    summary = actions.add_parser(
        "summary", help=_("on the hub: change the summaries of an accepted practice")
    )
    summary.add_argument(
        "--id", required=True, metavar="ID",
        help=_("the practice's or the published practice's id"),
    )  # fmt: skip
    summary.add_argument("--en", metavar="TEXT", help=_("the hub's summary in English"))
    summary.add_argument(
        "--local-summary", metavar="TEXT", help=_("the summary in a language of the region")
    )
    summary.add_argument(
        "--local-language", choices=["", *LANGUAGES], help=_("the language of that summary")
    )
    summary.set_defaults(
        handler=run_summary, field_options={"summary_en": "--en", **LOCAL_SUMMARY_OPTIONS}
    )
    publish = actions.add_parser("publish", help=_("on the hub: publish an accepted practice"))
    publish.add_argument(
        "--id", required=True, metavar="ID", help=_("the practice's or the published practice's id")
    )
    publish.set_defaults(handler=run_publish)


def _practice_json(row: practices.PracticeRow) -> dict[str, Any]:
    p = row.practice
    return {
        "id": p.id,
        "municipality": row.municipality,
        "title": p.title,
        "state": row.state.value,
        "language": p.language,
        "pillar": p.pillar,
        "themes": list(p.themes),
        "proposal_id": p.proposal_id,
        "context": p.context,
        "problem": p.problem,
        "actions": p.actions,
        "partners": p.partners,
        "results": p.results,
        "cost_minor": p.cost_minor,
        "currency": p.currency,
        "adapt": p.adapt,
        "contact_role": p.contact_role,
        "hub_note": row.note,
        "hub_summary": row.summary,
    }


def published_json(p: Any) -> dict[str, Any]:
    return {
        "id": p.id,
        "source_id": p.source_id,
        "municipality": p.municipality_name,
        "country": p.country,
        "title": p.title,
        "language": p.language,
        "pillar": p.pillar,
        "themes": list(p.themes),
        "context": p.context,
        "problem": p.problem,
        "actions": p.actions,
        "partners": p.partners,
        "results": p.results,
        "cost_minor": p.cost_minor,
        "currency": p.currency,
        "adapt": p.adapt,
        "contact_role": p.contact_role,
        "summary_en": p.summary_en,
        "summary_local": p.summary_local,
        "summary_language": p.summary_language,
        "published_on": p.published_on.isoformat() if p.published_on else None,
    }


def run_practices(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    if args.library:
        shelf = practices.list_published(ctx)
        if args.json:
            env.out(json.dumps([published_json(p) for p in shelf], ensure_ascii=False))
            return 0
        if not shelf:
            env.out(_("No good practice has been published yet."))
        for p in shelf:
            when = format_date(p.published_on) if p.published_on else _("not yet published")
            env.out(f"{p.id}  {when}  {p.municipality_name}: {p.title}")
        return 0
    rows = practices.list_practices(ctx, practices.PracticeFilter(state=args.state))
    if args.json:
        env.out(json.dumps([_practice_json(r) for r in rows], ensure_ascii=False))
        return 0
    if not rows:
        env.out(_("No good practices here yet."))
    towns, lang = town_names(ctx), current_language()
    for r in rows:
        town = towns.shown(r.practice.municipality_id, r.municipality, lang)
        where = f"{town}: " if ctx.is_hub else ""
        env.out(f"{r.practice.id}  {r.state.label:<20}  {where}{r.practice.title}")
    return 0


def run_add_practice(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        data: dict[str, Any] = {}
        if args.from_proposal:
            data = practices.from_proposal(ctx, args.from_proposal)
        given = {
            "title": args.title,
            "language": args.language,
            "pillar": args.pillar,
            "themes": args.themes,
            "cost_minor": _cost(ctx, args, data),
            "currency": args.currency,
            "contact_role": args.contact_role,
            **{name: getattr(args, name) for name, _o, _h in TEXT_OPTIONS},
        }
        data.update({k: v for k, v in given.items() if v is not None})
        practice = practices.create_practice(ctx, data, submit=args.submit)
    env.out(_("Good practice saved: {id}").format(id=practice.id))
    return 0


def _cost(ctx: ServiceContext, args: argparse.Namespace, data: dict[str, Any]) -> int | None:
    """``--cost`` read as the form's money field and ``tranches add --amount`` read an amount
    ("1.234,50", "1,234.50"), in the practice's currency: it was taken as minor units, so
    "1500" recorded 15.00. A currency HubDesk does not keep is the service's to refuse."""
    from hubdesk.commands.money import typed_amount
    from hubdesk.domain.money import CURRENCY_DIGITS

    if args.cost is None:
        return None
    currency = args.currency or data.get("currency") or practices.default_currency(ctx)
    return typed_amount(args.cost, currency) if currency in CURRENCY_DIGITS else None


def run_submit(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        practices.submit_practice(env.context(), args.id)
    env.out(_("Submitted to the hub; it goes with the next bundle."))
    return 0


def run_show_practice(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    try:
        row = practices.get_practice(ctx, args.id)
    except (NotFoundError, PermissionDenied):  # not a practice of its own: one from the library
        published = practices.get_published(ctx, args.id)
        if args.json:
            env.out(json.dumps(published_json(published), ensure_ascii=False))
        else:
            env.out(f"{published.title} — {published.municipality_name}")
            env.out(published.summary_en)
        return 0
    if args.json:
        env.out(json.dumps(_practice_json(row), ensure_ascii=False))
        return 0
    env.out(f"{row.practice.title} — {row.municipality} [{row.state.label}]")
    for label, text in ((_("Note from the hub"), row.note), (_("The hub's summary"), row.summary)):
        if text:
            env.out(f"{label}: {text}")
    return 0


def run_curate(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        local = {"summary_local": args.local_summary, "summary_language": args.local_language}
        accepted = args.decision == CurationDecision.ACCEPTED and args.local_summary
        practices.curate(
            ctx,
            args.id,
            args.decision,
            note=args.note,
            summary=args.summary,
            summaries=local if accepted else None,
        )
    if args.decision == CurationDecision.ACCEPTED:
        env.out(_("Accepted; publish it to send it to every city."))
    else:
        env.out(_("Returned to the municipality with your note."))
    return 0


def run_summary(args: argparse.Namespace, env: CliEnv) -> int:
    given = {"summary_en": args.en, "summary_local": args.local_summary,
             "summary_language": args.local_language}  # fmt: skip
    with env.locked():
        ctx = env.context()
        published = practices.get_published(ctx, args.id)
        practices.edit_summaries(
            ctx, published.id, {k: v for k, v in given.items() if v is not None}
        )
    env.out(_("Summaries saved: {title}").format(title=published.title))
    return 0


def run_publish(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        published = practices.publish(ctx, args.id)
    env.out(
        _("Published: {title}. It goes to every city with the next bundle.").format(
            title=published.title
        )
    )
    return 0
