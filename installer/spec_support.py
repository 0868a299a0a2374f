"""What goes into the frozen HubDesk, kept out of ``hubdesk.spec`` so that it can be unit-tested
without a build (tests/installer/test_spec.py).

The bundle must stay small enough for an old office PC and a slow download (aim: 120 MB one-dir,
60 MB installer), and PySide6 ships all of Qt: WebEngine, Quick, 3D and Multimedia alone are
several times that. So the rule is: keep the Qt modules HubDesk imports (and the plugins a desktop
needs to show them), drop everything else, and prove with ``hubdesk selftest`` and an offscreen
start of the frozen window that nothing needed was dropped.
"""

from __future__ import annotations

import ast
import posixpath
import re
import sys
import tomllib
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "hubdesk"
RESOURCES = ROOT / "resources"  # top level in the source; hubdesk/resources in the bundle
MIGRATIONS = PACKAGE / "storage" / "migrations"
LICENCES = Path(__file__).resolve().parent / "licences"

# Qt modules HubDesk imports from Python (hubdesk/ui, hubdesk/app.py). QtSvg has no Python import
# but draws the SVG icons through the imageformats and iconengines plugins. QtPdf and its widget
# show a report's pages on the Reports page and print them (about 5 MB with QtNetwork, which
# QtPdf links to).
QT_MODULES_USED: frozenset[str] = frozenset(
    {"QtCore", "QtGui", "QtWidgets", "QtCharts", "QtPrintSupport", "QtSvg", "QtPdf", "QtPdfWidgets"}
)

# Qt libraries of modules HubDesk does not use. Plugins and PySide6's own link-time dependencies
# can drag them in even when the Python module is excluded (the virtual keyboard input context
# brings the whole of Qt Quick), so they are removed from the binaries by name as well.
QT_LIBRARIES_DROPPED: tuple[str, ...] = (
    "3D", "Bluetooth", "CanvasPainter", "Concurrent", "DataVisualization", "Designer", "EglFS",
    "EglFs", "FFmpeg", "Graphs", "Help", "HttpServer", "Labs", "Location", "Lottie", "Multimedia",
    "Nfc", "PdfQuick", "Positioning", "Qml", "Quick", "RemoteObjects", "Scxml", "Sensors",
    "SerialBus", "SerialPort", "ShaderTools", "SpatialAudio", "Sql", "StateMachine", "Test",
    "TextToSpeech", "UiTools", "VirtualKeyboard", "WebChannel", "WebEngine", "WebSockets",
    "WebView",
)  # fmt: skip

# Plugins by folder: only those listed are kept (a folder not listed is kept whole).
QT_PLUGINS_KEPT: dict[str, tuple[str, ...]] = {
    # xcb and wayland for Linux desktops, windows for Windows, offscreen for tests and support.
    "platforms": ("qxcb", "qwayland", "qwindows", "qoffscreen", "qminimal"),
    # HubDesk shows no raster picture: its icons are SVG (the icon engine draws them), an
    # attached photo opens in the PC's own viewer, QtPdf decodes a PDF's images itself, and the
    # desktop's icon themes are PNG, which Qt reads without a plugin. The frozen window on X11
    # (all pages and editors) loads no image-format plugin; JPEG, GIF and ICO went (0.6 MB).
    "imageformats": ("qsvg",),
    # The desktops' shell protocol; IVI (car dashboards), fullscreen-shell (kiosks), Qt's own
    # compositor protocol and the withdrawn wl_shell serve no desktop.
    "wayland-shell-integration": ("xdg-shell",),
    # compose and ibus: typing ë, ç, č, ђ, ѓ with the keyboards people use; no virtual keyboard.
    "platforminputcontexts": (
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    ),
}
# Plugin folders a desktop program never needs.
QT_PLUGIN_FOLDERS_DROPPED: frozenset[str] = frozenset(
    {"qmltooling", "sqldrivers", "multimedia", "position", "geoservices", "sensors", "canbus",
     "texttospeech", "webview", "designer", "sceneparsers", "renderers", "renderplugins",
     "assetimporters", "geometryloaders", "scxmldatamodel", "vectorimageformats", "tls",
     "networkinformation", "egldeviceintegrations", "generic",
     # OpenGL for X11 and Wayland windows: HubDesk draws widgets, charts and PDF pages with the
     # CPU and opens no OpenGL window (its frozen window on X11 loads neither; 0.3 MB).
     "xcbglintegrations", "wayland-graphics-integration-client",
     "wayland-graphics-integration-server"}
)  # fmt: skip
# Plugins left out one by one: the GTK theme plugin brings GTK, Cairo and Pango with it (Qt's own
# file dialogs are used instead).
QT_PLUGINS_DROPPED: frozenset[str] = frozenset({"qgtk3"})

