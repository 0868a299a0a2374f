"""A compiled catalog's messages, also kept in ``marshal`` form beside its ``.mo`` file.

The window's first frame speaks the person's language, so its catalog is read before anything
is on screen. Python's ``gettext`` parses a ``.mo`` file message by message in Python: 10-17 ms
for HubDesk's 2,500 messages on the development machine, a tenth of a bare window's start.
Unmarshalling the same messages takes about 1 ms. The build writes ``hubdesk.mo.msgs`` next to
each ``hubdesk.mo`` (``hatch_build.py`` loads this module by path: only the standard library
here). A copy that does not belong to the ``.mo`` beside it (its size and CRC-32 differ, an
older format, a damaged file) is ignored and the ``.mo`` is parsed as before, so the messages
shown are always those of the ``.mo``.

The installers ship the marshal copy alone (the program reads nothing else of a catalog, and
the ``.mo`` beside it was 2.7 MB more to download): without a ``.mo`` the copy is read as it
is, and a damaged one leaves the language untranslated (English), which ``hubdesk-cli
selftest`` reports as a catalog that did not load. They ship it compressed with zlib (a third of
the size: 1.6 MB less installed for the eight catalogs, about 1 ms more to read the one in use,
still several times faster than parsing the ``.mo``). A compressed copy starts with zlib's
header byte, which a marshalled record (a tuple) never does, so either form is read.
"""

from __future__ import annotations

import gettext
import marshal
import os
import zlib
from pathlib import Path

FORMAT = 1
SUFFIX = ".msgs"
ZLIB_HEADER = b"\x78"  # zlib's first byte at every level; a marshalled tuple starts with ( or )


def fast_path(mo: Path) -> Path:
    return mo.with_name(mo.name + SUFFIX)


def _plural_rule(info: dict[str, str]) -> str:
    """The C expression of the catalog's Plural-Forms header ("" for gettext's default), taken
    from the header as ``gettext.GNUTranslations`` takes it."""
    forms = info.get("plural-forms", "")
    if "plural=" not in forms:
        return ""
    return forms.split(";")[1].split("plural=")[1]


def write(mo: Path) -> Path:
    """Write the marshal copy of ``mo``; returns its path."""
    raw = mo.read_bytes()
    with mo.open("rb") as fh:
        parsed = gettext.GNUTranslations(fh)
    info: dict[str, str] = getattr(parsed, "_info", {})
    record = (
        FORMAT,
        len(raw),
        zlib.crc32(raw),
        getattr(parsed, "_catalog", {}),
        info,
        getattr(parsed, "_charset", None),
        _plural_rule(info),
    )
    target = fast_path(mo)
    partial = target.with_name(target.name + ".partial")  # renamed over: never read half-made
    partial.write_bytes(marshal.dumps(record))
    os.replace(partial, target)
    return target


def load(mo: Path) -> gettext.NullTranslations:
    """The catalog of ``mo``, from its marshal copy when that copy is the ``.mo``'s own (or
    when there is no ``.mo``, as in the installers)."""
    try:
        raw: bytes | None = mo.read_bytes()
    except FileNotFoundError:
        raw = None
    try:
        blob = fast_path(mo).read_bytes()
        if blob.startswith(ZLIB_HEADER):  # as the installers ship it
            blob = zlib.decompress(blob)
        record = marshal.loads(blob)
        form, size, crc, catalog, info, charset, rule = record
        if form != FORMAT:
            raise ValueError("another format")
        if raw is not None and (size != len(raw) or crc != zlib.crc32(raw)):
            raise ValueError("not this catalog's copy")
        if not isinstance(catalog, dict) or not isinstance(info, dict):
            raise TypeError("damaged")
    except (OSError, EOFError, ValueError, TypeError, zlib.error):
        if raw is None:
            return gettext.NullTranslations()
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    translations = gettext.GNUTranslations()
    # what GNUTranslations._parse fills in from the file
    setattr(translations, "_catalog", catalog)  # noqa: B010
    setattr(translations, "_info", info)  # noqa: B010
    setattr(translations, "_charset", charset)  # noqa: B010
    setattr(translations, "plural", gettext.c2py(rule) if rule else (lambda n: int(n != 1)))  # noqa: B010
    return translations
