"""Qt's own strings in HubDesk's languages: .ts sources in translations/qt/, compiled to .qm.

Qt ships a ``qtbase`` catalog for Croatian only among HubDesk's languages, and even that one
predates Qt 6 ("&Look in:" is missing). So HubDesk translates the Qt strings it shows itself:
the file dialog, the standard buttons, the text fields' and spin boxes' context menus, the
scroll bars' menu. ``translations/qt/template.ts`` lists them (Qt's context, source text and
disambiguation, found by recording what Qt asks a translator for while those widgets open); one
``<lang>.ts`` per language holds the translations. Keyboard key names ("Ctrl", "Del") are left
out on purpose: they name the keys as printed on the keyboard.

This module uses only the standard library, because the wheel's build hook (hatch_build.py)
compiles the catalogs in an environment without Qt. The .qm writer follows Qt's format (the
same one ``lrelease`` writes): a magic number, then tagged sections of hashes and messages.

    .venv/bin/python tools/qt_catalog.py generate-cyrillic   # sr_Latn.ts -> sr_Cyrl.ts
    .venv/bin/python tools/qt_catalog.py compile             # *.ts -> hubdesk/locale/*/qt.qm
"""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_TRANSLATIONS = ROOT / "translations" / "qt"
TEMPLATE = "template"
QM_NAME = "qt.qm"

_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_TAG_END, _TAG_TRANSLATION, _TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT = 1, 3, 6, 7, 8
_SECTION_HASHES, _SECTION_MESSAGES, _SECTION_LANGUAGE = 0x42, 0x69, 0xA7


@dataclass(frozen=True)
class QtMessage:
    context: str
    source: str
    comment: str = ""  # Qt's "disambiguation"; part of the key, like gettext's msgctxt
    translation: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


def ts_path(code: str, folder: Path = QT_TRANSLATIONS) -> Path:
    return folder / f"{code}.ts"


def languages(folder: Path = QT_TRANSLATIONS) -> list[str]:
    """The languages with a .ts file (the template is not a language)."""
    return sorted(path.stem for path in folder.glob("*.ts") if path.stem != TEMPLATE)


def read_ts(path: Path) -> tuple[str, list[QtMessage]]:
    """The language and messages of a .ts file; an unfinished translation counts as none."""
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            node = message.find("translation")
            unfinished = node is None or node.get("type") in ("unfinished", "obsolete")
            messages.append(
                QtMessage(
                    name,
                    message.findtext("source") or "",
                    message.findtext("comment") or "",
                    "" if unfinished or node is None else node.text or "",
                )
            )
    return root.get("language", ""), messages


def write_ts(path: Path, language: str, messages: list[QtMessage]) -> None:
    """Write ``messages`` grouped by context in a stable order (diffs show only real changes)."""
    root = ET.Element("TS", version="2.1", language=language)
    by_context: dict[str, list[QtMessage]] = {}
    for message in messages:
        by_context.setdefault(message.context, []).append(message)
    for name in sorted(by_context):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for message in sorted(by_context[name], key=lambda m: (m.source, m.comment)):
            node = ET.SubElement(context, "message")
            ET.SubElement(node, "source").text = message.source
            if message.comment:
                ET.SubElement(node, "comment").text = message.comment
            translation = ET.SubElement(node, "translation")
            if message.translation:
                translation.text = message.translation
            else:
                translation.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8"
    )


def elf_hash(data: bytes) -> int:
    """Qt's hash of source text + disambiguation, by which QTranslator finds a message."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _field(tag: int, data: bytes) -> bytes:
    return bytes([tag]) + struct.pack(">I", len(data)) + data


def qm_bytes(language: str, messages: list[QtMessage]) -> bytes:
    """A .qm file with the translated ``messages`` (untranslated ones are left out, so Qt
    shows its English text rather than an empty button)."""
    body = bytearray()
    hashes: list[tuple[int, int]] = []
    for message in messages:
        if not message.translation:
            continue
        source, comment = message.source.encode(), message.comment.encode()
        hashes.append((elf_hash(source + comment), len(body)))
        body += _field(_TAG_TRANSLATION, message.translation.encode("utf-16-be"))
        body += _field(_TAG_SOURCE, source)
        if comment:
            body += _field(_TAG_COMMENT, comment)
        body += _field(_TAG_CONTEXT, message.context.encode())
        body += bytes([_TAG_END])
    table = b"".join(struct.pack(">II", h, offset) for h, offset in sorted(hashes))
    return (
        _MAGIC
        + _field(_SECTION_LANGUAGE, language.encode())
        + _field(_SECTION_HASHES, table)
        + _field(_SECTION_MESSAGES, bytes(body))
    )


def compile_all(root: Path = ROOT) -> list[Path]:
    """Every ``translations/qt/<lang>.ts`` -> ``hubdesk/locale/<lang>/qt.qm``."""
    written = []
    folder = root / "translations" / "qt"
    for code in languages(folder):
        language, messages = read_ts(ts_path(code, folder))
        target = root / "hubdesk" / "locale" / code / QM_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(qm_bytes(language or code, messages))
        written.append(target)
    return written


def generate_cyrillic() -> Path:
    """sr_Cyrl.ts from sr_Latn.ts, with the same transliteration as the gettext catalogs."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from hubdesk.i18n.translit import to_cyrillic

    _language, messages = read_ts(ts_path("sr_Latn"))
    cyrillic = [
        QtMessage(m.context, m.source, m.comment, to_cyrillic(m.translation)) for m in messages
    ]
    target = ts_path("sr_Cyrl")
    write_ts(target, "sr_Cyrl", cyrillic)
    return target


def main(argv: list[str]) -> int:
    if argv == ["generate-cyrillic"]:
        print(generate_cyrillic())
        return 0
    if argv == ["compile"]:
        print(f"{len(compile_all())} Qt catalogs compiled")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
