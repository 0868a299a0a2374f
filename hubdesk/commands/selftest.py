"""``hubdesk selftest``: check this copy of HubDesk end to end in a throwaway folder.

Support asks a focal point to run ``hubdesk-cli selftest`` when the installed program misbehaves;
the build runs it on the frozen bundle. The person's own data folder is never opened.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from hubdesk.commands.common import CliEnv
from hubdesk.i18n import _
from hubdesk.selftest import StepResult, run_selftest

EXIT_FAILED = 1


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "selftest",
        help=_("check that this copy of HubDesk works, without touching your data"),
        description=_(
            "Set up two throwaway installations in a temporary folder, load the demo data, print "
            "a report in Macedonian, and send a bundle from one to the other. Prints one line "
            "and exits with 0 when everything works; otherwise names the step that failed. "
            "Your own data folder is not used."
        ),
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help=_("print every step as it finishes, and the details of a failure"),
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help=_("leave the temporary installations in a new folder inside DIR, for support"),
    )
    parser.set_defaults(handler=run_selftest_command)


def step_line(result: StepResult) -> str:
    mark = _("ok") if result.ok else _("FAILED")
    return f"  {result.key:<11} {mark:<7} {result.seconds:6.2f} s  {result.detail}"


def run_selftest_command(args: argparse.Namespace, env: CliEnv) -> int:
    def show(result: StepResult) -> None:
        if args.verbose:
            env.out(step_line(result))

    report = run_selftest(keep=args.keep, on_step=show)
    failed = report.failed
    if failed is None:
        env.out(report.summary())
        return 0
    if args.verbose and failed.trace:
        print(failed.trace.rstrip(), file=sys.stderr)
    print(_("hubdesk: {message}").format(message=report.summary()), file=sys.stderr)
    return EXIT_FAILED
