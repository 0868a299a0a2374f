"""``hubdesk`` on the command line: headless commands over the services.

Every error a person can cause is one line on stderr and a non-zero exit, never a traceback.
With no command, the window opens.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from hubdesk import __version__
from hubdesk.commands.common import CliEnv, CliError
from hubdesk.i18n import _
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.installation import AlreadyInitialisedError, NotInitialisedError
from hubdesk.storage.datadir import resolve_data_dir
from hubdesk.storage.errors import StorageError

# Errors whose message is meant for a person; anything else is a bug and keeps its traceback.
PERSON_ERRORS: tuple[type[BaseException], ...] = (
    CliError,
    ValidationError,
    NotFoundError,
    PermissionDenied,
    StorageError,
    NotInitialisedError,
    AlreadyInitialisedError,
)


def command_modules() -> list[ModuleType]:
    from hubdesk.commands import data, setup

    return [setup, data]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hubdesk",
        description=_("HubDesk: records and reports of a municipal prevention team, offline."),
    )
    parser.add_argument("--version", action="version", version=f"HubDesk {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR",
        help=_("keep data in DIR (default: HUBDESK_DATA_DIR, portable folder or per-user folder)"),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in command_modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    env = CliEnv(data_dir=resolve_data_dir(args.data_dir))
    try:
        with env.closing():
            if args.command is None:
                from hubdesk.app import run

                return run(env.data_dir)
            return int(args.handler(args, env))
    except PERSON_ERRORS as exc:
        message = getattr(exc, "message", None) or str(exc)
        print(_("hubdesk: {message}").format(message=message), file=sys.stderr)
        return getattr(exc, "code", 2)
    except KeyboardInterrupt:
        print(_("hubdesk: cancelled; nothing was changed."), file=sys.stderr)
        return 130
