"""``hubdesk`` on the command line: headless commands over the services.

Every error a person can cause is one line on stderr and a non-zero exit, never a traceback.
With no command, the window opens.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn

from hubdesk import __version__, i18n
from hubdesk.i18n import _
from hubdesk.i18n.oserrors import os_reason

if TYPE_CHECKING:
    from hubdesk.commands.common import CliEnv
    from hubdesk.services.errors import FieldError

# Only these lightweight modules load before the window opens: the command modules import the
# whole program (database, sync, reports), which would cost an old PC most of a second.


def person_errors() -> tuple[type[BaseException], ...]:
    """Errors whose message is meant for a person; anything else is a bug and keeps its
    traceback."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from hubdesk.commands.common import CliError
    from hubdesk.i18n import UnknownLanguageError
    from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
    from hubdesk.services.installation import AlreadyInitialisedError, NotInitialisedError
    from hubdesk.storage.errors import StorageError
    from hubdesk.sync.errors import SyncError

    return (
        CliError,
        ValidationError,
        NotFoundError,
        PermissionDenied,
        StorageError,
        NotInitialisedError,
        AlreadyInitialisedError,
        UnknownLanguageError,
        SyncError,
        OSError,
        OperationalError,
        sqlite3.OperationalError,
    )


def command_modules() -> list[ModuleType]:
    with program_imported_aside():
        return _command_modules()


@contextmanager
def program_imported_aside() -> Iterator[None]:
    """The whole program imported without Python's automatic cycle collector, then set aside
    from it (``gc.freeze``): the imports make hundreds of thousands of objects that live as
    long as the process, and the collector walked them some forty times as they came, only to
    find nothing to free, an eighth of a command's time (``hubdesk stats``: about 0.9 s ->
    0.8 s). Once per process; a window's process has no automatic collector to pause."""
    if not gc.isenabled() or "hubdesk.commands.sync" in sys.modules:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _command_modules() -> list[ModuleType]:
    from hubdesk.commands import (
        attachments,
        calls,
        community,
        data,
        demo,
        gui,
        helpdesk,
        money,
        needs,
        peers,
        periods,
        proposals,
        report,
        reviews,
        selftest,
        server,
        setup,
        staff,
        sync,
        table,
        teams,
        trainings,
    )

    return [
        setup,
        demo,
        data,
        teams,
        sync,
        periods,
        proposals,
        report,
        reviews,
        money,
        table,
        calls,
        attachments,
        trainings,
        needs,
        community,
        staff,
        peers,
        helpdesk,
        server,
        gui,
        selftest,
    ]


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake on one line, with where to find help."""

    def error(self, message: str) -> NoReturn:
        self.exit(
            2,
            _("{prog}: {message} (see '{prog} --help')").format(prog=self.prog, message=message)
            + "\n",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="hubdesk",
        description=_("HubDesk: records and reports of a municipal prevention team, offline."),
    )
    parser.add_argument("--version", action="version", version=f"HubDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=named_folder,
        help=_("keep data in DIR (default: HUBDESK_DATA_DIR, portable folder or per-user folder)"),
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help=_(
            "a hub's database on a PostgreSQL server (postgresql://user@server/database); "
            "'init' and 'demo' remember it in the data folder"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for module in command_modules():
        module.register(sub)
    return parser


def person_message(
    exc: BaseException, table: str | None = None, options: Mapping[str, str] | None = None
) -> str:
    """The one line a person reads: every field problem of a ValidationError, the path and
    reason of a file-system error, the message of anything else.

    With the ``table`` of the record a command saves, each field is named as its column in the
    window and in spreadsheets ("Starts on", not ``starts_on``); otherwise by the ``options``
    the command filled it from ("--title", not ``title``), where one has its name."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from hubdesk.i18n.formatting import join_said
    from hubdesk.services.errors import ValidationError

    if isinstance(exc, ValidationError) and table is not None:
        from hubdesk.tables.labels import known_label

        text = join_said(f"{known_label(table, e.field) or e.field}: {e.text}" for e in exc.errors)
    elif isinstance(exc, ValidationError):
        lines = [_field_line(e, options or {}) for e in exc.errors]
        text = join_said(dict.fromkeys(lines))  # two stored fields of one option: said once
    elif isinstance(exc, OSError) and exc.filename:
        text = _("{path}: {reason}").format(path=exc.filename, reason=os_reason(exc))
    elif isinstance(exc, (OperationalError, sqlite3.OperationalError)):
        reason = getattr(exc, "orig", None) or exc
        text = _("The database could not be used: {reason}").format(reason=reason)
    else:
        text = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
    return " ".join(str(text).split())


