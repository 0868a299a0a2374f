#!/usr/bin/env bash
# Build HubDesk for Linux: the PyInstaller one-dir bundle, a .tar.gz of it, a .deb and the
# portable .zip, then print their sizes.
#
#   installer/build-linux.sh [--out DIR] [--bundle-only] [--deb-compression xz|gzip|zstd]
#
#   --out DIR          where everything goes (default: dist/ in the checkout); the bundle is
#                      DIR/hubdesk/, PyInstaller's work files DIR/work/
#   --bundle-only      stop after the bundle and its check (no .tar.gz, .deb or .zip)
#   --deb-compression  dpkg-deb's compressor (default xz: smallest download)
#
# Uses only PyPI and Debian packages: the versions locked in locks/dev.txt from PyPI (HubDesk's
# dependencies, pyinstaller and hatchling; pip brings the environment to exactly them, checking
# every hash), dpkg-deb, tar, icu-devtools and gcc from Debian (the last two trim Qt's ICU data;
# installed when run as root). PYTHON picks the interpreter (default: .venv/bin/python of the
# checkout, with HubDesk installed).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PY=${PYTHON:-$ROOT/.venv/bin/python}
OUT=$ROOT/dist
BUNDLE_ONLY=0
DEB_COMPRESSION=xz
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$2; shift 2 ;;
    --bundle-only) BUNDLE_ONLY=1; shift ;;
    --deb-compression) DEB_COMPRESSION=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-linux.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
say() { printf '\033[1mbuild:\033[0m %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
# shellcheck source=installer/apt.sh
source "$ROOT/installer/apt.sh"
started=$(date +%s)

[ -x "$PY" ] || die "no Python at $PY (run 'bash dev test' first, or set PYTHON)"
"$PY" -c 'import hubdesk' 2>/dev/null || die "HubDesk is not installed in $PY's environment"
say "the locked versions (locks/dev.txt)"
# A no-op in the .venv of 'bash dev test'; elsewhere it installs or replaces whatever differs,
# so every build bundles the same libraries.
log=$("$PY" -m pip install -q --require-hashes -r locks/dev.txt 2>&1) ||
  die "could not install locks/dev.txt: $(grep -v '^WARNING: Location' <<<"$log")"
"$PY" -c 'import PyInstaller, hatchling' || die "could not install pyinstaller"
read -r NAME VERSION < <("$PY" -c 'import sys; sys.path.insert(0, "installer"); import spec_support as s; print(*s.project())')
ARCH=$(dpkg --print-architecture 2>/dev/null || uname -m)
say "$NAME $VERSION for $ARCH into $OUT"

say "compiling the catalogs"
"$PY" -c 'import hatch_build, pathlib; hatch_build.compile_catalogs(pathlib.Path("."))'
say "rendering the icons"
"$PY" installer/make_icons.py "$OUT/icons" >/dev/null

say "PyInstaller (a few minutes)"
t0=$(date +%s)
HUBDESK_ICON_DIR="$OUT/icons" "$PY" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$OUT" --workpath "$OUT/work" installer/hubdesk.spec
say "PyInstaller took $(( $(date +%s) - t0 )) s"
BUNDLE=$OUT/hubdesk
[ -x "$BUNDLE/hubdesk" ] && [ -x "$BUNDLE/hubdesk-cli" ] || die "the bundle has no executables"

say "trimming Qt's ICU data"
# Qt's Linux libraries carry 32 MB of ICU data; HubDesk needs about 3 (see installer/icu_trim.py).
if ! { command -v icupkg || [ -x /usr/sbin/icupkg ]; } >/dev/null || ! command -v gcc >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing icu-devtools and gcc from Debian"
    apt_update
    DEBIAN_FRONTEND=noninteractive apt-get "${APT_WAIT[@]}" install -y -qq icu-devtools gcc >/dev/null
  fi
fi
"$PY" installer/icu_trim.py "$BUNDLE" ||
  say "WARNING: ICU data left whole (install icu-devtools and gcc); the bundle is 29 MB larger"
say "taking the zero padding out of patched libraries"
# Pillow's libXau is 2.1 MB of zeros around 12 kB of library (see installer/elf_compact.py).
"$PY" installer/elf_compact.py "$BUNDLE"

say "checking the bundle"
# Every Qt library left in the bundle must find the Qt libraries it needs in the bundle: a
# library dropped by spec_support that was needed after all shows here, before any test.
QTLIB=$(find "$BUNDLE" -name 'libQt6Core.so*' -printf '%h\n' | head -n1)
missing=$(find "$BUNDLE" -name '*.so*' -type f -print0 |
  LD_LIBRARY_PATH="$QTLIB:$BUNDLE/_internal" xargs -0 -n 50 ldd 2>/dev/null |
  grep -E '(libQt6|libpyside6|libshiboken6|libicu)[^ ]* => not found' | sort -u || true)
[ -z "$missing" ] || die "Qt libraries missing from the bundle: $missing"
"$BUNDLE/hubdesk-cli" --version

if [ "$BUNDLE_ONLY" = 0 ]; then
  STEM="$NAME-$VERSION-linux-$ARCH"
  say "tar.gz"
  tar -C "$OUT" --owner=0 --group=0 --transform "s,^hubdesk,$NAME-$VERSION,rh" \
    -czf "$OUT/$STEM.tar.gz" hubdesk

  say "deb ($DEB_COMPRESSION)"
  STAGE=$OUT/deb-root
  rm -rf "$STAGE"
  mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/icons/hicolor/scalable/apps" \
    "$STAGE/usr/share/doc/$NAME"
  cp -al "$BUNDLE" "$STAGE/opt/hubdesk" 2>/dev/null || cp -a "$BUNDLE" "$STAGE/opt/hubdesk"
  ln -s /opt/hubdesk/hubdesk "$STAGE/usr/bin/hubdesk"
  ln -s /opt/hubdesk/hubdesk-cli "$STAGE/usr/bin/hubdesk-cli"
  install -m 644 installer/linux/hubdesk.desktop "$STAGE/usr/share/applications/hubdesk.desktop"
  install -m 644 "$OUT/icons/hubdesk.png" "$STAGE/usr/share/icons/hicolor/256x256/apps/hubdesk.png"
  install -m 644 installer/hubdesk.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/hubdesk.svg"
  install -m 644 installer/linux/copyright "$STAGE/usr/share/doc/$NAME/copyright"
  size_kb=$(du -sk "$STAGE" | cut -f1)
  sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$size_kb/" \
    installer/linux/control.in > "$STAGE/DEBIAN/control"
  dpkg-deb --root-owner-group -Z"$DEB_COMPRESSION" --build "$STAGE" "$OUT/${NAME}_${VERSION}_$ARCH.deb" >/dev/null
  rm -rf "$STAGE"

  say "portable zip"
  "$PY" installer/make_portable.py "$BUNDLE" "$OUT/$STEM-portable.zip"
fi

"$PY" bench/bench_installer_size.py "$OUT" | tee "$OUT/installer-size.txt"
say "done in $(( $(date +%s) - started )) s"
