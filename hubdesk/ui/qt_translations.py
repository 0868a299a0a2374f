"""Qt's own strings (file dialogs, standard buttons, text field menus) in the UI language.

Qt ships a ``qtbase`` catalog for Croatian only among HubDesk's languages, and that one lacks
Qt 6's file dialog labels ("&Look in:"). So HubDesk carries its own catalog of the Qt strings it
shows (``translations/qt/<lang>.ts``, compiled to ``hubdesk/locale/<lang>/qt.qm`` at build time,
see tools/qt_catalog.py) for every language. Where Qt ships a catalog too, both are installed and
HubDesk's wins (Qt asks the translator installed last first); Qt's fills in the rest. A
neighbour's catalog never stands in for a language (Croatian "Spremi" is not Serbian "Sačuvaj").
The translators are replaced whenever the language switches.

File dialogs: the operating system's own dialog speaks the system's language, not HubDesk's, so
it is used only when the two agree; otherwise Qt's dialog is shown, in HubDesk's language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hubdesk.i18n import LANGUAGES, LOCALE_DIR, current_language

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
HUBDESK_QT_CATALOG = "qt.qm"

_installed: tuple[str, list[QTranslator]] | None = None


def translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def catalog_file(code: str, folder: Path | None = None) -> Path | None:
    """Qt's ``qtbase`` catalog for HubDesk language ``code``, if Qt ships one."""
    suffix = QT_CATALOG_LANGUAGE.get(code)
    if suffix is None:
        return None
    path = (folder or translations_dir()) / f"qtbase_{suffix}.qm"
    return path if path.is_file() else None


def hubdesk_catalog_file(code: str) -> Path | None:
    """HubDesk's own translation of the Qt strings it shows, if built for ``code``."""
    path = LOCALE_DIR / code / HUBDESK_QT_CATALOG
    return path if path.is_file() else None


def shipped_languages(folder: Path | None = None) -> list[str]:
    """HubDesk's languages for which this Qt has a ``qtbase`` catalog (``hr`` with Qt 6)."""
    return [code for code in QT_CATALOG_LANGUAGE if catalog_file(code, folder) is not None]


def system_ui_language() -> str | None:
    """The HubDesk language of the operating system's own windows, None if it speaks another."""
    tags = QLocale.system().uiLanguages()
    if not tags:
        return None
    parts = tags[0].replace("_", "-").split("-")
    language = parts[0].lower()
    if language == "sr":  # Serbian without a script is written in Cyrillic
        return "sr_Latn" if "Latn" in parts else "sr_Cyrl"
    return language if language in LANGUAGES else None


def native_dialogs_speak(code: str) -> bool:
    """True if the system's file dialogs would speak HubDesk language ``code``."""
    return code == system_ui_language()


_native_dialogs = True  # Qt's default: the system's own file dialogs


def _use_native_dialogs(native: bool) -> None:
    """Set Qt's application attribute only when it changes: reading ``Qt`` builds PySide's whole
    enum namespace (~25 ms), which the start-up frame of an English window must not pay."""
    global _native_dialogs
    if native == _native_dialogs:
        return
    from PySide6.QtCore import Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, not native)
    _native_dialogs = native


def apply_qt_language(code: str | None = None, *, dialogs: bool = True) -> bool:
    """Make Qt speak ``code`` (default: HubDesk's current language); True if a catalog loaded.

    Cheap when nothing changes, so every place that switches the language may call it.
    ``dialogs=False`` leaves the choice of file dialog for later: the window's start-up frame
    opens none, and the choice costs it the ``Qt`` namespace (see ``_use_native_dialogs``).
    """
    global _installed
    code = code or current_language()
    app = QCoreApplication.instance()
    if app is None:
        return False
    if dialogs:
        _use_native_dialogs(native_dialogs_speak(code))
    if _installed is not None and _installed[0] == code:
        return bool(_installed[1])
    if _installed is not None:
        for old in _installed[1]:
            QCoreApplication.removeTranslator(old)
            old.deleteLater()
    translators: list[QTranslator] = []
    # Qt's catalog first, HubDesk's last: the translator installed last is asked first.
    for path in (catalog_file(code), hubdesk_catalog_file(code)):
        if path is None:
            continue
        candidate = QTranslator(app)
        if candidate.load(str(path)):
            QCoreApplication.installTranslator(candidate)
            translators.append(candidate)
        else:
            candidate.deleteLater()
    _installed = (code, translators)
    return bool(translators)
