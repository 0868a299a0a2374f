"""The schema revisions this HubDesk knows, without importing Alembic.

Start-up only needs to know whether the database is at the newest revision; importing Alembic
to find that out costs an old office PC a noticeable part of a second. The list must name every
migration in ``migrations/versions`` in order; a test compares it with Alembic's own view.
"""

from __future__ import annotations

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005")


def head_revision() -> str:
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    return set(REVISIONS)
