"""What the frozen build keeps and drops (installer/spec_support.py), checked without a build."""

from __future__ import annotations

from pathlib import Path

import pytest
from installer_helpers import ROOT, load

import hubdesk
from hubdesk.i18n import LANGUAGES

S = load("spec_support")

HEAVY_QT = (
    "QtWebEngineCore",
    "QtQuick",
    "QtQml",
    "Qt3DCore",
    "QtMultimedia",
    "QtDesigner",
)


def test_name_and_version_come_from_pyproject() -> None:
    name, version = S.project()
    assert name == "hubdesk"
    assert version == hubdesk.__version__


def test_unused_qt_modules_are_excluded_and_used_ones_kept() -> None:
    available = S.available_qt_modules()
    assert {"QtCore", "QtWidgets", "QtCharts", "QtQuick"} <= set(available)
    excluded = set(S.qt_excludes(available))
    for module in HEAVY_QT:  # whether this PySide6 has them or not
        assert f"PySide6.{module}" in excluded
    assert {f"PySide6.{m}" for m in available} - excluded == {
        f"PySide6.{m}" for m in S.QT_MODULES_USED if m in available
    }
    for module in ("QtCore", "QtGui", "QtWidgets", "QtCharts", "QtPrintSupport", "QtPdf"):
        assert f"PySide6.{module}" not in excluded


def test_every_qt_module_hubdesk_imports_is_kept() -> None:
    """A new ``from PySide6.QtX import`` in hubdesk/ must be added to QT_MODULES_USED, or the
    frozen build would leave QtX out."""
    imported = set()
    for path in (ROOT / "hubdesk").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if (
                len(words) >= 2
                and words[0] in ("from", "import")
                and words[1].startswith("PySide6.Qt")
            ):
                imported.add(words[1].split(".")[1])
    assert imported, "hubdesk imports Qt somewhere"
    assert imported <= S.QT_MODULES_USED


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6QmlModels.so.6",
        "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
        "PySide6/Qt/lib/libQt6PdfQuick.so.6",
        "PySide6/Qt/lib/libQt63DCore.so.6",
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
        "PySide6/Qt6Multimedia.dll",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/plugins/imageformats/qpdf.dll",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
        "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",  # HubDesk shows no raster picture
        "PySide6/Qt/plugins/imageformats/libqgif.so",
        "PySide6/plugins/imageformats/qico.dll",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",  # no OpenGL window
        "PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so",  # no car dashboards
        "PySide6/Qt/plugins/wayland-shell-integration/libwl-shell-plugin.so",
        "libcups.so.2",
        "libX11.so.6",
        "libxcb.so.1",
        "libxcb-render-util.so.0",
        "libxkbcommon-x11.so.0",
        "libfontconfig.so.1",
        "libfreetype.so.6",
        "libdbus-1.so.3",
        "libglib-2.0.so.0",
        "libstdc++.so.6",
        "libgssapi_krb5.so.2",  # QtNetwork's Kerberos, the desktop's as CUPS's
        "libkrb5.so.3",
        "libk5crypto.so.3",
        "libbrotlidec.so.1",  # QtNetwork's Brotli, the desktop's as FreeType's
        "libbrotlicommon.so.1",
        "libz.so.1",  # required on every Linux system (dpkg links it), as are the next ones
        "libbz2.so.1.0",
        "liblzma.so.5",
        "libzstd.so.1",
        "libffi.so.8",
        "libuuid.so.1",
        "libgcc_s.so.1",
        "opengl32sw.dll",
        "PySide6/d3dcompiler_47.dll",
    ],
)
def test_unused_binaries_are_dropped(dest: str) -> None:
    assert S.dropped_binary(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Charts.so.6",
        "PySide6/Qt/lib/libQt6PrintSupport.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
        "PySide6/Qt6Pdf.dll",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libQt6OpenGLWidgets.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "PySide6/Qt6Core.dll",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/platforms/qoffscreen.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/styles/libqmodernwindowsstyle.so",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/plugins/wayland-decoration-client/libadwaita.so",
        "PySide6/plugins/imageformats/qsvg.dll",
        "libpython3.11.so.1.0",
        "libsqlite3.so.0",  # the SQLite HubDesk was tested with, not the system's
        "pillow.libs/libzstd-40ad5e7e.so.1.5.7",  # Pillow's own, linked by its hashed name
        "pillow.libs/libxcb-9065bb12.so.1.1.0",  # Pillow's own copy, linked by its hashed name
        "cryptography/hazmat/bindings/_rust.abi3.so",
    ],
)
def test_needed_binaries_are_kept(dest: str) -> None:
    assert not S.dropped_binary(dest)


