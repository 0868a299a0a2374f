"""Debian packages a test needs (Xvfb, nsis, age), installed when it may (root with apt-get,
as in CI) the way HubDesk's scripts install theirs (``installer/apt.sh``): ``apt-get update``
tried again while a mirror is caught mid-sync, then the install from the lists at hand, so a
package list the mirror cannot serve (i386's, once the Windows build added that architecture)
does not stop a test whose packages are all there."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

APT = Path(__file__).resolve().parent.parent / "installer" / "apt.sh"
INSTALL = (
    'source "$0" && apt_update && '
    'DEBIAN_FRONTEND=noninteractive apt-get "${APT_WAIT[@]}" install -y -qq "$@"'
)


def may_install() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get") is not None


def install(*packages: str) -> subprocess.CompletedProcess[str]:
    """Install ``packages``; the finished ``apt-get install`` (its stderr says what failed)."""
    return subprocess.run(
        ["bash", "-c", INSTALL, str(APT), *packages],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def require(missing: list[str], what: str) -> None:
    """Install ``missing`` (what a test needs, named ``what`` if it is skipped), or skip the
    test where it may not install them; a failed install fails the test."""
    if not missing:
        return
    if not may_install():
        pytest.skip(f"needs {what}: sudo apt-get install {' '.join(missing)}")
    installed = install(*missing)
    assert installed.returncode == 0, installed.stderr
