"""PySide6's import hook, made to keep no module's source (``lighten_pyside_imports`` in
``hubdesk/__init__.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import hubdesk.ui.mainwindow
from hubdesk import uses_pyside as _uses_pyside

IMPORTS_LATER = """
import linecache, sys
import hubdesk.app
before = set(linecache.cache)
import hubdesk.services.dashboard, hubdesk.storage.open, sqlalchemy.orm
files = [name for name in set(linecache.cache) - before if not name.startswith("<")]
print(len(files), len(sys.modules))  # (SQLAlchemy keeps the source it generates, "<...>")
"""


def test_modules_imported_after_the_window_layer_leave_no_source_in_memory() -> None:
    """Left as it is, the hook reads every later module's source through ``linecache`` and
    keeps it: about 20 MiB once SQLAlchemy and the models are in."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", IMPORTS_LATER], capture_output=True, text=True, check=True, env=env
    )
    kept, modules = map(int, out.stdout.split())
    assert modules > 300  # the data layer was imported
    assert kept == 0


def test_the_check_answers_as_the_hook_expects(tmp_path: Path) -> None:
    assert _uses_pyside(hubdesk.ui.mainwindow)
    assert not _uses_pyside(json)
    assert not _uses_pyside(sys)  # built in: no file
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    assert not _uses_pyside(gone)
    compiled = types.ModuleType("compiled")
    compiled.__file__ = str(tmp_path / "compiled.so")
    assert not _uses_pyside(compiled)
