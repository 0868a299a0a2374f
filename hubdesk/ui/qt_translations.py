"""Qt's own strings (text field menus, file dialogs, standard buttons) in the UI language.

Qt ships a ``qtbase`` catalog for Croatian only among HubDesk's languages; for the others every
button HubDesk shows is translated by HubDesk itself, and Qt's few remaining strings stay
English rather than borrow a neighbour's language (Croatian "Spremi" is not Serbian "Sačuvaj").
One translator is installed on the application and replaced whenever the language switches.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from hubdesk.i18n import current_language

# HubDesk language -> the suffix of Qt's catalog that is written in that language and script.
# Serbian Cyrillic would be Qt's "sr"; Serbian Latin and Montenegrin have no Qt catalog of
# their own script, so none is named for them.
QT_CATALOG_LANGUAGE: dict[str, str] = {
    "sq": "sq",
    "bs": "bs",
    "hr": "hr",
    "sr_Cyrl": "sr",
    "mk": "mk",
}

_installed: tuple[str, QTranslator | None] | None = None


def translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def catalog_file(code: str, folder: Path | None = None) -> Path | None:
    """Qt's ``qtbase`` catalog for HubDesk language ``code``, if Qt ships one."""
    suffix = QT_CATALOG_LANGUAGE.get(code)
    if suffix is None:
        return None
    path = (folder or translations_dir()) / f"qtbase_{suffix}.qm"
    return path if path.is_file() else None


def shipped_languages(folder: Path | None = None) -> list[str]:
    """HubDesk's languages for which this Qt has a ``qtbase`` catalog (``hr`` with Qt 6)."""
    return [code for code in QT_CATALOG_LANGUAGE if catalog_file(code, folder) is not None]


def apply_qt_language(code: str | None = None) -> bool:
    """Make Qt speak ``code`` (default: HubDesk's current language); True if Qt has a catalog.

    Cheap when nothing changes, so every place that switches the language may call it.
    """
    global _installed
    code = code or current_language()
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _installed is not None and _installed[0] == code:
        return _installed[1] is not None
    if _installed is not None and _installed[1] is not None:
        QCoreApplication.removeTranslator(_installed[1])
    translator: QTranslator | None = None
    path = catalog_file(code)
    if path is not None:
        candidate = QTranslator(app)
        if candidate.load(str(path)):
            QCoreApplication.installTranslator(candidate)
            translator = candidate
        else:
            candidate.deleteLater()
    _installed = (code, translator)
    return translator is not None
