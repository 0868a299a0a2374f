"""Shrink the ICU data that Qt carries on Linux from 32 MB to about 3 MB.

Qt's Linux libraries link ICU, whose data library holds everything ICU can do for every
language on earth. Qt itself asks ICU for little: collation (``QCollator``, which Qt's own file
dialogs use to sort names) and locale-aware upper and lower case. HubDesk adds nothing: it
formats with Babel and sorts in SQLite. So the data keeps the collation of HubDesk's languages
and the root collation (the Unicode order every other language falls back to), the core
properties and normalisation tables, the supplemental data and the main locale tree of
HubDesk's languages; it drops the display names (languages, regions, currencies, units, time
zones), break-iterator rules and dictionaries, transliterators, spelled-out numbers, and the
legacy-charset converters. What Qt would use them for (``QTimeZone`` display names,
``QStringDecoder`` for legacy charsets) HubDesk never calls, and a test holds hubdesk/ to that.

The collation of the other languages (2.3 MB, Chinese, Korean and Japanese most of it) would
serve only Qt's own file dialog on a PC whose system locale is none of HubDesk's; there it
sorts file names in the root order instead, which already puts accented letters beside their
base letters. Qt calls no ICU function that reads character names, spoofing (confusables) or
IDNA tables (Qt converts international domain names itself), so those go too.

The Windows bundle has no ICU of its own (Qt uses Windows' ICU), so this runs on Linux only.

    python installer/icu_trim.py BUNDLE_DIR

Needs ``icupkg`` and ``genccode`` (Debian's icu-devtools) and a C compiler (gcc) to link the
new data library; build-linux.sh installs them when it may.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

# Whole trees of the data that Qt never reads for HubDesk.
TREES_DROPPED: tuple[str, ...] = (
    "brkitr/",  # break iterators (Qt finds text boundaries itself)
    "translit/",
    "rbnf/",  # numbers spelled out
    "curr/",  # display names ...
    "lang/",
    "region/",
    "unit/",
    "zone/",  # ... down to here
)
# Single items Qt never reaches: character names (u_charName), the spoof checker's confusables
# and the IDNA mapping (uidna): Qt's libraries import none of those ICU functions.
ITEMS_DROPPED: frozenset[str] = frozenset({"unames.icu", "confusables.cfu", "uts46.nrm"})
# The main locale tree and the collation tree are kept for these languages (and their regional
# and script variants: sr_Latn sorts like hr, bs_Cyrl like sr), and root.
LANGUAGES_KEPT: frozenset[str] = frozenset({"en", "sq", "bs", "hr", "sr", "mk"})
LOCALE_ITEM = re.compile(r"(?P<language>[a-z]{2,3})(_[A-Za-z0-9]*)*\.res")


def items_to_remove(items: Iterable[str]) -> list[str]:
    """The package items to drop, from ``icupkg -l``'s list (names like ``coll/mk.res``, with
    the package prefix already stripped)."""
    removed = []
    for item in items:
        if item.startswith(TREES_DROPPED) or item.endswith(".cnv") or item in ITEMS_DROPPED:
            removed.append(item)
            continue
        # The main tree (no folder) and the collation tree; root.res and ucadata.icu (the root
        # order) never match, each tree's index is kept.
        name = item.removeprefix("coll/")
        match = LOCALE_ITEM.fullmatch(name)
        if match and match["language"] not in LANGUAGES_KEPT and name != "res_index.res":
            removed.append(item)
    return removed


def data_symbol(library: Path) -> tuple[str, bytes]:
    """The ICU common-data symbol (``icudt73_dat``) of an ELF64 little-endian shared library,
    and its bytes."""
    blob = library.read_bytes()
    if blob[:4] != b"\x7fELF" or blob[4] != 2 or blob[5] != 1:
        raise SystemExit(f"{library}: not a 64-bit little-endian ELF library")
    shoff, shentsize, shnum = struct.unpack_from("<Q10xHH", blob, 0x28)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", blob, shoff + i * shentsize) for i in range(shnum)
    ]
    for _name, kind, _f, _addr, offset, size, link, _i, _a, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strings = sections[link][4]
        for start in range(offset, offset + size, entsize):
            name_at, _info, _other, index, value, length = struct.unpack_from(
                "<IBBHQQ", blob, start
            )
            name = blob[strings + name_at : blob.index(b"\0", strings + name_at)].decode()
            if re.fullmatch(r"icudt\d+_dat", name):
                section = sections[index]
                at = section[4] + value - section[3]  # file offset = sh_offset + (value - sh_addr)
                return name, blob[at : at + length]
    raise SystemExit(f"{library}: no icudtNN_dat symbol")


def tool(name: str) -> str:
    # Debian installs icupkg and genccode in /usr/sbin, which is not on everybody's PATH.
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if not found:
        raise SystemExit(f"icu_trim: {name} is missing (Debian: apt-get install icu-devtools gcc)")
    return found


def trim(library: Path) -> tuple[int, int]:
    """Replace ``library`` by one holding the trimmed data; its size before and after."""
    symbol, data = data_symbol(library)
    entry = symbol.removesuffix("_dat")  # icudt73
    before = library.stat().st_size
    with tempfile.TemporaryDirectory(prefix="hubdesk-icu-") as folder:
        work = Path(folder)
        package = work / f"{entry}l.dat"
        package.write_bytes(data)
        listed = subprocess.run(
            [tool("icupkg"), "-l", str(package)], check=True, capture_output=True, text=True
        ).stdout.split()
        (work / "remove.txt").write_text("\n".join(items_to_remove(listed)) + "\n")
        trimmed = work / "trimmed" / package.name
        trimmed.parent.mkdir()
        subprocess.run(
            [tool("icupkg"), "-r", str(work / "remove.txt"), str(package), str(trimmed)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [tool("genccode"), "-q", "-a", "gcc", "-e", entry, "-d", str(work), str(trimmed)],
            check=True,
            capture_output=True,
        )
        assembly = next(work.glob("*.S"))
        built = work / library.name
        subprocess.run(
            [tool("gcc"), "-shared", "-nostdlib", "-s", f"-Wl,-soname,{library.name}",
             "-o", str(built), str(assembly)],
            check=True,
            capture_output=True,
        )  # fmt: skip
        if data_symbol(built)[0] != symbol:
            raise SystemExit(f"icu_trim: the new {library.name} lacks {symbol}")
        shutil.copyfile(built, library)
    return before, library.stat().st_size


def icu_data_libraries(bundle: Path) -> list[Path]:
    return sorted(p for p in bundle.rglob("libicudata.so.*") if p.is_file() and not p.is_symlink())


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python installer/icu_trim.py BUNDLE_DIR", file=sys.stderr)
        return 2
    libraries = icu_data_libraries(Path(argv[0]))
    if not libraries:
        print("icu_trim: no ICU data library in the bundle, nothing to do")
    for library in libraries:
        before, after = trim(library)
        print(f"icu_trim: {library.name} {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
