"""A migration writes its numbers out rather than importing them, so it does what it did when
it was written; these tests say when the program's own figure has moved away from one, and a
new migration must remake what the old one made."""

from __future__ import annotations

import importlib

from hubdesk.domain import hlc


def test_the_servers_clock_guard_uses_the_programs_drift_and_counter() -> None:
    guard = importlib.import_module(
        "hubdesk.storage.migrations.versions.0031_staff_keep_the_clock_true"
    )
    assert guard.DEFAULT_MAX_DRIFT_MS == hlc.DEFAULT_MAX_DRIFT_MS
    assert guard.COUNTER_BITS == hlc.COUNTER_BITS
