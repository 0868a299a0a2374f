"""Where file dialogs start, so every Save as and Open begins in the same familiar place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """Where a person keeps documents (Documents on Windows), where Save as starts."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()
