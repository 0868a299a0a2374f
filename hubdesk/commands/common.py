"""What every command needs: the data folder, an opened database, and one kind of error."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hubdesk.i18n import _
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import NotInitialisedError, load_context
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.lock import instance_lock
from hubdesk.storage.open import open_database


class CliError(Exception):
    """A problem told to the person as one line on stderr, with a non-zero exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


Handler = Callable[[argparse.Namespace, "CliEnv"], int]


def not_set_up(data_dir: Path) -> CliError:
    return CliError(
        _(
            "HubDesk is not set up in {path} yet. Run 'hubdesk init' or 'hubdesk demo' first, "
            "or choose another folder with --data-dir."
        ).format(path=data_dir)
    )


@dataclass
class CliEnv:
    """Resolved once per run by ``cli.main`` and handed to the command's handler."""

    data_dir: Path
    out: Callable[[str], Any] = print
    _db: Database | None = field(default=None, repr=False)

    def database(self) -> Database:
        """The data folder's database, created or migrated on first use.

        For commands that set a folder up (init, demo); the others use ``existing_database``.
        """
        if self._db is None:
            self._db = open_database(self.data_dir)
        return self._db

    def existing_database(self) -> Database:
        """The database of a folder that was set up; never creates an empty folder or file."""
        if self._db is None and not database_path(self.data_dir).is_file():
            raise not_set_up(self.data_dir)
        return self.database()

    def context(self) -> ServiceContext:
        """The installation's context; a clear error when the folder was never set up."""
        db = self.existing_database()
        try:
            return load_context(db, self.data_dir)
        except NotInitialisedError:
            raise not_set_up(self.data_dir) from None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data folder's single-instance lock: every command that changes data runs
        inside this, so it never writes under an open HubDesk window."""
        with instance_lock(self.data_dir):
            yield

    @contextmanager
    def closing(self) -> Iterator[CliEnv]:
        try:
            yield self
        finally:
            if self._db is not None:
                self._db.close()
                self._db = None
