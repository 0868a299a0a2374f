"""The `dev` script: the README's two commands from a fresh clone, the window on a real X server
(Xvfb), and the check for Qt's missing X11 libraries.

The fresh-clone test is slow (a new virtual environment, filled from pip's cache with the locked
versions): CI runs it. It clones the committed state of this checkout, so commit first.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import debian
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "dev"
MISSING = ("libxcb-cursor.so.0", "libxkbcommon-x11.so.0")
LDD_OUTPUT = f"""\
\tlinux-vdso.so.1 (0x00007ffc3a5f1000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0f1a000000)
\t{MISSING[0]} => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f0f19f00000)
\t{MISSING[1]} => not found
\t{MISSING[0]} => not found
"""


def fake_ldd(tmp_path: Path, output: str) -> Path:
    """An `ldd` that prints `output` whatever it is asked, as fast as a pipe takes it."""
    (tmp_path / "ldd-output").write_text(output, encoding="utf-8")
    script = tmp_path / "ldd"
    script.write_text(f'#!/bin/sh\nexec cat "{tmp_path / "ldd-output"}"\n', encoding="utf-8")
    script.chmod(0o755)
    return script


def check_xcb(ldd: Path | None, library: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({"LDD": str(ldd)} if ldd else {})}
    return subprocess.run(
        ["bash", str(DEV), "_check-xcb", library],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip


def test_missing_libraries_are_listed_once_each(tmp_path: Path) -> None:
    result = check_xcb(fake_ldd(tmp_path, LDD_OUTPUT), "/any/libqxcb.so")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == list(MISSING)


def test_missing_libraries_are_found_in_output_too_large_for_a_pipe(tmp_path: Path) -> None:
    # The first "not found" comes before 4 MB more: a reader that stops at the first match
    # leaves ldd to die of SIGPIPE, which under pipefail made the old check miss every library.
    padding = "\tlibfiller.so.1 => /lib/libfiller.so.1 (0x00007f0f19f00000)\n" * 70_000
    ldd = fake_ldd(tmp_path, LDD_OUTPUT + padding)
    old_check = subprocess.run(
        ["bash", "-c", 'set -o pipefail; "$0" x | grep -q "not found"', str(ldd)],
        capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert old_check.returncode != 0, "the fake ldd no longer provokes SIGPIPE"

    result = check_xcb(ldd, "/any/libqxcb.so")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == list(MISSING)


def test_a_library_with_everything_present_lists_nothing() -> None:
    result = check_xcb(None, "/bin/sh")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


# --- the README's commands from a fresh clone, under Xvfb -----------------------------------

X_TOOLS = {"Xvfb": "xvfb", "xwininfo": "x11-utils"}
RUN_TIMEOUT = 900  # a new venv from pip's cache, the demo database, then the window
MAIN_WINDOW = re.compile(r'^\s*(0x[0-9a-f]+) "HubDesk(?: [^"]*)?": \(', re.M)


def ensure_x_tools() -> None:
    """Xvfb and xwininfo from Debian, installed when this runs as root (as in CI)."""
    missing = sorted({pkg for tool, pkg in X_TOOLS.items() if shutil.which(tool) is None})
    debian.require(missing, " and ".join(missing))


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A fresh X server; yields its DISPLAY."""
    ensure_x_tools()
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        number = reader.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=30)


def clean_env(tmp_path: Path, display: str) -> dict[str, str]:
    dropped = ("QT_", "PYTEST", "VIRTUAL_ENV")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    # The test fixtures give HOME a throw-away folder; pip keeps its cache in the real one.
    real_home = pwd.getpwuid(os.getuid()).pw_dir
    env.setdefault("PIP_CACHE_DIR", str(Path(real_home) / ".cache" / "pip"))
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if Path(sys.prefix) not in Path(p).parents
    )
    env.update(DISPLAY=display, HUBDESK_DATA_DIR=str(tmp_path / "data"))
    return env