# Modules nobody imports at run time. ReportLab imports Pillow's core, but HubDesk's reports embed
# no pictures, so Pillow's optional codecs (AVIF, WebP, FreeType, colour management: 14 MB with
# their libraries) stay out; the libraries only they link go with them (prune_orphans).
PYTHON_EXCLUDES: tuple[str, ...] = (
    "tkinter", "test", "unittest", "pydoc_data", "IPython", "pygments", "mako.ext",
    "sqlalchemy.testing", "alembic.testing",
    "PIL._avif", "PIL._webp", "PIL._imagingft", "PIL._imagingcms", "PIL._imagingtk",
    "PIL.ImageQt", "PIL.ImageTk", "PIL.AvifImagePlugin", "PIL.WebPImagePlugin",
    # HubDesk never goes online: without _ssl and _hashlib, OpenSSL's 5 MB stay out (hashlib
    # uses Python's own SHA-2 and MD5). It reads CSV as UTF-8, cp1250 or cp1251 (pure Python),
    # so the East Asian codecs stay out too; and it has no interactive prompt.
    "ssl", "_ssl", "_hashlib", "readline",
    "_multibytecodec", "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr",
    "_codecs_tw",
    # A hub on a PostgreSQL server installs HubDesk with the 'postgres' extra (README); the
    # installers are for the PCs that keep their own file, so psycopg and its libpq stay out.
    "psycopg", "psycopg_binary", "psycopg_c",
    # Build tools the frozen program never runs: they came in through cffi's and Babel's
    # setup-time helpers (both import them only inside functions HubDesk does not call), and
    # with them PyInstaller's setuptools run-time hook; about 200 modules in each executable.
    "setuptools", "distutils", "_distutils_hack", "pkg_resources",
    "babel.messages.setuptools_frontend",
    # SQLAlchemy's MySQL, SQL Server and Oracle dialects: Alembic names them only for type
    # checking, and HubDesk runs on SQLite (or a hub's PostgreSQL, whose dialect stays).
    "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.oracle",
    "sqlalchemy.connectors.pyodbc", "sqlalchemy.connectors.aioodbc",
    # Debuggers and self-tests: ReportLab imports doctest in its modules' `__main__` blocks
    # only, doctest brings pdb, pdb pydoc, pydoc a web server and a browser launcher.
    "doctest", "pdb", "pydoc", "http.server", "webbrowser",
    # HubDesk starts no processes of Python (the window's workers are threads); asyncio, which
    # SQLAlchemy imports, never reaches for a process pool. Without the module PyInstaller's
    # multiprocessing start-up hook stays out too.
    "multiprocessing", "concurrent.futures.process",
    # decimal's pure-Python fallback: the C _decimal is always there.
    "_pydecimal",
    # ReportLab draws HubDesk's charts into the PDF; its renderers to bitmaps, PostScript and
    # SVG files (the last the only user of xml.dom) are imported only by Drawing.save(), which
    # HubDesk never calls. SQLAlchemy's asyncio extension: HubDesk's engines are synchronous.
    "reportlab.graphics.renderPM", "reportlab.graphics.renderPS", "reportlab.graphics.renderSVG",
    "xml.dom", "sqlalchemy.ext.asyncio",
    # ReportLab guesses the text encoding of an XMP metadata file with it; HubDesk's reports
    # have none (0.5 MB with its compiled parts).
    "charset_normalizer",
)  # fmt: skip
# Distributions whose every module is excluded above: no metadata either.
DISTRIBUTIONS_NOT_SHIPPED: frozenset[str] = frozenset({"charset-normalizer"})

