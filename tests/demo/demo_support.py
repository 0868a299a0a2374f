"""Building a demo database on a fixed ``today`` and reading what it stored."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hubdesk.services.context import ServiceContext
from hubdesk.services.demo import DemoSummary, build_demo
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database
from hubdesk.storage.open import open_database

TODAY = dt.date(2025, 6, 30)


@dataclass
class Demo:
    db: Database
    summary: DemoSummary
    folder: Path

    def context(self) -> ServiceContext:
        return load_context(self.db, self.folder)

    def rows(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        """Plain SQL on the file, so tests look at what was stored, not at what the ORM says."""
        path = self.db.path
        assert path is not None
        with sqlite3.connect(path) as conn:
            conn.row_factory = sqlite3.Row
            return conn.execute(sql, params).fetchall()

    def value(self, sql: str, *params: Any) -> Any:
        return self.rows(sql, *params)[0][0]


def make_demo(folder: Path, **options: Any) -> Demo:
    db = open_database(folder)
    return Demo(db, build_demo(db, today=TODAY, **options), folder)