def test_only_the_regions_babel_and_qt_languages_are_kept() -> None:
    keep = ["babel/locale-data/root.dat", "babel/locale-data/en_GB.dat", "babel/locale-data/mk.dat"]
    keep += ["babel/locale-data/sr_Latn_ME.dat", "babel/locale-data/en_001.dat"]
    keep += ["babel/locale-data/sr_Cyrl.dat", "babel/locale-data/hr.dat", "babel/global.dat"]
    keep += ["PySide6/Qt/translations/qtbase_hr.qm", "hubdesk/locale/mk/LC_MESSAGES/hubdesk.mo"]
    keep += ["hubdesk/locale/mk/qt.qm"]
    drop = ["babel/locale-data/ja.dat", "babel/locale-data/de_AT.dat", "babel/locale-data/srn.dat"]
    drop += ["babel/locale-data/sq_XK.dat", "babel/locale-data/bs_Cyrl.dat"]  # never formatted in
    drop += ["babel/locale-data/en_CA.dat", "babel/locale-data/sr_Cyrl_BA.dat"]
    drop += ["PySide6/Qt/translations/qtbase_de.qm", "PySide6/Qt/translations/qt_help_ja.qm"]
    drop += ["PySide6/Qt/qml/QtQuick/qmldir"]
    assert [d for d in keep if S.dropped_data(d)] == []
    assert [d for d in drop if not S.dropped_data(d)] == []


NEVER_IMPORTED = (
    "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.oracle",
    "doctest", "pdb", "pydoc", "http.server", "webbrowser", "multiprocessing",
    "concurrent.futures.process", "_pydecimal", "charset_normalizer",
    "reportlab.graphics.renderPM", "reportlab.graphics.renderPS", "reportlab.graphics.renderSVG",
    "xml.dom", "sqlalchemy.ext.asyncio",
)  # fmt: skip
USE_EVERYTHING = """
import importlib, os, pkgutil, sys, tempfile
import hubdesk
from hubdesk.cli import main

for module in pkgutil.walk_packages(hubdesk.__path__, "hubdesk."):
    if not module.name.endswith("__main__"):  # that one starts the program
        importlib.import_module(module.name)
with tempfile.TemporaryDirectory() as folder:
    data = os.path.join(folder, "data")
    for argv in (
        ["selftest"],
        ["--data-dir", data, "demo"],
        ["--data-dir", data, "report", "periodic", "--out", os.path.join(folder, "p.pdf")],
        ["--data-dir", data, "report", "youth", "--out", os.path.join(folder, "y.pdf")],
        ["--data-dir", data, "table", "export", "members", "--out", os.path.join(folder, "m.xlsx")],
        ["--data-dir", data, "table", "import", "members", os.path.join(folder, "m.xlsx"),
         "--dry-run"],
        ["--data-dir", data, "backup", "--to", os.path.join(folder, "backup")],
    ):
        assert main(argv) == 0, argv
print(" ".join(sorted(sys.modules)))
"""


def test_excluded_modules_are_never_imported(tmp_path: Path) -> None:
    """Every HubDesk module imported, the self-test, a demo, reports, a spreadsheet out and in
    and a backup: none of the modules left out of the bundle for being unused is loaded."""
    import os
    import subprocess
    import sys

    assert set(NEVER_IMPORTED) <= set(S.PYTHON_EXCLUDES)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", USE_EVERYTHING], capture_output=True, text=True, env=env,
        cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = set(result.stdout.splitlines()[-1].split())
    assert "reportlab.pdfgen.canvas" in loaded and "openpyxl" in loaded  # it did the work
    assert sorted(n for n in loaded if n.startswith(NEVER_IMPORTED)) == []
    # Pillow: only what ReportLab's import of PIL.Image needs is loaded, no format plugin.
    pillow = S.pillow_excludes()
    assert {"PIL.PngImagePlugin", "PIL.JpegImagePlugin", "PIL.ImageFile"} <= set(pillow)
    assert "PIL.Image" in loaded and sorted(loaded & set(pillow)) == []


BABEL_EVERYWHERE = """
import datetime as dt, sys
from babel import localedata, numbers
from hubdesk.i18n import LANGUAGES, dates, formatting, language, names
from hubdesk.services import dashboard_texts

loaded = set()
load = localedata.load

def recording(name, merge_inherited=True):
    loaded.add(name)
    return load(name, merge_inherited)

localedata.load = recording
day, moment = dt.date(2026, 3, 9), dt.datetime(2026, 3, 9, 14, 5)
for lang in LANGUAGES:
    with language(lang):
        formatting.format_date(day, lang, "short")
        formatting.format_datetime(moment, lang)
        formatting.format_number(1234.5, lang)
        formatting.format_percent(0.25, lang)
        formatting.format_money(123456, "MKD", lang)
        formatting.money_pattern("EUR", lang)
        dates.parse_typed_date(dates.example(lang), lang)
        dates.month_names(lang)
        names.country_name("XK", lang)
        for other in LANGUAGES:
            names.language_name(other, lang)
        dashboard_texts.month_label(day)
        dashboard_texts.quarter_label(day)
        dashboard_texts.compact_money(123456789, "EUR")
        numbers.get_decimal_symbol(formatting.babel_locale(lang))  # the spreadsheet export
print(" ".join(sorted(loaded)))
"""


