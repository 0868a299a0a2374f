"""The operating system's reasons in a message, in the person's language."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from hubdesk import i18n
from hubdesk.cli import person_message
from hubdesk.i18n.oserrors import REASONS, os_reason
from hubdesk.tables.errors import TableError
from hubdesk.tables.writers import write_table


def test_a_known_reason_is_translated_and_english_reads_as_the_system_writes_it() -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    assert os_reason(full) == "No space left on device"
    with i18n.language("mk"):
        assert os_reason(full) == "Нема повеќе простор на дискот"
    with i18n.language("sr_Cyrl"):
        assert os_reason(FileNotFoundError(errno.ENOENT, "x")) == "Нема такве датотеке или фасцикле"


@pytest.mark.parametrize("language", ["sq", "bs", "hr", "sr_Latn", "cnr", "mk"])
def test_every_reason_has_its_translation(language: str) -> None:
    with i18n.language(language):
        for number, msgid in REASONS.items():
            assert os_reason(OSError(number, msgid)) != msgid, (language, msgid)


def test_any_other_reason_is_shown_as_the_system_gives_it() -> None:
    assert os_reason(OSError(errno.ETIMEDOUT, "Connection timed out")) == "Connection timed out"
    assert os_reason(ValueError("not a file error")) == "not a file error"


def test_a_command_meets_a_missing_file_in_the_persons_language(tmp_path: Path) -> None:
    missing = tmp_path / "нема.xlsx"
    with i18n.language("sq"):
        text = person_message(FileNotFoundError(errno.ENOENT, "No such file", str(missing)))
    assert str(missing) in text and "Nuk ka skedar ose dosje me këtë emër" in text


def test_a_sheet_written_over_a_folder_says_why_in_albanian(tmp_path: Path) -> None:
    target = tmp_path / "anëtarët.csv"
    target.mkdir()  # a folder where the file was to be
    with i18n.language("sq"), pytest.raises(TableError) as refused:
        write_table(target, ["Name"], [["Ana"]], title="Anëtarët")
    with i18n.language("sq"):
        assert "Është dosje" in str(refused.value)
    assert target.is_dir() and not any(target.iterdir())
