"""Take out the zero padding some bundled Linux libraries carry between their segments.

A wheel's private copy of a library is renamed and patched by auditwheel (patchelf), which puts
the rewritten symbol tables in a new segment aligned for 2 MB pages: Pillow's ``libXau`` is a
12 kB library in a 2.1 MB file of zeros. Linux on x86-64 maps files in 4 kB pages, so the
segment may start at the next 4 kB boundary that keeps its address's offset within the page;
the loader then maps exactly the same bytes at the same addresses. Only runs of zeros at least
a page long that no section and no segment covers, right before a segment, are taken out.

    python installer/elf_compact.py BUNDLE_DIR

Run by build-linux.sh after PyInstaller (the Windows bundle has no ELF files).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

PAGE = 4096
PT_LOAD = 1
SHT_NOBITS = 8
HEADER = struct.Struct("<16sHHIQQQIHHHHHH")
PROGRAM = struct.Struct("<IIQQQQQQ")  # type, flags, offset, vaddr, paddr, filesz, memsz, align
SECTION = struct.Struct("<IIQQQQIIQQ")  # name, type, flags, addr, offset, size, ...


def _is_elf64le(blob: bytes) -> bool:
    return len(blob) > HEADER.size and blob[:4] == b"\x7fELF" and blob[4] == 2 and blob[5] == 1


def compacted(blob: bytes) -> bytes | None:
    """``blob`` without its padding gaps, or None when it has none (or is no 64-bit
    little-endian ELF file)."""
    if not _is_elf64le(blob):
        return None
    data = bytearray(blob)
    changed = False
    while (gap := _gap(data)) is not None:
        start, end, segment = gap
        vaddr = PROGRAM.unpack_from(data, segment)[3]
        target = start + (vaddr - start) % PAGE  # first offset >= start in vaddr's page position
        shift = end - target
        if shift < PAGE:
            break
        _shift_offsets(data, end, shift, segment)
        del data[target:end]
        changed = True
    if not changed or not loadable(data):
        return None  # a layout the loader would refuse is never written: the file stays
    return bytes(data)


def loadable(data: bytes | bytearray) -> bool:
    """Every loaded segment's file offset and address agree within its alignment, as the
    loader requires (glibc refuses the library otherwise)."""
    phoff, _shoff, phentsize, phnum, _shentsize, _shnum = _tables(bytearray(data))
    for i in range(phnum):
        kind, _flags, offset, vaddr, _paddr, _filesz, _memsz, align = PROGRAM.unpack_from(
            data, phoff + i * phentsize
        )
        if kind == PT_LOAD and align > 1 and (vaddr - offset) % align:
            return False
    return True


def _gap(data: bytearray) -> tuple[int, int, int] | None:
    """The first uncovered run of zeros that ends where a PT_LOAD segment's bytes begin: its
    start, its end and the segment's program header position."""
    phoff, shoff, phentsize, phnum, shentsize, shnum = _tables(data)
    used = [(0, HEADER.size), (phoff, phoff + phentsize * phnum)]
    used.append((shoff, shoff + shentsize * shnum))
    loads = []
    for i in range(phnum):
        at = phoff + i * phentsize
        kind, _flags, offset, _vaddr, _paddr, filesz, _memsz, _align = PROGRAM.unpack_from(data, at)
        if filesz:
            used.append((offset, offset + filesz))
        if kind == PT_LOAD and filesz:
            loads.append((offset, at))
    for i in range(shnum):
        fields = SECTION.unpack_from(data, shoff + i * shentsize)
        if fields[1] != SHT_NOBITS and fields[5]:
            used.append((fields[4], fields[4] + fields[5]))
    for offset, at in sorted(loads):
        if any(s < offset < e for s, e in used):
            continue
        start = max((e for s, e in used if s < offset), default=0)
        # Bytes nothing refers to (a stale copy of the section headers) stay: only zeros go.
        start = max(start, len(data[:offset].rstrip(b"\0")))
        if offset - start >= PAGE:
            return start, offset, at
    return None


def _shift_offsets(data: bytearray, end: int, shift: int, segment: int) -> None:
    """Move every file offset at or past ``end`` down by ``shift`` (a whole number of pages);
    the segments moved keep their addresses, so their alignment becomes the page's."""
    phoff, shoff, phentsize, phnum, shentsize, shnum = _tables(data)
    for i in range(phnum):
        at = phoff + i * phentsize
        fields = list(PROGRAM.unpack_from(data, at))
        moved = fields[2] >= end
        if moved:
            fields[2] -= shift
        if at == segment or (moved and fields[0] == PT_LOAD):
            fields[7] = min(fields[7], PAGE)
        PROGRAM.pack_into(data, at, *fields)
    for i in range(shnum):
        at = shoff + i * shentsize
        fields = list(SECTION.unpack_from(data, at))
        if fields[4] >= end and fields[1] != SHT_NOBITS:
            fields[4] -= shift
        SECTION.pack_into(data, at, *fields)
    if shoff >= end:
        header = list(HEADER.unpack_from(data))
        header[6] = shoff - shift
        HEADER.pack_into(data, 0, *header)


def _tables(data: bytearray) -> tuple[int, int, int, int, int, int]:
    """Where the program and section header tables are, their entry sizes and counts."""
    header = HEADER.unpack_from(data)
    return header[5], header[6], header[9], header[10], header[11], header[12]


def compact_file(path: Path) -> int:
    """Rewrite ``path`` without its padding; the bytes saved."""
    blob = path.read_bytes()
    smaller = compacted(blob)
    if smaller is None:
        return 0
    path.write_bytes(smaller)
    return len(blob) - len(smaller)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python installer/elf_compact.py BUNDLE_DIR", file=sys.stderr)
        return 2
    for path in sorted(Path(argv[0]).rglob("*.so*")):
        if path.is_file() and not path.is_symlink():
            saved = compact_file(path)
            if saved:
                print(f"elf_compact: {path.name} {saved / 1e6:.1f} MB of padding taken out")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