def test_babel_loads_only_the_kept_locales_in_every_language() -> None:
    """Everything HubDesk formats or names with Babel, in every language, reads only locale
    files the bundle keeps (Babel reads a locale through its parents, each a file). Run in a
    new process: in this one, what earlier tests formatted is cached and loads nothing."""
    import subprocess
    import sys

    from babel import localedata

    done = subprocess.run(
        [sys.executable, "-c", BABEL_EVERYWHERE], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(done.stdout.split())
    assert loaded and loaded <= S.BABEL_LOCALES, sorted(loaded - S.BABEL_LOCALES)
    for name in S.BABEL_LOCALES:
        assert localedata.exists(name), name


def test_migration_scripts_ship_as_files_with_their_imports_hidden() -> None:
    migrations = ROOT / "hubdesk" / "storage" / "migrations"
    versions = sorted(p.name for p in (migrations / "versions").glob("*.py"))
    datas = S.migration_datas()
    shipped = {Path(src).name: dest for src, dest in datas}
    assert {"env.py", "script.py.mako", *versions} <= set(shipped)
    assert shipped["env.py"] == "hubdesk/storage/migrations"
    assert shipped[versions[0]] == "hubdesk/storage/migrations/versions"
    assert not any("__pycache__" in src for src, _dest in datas)
    hidden = S.migration_imports()
    assert {"alembic.op", "alembic.context", "sqlalchemy", "hubdesk.domain.base"} <= set(hidden)


def test_package_datas_carry_catalogs_fonts_icons_and_licences() -> None:
    datas = S.package_datas()
    dests = {(Path(src).name, dest) for src, dest in datas}
    for code in LANGUAGES:
        if code != "en":
            # only the marshal copy the program reads, not the .mo it was made from
            assert ("hubdesk.mo.msgs", f"hubdesk/locale/{code}/LC_MESSAGES") in dests
            assert ("hubdesk.mo", f"hubdesk/locale/{code}/LC_MESSAGES") not in dests
            assert ("qt.qm", f"hubdesk/locale/{code}") in dests
    assert ("DejaVuSans.ttf", "hubdesk/resources/fonts") in dests
    assert ("LICENSE-DejaVu.txt", "hubdesk/resources/fonts") in dests
    assert ("style.qss", "hubdesk/resources") in dests
    assert ("dashboard.svg", "hubdesk/resources/icons") in dests
    for licence in ("LGPL-3.0.txt", "GPL-3.0.txt", "Python-PSF.txt"):
        assert (licence, "hubdesk/resources/licences") in dests


def test_runtime_distributions_follow_the_dependencies_but_not_extras() -> None:
    names = {name.lower() for name in S.runtime_distributions("hubdesk")}
    assert {"hubdesk", "sqlalchemy", "alembic", "reportlab", "babel", "cryptography"} <= names
    assert {"pyrage", "platformdirs", "pyside6_essentials", "shiboken6"} <= names
    assert "mako" in names  # alembic's own dependency
    assert "pytest" not in names and "ruff" not in names  # the test extra
    assert "pillow" in names  # ReportLab imports it


def test_orphan_pruning_follows_links_and_keeps_libraries_loaded_by_name() -> None:
    links = {
        "/src/QtCore.abi3.so": ["libQt6Core.so.6"],
        "/src/libQt6Core.so.6": ["libicuuc.so.73", "libglib-2.0.so.0"],
        "/src/libicuuc.so.73": ["libicudata.so.73"],
        "/src/libqgtk3.so": [],  # a plugin dropped earlier took its libraries' reason away
        "/src/libcairo.so.2": ["libpixman-1.so.0"],
    }
    entries = [
        ("PySide6/QtCore.abi3.so", "/src/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/src/libicuuc.so.73", "BINARY"),
        ("PySide6/Qt/lib/libicudata.so.73", "/src/libicudata.so.73", "BINARY"),
        ("libglib-2.0.so.0", "/src/libglib-2.0.so.0", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/src/libpixman-1.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
    ]
    kept = {dest for dest, _s, _k in S.prune_orphans(entries, lambda s: links.get(s, []))}
    assert "libcairo.so.2" not in kept and "libpixman-1.so.0" not in kept
    assert {"PySide6/Qt/lib/libicudata.so.73", "libglib-2.0.so.0", "libpython3.11.so.1.0"} <= kept
    assert "PySide6/Qt/plugins/platforms/libqxcb.so" in kept  # plugins are roots
    assert "PySide6/QtCore.abi3.so" in kept  # Python extensions are roots


def test_the_spec_uses_the_rules_and_both_executables() -> None:
    text = (ROOT / "installer" / "hubdesk.spec").read_text(encoding="utf-8")
    for needle in (
        "S.qt_excludes(",
        "S.dropped_binary(",
        "S.dropped_data(",
        "S.prune_orphans(",
        "S.migration_imports()",
        "S.package_datas()",
        "copy_metadata(",
        'name="hubdesk", console=False',
        'name="hubdesk-cli", console=True',
        "upx=False",
    ):
        assert needle in text, needle


def test_links_to_dropped_libraries_are_dropped_too() -> None:
    binaries = [
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libfoo.so", "libfoo.so.1", "SYMLINK"),
        ("PySide6/Qt/lib/libfoo.so.1", "../../../libQt6Core.so.6", "SYMLINK"),
    ]
    kept = [dest for dest, _t, _k in S.drop_dangling_links(binaries)]
    assert kept == [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "libQt6Core.so.6",
        "PySide6/Qt/lib/libfoo.so",
        "PySide6/Qt/lib/libfoo.so.1",
    ]
    datas = [("hubdesk/x.txt", "/src/x.txt", "DATA"), ("y.so", "hubdesk/x.txt", "SYMLINK")]
    assert S.drop_dangling_links([datas[1]], [datas[0]]) == [datas[1]]


def test_catalogs_ship_compressed_and_read_as_the_mo_says(tmp_path: Path) -> None:
    import zlib

    from hubdesk.i18n import catalog_path
    from hubdesk.i18n.fast_catalog import fast_path, load

    source = fast_path(catalog_path("mk"))
    datas = [
        ("hubdesk/locale/mk/LC_MESSAGES/hubdesk.mo.msgs", str(source), "DATA"),
        ("hubdesk/resources/style.qss", "/src/style.qss", "DATA"),
    ]
    packed = S.compress_catalogs(datas, tmp_path / "work")
    assert packed[1] == datas[1]
    dest, shipped, kind = packed[0]
    assert (dest, kind) == datas[0][::2] and Path(shipped).parent.is_relative_to(tmp_path)
    assert Path(shipped).stat().st_size < source.stat().st_size / 2
    assert zlib.decompress(Path(shipped).read_bytes()) == source.read_bytes()
    # As the bundle has it: the compressed copy alone, under the .mo's name plus .msgs.
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "hubdesk.mo.msgs").write_bytes(Path(shipped).read_bytes())
    expected = load(catalog_path("mk"))._catalog  # type: ignore[attr-defined]
    assert load(folder / "hubdesk.mo")._catalog == expected  # type: ignore[attr-defined]


def test_package_metadata_keeps_its_licences_not_its_file_lists_and_sboms(tmp_path: Path) -> None:
    sboms = ["platformdirs-4.14.9.dist-info/sboms/platformdirs.cdx.json"]
    sboms += ["pyrage-1.4.0.dist-info/sboms/pyrage.cyclonedx.json"]
    kept = ["sqlalchemy-2.0.44.dist-info/METADATA", "pillow-13.0.0.dist-info/licenses/LICENSE"]
    assert [d for d in sboms if not S.dropped_data(d)] == []
    assert [d for d in kept if S.dropped_data(d)] == []

    source = tmp_path / "RECORD"
    source.write_text(
        "sqlalchemy/__init__.py,sha256=abc,1234\n"
        "sqlalchemy-2.0.44.dist-info/METADATA,sha256=def,99\n"
        "sqlalchemy-2.0.44.dist-info/licenses/LICENSE,sha256=ghi,1100\n"
        "sqlalchemy-2.0.44.dist-info/RECORD,,\n",
        encoding="utf-8",
    )
    datas = [
        ("sqlalchemy-2.0.44.dist-info/RECORD", str(source), "DATA"),
        ("sqlalchemy-2.0.44.dist-info/METADATA", str(tmp_path / "METADATA"), "DATA"),
    ]
    trimmed = S.trim_records(datas, tmp_path / "work")
    assert trimmed[1] == datas[1]
    dest, written, kind = trimmed[0]
    assert (dest, kind) == ("sqlalchemy-2.0.44.dist-info/RECORD", "DATA")
    assert Path(written).read_text(encoding="utf-8") == (
        "sqlalchemy-2.0.44.dist-info/licenses/LICENSE,sha256=ghi,1100\n"
    )
    assert source.read_text(encoding="utf-8").count("\n") == 4  # the installed one is untouched
