"""The frozen executables' entry point: which arguments open the window (and so arm the quit
timer the build's smoke test uses)."""

from __future__ import annotations

import pytest
from installer_helpers import load

entry = load("hubdesk_entry")


@pytest.mark.parametrize(
    ("args", "window"),
    [
        ([], True),
        (["--data-dir", "/tmp/x"], True),
        (["--data-dir=/tmp/x"], True),
        (["selftest"], False),
        (["--data-dir", "/tmp/x", "init"], False),
        (["--version"], False),
    ],
)
def test_opens_window(args: list[str], window: bool) -> None:
    assert entry.opens_window(args) is window
