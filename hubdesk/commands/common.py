"""What every command needs: the data folder, an opened database, and one kind of error."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from hubdesk import clock
from hubdesk.i18n import _
from hubdesk.services.context import ServiceContext
from hubdesk.services.file_names import storable
from hubdesk.services.installation import NotInitialisedError, load_context
from hubdesk.storage import server
from hubdesk.storage.datadir import database_path, lost_database
from hubdesk.storage.db import Database
from hubdesk.storage.fingerprint import fingerprint
from hubdesk.storage.lock import instance_lock
from hubdesk.storage.open import open_database


def iso_date(value: str) -> dt.date:
    """An argparse type: a day written as YYYY-MM-DD, or a clear one-line mistake."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a date; write it as YYYY-MM-DD.").format(value=value)
        ) from None


if TYPE_CHECKING:
    from sqlalchemy.engine import URL


def shown(text: object) -> str:
    """A path or a file's name as a command prints it: a control character becomes "?", as a
    file's name is kept (``file_names.storable``). A file's name is chosen by whoever made
    the file, a dishonest peer too: a newline (or a terminal's escape) in it started a line of
    its own, one that read like HubDesk's ("hubdesk: …")."""
    value = str(text)
    return storable(value, len(value))


def hub_towns(ctx: ServiceContext) -> Callable[[str], str]:
    """At the hub, which lists every city's records: a record's municipality (by its id) in the
    script of the language, then two spaces, as the window's column names it; elsewhere
    nothing, since a municipality lists only its own."""
    if not ctx.is_hub:
        return lambda _municipality_id: ""
    from hubdesk.i18n import current_language
    from hubdesk.services.town_names import municipality_names, town_names

    names, towns = municipality_names(ctx, deleted_too=True), town_names(ctx)
    lang = current_language()
    return lambda town: towns.shown(town, names.get(town, ""), lang) + "  "


def warn(line: str) -> None:
    """A line on stderr, one line whatever names it holds (``shown``)."""
    print(shown(line), file=sys.stderr)


def complain(message: str) -> None:
    """``hubdesk: message``, the one line a refusal is told in (``warn``)."""
    warn(_("hubdesk: {message}").format(message=message))


