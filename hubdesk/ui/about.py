"""Help ▸ About: the version, where the data lives, and the licences of everything HubDesk ships.

The installer redistributes Qt (LGPL), fonts and a dozen libraries; their licences require that a
person can read them, so the texts shown are the files that travel with the program: the
``*.dist-info`` licence files (the frozen build copies that metadata), the DejaVu licence next to
the fonts, and ``installer/licences`` (bundled as ``hubdesk/resources/licences``) for HubDesk
itself, Python and Qt, whose packages carry no text of their own.
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import hubdesk
from hubdesk.datafiles import FONTS
from hubdesk.i18n import N_, _
from hubdesk.services.before_data import is_portable  # no data layer for About
from hubdesk.ui.path_text import whole_paths

PACKAGE_DIR = Path(hubdesk.__file__).resolve().parent
FONT_LICENCE = FONTS / "LICENSE-DejaVu.txt"
LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice)", re.IGNORECASE)

# Libraries in the order a reader expects them: (distribution, shown name, licence, what for).
# The licence is the fallback when the package's metadata does not say it.
LIBRARIES: tuple[tuple[str, str, str, str], ...] = (
    ("SQLAlchemy", "SQLAlchemy", "MIT", N_("database access")),
    ("alembic", "Alembic", "MIT", N_("database upgrades")),
    ("Mako", "Mako", "MIT", N_("used by Alembic")),
    ("reportlab", "ReportLab", "BSD-3-Clause", N_("PDF reports")),
    ("babel", "Babel", "BSD-3-Clause", N_("dates, numbers and money in every language")),
    ("cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause", N_("signatures")),
    ("pyrage", "pyrage", "MIT", N_("encrypted bundles (age)")),
    ("platformdirs", "platformdirs", "MIT", N_("finding the data folder")),
    ("openpyxl", "openpyxl", "MIT", N_("spreadsheets (.xlsx)")),
    ("et-xmlfile", "et-xmlfile", "MIT", N_("used by openpyxl")),
    ("pillow", "Pillow", "MIT-CMU", N_("used by ReportLab")),
    ("charset-normalizer", "charset-normalizer", "MIT", N_("used by ReportLab")),
    ("cffi", "cffi", "MIT", N_("used by cryptography")),
    ("pycparser", "pycparser", "BSD-3-Clause", N_("used by cffi")),
    ("MarkupSafe", "MarkupSafe", "BSD-3-Clause", N_("used by Mako")),
    ("typing_extensions", "typing_extensions", "PSF-2.0", N_("used by SQLAlchemy")),
)


@dataclass
class Component:
    """One thing HubDesk ships, with the licence texts found for it."""

    name: str
    version: str
    licence: str
    purpose: str  # N_() msgid
    texts: list[tuple[str, str]] = field(default_factory=list)  # (file name, text)

    def heading(self) -> str:
        version = f" {self.version}" if self.version else ""
        return f"{self.name}{version} — {self.licence}"


def licence_dirs() -> list[Path]:
    """Where the shipped licence texts are: inside the package in the frozen build, in
    ``installer/licences`` in a source checkout."""
    return [PACKAGE_DIR / "resources" / "licences", PACKAGE_DIR.parent / "installer" / "licences"]


def shipped_text(filename: str) -> tuple[str, str] | None:
    for folder in licence_dirs():
        path = folder / filename
        if path.is_file():
            return filename, path.read_text(encoding="utf-8", errors="replace")
    return None


def _distribution(name: str) -> metadata.Distribution | None:
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None


def _licence_of(dist: metadata.Distribution, fallback: str) -> str:
    meta = dist.metadata
    # The metadata is an email Message, which has get(); Python 3.11's hints leave it out.
    expression = meta.get("License-Expression") or ""  # type: ignore[attr-defined]
    if expression:
        return expression
    declared = (meta.get("License") or "").strip()  # type: ignore[attr-defined]
    if declared and len(declared) <= 40 and "\n" not in declared:
        return declared
    return fallback


def distribution_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """Licence files listed in the distribution's RECORD that are present on disk."""
    texts = []
    for file in dist.files or []:
        if not LICENCE_FILE.search(file.name) or file.suffix in (".py", ".pyc"):
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        texts.append((file.name, text))
    return texts