# System libraries every desktop has in a version that matches its printing service: the bundled
# copy would bring Kerberos, GnuTLS and Avahi along (the .deb depends on libcups2 instead).
# On Windows, Qt's software OpenGL and shader compiler (24 MB) serve Qt Quick; widgets and the
# raster-drawn charts never load them.
# bcryptprimitives.dll is Windows' own (the Wine build prefix has a stand-in that must not ship).
SYSTEM_LIBRARIES: tuple[str, ...] = ("libcups", "opengl32sw", "d3dcompiler_", "bcryptprimitives")
# Libraries of the Linux desktop session itself: display (X11, xcb, xkbcommon), fonts
# (fontconfig, FreeType), the session bus and GLib's main loop, and the C++ runtime. Every
# desktop that can show a window has them (the .deb depends on them), and the desktop's own
# copies are the right ones: a bundled fontconfig older than the system's cannot read its
# configuration. Only the copies PyInstaller puts beside the executable go; Pillow's private
# libxcb in pillow.libs stays. Their own dependencies (systemd, gcrypt, expat, PCRE ...) then
# fall out with the orphans.
# QtNetwork (which QtPdf links) brings two more the desktop has: Kerberos' GSS-API (1.5 MB with
# krb5, k5crypto, com_err, keyutils; the printing library libcups2 depends on it, and so does
# the .deb) and Brotli (the desktop's FreeType links it). HubDesk never opens a network
# connection, so they are only ever loaded, never called.
DESKTOP_LIBRARIES = re.compile(
    r"^lib(X11|X11-xcb|xcb(-[a-z-]+)?|xkbcommon(-x11)?|fontconfig|freetype|dbus-1|glib-2\.0"
    r"|gthread-2\.0|gobject-2\.0|stdc\+\+"
    r"|gssapi_krb5|krb5|krb5support|k5crypto|com_err|keyutils|brotli(common|dec|enc))\.so[.\d]*$"
)
# The compression, libffi, UUID and GCC support libraries every Linux system has below its
# desktop: Debian marks them required (dpkg itself links zlib, bzip2, xz and zstd; GLib links
# libffi; the C++ runtime, already the desktop's, links libgcc_s), and the .deb depends on them.
# Stable interfaces for decades, so the PC's own copies serve Qt and Python as well (1.35 MB).
# SQLite is not among them: HubDesk keeps the version its tests ran with.
BASE_LIBRARIES = re.compile(r"^lib(z|bz2|lzma|zstd|ffi|uuid|gcc_s)\.so[.\d]*$")
# Libraries opened by name at run time: nothing links them, so orphan pruning must keep them.
LOADED_BY_NAME: tuple[str, ...] = ("libpython", "python3")

# Babel's locale data is 30 MB; HubDesk formats in its languages only, each in one locale
# (BABEL_LOCALE in hubdesk/i18n/formatting.py: English is en_GB, Montenegrin sr_Latn_ME), and
# names its languages by their codes (names.py). These are those locales and the ones Babel
# reads them through (en_GB inherits from en_001, en and root). The other regional and script
# variants (en_CA, sq_XK, bs_Cyrl, sr_Cyrl_BA ...: 0.6 MB) are never loaded; a test records
# what Babel loads for every language and holds it to this list.
BABEL_LOCALES: frozenset[str] = frozenset(
    {"root", "en", "en_001", "en_GB", "sq", "bs", "hr", "sr", "sr_Latn", "sr_Cyrl",
     "sr_Latn_ME", "mk"}
)  # fmt: skip
# Qt's own translations (standard dialog buttons): the same languages.
QT_TRANSLATION_LANGUAGES: frozenset[str] = frozenset({"en", "sq", "bs", "hr", "sr", "mk"})


def project() -> tuple[str, str]:
    """Name and version from pyproject.toml (the source of truth the wheel is built from too)."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]["name"], data["project"]["version"]


def available_qt_modules() -> list[str]:
    """PySide6's binding modules as installed (QtCore, QtWebEngineCore ...)."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    names = {
        path.name.split(".")[0] for path in folder.glob("Qt*.*") if path.suffix in (".so", ".pyd")
    }
    return sorted(name for name in names if re.fullmatch(r"Qt\w+", name))


# Excluded whether or not this PySide6 has them (WebEngine comes as a separate wheel on some
# platforms and versions).
QT_MODULES_ALWAYS_EXCLUDED: frozenset[str] = frozenset(
    {"QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel", "QtWebView",
     "QtQml", "QtQuick", "QtQuickWidgets", "QtQuick3D", "QtQuickControls2", "Qt3DCore",
     "Qt3DRender", "QtMultimedia", "QtMultimediaWidgets", "QtDesigner",
     "QtUiTools", "QtHelp", "QtSql", "QtTest", "QtNetwork", "QtDBus", "QtOpenGL",
     "QtOpenGLWidgets", "QtSvgWidgets", "QtGraphs", "QtDataVisualization", "QtLocation"}
)  # fmt: skip


