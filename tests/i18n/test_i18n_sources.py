"""Messages must be written where the extractor can see them, or they silently stay English."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import hubdesk

PACKAGE = Path(hubdesk.__file__).resolve().parent
KEYWORDS = ("_(", "ngettext(", "tr(")


def fstrings_with_literal_messages(path: Path) -> list[int]:
    """Lines where an f-string holds a translation call on a literal: on Python 3.11 Babel
    reads an f-string as one string token and never extracts the message inside it."""
    lines = []
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type != tokenize.STRING or not token.string.lstrip("rbRB").startswith(("f", "F")):
            continue
        text = token.string
        if any(f"{{{k}'" in text or f'{{{k}"' in text for k in KEYWORDS):
            lines.append(token.start[0])
    return lines


def test_no_translatable_literal_hides_inside_an_fstring() -> None:
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if (lines := fstrings_with_literal_messages(path))
    }
    assert found == {}


def test_the_check_finds_one(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("x = f\"<b>{_('Hidden')}</b>\"\ny = f'{_(name)}'\n", encoding="utf-8")
    assert fstrings_with_literal_messages(sample) == [1]