def components() -> list[Component]:
    """HubDesk first, then what runs it, then the libraries; missing ones are left out."""
    items = [
        Component(
            "HubDesk",
            hubdesk.__version__,
            "GPL-3.0-or-later",
            N_("this program"),
            [t for t in [shipped_text("GPL-3.0.txt")] if t],
        ),
        Component(
            "Python",
            platform.python_version(),
            "PSF-2.0",
            N_("the language HubDesk is written in"),
            [t for t in [shipped_text("Python-PSF.txt")] if t],
        ),
    ]
    qt = _distribution("PySide6_Essentials") or _distribution("PySide6")
    if qt is not None:
        items.append(
            Component(
                "Qt / PySide6",
                qt.version,
                "LGPL-3.0-only",
                N_("the window; its libraries are separate files you may replace"),
                [t for t in (shipped_text("LGPL-3.0.txt"), shipped_text("GPL-3.0.txt")) if t],
            )
        )
    if FONT_LICENCE.is_file():
        items.append(
            Component(
                "DejaVu fonts",
                "",
                "Bitstream Vera / Arev (free)",
                N_("Latin and Cyrillic in reports"),
                [(FONT_LICENCE.name, FONT_LICENCE.read_text(encoding="utf-8", errors="replace"))],
            )
        )
    for dist_name, shown, fallback, purpose in LIBRARIES:
        dist = _distribution(dist_name)
        if dist is not None:
            licence = _licence_of(dist, fallback)
            items.append(Component(shown, dist.version, licence, purpose, distribution_texts(dist)))
    return items


def open_folder(path: Path) -> bool:
    """Show ``path`` in the system's file manager; False when the system cannot."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.items = components()
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.folder_caption = QLabel()
        self.folder_caption.setObjectName("sectionTitle")
        self.folder = QLabel(whole_paths(str(self.data_dir)))
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_data_folder)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.licences_caption = QLabel()
        self.licences_caption.setObjectName("sectionTitle")
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self.show_component)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.open_button)
        licences = QHBoxLayout()
        licences.addWidget(self.list, 2)
        licences.addWidget(self.text, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.folder_caption)
        layout.addLayout(folder_row)
        layout.addWidget(self.status)
        layout.addWidget(self.licences_caption)
        layout.addLayout(licences, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 520)
        self.retranslate()
        if self.items:
            self.list.setCurrentRow(0)

    def retranslate(self) -> None:
        self.setWindowTitle(_("About HubDesk"))
        self.title.setText(_("HubDesk {version}").format(version=hubdesk.__version__))
        self.summary.setText(
            _(
                "Records and reports of municipal prevention teams and their regional hub, "
                "offline. Free software under the GNU General Public License, version 3 or later."
            )
        )
        self.folder_caption.setText(
            _("Data folder (portable: kept next to the program)")
            if is_portable()
            else _("Data folder")
        )
        self.open_button.setText(_("Open data folder"))
        self.licences_caption.setText(_("Licences of what HubDesk ships"))
        row = max(self.list.currentRow(), 0)
        self.list.clear()
        for item in self.items:
            entry = QListWidgetItem(item.heading())
            entry.setToolTip(_(item.purpose))
            self.list.addItem(entry)
        if self.items:
            self.list.setCurrentRow(row)

    def show_component(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            self.text.clear()
            return
        item = self.items[row]
        parts = [f"{item.heading()}\n{_(item.purpose)}"]
        if not item.texts:
            parts.append(
                _("The licence text of {name} is not included in this copy.").format(name=item.name)
            )
        for filename, text in item.texts:
            parts.append(f"— {filename} —\n\n{text.strip()}")
        self.text.setPlainText("\n\n".join(parts))
        self.text.moveCursor(self.text.textCursor().MoveOperation.Start)

    def open_data_folder(self) -> None:
        if not self.data_dir.is_dir():
            self.status.setText(
                whole_paths(
                    _("The data folder {path} does not exist yet.").format(path=self.data_dir)
                )
            )
            return
        if open_folder(self.data_dir):
            self.status.clear()
        else:
            self.status.setText(
                whole_paths(
                    _("No file manager could open {path}; open it yourself.").format(
                        path=self.data_dir
                    )
                )
            )
