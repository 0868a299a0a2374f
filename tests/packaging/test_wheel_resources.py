"""The wheel carries the top-level resources/ folder as hubdesk/resources, and an installed
wheel reads its own copy, not a checkout's."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import hubdesk
from hubdesk import datafiles
from hubdesk.reports.fonts import FILES

ROOT = Path(hubdesk.__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run([*command, "-q", "-w", str(out), str(ROOT)], check=True, timeout=300)
    (built,) = out.glob("hubdesk-*.whl")
    return built


def test_the_source_keeps_resources_at_the_top_level() -> None:
    assert (ROOT / "resources" / "style.qss").is_file()
    assert not (ROOT / "hubdesk" / "resources").exists()
    assert datafiles.RESOURCES == ROOT / "resources"  # the checkout (editable install) finds it


def test_the_wheel_contains_icons_fonts_licences_and_style_sheet(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {"hubdesk/resources/style.qss", "hubdesk/resources/fonts/LICENSE-DejaVu.txt"}
    wanted |= {f"hubdesk/resources/fonts/{name}" for name in FILES.values()}
    icons = sorted(path.name for path in (ROOT / "resources" / "icons").glob("*.svg"))
    assert "dashboard.svg" in icons
    wanted |= {f"hubdesk/resources/icons/{name}" for name in icons}
    assert wanted <= names, sorted(wanted - names)
    assert not any(name.startswith("resources/") for name in names)


def test_an_unpacked_wheel_uses_its_own_resources(wheel: Path, tmp_path: Path) -> None:
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = "from hubdesk import datafiles; print(datafiles.RESOURCES)"
    # -S: no site-packages, so the checkout's editable install is not on the path
    done = subprocess.run(
        [sys.executable, "-S", "-c", code],
        env={"PYTHONPATH": str(tmp_path)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert Path(done.stdout.strip()) == tmp_path / "hubdesk" / "resources"
