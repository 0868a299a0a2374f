"""Taking the zero padding out of bundled Linux libraries (installer/elf_compact.py): Pillow's
private libXau shrinks from 2.1 MB to kilobytes and still loads and works; a library without
padding is left as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from installer_helpers import load

E = load("elf_compact")

CALL_XAU = (
    "import ctypes, sys; lib = ctypes.CDLL(sys.argv[1]); "
    "lib.XauFileName.restype = ctypes.c_char_p; print(lib.XauFileName().decode())"
)


def pillow_library(stem: str) -> Path:
    import PIL

    found = sorted((Path(PIL.__file__).parent.parent / "pillow.libs").glob(f"{stem}-*.so*"))
    if not sys.platform.startswith("linux") or not found:
        pytest.skip(f"Pillow carries no {stem} of its own here (only its Linux wheels do)")
    return found[0]


def test_pillows_padded_libxau_shrinks_and_still_works(tmp_path: Path) -> None:
    padded = tmp_path / "padded" / pillow_library("libXau").name
    padded.parent.mkdir()
    shutil.copyfile(pillow_library("libXau"), padded)
    folder = tmp_path / "bundle" / "pillow.libs"
    folder.mkdir(parents=True)
    library = folder / padded.name
    shutil.copyfile(padded, library)
    result = subprocess.run(
        [sys.executable, str(E.__file__), str(tmp_path / "bundle")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert f"{library.name} 2.1 MB of padding taken out" in result.stdout
    assert padded.stat().st_size > 2_000_000 and library.stat().st_size < 100_000
    env = {**os.environ, "XAUTHORITY": "/nowhere/.Xauthority"}
    for copy in (padded, library):  # the same answer from the same code
        run = subprocess.run(
            [sys.executable, "-c", CALL_XAU, str(copy)],
            capture_output=True, text=True, check=True, env=env,
        )  # fmt: skip
        assert run.stdout.strip() == "/nowhere/.Xauthority"
    assert E.compacted(library.read_bytes()) is None  # nothing left to take out


def test_a_library_without_padding_and_other_files_are_left_alone(tmp_path: Path) -> None:
    library = pillow_library("libjpeg")
    assert E.compacted(library.read_bytes()) is None
    assert E.compacted(b"not an ELF file at all" * 1000) is None
    copy = tmp_path / library.name
    shutil.copyfile(library, copy)
    assert E.compact_file(copy) == 0 and copy.read_bytes() == library.read_bytes()


def test_a_layout_the_loader_would_refuse_is_never_written(tmp_path: Path) -> None:
    """After compaction every loaded segment's offset and address agree within its alignment;
    a file whose would not is left as it was."""
    library = pillow_library("libXau")
    small = E.compacted(library.read_bytes())
    assert small is not None and E.loadable(small) and E.loadable(library.read_bytes())
    header = E.HEADER.unpack_from(small)
    phoff, phentsize, phnum = header[5], header[9], header[10]
    broken = bytearray(small)
    for i in range(phnum):  # a loaded segment claiming 2 MB pages again, out of step with them
        fields = list(E.PROGRAM.unpack_from(broken, phoff + i * phentsize))
        if fields[0] == E.PT_LOAD and (fields[3] - fields[2]) % (2 << 20):
            fields[7] = 2 << 20
            E.PROGRAM.pack_into(broken, phoff + i * phentsize, *fields)
            break
    else:
        pytest.fail("no segment moved off its 2 MB step")
    assert not E.loadable(broken)
