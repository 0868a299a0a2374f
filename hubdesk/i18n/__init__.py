"""Translation plumbing shared by the window, the command line and the printed reports.

Messages are looked up when they are shown, not when they are defined, so that switching the
UI language takes effect at once and a report can be printed in another language than the UI.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "hubdesk"
LANGUAGES: tuple[str, ...] = ("en", "sq", "bs", "hr", "sr_Latn", "sr_Cyrl", "cnr", "mk")
# Languages for developers only (not offered to users): "pseudo" finds clipped labels.
DEBUG_LANGUAGES: tuple[str, ...] = ("pseudo",)
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_current = DEFAULT_LANGUAGE
# gettext's glue between a message context and its msgid: "column header\x04Approved".
CONTEXT = "\x04"


class UnknownLanguageError(ValueError):
    """Raised for a language code HubDesk has no catalog for."""


def asked_language() -> str:
    """The language ``HUBDESK_LANG`` asks every command for: "" when it asks none, or one
    HubDesk does not speak (``unknown_asked_language``), so the installation's is spoken, not
    English in its place."""
    code = os.environ.get("HUBDESK_LANG", "").strip()
    return code if code in LANGUAGES else ""


def unknown_asked_language() -> str | None:
    """What ``HUBDESK_LANG`` holds if it is set to a language HubDesk does not speak."""
    code = os.environ.get("HUBDESK_LANG", "").strip()
    return code if code and code not in LANGUAGES else None


def check_language(code: str) -> str:
    """Return ``code`` if HubDesk speaks it, else raise with the list of valid codes."""
    if code not in LANGUAGES and code not in DEBUG_LANGUAGES:
        raise UnknownLanguageError(
            _("Unknown language '{code}'. Choose one of: {codes}.").format(
                code=code, codes=", ".join(LANGUAGES)
            )
        )
    return code


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalog for ``code``; English (the source language) needs none."""
    if code in DEBUG_LANGUAGES:
        from hubdesk.i18n.pseudo import PseudoTranslations

        return PseudoTranslations()
    if code == DEFAULT_LANGUAGE or not catalog_available(code):
        return gettext.NullTranslations()
    from hubdesk.i18n.fast_catalog import load

    return load(catalog_path(code))


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def catalog_available(code: str) -> bool:
    """A compiled catalog is there: its ``.mo``, or only the marshal copy the installers ship
    (i18n/fast_catalog.py)."""
    if code == DEFAULT_LANGUAGE or code in DEBUG_LANGUAGES:
        return True
    from hubdesk.i18n.fast_catalog import fast_path

    mo = catalog_path(code)
    return mo.is_file() or fast_path(mo).is_file()


def set_language(code: str) -> None:
    global _current
    _current = check_language(code)


def current_language() -> str:
    return _current


@contextmanager
def language(code: str) -> Iterator[None]:
    """Temporarily speak another language (a report printed for the hub in English, say)."""
    global _current
    previous, _current = _current, check_language(code)
    try:
        yield
    finally:
        _current = previous


def _(message: str) -> str:
    """Translate ``message`` into the current language (with its context, if ``pN_`` gave
    it one)."""
    return translate(translations(_current), message)


def translate(catalog: gettext.NullTranslations, message: str) -> str:
    """``message`` from ``catalog``; a ``pN_`` message is looked up under its context."""
    if CONTEXT in message:
        context, _glue, text = message.partition(CONTEXT)
        return catalog.pgettext(context, text)
    return catalog.gettext(message)


def source_text(message: str) -> str:
    """The English of a message, without the context ``pN_`` put in front of it."""
    return message.rpartition(CONTEXT)[2]


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate a word whose meaning depends on where it stands: "Open" on a button (a verb)
    is not "Open" as the status of an action item (an adjective) in most of our languages."""
    return translations(_current).pgettext(context, message)


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction; ``ngettext`` picks the form where shown."""
    return singular, plural


def pN_(context: str, message: str) -> str:
    """Mark ``message`` for extraction under ``context``, as one string that ``_`` and a
    report's ``tr`` translate in that context: where a msgid travels as a single value (a
    column's heading, an enum's label), a word can still agree with what it stands for
    ("Approved" heading an amount is "Odobreno"; a proposal is "Odobren")."""
    return f"{context}{CONTEXT}{message}"


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where it is shown."""
    return message
