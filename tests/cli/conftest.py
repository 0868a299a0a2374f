"""Running ``hubdesk`` in-process, the way a person types it, and reading what it printed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from hubdesk.cli import main


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def one_line_error(self) -> str:
        """A person's error: exactly one line on stderr, non-zero exit, never a traceback."""
        assert self.code != 0, self.out
        assert "Traceback" not in self.out + self.err
        assert len(self.err_lines) == 1, self.err
        return self.err_lines[0]


Run = Callable[..., Outcome]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder that does not exist yet."""
    return tmp_path / "hubdesk-data"


@pytest.fixture
def hubdesk(capsys: pytest.CaptureFixture[str], folder: Path) -> Run:
    """``hubdesk(*args)`` runs ``hubdesk --data-dir <folder> *args`` in this process."""

    def run(*args: str) -> Outcome:
        capsys.readouterr()
        code = main(["--data-dir", str(folder), *args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err
        return Outcome(code, captured.out, captured.err)

    return run


@pytest.fixture
def kumanovo(hubdesk: Run) -> Outcome:
    """The folder set up as the municipality of Kumanovo."""
    result = hubdesk("init", "--role", "municipality", "--name", "Kumanovo", "--country", "MK")
    assert result.code == 0, result.err
    return result