def pillow_excludes() -> list[str]:
    """Pillow's modules beyond those ``import PIL.Image`` loads (0.4 MB in the archive).

    ReportLab imports ``PIL.Image`` when it starts and nothing more unless it draws a picture,
    and HubDesk's reports draw none. Pillow imports its format plugins only when a picture is
    opened or saved, and skips any that is missing. Which modules the import needs is asked of
    the Pillow being bundled, in a fresh interpreter."""
    import pkgutil
    import subprocess

    import PIL

    probe = "import sys, PIL.Image; print(*[m for m in sys.modules if m.startswith('PIL.')])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    if result.returncode != 0 or "PIL.Image" not in result.stdout.split():
        raise SystemExit(f"hubdesk.spec: could not import PIL.Image: {result.stderr[-500:]}")
    needed = set(result.stdout.split())
    every = {f"PIL.{module.name}" for module in pkgutil.iter_modules(PIL.__path__)}
    return sorted(every - needed)


def qt_excludes(available: Iterable[str]) -> list[str]:
    """``PySide6.QtX`` for every binding module HubDesk does not use."""
    names = (set(available) | QT_MODULES_ALWAYS_EXCLUDED) - QT_MODULES_USED
    return [f"PySide6.{name}" for name in sorted(names)]


def _basename(dest: str) -> str:
    return dest.replace("\\", "/").rsplit("/", 1)[-1]


def _qt_library_name(filename: str) -> str | None:
    """``Quick`` for libQt6Quick.so.6 / Qt6Quick.dll, None for anything not a Qt library."""
    match = re.match(r"^(?:lib)?Qt6(\w+?)(?:\.so[.\d]*|\.dll|\.dylib)$", filename)
    return match.group(1) if match else None


def dropped_binary(dest: str) -> bool:
    """Should this entry of the build's binaries (or datas) stay out of the bundle?"""
    path = dest.replace("\\", "/")
    parts = path.split("/")
    if "plugins" in parts[:-1]:
        folder = (
            parts[parts.index("plugins") + 1] if len(parts) > parts.index("plugins") + 2 else ""
        )
        if folder in QT_PLUGIN_FOLDERS_DROPPED:
            return True
        stem = re.sub(r"^lib", "", parts[-1].split(".")[0])
        if stem in QT_PLUGINS_DROPPED:
            return True
        kept = QT_PLUGINS_KEPT.get(folder)
        return kept is not None and stem not in kept
    library = _qt_library_name(parts[-1])
    if library is not None:
        return library.startswith(QT_LIBRARIES_DROPPED)
    if parts[-1].startswith(SYSTEM_LIBRARIES):
        return True
    if len(parts) == 1 and (DESKTOP_LIBRARIES.match(parts[-1]) or BASE_LIBRARIES.match(parts[-1])):
        return True
    # FFmpeg of Qt Multimedia, in case a plugin still names it.
    return bool(re.match(r"^(?:lib)?(avcodec|avformat|avutil|swresample|swscale)", parts[-1]))


# Package metadata nothing reads at run time: the software bills of materials some wheels carry
# (platformdirs, pyrage, cryptography, Pillow; 0.8 MB). The licence texts stay.
SBOM = re.compile(r"\.dist-info/(sboms/|[^/]*(cdx|cyclonedx|sbom)[^/]*\.json$)", re.IGNORECASE)
# A file the About dialog shows as a licence text (hubdesk/ui/about.py, LICENCE_FILE).
LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice)", re.IGNORECASE)


def dropped_data(dest: str) -> bool:
    """Locale data and translations HubDesk never loads, and data of dropped Qt modules."""
    path = dest.replace("\\", "/")
    name = _basename(path)
    if SBOM.search(path):
        return True
    if "/locale-data/" in f"/{path}" and name.endswith(".dat"):
        return name.removesuffix(".dat") not in BABEL_LOCALES
    if "/translations/" in f"/{path}" and name.endswith(".qm"):
        match = re.match(r"^[a-z]+_([a-z]{2,3})(?:_\w+)?\.qm$", name)
        return match is None or match.group(1) not in QT_TRANSLATION_LANGUAGES
    if "/qml/" in f"/{path}/":
        return True
    return dropped_binary(path)


PYTHON_EXTENSION = re.compile(r"(\.abi3\.so|\.cpython-[^/]*\.so|\.pyd)$")
SHARED_LIBRARY = re.compile(r"(\.so(\.\d+)*|\.dll)$")
Entry = tuple[str, str, str]  # PyInstaller TOC entry: (name in the bundle, source, type)