def _field_line(error: FieldError, options: Mapping[str, str]) -> str:
    """One field's refusal, named by the option typed: its own, or the option of a family of
    fields (``--score`` for ``score_peer_learning``). A field no option fills is not named by
    its stored name, which the person never saw, where the sentence says what is wrong; one
    that says only "this field" keeps the name, in words ("reviewed on")."""
    field, text = error.field, error.text
    option = options.get(field) or options.get(field.split("_", 1)[0] if "_" in field else "")
    if option:
        return f"{option}: {text}"
    if "field" in error.message.casefold() or not field:
        return f"{field.replace('_', ' ')}: {text}" if field else text
    return text


def options_by_field(parser: argparse.ArgumentParser, args: argparse.Namespace) -> dict[str, str]:
    """The options of the command run, by the name they keep their value under (``--title``
    under ``title``), and those a command names for stored fields of other names
    (``field_options``: ``--amount`` for ``amount_minor``): a refusal names what was typed."""
    out: dict[str, str] = dict(getattr(args, "field_options", None) or {})
    current: argparse.ArgumentParser | None = parser
    while current is not None:
        chosen: argparse.ArgumentParser | None = None
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                chosen = action.choices.get(getattr(args, action.dest, None) or "")
            elif action.option_strings:
                out.setdefault(action.dest, max(action.option_strings, key=len))
        current = chosen
    return out


def _reader_gone() -> int:
    """The program reading the output stopped early (``hubdesk proposals list | head -1``):
    nothing to tell, as any command-line tool. Python's own flush at exit goes nowhere."""
    import contextlib
    import os

    # An output that is no file (a test's) has nothing to flush.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1


def named_folder(text: str) -> str:
    """A ``--data-dir`` that names a folder. An empty one (a script's unset variable,
    ``--data-dir "$DIR"``) would otherwise mean "not given" and reach the person's own data."""
    if not text.strip():
        raise argparse.ArgumentTypeError(_("it is empty; name a folder, or leave it out"))
    return text


def window_only(argv: Sequence[str]) -> tuple[bool, str | None]:
    """Whether ``argv`` asks for nothing but the window (at most a ``--data-dir``), and the
    folder it names."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--data-dir" and argv[1].strip() and argv[1][0] != "-":
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--data-dir=") and argv[0][11:].strip():
        return True, argv[0].split("=", 1)[1]
    return False, None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    window, option = window_only(arguments)
    try:
        if window:
            collector_off_for_window()
            try:
                from hubdesk.app import run
                from hubdesk.storage.datadir import resolve_data_dir

                return int(run(resolve_data_dir(option)))
            finally:
                gc.enable()
        return run_command(arguments)
    except KeyboardInterrupt:
        print(_("hubdesk: cancelled; nothing was changed."), file=sys.stderr)
        return 130


def collector_off_for_window() -> None:
    """Python's automatic cycle collector off from the very start of a window's process.

    The window runs the collector itself, on its GUI thread (``ui/collector.py``), from the
    moment its application exists; until then the start imports Qt, the window's modules and
    their hundreds of thousands of objects, and each time enough of them are made the
    automatic collector walks them all again, only to find nothing to free (some forty
    collections, about 6 ms of the 120 ms these imports take on the development machine).
    Nothing made before the frame is garbage worth collecting sooner."""
    gc.disable()


def writes_every_script() -> None:
    """A command's words reach its output in any of HubDesk's languages. On Windows a stream
    redirected to a file or a pipe writes in the ANSI code page (cp1252 on a Western PC), which
    has no Cyrillic: a command speaking Macedonian there stopped with UnicodeEncodeError. Such a
    stream writes UTF-8 instead, as Python's UTF-8 mode would; a console takes any text as it
    is, and so does a stream that is UTF-8 already."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and callable(reconfigure):
            with suppress(OSError, ValueError):
                reconfigure(encoding="utf-8")


