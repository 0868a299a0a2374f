"""``hubdesk demo``: set up an empty data folder as the demo municipality, for trying HubDesk out
and for benchmarks (``--scale``)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from hubdesk.commands.common import (
    CliEnv,
    CliError,
    ProgressLine,
    refuse_server_unless_hub,
    shown,
    speak_installation_language,
    speak_language,
)
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_number
from hubdesk.services.demo import (
    MAX_SCALE,
    DemoCancelled,
    DemoSummary,
    build_demo,
    check_arguments,
    demo_language,
)
from hubdesk.services.demo_attachments import add_demo_attachments
from hubdesk.services.installation import get_installation, load_context
from hubdesk.storage.datadir import database_path
from hubdesk.storage.stopping import ctrl_c_held
from hubdesk.sync.hubdemo import build_hub_demo, enrol_demo_hub
from hubdesk.sync.keys import ensure_keys

# What the summary lists, in this order (tables not listed are not shown).
SUMMARY_ROWS: tuple[tuple[str, str], ...] = (
    ("teams", N_("Teams")),
    ("members", N_("Members")),
    ("meetings", N_("Meetings")),
    ("attendance", N_("Attendance records")),
    ("decisions", N_("Decisions")),
    ("action_items", N_("Action items")),
    ("youth_activities", N_("Youth activities")),
    ("fund_proposals", N_("Fund proposals")),
    ("budget_lines", N_("Budget lines")),
)


def register(sub: Any) -> argparse.ArgumentParser:
    """Add ``demo``; returns its parser so that other options (a hub demo) can be added."""
    parser = sub.add_parser(
        "demo",
        help=_("set up a demo municipality with three years of example records"),
        description=_(
            "Set up an empty data folder as a demo municipality (Kumanovo) with three years of "
            "example records: a team, meetings, youth activities and fund proposals. The same "
            "seed always gives the same records."
        ),
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="N",
        help=_("make different example records with another number (default: 1)"),
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        metavar="K",
        help=_("K teams with all their records instead of one, for benchmarks (1 to {max})").format(
            max=MAX_SCALE
        ),
    )
    parser.add_argument(
        "--role",
        choices=["municipality", "hub"],
        default="municipality",
        help=_(
            "municipality (default), or a hub that has received files from three demo "
            "municipalities in different countries"
        ),
    )
    parser.set_defaults(handler=run_demo)
    return parser


def run_demo(args: argparse.Namespace, env: CliEnv) -> int:
    check_arguments(args.seed, args.scale)
    refuse_server_unless_hub(env, args.role)
    with env.locked():
        # a run stopped before its data is saved leaves the folder as it found it
        made_here = env.server_url() is None and not database_path(env.data_dir).exists()
        try:
            return _build(args, env)
        except BaseException:
            if made_here:
                env.discard_unfinished()
            raise


def _build(args: argparse.Namespace, env: CliEnv) -> int:
    db = env.database()
    existing = get_installation(db)
    if existing is not None:
        raise CliError(
            _(
                "The data folder {path} already belongs to '{name}'; the demo needs an "
                "empty one. Choose another folder with --data-dir. Nothing was changed."
            ).format(path=env.data_dir, name=existing.name)
        )
    if args.role != "hub":  # the hub's is English, the language every command starts in
        # The demo's language from its first progress line: its summary, its window and
        # every command after it speak it; one run should not change language half-way.
        speak_language(demo_language())
    meter = ProgressLine(sys.stderr, N_("Building the demo data: {percent}%"))
    # Ctrl+C is held and heard at the next step of the build, which then rolls back; once
    # the data is saved the demo's keys, attached files and hub are added whatever comes,
    # as a demo without them could not be made again here ("already belongs to ...").
    with ctrl_c_held() as pressed:

        def progress(done: int, total: int) -> bool:
            # the last step is told once all is saved (the hub's copy): too late to stop
            return meter(done, total) and (done >= total or not pressed)

        try:
            if args.role == "hub":
                hub = build_hub_demo(
                    db, env.data_dir, seed=args.seed, scale=args.scale, progress=progress
                )
            else:
                summary = build_demo(db, seed=args.seed, scale=args.scale, progress=progress)
                ensure_keys(env.data_dir)
                muni = load_context(db, env.data_dir)
                add_demo_attachments(muni)
                enrol_demo_hub(muni)  # its hub's records go on to its field laptops
        except DemoCancelled as exc:
            raise CliError(str(exc), code=130) from None
        finally:
            meter.close()
    env.remember_server()
    speak_installation_language(db)  # the demo's own language, as its window speaks
    if pressed:
        print(finished_despite_ctrl_c(), file=sys.stderr)
    if args.role == "hub":
        env.out(
            _("The demo hub is ready in {path}; it has received files from: {names}.").format(
                path=shown(env.data_dir), names=", ".join(hub.municipalities)
            )
        )
        env.out(
            _("{records} records in {seconds} s.").format(
                records=format_number(hub.records),
                seconds=format_number(round(hub.total_seconds, 1)),
            )
        )
    else:
        show_summary(env, summary)
    return 0


def finished_despite_ctrl_c() -> str:
    return _(
        "hubdesk: Ctrl+C came after the demo data was saved, so the demo was finished: it is "
        "complete."
    )


def show_summary(env: CliEnv, summary: DemoSummary) -> None:
    env.out(
        _("The demo municipality is ready in {path} (seed {seed}, scale {scale}).").format(
            path=shown(env.data_dir), seed=summary.seed, scale=summary.scale
        )
    )
    labels = [(_(label), summary.counts.get(table, 0)) for table, label in SUMMARY_ROWS]
    width = max(len(label) for label, _count in labels)
    numbers = [format_number(count) for _label, count in labels]
    digits = max(len(n) for n in numbers)
    for (label, _count), number in zip(labels, numbers, strict=True):
        env.out(f"  {label:<{width}}  {number:>{digits}}")
    env.out(
        _("{records} records in {seconds} s.").format(
            records=format_number(summary.records),
            seconds=format_number(round(summary.total_seconds, 1)),
        )
    )