def main_window(display: str) -> str | None:
    """The id of HubDesk's main window once it is mapped and of a real size, else None."""
    tree = subprocess.run(
        ["xwininfo", "-display", display, "-root", "-tree"],
        capture_output=True, text=True, timeout=30, check=False,
    ).stdout  # fmt: skip
    for window in MAIN_WINDOW.findall(tree):
        info = subprocess.run(
            ["xwininfo", "-display", display, "-id", window],
            capture_output=True, text=True, timeout=30, check=False,
        ).stdout  # fmt: skip
        width = re.search(r"Width: (\d+)", info)
        if "IsViewable" in info and width and int(width.group(1)) > 400:
            return window
    return None


def screenshot(python: Path, display: str, out: Path) -> None:
    """The whole X screen as a PNG, taken by a separate Qt program on the same display."""
    code = (
        "import sys\nfrom PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication([])\n"
        "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)\n"
    )
    subprocess.run(
        [str(python), "-c", code, str(out)],
        env={**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
        capture_output=True, timeout=60, check=True,
    )  # fmt: skip


def colours(image: Path) -> int:
    from PIL import Image

    with Image.open(image) as picture:
        found = picture.convert("RGB").getcolors(maxcolors=1 << 20)
    return len(found or [])


@pytest.mark.slow
def test_readme_commands_work_from_a_fresh_clone_on_a_real_x_server(
    tmp_path: Path, xvfb: str
) -> None:
    clone = tmp_path / "hubdesk"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    env = clean_env(tmp_path, xvfb)
    log = tmp_path / "dev-run.log"

    with log.open("w") as output:
        run = subprocess.Popen(
            ["bash", "dev", "run"], cwd=clone, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        window = None
        while window is None and time.monotonic() < deadline and run.poll() is None:
            time.sleep(2)
            window = main_window(xvfb)
        text = log.read_text(errors="replace")
        assert window, f"no HubDesk window (exit {run.poll()}):\n{text[-4000:]}"
        time.sleep(3)  # let the first pages paint
        shot = tmp_path / "screen.png"
        screenshot(clone / ".venv" / "bin" / "python", xvfb, shot)
        # An empty Xvfb screen is one colour; HubDesk's window has text, icons and a chart.
        assert colours(shot) > 50, f"the screen looks blank: {shot}"
        assert run.poll() is None, f"HubDesk quit:\n{text[-4000:]}"
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGTERM)
            try:
                run.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(run.pid, signal.SIGKILL)
                run.wait(timeout=30)

    collect = subprocess.run(
        ["bash", "dev", "test", "--co", "-q"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False,
    )  # fmt: skip
    output = collect.stdout + collect.stderr
    assert collect.returncode == 0, output[-4000:]
    assert re.search(r"^\d+ tests collected", output, re.M), output[-4000:]
    assert "tests/dev/test_dev_script.py::" in output

    # What the two commands installed is exactly the lock, down to the version.
    python, lock = clone / ".venv" / "bin" / "python", clone / "locks" / "dev.txt"
    check = subprocess.run(
        [str(python), "-c", LOCK_CHECK, str(lock)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert check.returncode == 0 and check.stdout == "", check.stdout + check.stderr


LOCK_CHECK = """\
import re, sys
from importlib.metadata import PackageNotFoundError, version
from packaging.markers import Marker
from packaging.utils import canonicalize_name
text = open(sys.argv[1]).read()
pin = r"^([A-Za-z0-9_.-]+)==([^ ;\\\\]+)(?: ; ([^\\\\]+))?"
for name, pinned, marker in re.findall(pin, text, re.M):
    if marker and not Marker(marker.strip()).evaluate():
        continue
    try:
        installed = version(name)
    except PackageNotFoundError:
        installed = None
    if canonicalize_name(name) != "pip" and installed != pinned:
        print(f"{name}: locked {pinned}, installed {installed}")
"""
