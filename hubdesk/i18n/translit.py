"""Serbian Latin to Serbian Cyrillic, so that the Cyrillic catalog is generated, never typed.

Two alphabets of one language map almost letter for letter; the pitfalls are the digraphs
(lj, nj, dž are one Cyrillic letter each, except in a few compounds), and text that is not
Serbian at all: placeholders, format specifications, addresses, file names, commands, codes and
foreign words. Those are left exactly as written, because changing them breaks the program or
the meaning.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from hubdesk.i18n.placeholders import BRACE_FIELD, PERCENT_SPEC

_SINGLE = dict(
    zip(
        "abcčćdđefghijklmnoprsštuvzž",
        "абцчћдђефгхијклмнопрсштувзж",
        strict=True,
    )
)
_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}

# Words where l+j, n+j or d+ž meet across a prefix and are two letters, not one. THE ONE
# PLACE for such exceptions: "|" marks the boundary; a word containing the stem (any case,
# any ending) keeps those two letters apart. Add stems here, never special cases elsewhere.
NON_DIGRAPHS: tuple[str, ...] = (
    "in|jekc",  # injekcija
    "in|jekt",  # injektirati, injektor
    "kon|jug",  # konjugacija
    "kon|junk",  # konjunktura, konjunkcija, konjunktiv
    "van|jezi",  # vanjezički
    "tan|jug",  # Tanjug
    "pan|jelin",  # panjelinizam
    "nad|živ",  # nadživeti, nadživjeti
    "nad|žnje",  # nadžnjeti
    "od|žal",  # odžaliti
    "od|živ",  # odživeti
    "pod|žup",  # podžupan
    "pod|žanr",  # podžanr
    "pod|želud",  # podželudačni
    "pred|žet",  # predžetveni
)

# Code words and product names that stay Latin inside Cyrillic text.
KEEP_WORDS: frozenset[str] = frozenset(
    {
        "HubDesk",
        "hubdesk",
        "CSV",
        "PDF",
        "XLSX",
        # the kinds of file HubDesk attaches, the digest naming them, the command line's KIND:ID
        "JPEG",
        "PNG",
        "DOCX",
        "ODT",
        "SHA",
        "KIND",
        "ID",
        "ISO",
        "UTC",
        "HLC",
        "URL",
        "USB",
        "JSON",
        "SQLite",
        "CAT",
        "Qt",
        "Ctrl",
        "Alt",
        "Shift",
        "Esc",
        "Tab",
        "Enter",
        "Delete",
        "Backspace",
        "UTF",
        "BOM",
        "age",  # the encryption tool
        # names of libraries and licences in the About box
        "Alembic",
        "Mako",
        "ReportLab",
        "cffi",
        "GNU",
        "GPL",
        "LGPL",
        # option values printed after an --option
        "field",
        "hub",
        "municipality",
        # metavars that --help prints in Latin whatever the language
        "DIR",
        "FILE",
        "CC",
    }
)
# Only in the program's messages (``to_cyrillic(..., messages=True)``): a town's or team's name
# may hold these words as Serbian text around them ("Tim host" is a team's name).
MESSAGE_WORDS: frozenset[str] = frozenset(
    {
        "FIELD",
        "HEADER",
        "REASON",
        "CODE",
        "FOLDER",
        "PILLAR",
        "VALUE",
        "NAME",
        # option values and report kinds typed after the command (--kind cat, --role host)
        "cat",
        "host",
        "visitor",
        "minutes",
        "proposal",
        "implementation",
        "roster",
        "periodic",
        # the PostgreSQL programs the hub's administrator runs
        "createuser",
        "createdb",
    }
)

# The command line's commands and actions (``hubdesk periods reopen``): after "hubdesk", or first
# in quotes, they are typed as written. ``tests/i18n`` keeps this list in step with the parser.
COMMAND_WORDS: tuple[str, ...] = (
    "accept", "add", "answer", "ask", "attachments", "backup", "calls", "check", "close",
    "comment", "community", "conflicts", "create", "curate", "decide", "demo", "done",
    "engagements", "exchanges", "export", "follow-up", "helpdesk", "import", "init", "join",
    "keep-current", "keep-other", "keys", "leave", "list", "map", "move", "needs", "pay",
    "peers", "periods", "practices", "profile", "proposals", "publish", "questions", "rate",
    "receipts", "remove", "reopen", "report", "reports-due", "restore", "return", "reviews",
    "revoke", "rights", "screenshots", "selftest", "separate", "server", "show", "staff",
    "stats", "status", "submit", "summary", "table", "teams", "thread", "trainings",
    "tranches", "travel",
)  # fmt: skip
_COMMAND = "(?:" + "|".join(sorted(map(re.escape, COMMAND_WORDS), key=len, reverse=True)) + ")"
_QUOTE = "['\"‘‚„“«‹]"
_UNQUOTE = "[^'\"‘’“”«»‹›\n]"
# Rich-text tags HubDesk's texts use; "<datum>" in a file name's pattern is Serbian words.
_TAGS = "a|b|i|u|br|p|ul|ol|li|span|div|tt|code|small|big|em|strong|sup|sub|pre|hr|table|tr|td|th"

NETWORK_COUNTRIES = ("AL", "BA", "XK", "ME", "MK", "RS")

# Spans copied unchanged, tried in this order at every position.
# Only in the program's messages: what a person types at the command line, as typed.
_MESSAGE_SPANS = [
    rf"(?<={_QUOTE})(?:hubdesk\b|{_COMMAND}(?![\w-])){_UNQUOTE}*",  # 'hubdesk init', 'needs show'
    rf"\bhubdesk(?:[ \t]+{_COMMAND}(?![\w-]))+",  # hubdesk periods reopen, unquoted
    r"(?<![\w:=-])[A-Za-z]\w*[:=]\w+",  # teacher:female, CODE=N, roma=3
    rf"(?<={_QUOTE}):\w+",  # ':trainer'
    r"\b[a-z]+(?:-[a-z]+)*-(?=<)",  # the fixed part of a name: previous-installation-<...>
]
_SPANS = [
            r"`[^`]*`",  # code written in back quotes
            rf"(?<={_QUOTE})hubdesk\b{_UNQUOTE}*",  # 'hubdesk init --role hub'
            r"\b(?:https?|ftp)://[^\s<>\"']*[^\s<>\"'.,;:!?)\]]",  # URLs
            r"\bwww\.[^\s<>\"']*[^\s<>\"'.,;:!?)\]]",
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
            BRACE_FIELD.pattern,  # {placeholders}
            PERCENT_SPEC.pattern,  # %s, %(name)d
            rf"</?(?:{_TAGS})\b[^<>\n]*>",  # markup tags in rich text
            r"&[A-Za-z]+;|&#\d+;",  # character entities
            r"(?<![\w-])--[A-Za-z][\w-]*",  # --command-line-options
            r"\b(?:(?:Ctrl|Alt|Shift|Meta)\+)+(?:\w+|\{[^{}]*\})",  # shortcuts: Ctrl+N
            r"(?<![\w/\\.])(?:[A-Za-z]:\\|~/|/)[^\s'\"“”«»,;]+",  # paths
            r"(?<![\w.])[\w-]*\w\.[A-Za-z][A-Za-z0-9]{1,7}\b",  # file.ext
            r"(?<![\w.])\.[a-z][a-z0-9]{1,7}\b",  # a bare extension: .pdf
]  # fmt: skip
_PROTECTED = re.compile("|".join(_SPANS))
_PROTECTED_MESSAGES = re.compile("|".join([_SPANS[0], *_MESSAGE_SPANS, *_SPANS[1:]]))
_TOKEN = re.compile(r"\w+")
_SERBIAN_LATIN = frozenset(_SINGLE) | frozenset(c.upper() for c in _SINGLE)


@cache
def _iso_codes() -> frozenset[str]:
    """Currency codes (EUR, MKD ...) from CLDR and the network's country codes, kept as written.

    Only these countries: two capital letters are too often a Serbian word in capitals (NE, TO,
    SE) or part of a date pattern (MM) to keep every ISO 3166 code Latin.
    """
    from babel import Locale

    return frozenset(set(Locale("en").currencies) | set(NETWORK_COUNTRIES))


@cache
def _boundaries(lowered: str) -> frozenset[int]:
    """Indices inside ``lowered`` where a digraph must not be formed (index of its 2nd letter)."""
    found = set()
    for entry in NON_DIGRAPHS:
        cut = entry.index("|")
        stem = entry.replace("|", "")
        start = lowered.find(stem)
        while start != -1:
            found.add(start + cut)
            start = lowered.find(stem, start + 1)
    return frozenset(found)


def _split_accent(ch: str) -> tuple[str, str]:
    """A letter with a stress or length mark (kôd, à) as its base letter and the marks."""
    if ch in _SERBIAN_LATIN:
        return ch, ""
    parts = unicodedata.normalize("NFD", ch)
    if parts[0] in _SERBIAN_LATIN and all(unicodedata.combining(m) for m in parts[1:]):
        return parts[0], parts[1:]
    return ch, ""


def keeps_latin(word: str, messages: bool = False) -> bool:
    """Words that stay in Latin letters in Serbian Cyrillic: names, codes, foreign words (and,
    in the program's messages, the words typed at its command line)."""
    if word in KEEP_WORDS or (messages and word in MESSAGE_WORDS):
        return True
    stem = word.rstrip("aeioumv")  # Serbian case endings on a product name: HubDeska, HubDeskom
    if len(stem) >= 4 and stem in KEEP_WORDS and len(word) - len(stem) <= 3:
        return True
    if any(ch.isdigit() or ch == "_" for ch in word):
        return True  # identifiers and codes: A4, Ed25519, sr_Latn
    if any(ch.isalpha() and _split_accent(ch)[0] not in _SERBIAN_LATIN for ch in word):
        return True  # not the Serbian alphabet (q, w, x, y, ë ...): foreign, or Cyrillic already
    return word.isupper() and word in _iso_codes()


def _word_to_cyrillic(word: str, messages: bool = False) -> str:
    if keeps_latin(word, messages):
        return word
    lowered = word.lower()
    splits = _boundaries(lowered)
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = lowered[i : i + 2]
        if pair in _DIGRAPHS and i + 1 not in splits:
            letter = _DIGRAPHS[pair]
            out.append(letter.upper() if word[i].isupper() else letter)
            i += 2
            continue
        ch, marks = _split_accent(word[i])
        cyr = _SINGLE.get(ch.lower())
        out.append((ch if cyr is None else cyr.upper() if ch.isupper() else cyr) + marks)
        i += 1
    return "".join(out)


def _plain_to_cyrillic(text: str, messages: bool = False) -> str:
    return _TOKEN.sub(lambda m: _word_to_cyrillic(m.group(), messages), text)


def to_cyrillic(text: str, messages: bool = False) -> str:
    """Serbian Latin ``text`` in Serbian Cyrillic; protected spans are copied unchanged.
    ``messages``: the program's own texts (the catalog), where commands, option values and
    metavars a person types are kept as typed too; a name is Serbian around such words."""
    text = unicodedata.normalize("NFC", text)
    protected = _PROTECTED_MESSAGES if messages else _PROTECTED
    out: list[str] = []
    last = 0
    for match in protected.finditer(text):
        out.append(_plain_to_cyrillic(text[last : match.start()], messages))
        out.append(match.group())
        last = match.end()
    out.append(_plain_to_cyrillic(text[last:], messages))
    return "".join(out)


_TO_LATIN = {cyr: lat for lat, cyr in _SINGLE.items()} | {
    cyr: lat for lat, cyr in _DIGRAPHS.items()
}


def _cased(latin: str, upper: bool, whole_word_upper: bool) -> str:
    """A Latin letter or digraph in the case of the Cyrillic letter it stands for
    ("Љубљана" → "Ljubljana", "ЉУБЉАНА" → "LJUBLJANA")."""
    if not upper:
        return latin
    return latin.upper() if whole_word_upper else latin[:1].upper() + latin[1:]


def _map_words(text: str, table: dict[str, str]) -> str:
    def word(match: re.Match[str]) -> str:
        w = match.group()
        shout = len(w) > 1 and w.isupper()
        return "".join(
            _cased(table[ch.lower()], ch.isupper(), shout) if ch.lower() in table else ch
            for ch in w
        )

    return _TOKEN.sub(word, unicodedata.normalize("NFC", text))


def to_latin(text: str) -> str:
    """Serbian Cyrillic ``text`` in Serbian Latin (letter for letter; Latin text is left as is)."""
    return _map_words(text, _TO_LATIN)


# Macedonian Cyrillic in the Latin letters Macedonian institutions write names with for readers
# of other languages ("Ѓорче Петров" → "Gjorče Petrov", "Кичево" → "Kičevo", "Ѕвезда" →
# "Dzvezda"): č, š, ž, dž as in the neighbouring languages, gj and kj for ѓ and ќ, dz for ѕ.
MACEDONIAN_LATIN: dict[str, str] = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчш",
        ["a", "b", "v", "g", "d", "e", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r",
         "s", "t", "u", "f", "h", "c", "č", "š"],
        strict=True,
    )
) | {"ѓ": "gj", "ѕ": "dz", "ј": "j", "љ": "lj", "њ": "nj", "ќ": "kj", "џ": "dž", "ѐ": "e",
     "ѝ": "i"}  # fmt: skip


def macedonian_to_latin(text: str) -> str:
    """Macedonian Cyrillic ``text`` in Latin letters (see ``MACEDONIAN_LATIN``)."""
    return _map_words(text, MACEDONIAN_LATIN)
