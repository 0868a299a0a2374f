"""Which spreadsheet column goes into which field: guessed, corrected by a person, remembered.

Guessing compares each header with HubDesk's own header for every field in all eight languages
(so a sheet exported in Albanian maps back by itself) and with the synonyms offices use. The
person's final choice is saved in the data folder, keyed by the exact set of headers, so the
roster that comes every month maps itself the next time.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import hashlib
import json
import math
import os
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hubdesk.i18n import LANGUAGES, N_, _, language
from hubdesk.services.context import ServiceContext
from hubdesk.tables.columns import IMPORTABLE, import_columns
from hubdesk.tables.errors import TableError
from hubdesk.tables.synonyms import SYNONYMS

MAPPINGS_FILE = "import-mappings.json"
THRESHOLD = 0.72
FUZZY = 0.8  # the least difflib ratio that counts as a near match
MAX_GUESSED = 200  # columns compared loosely; further ones only by their exact header
LEARNED_SCORE = 0.99  # a header a person mapped by hand before

# fmt: off
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "ѓ": "gj", "е": "e", "ж": "z",
    "з": "z", "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "ќ": "kj", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz", "ш": "s", "й": "i", "ы": "y", "э": "e",
    "ё": "e", "ъ": "", "ь": "", "ю": "ju", "я": "ja", "щ": "sc",
}
# fmt: on
SPECIAL = {"đ": "dj", "ð": "d", "ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe"}

# What an import cannot do without (the wizard warns before the preview); the team of a
# member can instead be chosen once for the whole sheet.
REQUIRED: dict[str, tuple[str, ...]] = {
    "members": ("name", "sector", "role", "gender"),
    "youth_activities": ("title", "activity_type", "starts_on"),
    "trainings": ("title", "starts_on"),
    "community_activities": ("title", "activity_type", "starts_on"),
    "engagements": ("counterpart", "level", "kind", "engaged_on"),
}

# What a sheet of a kind cannot fill, told on the mapping page so nobody looks for it there.
LEFT_OUT: dict[str, str] = {
    "trainings": N_(
        "The team members who took part and the need a training answers are not imported: "
        "add them in the training's form afterwards. The number of participants is the sum "
        "of the columns by profession and gender."
    ),
}


def normalize(text: Any) -> str:
    """Lower case, without diacritics, Cyrillic spelt in Latin, words separated by one space."""
    value = str(text or "").casefold()
    value = "".join(CYRILLIC.get(ch, SPECIAL.get(ch, ch)) for ch in value)
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = "".join(ch if ch.isalnum() else " " for ch in value)
    return " ".join(value.split())


def check_importable(kind: str) -> str:
    if kind not in IMPORTABLE:
        raise TableError(
            N_("HubDesk imports only these tables: {kinds}."), kinds=", ".join(IMPORTABLE)
        )
    return kind


def importable_fields(kind: str) -> list[tuple[str, str]]:
    """(field, header in the current language) for every field an import of ``kind`` fills."""
    return [(c.field, c.title()) for c in import_columns(check_importable(kind)) if c.field]


@cache
def _candidates(kind: str) -> dict[str, frozenset[str]]:
    """Every normalised header text that names a field, in every language and synonym."""
    out: dict[str, set[str]] = {}
    for column in import_columns(kind):
        assert column.field is not None
        texts = out.setdefault(column.field, {normalize(column.field), normalize(column.key)})
        for lang in LANGUAGES:
            with language(lang):
                texts.add(normalize(column.title()))
        texts.update(normalize(s) for s in SYNONYMS.get(kind, {}).get(column.field, ()))
        texts.discard("")
    return {name: frozenset(texts) for name, texts in out.items()}


@dataclass(frozen=True)
class _Index:
    """The candidate texts of one kind, arranged so a header finds its matches quickly."""

    order: tuple[str, ...]  # the fields, in the table's column order (ties keep it)
    exact: dict[str, tuple[str, ...]]  # text -> the fields it names
    by_word: dict[str, tuple[tuple[str, str, frozenset[str]], ...]]  # word -> (field, text, words)
    lengths: tuple[int, ...]  # len(text) of ``by_length``, ascending
    by_length: tuple[tuple[str, str, tuple[tuple[str, int], ...]], ...]  # (field, text,
    # how often each letter is in it), the shortest text first


@cache
def _index(kind: str) -> _Index:
    candidates = _candidates(kind)
    exact: dict[str, list[str]] = {}
    by_word: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
    pairs: list[tuple[str, str]] = []
    for name, texts in candidates.items():
        for text in sorted(texts):
            exact.setdefault(text, []).append(name)
            words = frozenset(text.split())
            for word in words:
                by_word.setdefault(word, []).append((name, text, words))
            pairs.append((name, text))
    pairs.sort(key=lambda pair: len(pair[1]))
    return _Index(
        order=tuple(candidates),
        exact={text: tuple(names) for text, names in exact.items()},
        by_word={word: tuple(entries) for word, entries in by_word.items()},
        lengths=tuple(len(text) for _name, text in pairs),
        by_length=tuple((name, text, tuple(Counter(text).items())) for name, text in pairs),
    )


def clear_cache() -> None:
    """Forget the header texts (after the catalogs changed, in tests)."""
    _candidates.cache_clear()
    _index.cache_clear()


def _score(header: str, candidate: str) -> float:
    if header == candidate:
        return 1.0
    header_words, candidate_words = header.split(), candidate.split()
    if set(candidate_words) <= set(header_words):
        # "Name of the member" contains "name"; the more of it that is, the likelier.
        return 0.6 + 0.35 * len(candidate) / len(header)
    ratio = difflib.SequenceMatcher(None, header, candidate).ratio()
    return ratio * 0.95 if ratio >= FUZZY else 0.0


def _contained_scores(index: _Index, text: str) -> tuple[dict[str, float], set[str]]:
    """For each field, the best ``_score`` of ``text`` against those of its texts that are
    ``text`` itself or whose words it contains (found by lookup, not by comparing with every
    text), and those texts."""
    best = dict.fromkeys(index.exact.get(text, ()), 1.0)
    words = set(text.split())
    contained = {text}
    for word in words:
        for name, candidate, candidate_words in index.by_word.get(word, ()):
            if candidate == text or not candidate_words <= words:
                continue
            contained.add(candidate)
            score = 0.6 + 0.35 * len(candidate) / len(text)
            if score > best.get(name, 0.0):
                best[name] = score
    return best, contained


def _near_scores(
    index: _Index, text: str, best: dict[str, float], skip: set[str], taken: set[str]
) -> None:
    """Raise ``best`` by difflib's ratio against the texts not in ``skip``, of fields not
    ``taken``: only texts of a fitting length and letters are compared at all."""
    # ratio() <= 2 * min(len) / (sum of len) (difflib's real_quick_ratio); >= FUZZY needs the
    # candidate's length between FUZZY / (2 - FUZZY) and (2 - FUZZY) / FUZZY times the header's.
    size = len(text)
    low = bisect.bisect_left(index.lengths, math.floor(size * FUZZY / (2 - FUZZY)))
    high = bisect.bisect_right(index.lengths, math.ceil(size * (2 - FUZZY) / FUZZY))
    letters = Counter(text)
    for name, candidate, counts in index.by_length[low:high]:
        if name in taken or candidate in skip or best.get(name, 0.0) >= 0.95:
            continue  # ratio() * 0.95 cannot beat 0.95
        # difflib's quick_ratio: the letters both share bound the matches from above.
        shared = sum(min(n, letters[ch]) for ch, n in counts)
        if 2.0 * shared / (size + len(candidate)) < FUZZY:
            continue
        ratio = difflib.SequenceMatcher(None, text, candidate).ratio()
        if ratio >= FUZZY and ratio * 0.95 > best.get(name, 0.0):
            best[name] = ratio * 0.95


def guess_mapping(
    kind: str, headers: list[str], learned: dict[str, str] | None = None
) -> list[str | None]:
    """For each header, the field it most likely holds (None when nothing fits well).

    Scores are ``_score``'s best for each field, and the surest pairs are taken first, but
    difflib is asked only where it can matter: its scores are at most 0.95, so the pairs above
    (exact headers, learned ones, contained texts) are settled before it runs, and only for the
    columns and fields still free. Only the first ``MAX_GUESSED`` columns are compared by
    difflib at all; columns further right are matched by their exact header, the texts they
    contain, or how a person mapped them before.
    """
    index = _index(check_importable(kind))
    learned = learned or {}
    texts = [normalize(header) for header in headers]
    result: list[str | None] = [None] * len(headers)
    taken: set[str] = set()
    found: dict[int, tuple[dict[str, float], set[str]]] = {}
    sure: list[tuple[float, int, str]] = []
    for position, text in enumerate(texts):
        if not text:
            continue
        if learned.get(text) in index.order:
            sure.append((LEARNED_SCORE, position, learned[text]))
        found[position] = best, _contained = _contained_scores(index, text)
        sure.extend(
            (best[name], position, name) for name in index.order if best.get(name, 0) > 0.95
        )
    _assign(sure, result, taken)
    scored: list[tuple[float, int, str]] = []
    for position, (best, contained) in found.items():
        if result[position] is not None:
            continue
        if position < MAX_GUESSED:
            _near_scores(index, texts[position], best, contained, taken)
        scored.extend(
            (best[name], position, name)
            for name in index.order
            if name not in taken and best.get(name, 0.0) >= THRESHOLD
        )
    _assign(scored, result, taken)
    return result


def _assign(
    scored: list[tuple[float, int, str]], result: list[str | None], taken: set[str]
) -> None:
    # The surest pairs first; on a tie the leftmost column wins.
    for _best, position, name in sorted(scored, key=lambda s: (-s[0], s[1])):
        if result[position] is None and name not in taken:
            result[position] = name
            taken.add(name)


def check_mapping(kind: str, fields: list[str | None]) -> None:
    """Refuse a mapping that names an unknown field or fills one field from two columns."""
    known = {f for f, _label in importable_fields(kind)}
    seen: set[str] = set()
    for name in fields:
        if name is None:
            continue
        if name not in known:
            raise TableError(N_("'{name}' cannot be imported into."), name=name)
        if name in seen:
            raise TableError(N_("Two columns are mapped to '{name}'."), name=name)
        seen.add(name)


def missing_required(kind: str, fields: list[str | None]) -> list[str]:
    """Required fields no column is mapped to (labels in the current language)."""
    labels = dict(importable_fields(kind))
    return [labels[f] for f in REQUIRED[kind] if f not in fields]


# --- remembering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MappingGuess:
    fields: list[str | None]
    remembered: bool  # True: the person's mapping of the same headers last time


def signature(kind: str, headers: list[str]) -> str:
    joined = "\x1f".join(normalize(h) for h in headers)
    return f"{kind}:{hashlib.sha256(joined.encode()).hexdigest()[:20]}"


def _store_path(ctx: ServiceContext) -> Path | None:
    return None if ctx.data_dir is None else Path(ctx.data_dir) / MAPPINGS_FILE


def _load(ctx: ServiceContext) -> dict[str, Any]:
    path = _store_path(ctx)
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # nested past what Python reads too
        return {}  # a damaged memory is only a lost convenience: guess again
    if not isinstance(data, dict):
        return {}
    # Kept only where each part has the shape this module writes: a file edited by hand (or
    # by another program) stops an import no more than a missing one does.
    mappings = data.get("mappings")
    learned = data.get("learned")
    return {
        "mappings": mappings if isinstance(mappings, dict) else {},
        "learned": {
            kind: {h: f for h, f in words.items() if isinstance(f, str)}
            for kind, words in (learned.items() if isinstance(learned, dict) else ())
            if isinstance(words, dict)
        },
    }


def suggest_mapping(ctx: ServiceContext, kind: str, headers: list[str]) -> MappingGuess:
    """The remembered mapping for exactly these headers, else a fresh guess."""
    store = _load(ctx)
    saved = store.get("mappings", {}).get(signature(kind, headers))
    if isinstance(saved, dict) and isinstance(saved.get("fields"), list):
        fields = [f if isinstance(f, str) else None for f in saved["fields"]]
        if len(fields) == len(headers):
            try:
                check_mapping(kind, fields)
                return MappingGuess(fields, remembered=True)
            except TableError:
                pass  # saved by another HubDesk version with other fields
    learned = store.get("learned", {}).get(kind, {})
    return MappingGuess(guess_mapping(kind, headers, learned), remembered=False)


def remember_mapping(
    ctx: ServiceContext, kind: str, headers: list[str], fields: list[str | None]
) -> None:
    """Save the mapping for the next sheet with these headers (and each header's field)."""
    path = _store_path(ctx)
    if path is None:
        return
    store = _load(ctx)
    store.setdefault("mappings", {})[signature(kind, headers)] = {
        "headers": headers,
        "fields": fields,
        "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    learned = store.setdefault("learned", {}).setdefault(kind, {})
    for header, name in zip(headers, fields, strict=True):
        if name is not None and normalize(header):
            learned[normalize(header)] = name
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".~mappings", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            json.dump(store, fh, ensure_ascii=False, indent=1)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)  # not remembering is no reason to fail an import


def field_label(kind: str, field_name: str) -> str:
    """The header of ``field_name`` in the current language (for problems and combo boxes)."""
    labels = dict(importable_fields(kind))
    return labels.get(field_name, _(field_name))
