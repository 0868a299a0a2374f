"""Icons and the style sheet shipped inside the package (so wheels and frozen builds carry them)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

import hubdesk

RESOURCES = Path(hubdesk.__file__).resolve().parent / "resources"
ICONS = RESOURCES / "icons"


@cache
def icon(name: str) -> QIcon:
    """The SVG icon ``name``; SVG so it stays sharp at every screen scale."""
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def stylesheet() -> str:
    path = RESOURCES / "style.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""