def is_shared_library(dest: str) -> bool:
    """A library other binaries link to (not a Python extension, not a Qt plugin)."""
    path = dest.replace("\\", "/")
    name = _basename(path)
    return (
        bool(SHARED_LIBRARY.search(name))
        and not PYTHON_EXTENSION.search(name)
        and "/plugins/" not in f"/{path}"
    )


def prune_orphans(entries: list[Entry], needs: Callable[[str], Iterable[str]]) -> list[Entry]:
    """Drop libraries that nothing kept links to any more, until none is left: a library that
    came in only for a dropped plugin (GTK for the GTK theme, Kerberos for CUPS) goes too.

    ``needs(source)`` names the libraries a binary links to (its ELF NEEDED entries).
    """
    cache: dict[str, set[str]] = {}

    def linked(source: str) -> set[str]:
        if source not in cache:
            cache[source] = {_basename(name) for name in needs(source)}
        return cache[source]

    kept = list(entries)
    while True:
        wanted: set[str] = set()
        for _dest, source, _kind in kept:
            wanted |= linked(source)
        orphans = {
            dest
            for dest, _source, _kind in kept
            if is_shared_library(dest)
            and _basename(dest) not in wanted
            and not _basename(dest).startswith(LOADED_BY_NAME)
        }
        if not orphans:
            return kept
        kept = [entry for entry in kept if entry[0] not in orphans]


def drop_dangling_links(entries: list[Entry], others: Iterable[Entry] = ()) -> list[Entry]:
    """Drop the symbolic links PyInstaller made to libraries that were dropped since (a link
    ``libQt6Network.so.6 -> PySide6/Qt/lib/libQt6Network.so.6`` with nothing behind it).
    ``others`` are the entries of the other list (binaries for datas and back)."""
    kept = list(entries)
    rest = list(others)
    while True:
        present = {dest.replace("\\", "/") for dest, _src, _kind in [*kept, *rest]}
        dangling = {
            dest
            for dest, target, kind in kept
            if kind == "SYMLINK"
            and posixpath.normpath(posixpath.join(posixpath.dirname(dest), target)) not in present
        }
        if not dangling:
            return kept
        kept = [entry for entry in kept if entry[0] not in dangling]


def elf_needed(path: str) -> list[str]:
    """The libraries an ELF file links to directly (its DT_NEEDED entries), read with objdump,
    which PyInstaller itself needs on Linux. (PyInstaller's own ``get_imports`` asks ldd, which
    lists the whole tree: a plugin would keep every library its libraries need.)"""
    import subprocess

    result = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False)
    return [
        line.split()[1]
        for line in result.stdout.splitlines()
        if line.strip().startswith("NEEDED") and len(line.split()) == 2
    ]


def licence_record(text: str) -> str:
    """A distribution's RECORD cut down to its licence files. The About dialog finds the
    licence texts through it (``importlib.metadata``'s ``files()``); nothing else reads it at
    run time, and the whole list of a package's files and hashes is 0.7 MB in all."""
    kept = [
        line
        for line in text.splitlines()
        if line and LICENCE_FILE.search(line.split(",", 1)[0].rsplit("/", 1)[-1])
    ]
    return "".join(f"{line}\n" for line in kept)


def trim_records(datas: list[Entry], folder: Path) -> list[Entry]:
    """``datas`` with every ``*.dist-info/RECORD`` replaced by its licence lines, written
    under ``folder`` (the build's work folder)."""

    def trimmed(source: Path) -> bytes:
        text = source.read_text(encoding="utf-8", errors="replace")
        return licence_record(text).encode("utf-8")

    return _rewritten(datas, folder / "records", ".dist-info/RECORD", trimmed)


def compress_catalogs(datas: list[Entry], folder: Path) -> list[Entry]:
    """``datas`` with every catalog's marshal copy (``hubdesk.mo.msgs``) replaced by its
    zlib-compressed form, written under ``folder`` (the build's work folder). The program reads
    either (i18n/fast_catalog.py); compressed, the eight catalogs take 0.7 MB instead of 2.4."""
    import zlib

    return _rewritten(
        datas, folder / "catalogs", ".mo.msgs", lambda source: zlib.compress(source.read_bytes(), 9)
    )


