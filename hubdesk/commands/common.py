"""What every command needs: the data folder, an opened database, and one kind of error."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database
from hubdesk.storage.open import open_database


class CliError(Exception):
    """A problem told to the person as one line on stderr, with a non-zero exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


Handler = Callable[[argparse.Namespace, "CliEnv"], int]


@dataclass
class CliEnv:
    """Resolved once per run by ``cli.main`` and handed to the command's handler."""

    data_dir: Path
    out: Callable[[str], Any] = print
    _db: Database | None = field(default=None, repr=False)

    def database(self) -> Database:
        """The data folder's database, created or migrated on first use."""
        if self._db is None:
            self._db = open_database(self.data_dir)
        return self._db

    def context(self) -> ServiceContext:
        """The installation's context; a clear error when the folder was never set up."""
        return load_context(self.database(), self.data_dir)

    @contextmanager
    def closing(self) -> Iterator[CliEnv]:
        try:
            yield self
        finally:
            if self._db is not None:
                self._db.close()
                self._db = None