def run_command(argv: Sequence[str]) -> int:
    from hubdesk.commands.common import CliEnv
    from hubdesk.storage.datadir import resolve_data_dir

    writes_every_script()

    # The command speaks the installation's language once it reads the data
    # (``CliEnv.context``), its refusal too; the language it started in comes back after it,
    # for a caller that runs commands in its own process.
    with i18n.language(i18n.current_language()):
        speak_first_language(argv)
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:  # --help, --version, or a usage mistake already reported
            if exit_.code is None:
                return 0
            return exit_.code if isinstance(exit_.code, int) else 2
        env = CliEnv(data_dir=resolve_data_dir(args.data_dir), database_url=args.database_url)
        return _run(parser, args, env)


def speak_first_language(argv: Sequence[str]) -> None:
    """The help, a usage mistake and a refusal that comes before the data is read (a folder
    not set up yet) in the language the command will speak: ``HUBDESK_LANG``, else the one the
    data folder's figures were kept in, the installation's (``dashboard_file.kept_language``:
    a file, read without opening the database). They were in English, although translated,
    whatever HUBDESK_LANG said."""
    from hubdesk.services.dashboard_file import kept_language
    from hubdesk.storage.datadir import resolve_data_dir

    unknown = i18n.unknown_asked_language()
    wanted: str | None = i18n.asked_language()
    if not wanted:
        wanted = kept_language(resolve_data_dir(given_data_dir(argv)))
    if wanted in i18n.LANGUAGES:
        i18n.set_language(wanted)
    if unknown is not None:  # said, not kept silent: the output would not be what was asked
        from hubdesk.commands.common import warn

        warn(
            _(
                "hubdesk: HUBDESK_LANG asks for '{code}', a language HubDesk does not speak; "
                "it is left aside. Choose one of: {codes}."
            ).format(code=unknown, codes=", ".join(i18n.LANGUAGES))
        )


def given_data_dir(argv: Sequence[str]) -> str | None:
    """The ``--data-dir`` among the options before the command (a command's own options come
    after it, and one of them may take a value that reads like this one)."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--data-dir":
            folder = next(tokens, None)
            return folder if folder and folder.strip() else None
        if token.startswith("--data-dir="):
            return token.split("=", 1)[1].strip() or None
        if token == "--database-url":
            next(tokens, None)
        elif not token.startswith("-"):
            return None  # the command
    return None


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.commands.common import CliError, complain

    try:
        with env.closing():
            if args.command is None:
                from hubdesk.app import run

                if env.database_url:  # a staff PC opening the hub's server database
                    env.open_window_on_server()
                return int(run(env.data_dir))
            code = int(args.handler(args, env))
            if code == 0:
                env.first_use_of_server()  # a staff PC's first command: the folder keeps it
            return code
    except BrokenPipeError:
        return _reader_gone()
    except person_errors() as exc:
        table = getattr(args, "record_table", None)
        complain(person_message(exc, table, options_by_field(parser, args)))
        return int(getattr(exc, "code", 2)) if isinstance(exc, CliError) else 2
    except Exception as exc:
        # a damaged page is met by whatever command reads it first: the person's problem, not
        # a bug, so one line that says what to do
        from hubdesk.storage.check import damaged_message, is_damage
        from hubdesk.storage.check_values import is_unreadable_value, unreadable_message

        if is_damage(exc):
            message = damaged_message(exc)
        elif is_unreadable_value(exc):  # a value edited outside HubDesk: the same, for a row
            message = unreadable_message(exc)
        else:
            raise
        complain(message)
        return 2
