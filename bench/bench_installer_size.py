"""Sizes of the built HubDesk: the installed one-dir bundle and each compressed artefact,
against the aims (at most 120 MB installed, at most 60 MB for a download).

    .venv/bin/python bench/bench_installer_size.py [--strict] [OUT_DIR]   (default: dist/)

OUT_DIR is where installer/build-linux.sh (or the Windows workflow) put ``hubdesk/`` and the
artefacts (*.tar.gz, *.deb, *.zip, *.exe). Prints one line per item with its ratio to the aim
(OVER when missed, so a build log shows the moment the bundle grows past it) and the ten largest
files of the bundle: that is where to look when it does. With --strict, a missed aim exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

MB = 1_000_000
BUNDLE_AIM = 120 * MB
DOWNLOAD_AIM = 60 * MB
ARTEFACTS = ("*.tar.gz", "*.deb", "*-portable.zip", "*setup*.exe")


def tree_size(folder: Path) -> int:
    """Bytes on disk a person's PC needs (links counted once, as the installed copy has them)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def largest(folder: Path, count: int = 10) -> list[tuple[int, Path]]:
    files = [(p.stat().st_size, p) for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sorted(files, key=lambda item: item[0], reverse=True)[:count]


def line(label: str, size: int, aim: int) -> str:
    verdict = "ok" if size <= aim else "OVER"
    return f"{label:<46} {size / MB:8.1f} MB  {size / aim:5.2f}x of {aim // MB} MB aim  {verdict}"


def report(out: Path) -> tuple[list[str], bool]:
    lines: list[str] = []
    ok = True
    bundle = out / "hubdesk"
    if bundle.is_dir():
        size = tree_size(bundle)
        ok &= size <= BUNDLE_AIM
        lines.append(line("one-dir bundle (installed size)", size, BUNDLE_AIM))
    for pattern in ARTEFACTS:
        for artefact in sorted(out.glob(pattern)):
            size = artefact.stat().st_size
            ok &= size <= DOWNLOAD_AIM
            lines.append(line(artefact.name, size, DOWNLOAD_AIM))
    if bundle.is_dir():
        lines.append("largest files of the bundle:")
        for size, path in largest(bundle):
            lines.append(f"  {size / MB:7.1f} MB  {path.relative_to(bundle).as_posix()}")
    return lines, ok


def main(argv: list[str]) -> int:
    strict = "--strict" in argv
    args = [a for a in argv[1:] if a != "--strict"]
    out = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "dist"
    lines, ok = report(out)
    if not lines:
        print(f"nothing built in {out}: run installer/build-linux.sh first", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 1 if strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
