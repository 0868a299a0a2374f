"""One line, never a traceback, for a hub's database server that cannot be used.

At start-up (``server.open_server_database``) and equally while a staff PC works: a server that
stops, restarts or drops off the network in the middle of a save, an import or a page being
shown gives the same kind of message the person got at start-up, as a ``StorageError`` that
every form, page and command already shows, rather than a driver error that no window catches.
The transaction that was under way is rolled back by the server, so nothing of it is kept; the
pool replaces dead connections (``pool_pre_ping``), so the next try works once the server is
back. A statement the server refuses to a login without the right (``server_rights``: the rights
follow the staff list) is a ``NoRights`` with one line too, and so is a clock the server refuses
to move (migration 0031: a staff login may not set it back, nor far past the server's time).
"""

from __future__ import annotations

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL, ExceptionContext

from hubdesk.domain.hlc import DEFAULT_MAX_DRIFT_MS
from hubdesk.i18n import N_, _, ngettext
from hubdesk.storage.errors import StorageError


def shown(url: URL) -> str:
    """The URL as a person may see it: never with a password."""
    return url.render_as_string(hide_password=True)


# SQLSTATE of "permission denied": the server answered that this login may not do it.
INSUFFICIENT_PRIVILEGE = "42501"
# SQLSTATE HubDesk's trigger on ``installation`` gives a clock it refuses (migration 0031).
CLOCK_REFUSED = "HD001"


NOT_ON_STAFF = N_(
    "The login {login} is not on this hub's staff list. Ask the hub's administrator to add "
    "you ('hubdesk staff add')."
)


class NoRights(StorageError):
    """The server refused a statement to this login (its rights follow the hub's staff list)."""


def no_rights(url: URL) -> NoRights:
    return NoRights(
        _(
            "The database server refused this to your login on {url}: HubDesk gives each "
            "login on the hub's staff list the rights its role needs, and no more. If you "
            "should be able to do this, ask the hub's administrator ('hubdesk staff rights')."
        ).format(url=shown(url))
    )


def clock_refused() -> StorageError:
    hours = DEFAULT_MAX_DRIFT_MS // 3_600_000
    return StorageError(
        ngettext(
            "The database server refused to move the hub's clock back or more than {hours} "
            "hour past the server's own time; nothing was changed. Check the server's date and "
            "time, and tell the hub's administrator.",
            "The database server refused to move the hub's clock back or more than {hours} "
            "hours past the server's own time; nothing was changed. Check the server's date and "
            "time, and tell the hub's administrator.",
            hours,
        ).format(hours=hours)
    )


def connection_problem(url: URL, exc: BaseException, lost: bool = False) -> StorageError:
    """One line for what went wrong reaching the server, without a traceback or password."""
    reason = str(getattr(exc, "orig", None) or exc)
    lowered = reason.lower()
    where = shown(url)
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        message = _(
            "The database server refused the user name or password for {url}. Check the "
            "pgpass file or PGPASSWORD."
        )
    elif "role" in lowered and "does not exist" in lowered:
        message = _(
            "The database server has no user named in {url}; ask the hub's administrator to "
            "create your login (createuser)."
        )
    elif "does not exist" in lowered and "database" in lowered:
        message = _(
            "The database server has no database named in {url}; ask the hub's administrator "
            "to create it (createdb)."
        )
    elif "resolve host" in lowered or "translate host name" in lowered:
        # psycopg looks the name up itself ("failed to resolve host"), libpq otherwise: a
        # misspelt server name is the commonest first-day mistake on a staff PC
        message = _(
            "No database server named in {url} was found. Check the server's name in the "
            "address, and that this PC is connected to the hub's network."
        )
    elif "pg_hba.conf" in lowered:
        message = _(
            "The database server of {url} does not let this PC or this login in. Ask the "
            "hub's administrator to allow them in the server's pg_hba.conf."
        )
    elif lost:
        message = _(
            "The connection to the database server of {url} was lost; what you were doing was "
            "not saved. Check that the server is running and that this PC is connected to the "
            "hub's network, then try again."
        )
    elif any(
        part in lowered
        for part in (
            "connection refused",
            "no such file",
            "could not connect",
            "timeout",
            "network is unreachable",
            "no route to host",
        )
    ):
        message = _(
            "The database server of {url} does not answer. Is it running, and is this PC "
            "connected to the hub's network?"
        )
    else:
        return StorageError(
            _("Could not use the database {url}: {reason}").format(
                url=where, reason=" ".join(reason.split())
            )
        )
    return StorageError(message.format(url=where))


def _on_error(context: ExceptionContext) -> None:
    if context.is_pre_ping:
        return  # the pool replaces a dead connection by itself
    original = context.original_exception
    refused = getattr(getattr(original, "orig", original), "sqlstate", None)
    if refused == INSUFFICIENT_PRIVILEGE and context.engine is not None:
        raise no_rights(context.engine.url) from original
    if refused == CLOCK_REFUSED:
        raise clock_refused() from original
    if context.connection is not None and not context.is_disconnect:
        return  # the server answered: a lock timeout or a refused row is the caller's to judge
    if context.engine is None or context.original_exception is None:
        return
    lost = context.connection is not None
    raise connection_problem(context.engine.url, context.original_exception, lost)


def watch(engine: Engine) -> None:
    """Make a server that cannot be reached, or that went away, a ``StorageError``."""
    event.listen(engine, "handle_error", _on_error)