class CliError(Exception):
    """A problem told to the person as one line on stderr, with a non-zero exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


Handler = Callable[[argparse.Namespace, "CliEnv"], int]


def not_set_up(data_dir: Path) -> CliError:
    if data_dir.exists() and not data_dir.is_dir():  # 'init' would fail there too
        return CliError(
            _("{path} is a file, not a folder; choose a data folder with --data-dir.").format(
                path=data_dir
            )
        )
    return CliError(
        _(
            "HubDesk is not set up in {path} yet. Run 'hubdesk init' or 'hubdesk demo' first, "
            "or choose another folder with --data-dir."
        ).format(path=data_dir)
    )


def refuse_server_unless_hub(env: CliEnv, role: str) -> None:
    """Municipalities and field laptops keep their data in the folder's own file; only a hub
    (several staff, years of every city's data) lives on a server."""
    if env.database_url and role != "hub":
        raise CliError(
            _(
                "A database server is for a hub; a municipality or field laptop keeps its "
                "data in its data folder. Leave out --database-url. Nothing was changed."
            )
        )
    if env.database_url:
        # Refused before anything is set up: refused at the end, the folder stayed set up
        # on the server without naming it, and could be neither opened nor set up again.
        server.storable_url(env.database_url)


@dataclass
class CliEnv:
    """Resolved once per run by ``cli.main`` and handed to the command's handler."""

    data_dir: Path
    out: Callable[[str], Any] = print
    database_url: str | None = None  # --database-url: a hub's server database for this run
    _db: Database | None = field(default=None, repr=False)
    _reached_server: bool = field(default=False, repr=False)  # the installation read there

    def server_url(self) -> URL | None:
        """The server database this run uses: ``--database-url``, else the folder's setting."""
        if self.database_url:
            return server.parse_url(self.database_url)
        return server.configured_url(self.data_dir)

    def database(self) -> Database:
        """The data folder's database, created or migrated on first use.

        For commands that set a folder up (init, demo); the others use ``existing_database``.
        """
        if self._db is None:
            self._db = open_database(self.data_dir, self.server_url())
        return self._db

    def existing_database(self) -> Database:
        """The database of a folder that was set up; never creates an empty folder or file.

        A folder whose database is gone but whose keys or backups are here was set up: it is
        told so, with the restore, never sent to 'hubdesk init' (``datadir.lost_database``)."""
        if (
            self._db is None
            and self.server_url() is None
            and not database_path(self.data_dir).is_file()
            and not lost_database(self.data_dir)
        ):
            raise not_set_up(self.data_dir)
        if self._db is None:
            self._db = open_database(self.data_dir, self.server_url(), create=False)
        return self._db

    def discard_unfinished(self) -> None:
        """Remove the database file this run created, for a set-up that did not finish (a
        Ctrl+C during the demo): the empty file it left looked like a set-up folder, so
        ``bash dev run`` opened the first-run assistant instead of making the demo again.
        Only for a file this run made (the caller knows), and only while no installation is
        in it: nothing that was saved is ever removed."""
        from hubdesk.services.installation import get_installation

        if self.server_url() is not None:
            return
        if self._db is not None:  # (none when stopped while the new file was being made)
            try:
                if get_installation(self._db) is not None:
                    return
            finally:
                self._db.close()
                self._db = None
        live = database_path(self.data_dir)
        try:
            for path in (live, *(live.with_name(live.name + end) for end in ("-wal", "-shm"))):
                path.unlink(missing_ok=True)
        except OSError:  # still open (Windows): the next demo run finds it empty and uses it
            return

    def remember_server(self) -> None:
        """After a successful set-up: the folder names its server database from now on."""
        if self.database_url:
            server.save_setting(self.data_dir, self.database_url)

    def context(self) -> ServiceContext:
        """The installation's context; a clear error when the folder was never set up."""
        db = self.existing_database()
        try:
            ctx = load_context(db, self.data_dir)
        except NotInitialisedError:
            raise not_set_up(self.data_dir) from None
        self._reached_server = self.database_url is not None
        speak_installation_language(db)
        return ctx

    def first_use_of_server(self) -> None:
        """After a command that succeeded (or before the window opens): on a staff PC's first
        use of the hub's server database (its login on the staff list, the hub set up there),
        the folder names that server from now on, so the window and every later command open
        it without ``--database-url``. A command refused (a right this login lacks) leaves the
        folder as it was. Only a folder that holds neither its own database nor another
        server's name: a URL given once never turns a folder with records of its own over to a
        server. A URL with a password is used for this run and not remembered (the folder
        never keeps one)."""
        if not self._reached_server or not self.database_url:
            return
        if server.configured_url(self.data_dir) is not None:
            return
        if database_path(self.data_dir).exists() or lost_database(self.data_dir):
            return
        if server.parse_url(self.database_url).password is None:
            server.save_setting(self.data_dir, self.database_url)

    def open_window_on_server(self) -> None:
        """``hubdesk --database-url URL`` with no command: the window opens on that server.
        The URL is checked as a command's would be (the hub set up there, this login on its
        staff list) and remembered for the folder first; the window then finds it there. A
        folder with records of its own, or naming another server, is refused: the window
        would not show the server the person named."""
        server.storable_url(self.database_url or "")
        configured = server.configured_url(self.data_dir)
        named = server.parse_url(self.database_url or "")
        if configured is not None and not server.same_database(configured, named):
            raise CliError(
                _(
                    "This data folder opens the database {configured}, not {named}. Choose "
                    "another folder with --data-dir, or leave out --database-url."
                ).format(configured=configured.render_as_string(), named=named.render_as_string())
            )
        if configured is None and (
            database_path(self.data_dir).exists() or lost_database(self.data_dir)
        ):
            raise CliError(
                _(
                    "This data folder holds its own database; a hub's server database opens "
                    "in a folder of its own. Choose another folder with --data-dir."
                )
            )
        self.context()  # connects, checks the login and the schema
        self.first_use_of_server()
        if self._db is not None:
            self._db.close()
            self._db = None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data folder's single-instance lock: every command that changes data runs
        inside this, so it never writes under an open HubDesk window. A command that changed
        the data reads the dashboard's figures again before it lets go (``remember_figures``)."""
        with instance_lock(self.data_dir):
            before = self._fingerprint()
            yield
            if self._fingerprint() != before:
                self.remember_figures()

    def _fingerprint(self) -> str | None:
        if self.server_url() is not None:
            return None  # a server database keeps no figures for the window
        return fingerprint(self.data_dir)

    def remember_figures(self) -> None:
        """Read the dashboard's figures as the window would and keep them, in the
        installation's language, so the next start shows them at once (``dashboard_cache``;
        tomorrow's too, so tomorrow's first start does as well)
        instead of after a live reading. Only ever saves time: if they cannot be read, the
        window reads them live, as it would have anyway, and the command has still done its
        work. So does a Ctrl+C while they are read (on a large hub, seconds): the change is
        made by then, and "cancelled; nothing was changed" would hide a restore that was
        done, or a bundle written and counted as sent."""
        if self.server_url() is not None or not database_path(self.data_dir).is_file():
            return
        from hubdesk import i18n
        from hubdesk.services import dashboard_cache
        from hubdesk.services.installation import get_installation

        try:
            # a database of its own: the file as it is now (a restore replaced its content),
            # read exactly as the fingerprint taken with it
            db = open_database(self.data_dir)
        except (Exception, KeyboardInterrupt):  # the cache is a shortcut: never the reason a
            return  # command fails, nor what a Ctrl+C stops
        try:
            installation = get_installation(db)
            if installation is None or installation.language not in i18n.LANGUAGES:
                return
            ctx, today = load_context(db, self.data_dir), clock.today()
            with i18n.language(installation.language):
                dashboard_cache.read(ctx, today)
                # and tomorrow's, for tomorrow's first start: one day, not the window's ten
                # or more, as a script may run many commands on a large hub (each reading is a
                # hub's full dashboard); a window reads the rest once it is open and quiet
                dashboard_cache.read_ahead(ctx, today, days=1, most=1)
        except (Exception, KeyboardInterrupt):  # as above
            return
        finally:
            db.close()

    @contextmanager
    def closing(self) -> Iterator[CliEnv]:
        try:
            yield self
        finally:
            if self._db is not None:
                self._db.close()
                self._db = None


def speak_installation_language(db: Database) -> None:
    """From here on the command speaks the installation's language, as its window does (the
    options and their help, read before the data, stay in the language they were shown in).
    ``HUBDESK_LANG`` chooses another, say for a script that reads the words."""
    from hubdesk.services.installation import get_installation

    installation = get_installation(db)
    speak_language(installation.language if installation is not None else "")


def speak_language(language: str) -> None:
    """From here on the command speaks ``language``, the one of the installation it works on
    or is about to make (``HUBDESK_LANG`` still chooses another)."""
    from hubdesk import i18n

    wanted = i18n.asked_language() or language
    if wanted in i18n.LANGUAGES:
        i18n.set_language(wanted)


class ProgressLine:
    """A percentage on stderr: rewritten in place on a terminal, one line per tenth otherwise
    (a log file should not fill with carriage returns). Work in several passes (checking, then
    writing) gives one text per pass (msgids with ``{percent}``): a pass starts again at 0."""

    def __init__(self, stream: TextIO, *texts: str) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.texts = texts
        self.passes = 0
        self.last = -1
        self.shown = -1

    def __call__(self, done: int, total: int) -> bool:
        if done < self.last and self.passes < len(self.texts) - 1:
            self.passes, self.shown = self.passes + 1, -1
            if self.tty:
                self.stream.write("\n")
        self.last = done
        percent = done * 100 // max(total, 1)
        step = percent if self.tty else percent // 10 * 10
        if step != self.shown:
            text = _(self.texts[self.passes]).format(percent=step)
            self.stream.write(f"\r{text}" if self.tty else f"{text}\n")
            self.stream.flush()
            self.shown = step
        return True

    def close(self) -> None:
        if self.tty and self.shown >= 0:
            self.stream.write("\n")
            self.stream.flush()
