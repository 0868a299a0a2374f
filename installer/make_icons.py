"""Render installer/hubdesk.svg into the raster icons the build needs: a 256 px PNG for the Linux
desktop entry and a multi-size .ico for the Windows executables and installer.

Run by build-linux.sh and the Windows workflow before PyInstaller; needs PySide6 (QtSvg renders
the SVG, offscreen) and Pillow (writes the .ico), both already in the build environment.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "hubdesk.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int) -> bytes:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 wants str; hints say bytes
    return bytes(data.data())


def make_icons(out: Path) -> tuple[Path, Path]:
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    png = out / "hubdesk.png"
    png.write_bytes(render_png(256))
    ico = out / "hubdesk.ico"
    big = Image.open(io.BytesIO(render_png(256)))
    big.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    return png, ico


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "build"
    for path in make_icons(target):
        print(path)
