"""Window size, position, last page and language, kept in the data folder.

Kept beside the data (not in the registry or ~/.config) so that a portable HubDesk on a USB
stick reopens the way its user left it, on whichever PC it is plugged into.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

FILENAME = "window.ini"


class WindowPreferences:
    def __init__(self, data_dir: Path) -> None:
        self.settings = QSettings(str(data_dir / FILENAME), QSettings.Format.IniFormat)

    def geometry(self) -> QByteArray | None:
        value = self.settings.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self.settings.setValue("window/geometry", geometry)

    def page(self) -> str | None:
        value = self.settings.value("window/page")
        return str(value) if value else None

    def set_page(self, key: str) -> None:
        self.settings.setValue("window/page", key)

    def language(self) -> str | None:
        """The UI language last used here: the window frame speaks it before the database
        (which has the authoritative setting) is open."""
        value = self.settings.value("window/language")
        return str(value) if value else None

    def set_language(self, code: str) -> None:
        self.settings.setValue("window/language", code)

    def sync(self) -> None:
        self.settings.sync()
