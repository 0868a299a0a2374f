"""The frozen HubDesk, built once per test session with installer/build-linux.sh: the support
self-test passes inside it, its window starts offscreen and closes cleanly, the .deb, .tar.gz and
portable zip hold what they should, and the NSIS script compiles against the bundle.

Slow (a PyInstaller build takes a minute or two): CI runs it. To iterate on these tests without
rebuilding, point HUBDESK_FROZEN_BUILD at the --out folder of an earlier build-linux.sh run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import debian
import pytest
from installer_helpers import INSTALLER, ROOT, load

from hubdesk import __version__

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("frozen-build"),
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="the Linux build runs on Linux"
    ),
]
REUSE = "HUBDESK_FROZEN_BUILD"
BUILD_TIMEOUT = 1500
# QtPdf stays: the Reports page previews and prints PDFs with it. Its Quick module does not.
QT_DROPPED = (
    "libQt6Quick", "libQt6Qml", "libQt6WebEngine", "libQt6PdfQuick", "libQt6Multi", "libQt63D"
)  # fmt: skip


def run(
    args: list[str | Path], timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        check=False,
    )


def build(out: Path) -> None:
    started = time.monotonic()
    result = run(
        ["bash", INSTALLER / "build-linux.sh", "--out", out, "--deb-compression", "gzip"],
        timeout=BUILD_TIMEOUT,
        PYTHON=sys.executable,
    )
    log = result.stdout + result.stderr
    (out / "build.log").write_text(log, encoding="utf-8")
    assert result.returncode == 0, f"build-linux.sh failed:\n{log[-4000:]}"
    (out / "built").write_text(f"{time.monotonic() - started:.0f} s\n", encoding="utf-8")


@pytest.fixture(scope="session")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The build's --out folder. One build per session even with pytest-xdist: the workers
    share the session's temporary root, and the first to come builds under a file lock."""
    reuse = os.environ.get(REUSE)
    if reuse:
        out = Path(reuse)
        assert (out / "hubdesk" / "hubdesk").is_file(), f"{REUSE}={reuse} holds no build"
        yield out
        return
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    out = root / "frozen-build"
    import fcntl  # Linux only, like these tests

    with open(root / "frozen-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits for the worker that builds
        if not (out / "built").is_file():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            build(out)
    yield out


def artefact(out: Path, pattern: str) -> Path:
    found = sorted(out.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {out}, found {found}"
    return found[0]


def test_frozen_selftest_passes(frozen: Path, tmp_path: Path) -> None:
    cli = frozen / "hubdesk" / "hubdesk-cli"
    version = run([cli, "--version"])
    assert version.returncode == 0 and version.stdout.strip() == f"HubDesk {__version__}"
    result = run([cli, "selftest"], HOME=str(tmp_path), TMPDIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Self-test passed: 8 steps"), lines
    assert "Traceback" not in result.stderr
    assert list(tmp_path.glob("hubdesk-selftest-*")) == []  # cleaned up after itself


def test_frozen_window_starts_offscreen_and_closes_when_asked(frozen: Path, tmp_path: Path) -> None:
    bundle = frozen / "hubdesk"
    data = tmp_path / "data"
    setup = ["init", "--role", "municipality", "--name", "Kumanovo", "--country", "MK"]
    init = run([bundle / "hubdesk-cli", "--data-dir", data, *setup, "--lang", "mk"])
    assert init.returncode == 0, init.stderr
    started = time.monotonic()
    window = run([bundle / "hubdesk", "--data-dir", data], timeout=90, HUBDESK_QUIT_AFTER="3")
    elapsed = time.monotonic() - started
    assert window.returncode == 0, window.stdout + window.stderr
    assert "Traceback" not in window.stderr, window.stderr
    assert elapsed >= 3, "the window did not stay open until it was asked to close"
    # The main window saves its geometry when it is closed: it was shown and closed normally.
    assert "geometry" in (data / "window.ini").read_text(encoding="utf-8")


def with_deb_dependencies(deb: Path) -> None:
    """Install the packages the .deb depends on that this PC lacks, as installing it would
    (skips the test where it may not install them)."""
    depends = run(["dpkg-deb", "--field", deb, "Depends"]).stdout
    wanted = [part.split()[0] for part in depends.split(",") if part.strip()]
    status = run(["dpkg-query", "-W", "-f=${Package} ${Status}\n", *wanted]).stdout
    missing = [p for p in wanted if f"{p} install ok installed" not in status]
    debian.require(missing, "what the .deb depends on")


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_frozen_window_starts_on_x11_without_opengl_or_picture_plugins(
    frozen: Path, tmp_path: Path
) -> None:
    """On a real X server (Xvfb) the window draws and closes with the bundle's xcb platform:
    it needs neither the OpenGL integrations nor the raster image plugins left out. The PC has
    what the .deb depends on (the desktop's X libraries, which the bundle leaves out)."""
    with_deb_dependencies(artefact(frozen, "hubdesk_*.deb"))
    bundle = frozen / "hubdesk"
    data = tmp_path / "data"
    init = run([bundle / "hubdesk-cli", "--data-dir", data, "demo"], timeout=300)
    assert init.returncode == 0, init.stderr
    window = run(
        ["xvfb-run", "-a", "env", "QT_QPA_PLATFORM=xcb", "HUBDESK_QUIT_AFTER=3",
         "LD_DEBUG=files", f"LD_DEBUG_OUTPUT={tmp_path / 'ld'}", bundle / "hubdesk",
         "--data-dir", data],
        timeout=120,
    )  # fmt: skip
    assert window.returncode == 0, window.stdout + window.stderr[-3000:]
    loaded = "".join(p.read_text(errors="replace") for p in tmp_path.glob("ld.*"))
    assert "plugins/platforms/libqxcb.so" in loaded  # it was X11, not offscreen
    assert "geometry" in (data / "window.ini").read_text(encoding="utf-8")


def test_frozen_pages_render_in_macedonian(frozen: Path, tmp_path: Path) -> None:
    """Every page and editor drawn by the frozen program on demo data, and a report in the
    Reports page's preview: the trimmed ICU data, the desktop's own font and display libraries,
    QtPdf and the bundled plugins work together."""
    shots = tmp_path / "shots"
    result = run(
        [frozen / "hubdesk" / "hubdesk-cli", "screenshots", "--out", shots, "--lang", "mk"],
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    pictures = sorted(shots.glob("*.png"))
    assert len(pictures) >= 13 and all(p.stat().st_size > 10_000 for p in pictures)
    # The Reports page's preview, drawn by the bundle's QtPdf (the run fails if it drew nothing).
    assert shots / "report-preview.png" in pictures


def test_bundle_leaves_the_desktop_its_libraries_and_carries_small_icu(frozen: Path) -> None:
    internal = frozen / "hubdesk" / "_internal"
    top = {p.name for p in internal.iterdir()}
    for desktop in (
        "libX11.so.6",
        "libxcb.so.1",
        "libfontconfig.so.1",
        "libfreetype.so.6",
        "libdbus-1.so.3",
        "libglib-2.0.so.0",
        "libstdc++.so.6",
        "libsystemd.so.0",
        "libgssapi_krb5.so.2",
        "libkrb5.so.3",
        "libbrotlidec.so.1",
        "libz.so.1",
        "libzstd.so.1",
        "libffi.so.8",
        "libgcc_s.so.1",
    ):
        assert desktop not in top, desktop
    assert not any(n.startswith(("libssl", "libcrypto")) for n in top)  # HubDesk is offline
    assert any(n.startswith("libpython3") for n in top) and "libsqlite3.so.0" in top
    (icu,) = (p for p in internal.rglob("libicudata.so.*") if not p.is_symlink())
    assert icu.stat().st_size < 8_000_000  # trimmed from 32 MB by icu_trim.py


def test_bundle_has_its_data_and_qt_plugins_but_not_the_unused_qt(frozen: Path) -> None:
    internal = frozen / "hubdesk" / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for needed in ("libqxcb.so", "libqoffscreen.so", "libqsvg.so", "libqsvgicon.so"):
        assert needed in names
    assert "libcupsprintersupport.so" in names
    assert {"libQt6Pdf.so.6", "libQt6PdfWidgets.so.6"} <= names  # the Reports page's preview
    assert "libqjpeg.so" not in names and "libqxcb-glx-integration.so" not in names
    assert {"env.py", "script.py.mako", "DejaVuSans.ttf", "LGPL-3.0.txt"} <= names
    assert "hubdesk.mo.msgs" in names and "hubdesk.mo" not in names  # the catalog read at run time
    assert any(n.startswith("0001_") and n.endswith(".py") for n in names)
    leaked = sorted(n for n in names if n.startswith(QT_DROPPED))
    assert leaked == []
    dangling = [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == []
    # Package metadata travels: the version, and the licence texts the About dialog shows.
    assert list(internal.glob("hubdesk-*.dist-info/METADATA"))
    for name in ("sqlalchemy", "alembic", "babel", "cryptography", "platformdirs"):
        assert list(internal.glob(f"{name}-*.dist-info/licenses/*")), name
        # The About dialog finds them through the (trimmed) RECORD, as importlib does.
        (dist,) = metadata.distributions(name=name, path=[str(internal)])
        texts = [f for f in dist.files or [] if "licen" in f.name.lower()]
        assert texts and all(Path(str(f.locate())).is_file() for f in texts), name
    assert not list(internal.glob("*.dist-info/sboms"))
    assert (internal / "PIL").is_dir()  # ReportLab imports Pillow's core ...
    assert not any(
        n.startswith(("libavif", "libwebp", "_avif", "_webp")) for n in names
    )  # ... only
    assert (frozen / "hubdesk" / "hubdesk-cli").resolve() == (frozen / "hubdesk" / "hubdesk")


def test_deb_installs_into_opt_with_commands_desktop_entry_and_icon(frozen: Path) -> None:
    deb = artefact(frozen, "hubdesk_*.deb")
    info = run(["dpkg-deb", "--field", deb, "Package", "Version", "Architecture", "Depends"])
    assert info.returncode == 0, info.stderr
    assert "Package: hubdesk" in info.stdout and f"Version: {__version__}" in info.stdout
    assert "libxcb-cursor0" in info.stdout and "libcups2" in info.stdout
    assert "libgssapi-krb5-2" in info.stdout and "libbrotli1" in info.stdout  # QtNetwork's
    assert "zlib1g" in info.stdout and "libzstd1" in info.stdout and "libffi8" in info.stdout
    listing = run(["dpkg-deb", "--contents", deb]).stdout
    for path in (
        "./opt/hubdesk/hubdesk",
        "./opt/hubdesk/_internal/hubdesk/resources/fonts/DejaVuSans.ttf",
        "./usr/share/applications/hubdesk.desktop",
        "./usr/share/icons/hicolor/256x256/apps/hubdesk.png",
        "./usr/share/icons/hicolor/scalable/apps/hubdesk.svg",
    ):
        assert path in listing, path
    assert "./usr/bin/hubdesk -> /opt/hubdesk/hubdesk" in listing
    assert "./usr/bin/hubdesk-cli -> /opt/hubdesk/hubdesk-cli" in listing
    assert " root/root " in listing  # owned by root, whoever built it


def test_tarball_and_portable_zip(frozen: Path, tmp_path: Path) -> None:
    with tarfile.open(artefact(frozen, "hubdesk-*-linux-*.tar.gz")) as tar:
        names = set(tar.getnames())
    assert f"hubdesk-{__version__}/hubdesk" in names
    assert f"hubdesk-{__version__}/hubdesk-cli" in names
    with zipfile.ZipFile(artefact(frozen, "hubdesk-*-portable.zip")) as archive:
        names = set(archive.namelist())
        marker = archive.read("HubDesk/hubdesk-portable").decode("utf-8")
    assert "HubDesk/hubdesk" in names and "HubDesk-data" in marker
    assert any(n.startswith("HubDesk/_internal/hubdesk/locale/mk/") for n in names)


def test_size_report_was_recorded(frozen: Path) -> None:
    report = (frozen / "installer-size.txt").read_text(encoding="utf-8")
    assert report.startswith("one-dir bundle (installed size)")
    assert ".deb" in report and ".tar.gz" in report and "-portable.zip" in report


def test_bundle_and_downloads_within_the_aims(frozen: Path) -> None:
    """At most 120 MB installed and 60 MB for each download (issue 7). It was 129.9 MB on
    2026-12-05 once QtPdf had come in; the failure lists the largest files, where to look."""
    bench = load("bench_installer_size", ROOT / "bench" / "bench_installer_size.py")
    lines, ok = bench.report(frozen)
    assert bench.tree_size(frozen / "hubdesk") <= 120 * 1_000_000, "\n".join(lines)
    assert ok, "\n".join(lines)


def makensis() -> str:
    """makensis, installed from Debian's nsis package when missing and allowed (root, as in CI)."""
    found = shutil.which("makensis")
    if found:
        return found
    if not debian.may_install():
        pytest.skip("makensis is missing: sudo apt-get install nsis")
    install = debian.install("nsis")
    found = shutil.which("makensis")
    if not found:
        pytest.skip(f"could not install nsis: {install.stderr.strip()[-300:]}")
    return found


def test_nsis_script_compiles_against_the_bundle(frozen: Path, tmp_path: Path) -> None:
    """The Windows installer is built on Windows, but its script is proven valid here: every
    page, language and file reference compiles (warnings are errors)."""
    setup = tmp_path / f"HubDesk-{__version__}-setup.exe"
    defines = [f"-DVERSION={__version__}", f"-DBUNDLE={frozen / 'hubdesk'}", "-DNOCOMPRESS"]
    defines += [f"-DICON={frozen / 'icons' / 'hubdesk.ico'}", f"-DOUTFILE={setup}"]
    result = run([makensis(), "-WX", "-V2", *defines, INSTALLER / "hubdesk.nsi"], timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert setup.is_file() and setup.read_bytes()[:2] == b"MZ"  # a Windows executable
    files = [p for p in (frozen / "hubdesk").rglob("*") if p.is_file() and not p.is_symlink()]
    # The whole bundle is inside (stored uncompressed in this mode).
    assert setup.stat().st_size > sum(p.stat().st_size for p in files)
