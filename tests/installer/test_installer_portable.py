"""The portable zip and the size report, on a small stand-in bundle (no build needed)."""

from __future__ import annotations

import os
import stat
import sys
import zipfile
from pathlib import Path

import pytest
from installer_helpers import ROOT, load

from hubdesk.storage.datadir import PORTABLE_MARKER, resolve_data_dir

portable = load("make_portable")
sizes = load("bench_installer_size", ROOT / "bench" / "bench_installer_size.py")


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "hubdesk"
    (folder / "_internal" / "hubdesk" / "locale" / "mk").mkdir(parents=True)
    (folder / "_internal" / "hubdesk" / "locale" / "mk" / "hubdesk.mo").write_bytes(b"mo")
    program = folder / "hubdesk"
    program.write_bytes(b"\x7fELF" + b"0" * 2000)
    program.chmod(0o755)
    if sys.platform != "win32":
        os.symlink("hubdesk", folder / "hubdesk-cli")
    return folder


def test_zip_has_the_bundle_under_one_folder_with_the_marker(bundle: Path, tmp_path: Path) -> None:
    target = portable.make_portable(bundle, tmp_path / "HubDesk-portable.zip")
    assert not target.with_name(target.name + ".part").exists()
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert f"HubDesk/{PORTABLE_MARKER}" in names
        assert "HubDesk/_internal/hubdesk/locale/mk/hubdesk.mo" in names
        mode = archive.getinfo("HubDesk/hubdesk").external_attr >> 16
        assert mode & stat.S_IXUSR  # still executable after unzip
        if sys.platform != "win32":
            link = archive.getinfo("HubDesk/hubdesk-cli")
            assert stat.S_ISLNK(link.external_attr >> 16)
            assert archive.read(link) == b"hubdesk"
        archive.extractall(tmp_path / "stick")
    # Unpacked on a stick, HubDesk keeps its data beside itself.
    program = tmp_path / "stick" / "HubDesk"
    assert resolve_data_dir(environ={}, program=program) == program / "HubDesk-data"


def test_a_missing_bundle_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        portable.make_portable(tmp_path / "nothing", tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_size_report_compares_with_the_aims(bundle: Path, tmp_path: Path) -> None:
    (tmp_path / "hubdesk_0.1.0_amd64.deb").write_bytes(b"d" * 1000)
    big = tmp_path / "HubDesk-0.1.0-setup.exe"
    with big.open("wb") as fh:
        fh.truncate(61_000_000)  # sparse: over the 60 MB aim without using the disk
    lines, ok = sizes.report(tmp_path)
    assert lines[0].startswith("one-dir bundle (installed size)") and lines[0].endswith("ok")
    assert any(line.startswith("hubdesk_0.1.0_amd64.deb") for line in lines)
    assert any(line.startswith("HubDesk-0.1.0-setup.exe") and "OVER" in line for line in lines)
    assert not ok
    assert sizes.main(["x", str(tmp_path)]) == 0  # an aim, not a gate ...
    assert sizes.main(["x", "--strict", str(tmp_path)]) == 1  # ... unless asked
    assert sizes.main(["x", str(tmp_path / "empty")]) == 2
