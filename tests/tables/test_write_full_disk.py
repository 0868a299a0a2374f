"""A spreadsheet that does not fit on the disk: one clear error, no traceback after it."""

from __future__ import annotations

import errno
import gc
import io
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl.writer import excel

from hubdesk.tables.errors import TableError
from hubdesk.tables.writers import write_table


class FullDisk(io.FileIO):
    """A file on a disk with room for a few bytes only."""

    room = 2000
    full = False

    def write(self, data: Any) -> int:
        if self.full or self.tell() + len(data) > self.room:
            self.full = True  # and stays full: nothing more fits
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)


class ZipOnFullDisk(zipfile.ZipFile):
    def __init__(self, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> None:
        super().__init__(FullDisk(file, "w"), mode, *args, **kwargs)
        self._filePassed = 0  # like a zip that opened the file itself: it closes it too


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_a_full_disk_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(excel, "ZipFile", ZipOnFullDisk)
    rows = [[f"Член {n}", "x" * 200] for n in range(200)]
    with pytest.raises(TableError) as refused:
        write_table(tmp_path / "Чланови.xlsx", ["Name", "Notes"], rows, title="Members")
    assert os.strerror(errno.ENOSPC) in str(refused.value)
    del refused
    gc.collect()  # the archive, if left open, would try to write again here
    assert list(tmp_path.iterdir()) == []