def _rewritten(
    datas: list[Entry], under: Path, suffix: str, rewrite: Callable[[Path], bytes]
) -> list[Entry]:
    """``datas`` with each file whose bundle path ends in ``suffix`` replaced by what
    ``rewrite`` makes of it, written at the same path under ``under``."""
    out: list[Entry] = []
    for dest, source, kind in datas:
        path = dest.replace("\\", "/")
        if path.endswith(suffix):
            target = under / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(rewrite(Path(source)))
            source = str(target)
        out.append((dest, source, kind))
    return out


def migration_imports() -> list[str]:
    """What Alembic's env.py and the version scripts import: Alembic loads them from files at run
    time, so PyInstaller never sees these imports unless they are named."""
    names: set[str] = set()
    for script in [MIGRATIONS / "env.py", *sorted((MIGRATIONS / "versions").glob("*.py"))]:
        tree = ast.parse(script.read_text(encoding="utf-8"), filename=str(script))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return sorted(name for name in names if _importable(name))


def _importable(name: str) -> bool:
    """``from alembic import op`` names a module attribute, not a module, for some names."""
    from importlib.util import find_spec

    try:
        return find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def migration_datas() -> list[tuple[str, str]]:
    """The migration scripts as files (Alembic reads them), without compiled caches."""
    dest = "hubdesk/storage/migrations"
    files = [MIGRATIONS / "env.py", MIGRATIONS / "script.py.mako"]
    files += sorted((MIGRATIONS / "versions").glob("*.py"))
    return [(str(path), str(Path(dest) / path.relative_to(MIGRATIONS).parent)) for path in files]


def package_datas() -> list[tuple[str, str]]:
    """Catalogs, resources (fonts with licence, icons, style) and the shipped licence texts."""
    # Each catalog only in the marshal form the program reads (i18n/fast_catalog.py: a
    # millisecond at start); its .mo, from which that copy was made, would be 2.7 MB more.
    catalogs = sorted((PACKAGE / "locale").glob("*/LC_MESSAGES/hubdesk.mo"))
    if not catalogs:
        raise SystemExit("No compiled catalogs in hubdesk/locale: run installer/build-linux.sh")
    datas = []
    for mo in catalogs:
        msgs = mo.with_name(mo.name + ".msgs")
        if not _copy_of(msgs, mo):
            raise SystemExit(f"{msgs} is missing or not its .mo's copy: compile the catalogs")
        datas.append((str(msgs), str(msgs.parent.relative_to(ROOT))))
    # HubDesk's translation of Qt's own strings (file dialogs, standard buttons), per language.
    for qm in sorted((PACKAGE / "locale").glob("*/qt.qm")):
        datas.append((str(qm), str(qm.parent.relative_to(ROOT))))
    for path in sorted(RESOURCES.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            datas.append((str(path), str(Path("hubdesk") / path.parent.relative_to(ROOT))))
    for path in sorted(LICENCES.glob("*.txt")):
        datas.append((str(path), "hubdesk/resources/licences"))
    return datas + migration_datas()


def _copy_of(msgs: Path, mo: Path) -> bool:
    """The marshal copy was made from this very .mo (its size and CRC-32, fast_catalog.write)."""
    import marshal
    import zlib

    try:
        record = marshal.loads(msgs.read_bytes())
        raw = mo.read_bytes()
        return bool(record[1] == len(raw) and record[2] == zlib.crc32(raw))
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        return False


def runtime_distributions(root: str = "hubdesk") -> list[str]:
    """``root`` and every distribution it needs at run time (extras left out), whose metadata
    the bundle carries: for ``importlib.metadata.version`` and the About dialog's licences."""
    skipped = {re.sub(r"[-_.]+", "-", name).lower() for name in DISTRIBUTIONS_NOT_SHIPPED}
    seen: dict[str, str] = {key: "" for key in skipped}
    queue = [root]
    while queue:
        name = queue.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist.metadata["Name"]
        for requirement in dist.requires or []:
            spec, _sep, marker = requirement.partition(";")
            if "extra" in marker or not _marker_applies(marker):
                continue
            match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
            if match:
                queue.append(match.group(1))
    return sorted((name for name in seen.values() if name), key=str.lower)


def _marker_applies(marker: str) -> bool:
    marker = marker.strip()
    if not marker:
        return True
    try:
        from packaging.markers import Marker
    except ImportError:  # PyInstaller depends on packaging; keep the requirement to be safe
        return True
    return Marker(marker).evaluate({"extra": ""})


def frozen_name(base: str) -> str:
    return f"{base}.exe" if sys.platform == "win32" else base
