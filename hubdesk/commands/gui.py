"""``hubdesk screenshots``: every page of the window on the demo data, as PNG files."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from hubdesk.commands.common import CliEnv, CliError, shown
from hubdesk.i18n import LANGUAGES, _, check_language
from hubdesk.i18n.oserrors import os_reason


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "screenshots",
        help=_("save a picture of every page of the window, on demo data"),
        description=_(
            "Open every page of the window on the demo municipality, without showing it, and "
            "save one PNG per page (and per main editor). Your own data is not used."
        ),
    )
    parser.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help=_("folder to write the PNG files to")
    )
    parser.add_argument(
        "--lang",
        default="en",
        metavar="L",
        help=_("language of the window: {codes} (default: en)").format(codes=", ".join(LANGUAGES)),
    )
    parser.set_defaults(handler=run_screenshots)


def run_screenshots(args: argparse.Namespace, env: CliEnv) -> int:
    check_language(args.lang)
    from hubdesk.ui.screenshots import SCREEN, PreviewFailed, take_screenshots, use_offscreen_screen

    try:
        with tempfile.TemporaryDirectory(prefix="hubdesk-screen-") as folder:
            # No window appears: the pictures are drawn off screen, on a virtual office screen
            # (also on a PC without a display).
            use_offscreen_screen(*SCREEN, Path(folder))
            written = take_screenshots(args.out, args.lang)
    except OSError as error:
        raise CliError(
            _("Could not write the pictures to {folder}: {reason}").format(
                folder=args.out, reason=os_reason(error)
            )
        ) from error
    except PreviewFailed as error:
        raise CliError(str(error)) from error
    for path in written:
        env.out(shown(path))
    env.out(
        _("{count} pictures written to {folder}.").format(
            count=len(written), folder=shown(args.out)
        )
    )
    return 0
