"""Icons and the style sheet, from the resources folder :mod:`hubdesk.datafiles` finds."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from hubdesk.datafiles import ICONS, RESOURCES, STYLE_SHEET

__all__ = ["ICONS", "RESOURCES", "icon", "stylesheet"]


@cache
def icon(name: str) -> QIcon:
    """The SVG icon ``name``; SVG so it stays sharp at every screen scale."""
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def stylesheet() -> str:
    path = STYLE_SHEET
    return path.read_text(encoding="utf-8") if path.is_file() else ""
