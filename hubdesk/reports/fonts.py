"""The embedded DejaVu fonts: registered once, and the set of characters they can draw.

Reports are read in Albanian, the South Slavic languages in both scripts and Macedonian, so every
page uses fonts that carry Latin with all regional diacritics and Cyrillic. Text from the
database goes through :func:`printable` so a character the font lacks (an emoji typed into the
minutes, say) becomes a visible replacement mark instead of an empty box.
"""

from __future__ import annotations

import threading
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from hubdesk.datafiles import FONTS as FONT_DIR

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"
CONDENSED = "DejaVuSansCondensed"
CONDENSED_BOLD = "DejaVuSansCondensed-Bold"

FILES: dict[str, str] = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    CONDENSED: "DejaVuSansCondensed.ttf",
    CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
}
REPLACEMENT = "\ufffd"

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the fonts with reportlab (idempotent and safe from a worker thread)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
        # <b> and <i> inside paragraphs pick the right face; bold italic falls back to bold.
        for family, regular, bold in (
            (SANS, SANS, SANS_BOLD),
            (CONDENSED, CONDENSED, CONDENSED_BOLD),
        ):
            addMapping(family, 0, 0, regular)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, SANS_ITALIC)
            addMapping(family, 1, 1, bold)
        _registered = True


@cache
def coverage() -> frozenset[int]:
    """Code points every face we print with can draw."""
    register_fonts()
    points: set[int] | None = None
    for name in FILES:
        font = pdfmetrics.getFont(name)
        cmap = set(font.face.charToGlyph)
        points = cmap if points is None else points & cmap
    assert points is not None
    return frozenset(points)


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` (other than line breaks) that the fonts cannot draw."""
    covered = coverage()
    return {ch for ch in text if ord(ch) not in covered and ch not in "\r\n\t"}


def printable(text: str) -> str:
    """``text`` with characters the fonts lack replaced by U+FFFD, tabs by spaces."""
    if text.isascii() and text.isprintable():
        return text
    covered = coverage()
    text = text.replace("\t", "    ").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch if ch == "\n" or ord(ch) in covered else REPLACEMENT for ch in text)
