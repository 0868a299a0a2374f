"""The database driver's own warnings do not reach the person's terminal."""

from __future__ import annotations

import logging

import pytest

from hubdesk.storage.server import require_driver


def test_the_drivers_warnings_go_nowhere() -> None:
    """On a lost connection psycopg warned "error ignored terminating <psycopg.Pipeline [BAD]>"
    (Python's last-resort handler prints an unhandled warning to stderr) before HubDesk's own
    line said what happened."""
    pytest.importorskip("psycopg")
    require_driver()
    handlers = logging.getLogger("psycopg").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)
    require_driver()
    assert logging.getLogger("psycopg").handlers == handlers  # once, however often asked
