"""The portable variant: a zip of the one-dir bundle with the ``hubdesk-portable`` marker next to
the executables, so that HubDesk keeps its data in ``HubDesk-data/`` beside itself (see
hubdesk/storage/datadir.py). For field coordinators who carry HubDesk on a USB stick.

    python installer/make_portable.py BUNDLE_DIR OUT.zip
"""

from __future__ import annotations

import os
import stat
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hubdesk.storage.datadir import PORTABLE_DATA, PORTABLE_MARKER

TOP = "HubDesk"
MARKER_TEXT = (
    "This file makes HubDesk portable: it keeps its data in the folder "
    f"{PORTABLE_DATA} next to this file, not in your user profile.\n"
    "Delete this file to use the per-user data folder instead.\n"
)


def make_portable(bundle: Path, target: Path) -> Path:
    """Write ``target`` atomically: a half-written zip on a USB stick helps nobody."""
    if not bundle.is_dir():
        raise SystemExit(f"{bundle} is not a folder")
    partial = target.with_name(target.name + ".part")
    # The strongest deflate: a download to its aim, for about ten more seconds of the build.
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(bundle.rglob("*")):
            name = f"{TOP}/{path.relative_to(bundle).as_posix()}"
            if path.is_symlink():  # keep links as links (unzip restores them)
                info = zipfile.ZipInfo(name)
                info.create_system = 3
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path))
            elif path.is_file():
                archive.write(path, name)
        info = zipfile.ZipInfo(f"{TOP}/{PORTABLE_MARKER}")
        info.external_attr = (stat.S_IFREG | 0o644) << 16
        archive.writestr(info, MARKER_TEXT)
    partial.replace(target)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(make_portable(Path(sys.argv[1]), Path(sys.argv[2])))
