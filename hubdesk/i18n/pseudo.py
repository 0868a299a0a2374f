"""A pseudo-locale for finding labels that are clipped, concatenated or not translated at all.

Translations into the languages of the region often run 30-40% longer than English. Switching
the window to ``pseudo`` shows every translated string accented (so an untranslated one stands
out in plain ASCII), about 40% longer (so a label that is too narrow is cut off visibly) and in
brackets (so a cut end or two strings glued together are obvious). Placeholders, format
specifications, markup and Qt mnemonics keep working because they are never changed.
"""

from __future__ import annotations

import gettext
import math
import re

from hubdesk.i18n.placeholders import BRACE_FIELD, PERCENT_SPEC

CODE = "pseudo"
STRETCH = 0.4
OPEN, CLOSE = "[", "]"
PAD = "~"

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àbçđéfĝĥíĵķĺmñöþqŕšţûvŵxýžÅBÇĐÉFĜĤÎĴĶĹMÑÖÞQŔŠŢÛVŴXÝŽ",
)  # Latin-1 and Latin Extended-A only: every bundled font has them, so no glyph boxes
_UNTOUCHED = re.compile(
    "|".join([BRACE_FIELD.pattern, PERCENT_SPEC.pattern, r"<[^<>\n]+>", r"&[A-Za-z]+;|&&"])
)


def pseudo_localize(text: str) -> str:
    """``text`` accented, stretched by about 40% and bracketed; placeholders unchanged."""
    if not text:
        return text
    out: list[str] = []
    last = 0
    for match in _UNTOUCHED.finditer(text):
        out.append(text[last : match.start()].translate(_ACCENTED))
        out.append(match.group())
        last = match.end()
    out.append(text[last:].translate(_ACCENTED))
    padding = PAD * max(1, math.ceil(len(text) * STRETCH))
    return f"{OPEN}{''.join(out)}{padding}{CLOSE}"


class PseudoTranslations(gettext.NullTranslations):
    """A catalog that needs no file: every message comes back pseudo-localized."""

    def gettext(self, message: str) -> str:
        return pseudo_localize(message)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo_localize(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_localize(msgid1 if n == 1 else msgid2)
