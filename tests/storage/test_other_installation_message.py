"""The refusal of another installation's backup tells the two apart when they share a name
(a PC set up afresh under the office's name before the office's backup turned up)."""

from __future__ import annotations

from pathlib import Path

from hubdesk.storage.errors import OtherInstallationError


def test_one_name_for_two_installations_reads_as_two() -> None:
    message = str(OtherInstallationError(Path("backup.sqlite"), "Kumanovo", "Kumanovo"))
    assert "another installation that is also called 'Kumanovo'" in message
    assert "belongs to" not in message and "Nothing was changed." in message


def test_two_names_are_both_named() -> None:
    message = str(OtherInstallationError(Path("backup.sqlite"), "Elbasan", "Kumanovo"))
    assert "('Elbasan')" in message and "belongs to 'Kumanovo'" in message
