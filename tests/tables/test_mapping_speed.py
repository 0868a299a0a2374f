"""Guessing is fast (it runs while the person waits) and guesses as the plain comparison of
every header with every known text does."""

from __future__ import annotations

import difflib
import random
from typing import Any

import pytest

from hubdesk.tables import mapping
from hubdesk.tables.export import table_headers
from hubdesk.tables.mapping import (
    LEARNED_SCORE,
    MAX_GUESSED,
    THRESHOLD,
    _candidates,
    guess_mapping,
    normalize,
)


def _plain_score(header: str, candidate: str) -> float:
    if header == candidate:
        return 1.0
    if set(candidate.split()) <= set(header.split()):
        return 0.6 + 0.35 * len(candidate) / len(header)
    ratio = difflib.SequenceMatcher(None, header, candidate).ratio()
    return ratio * 0.95 if ratio >= 0.8 else 0.0


def plain_guess(
    kind: str, headers: list[str], learned: dict[str, str] | None = None
) -> list[str | None]:
    """Every header against every text of every field (HubDesk's first, slow way)."""
    candidates = _candidates(kind)
    learned = learned or {}
    scored: list[tuple[float, int, str]] = []
    for index, header in enumerate(headers):
        text = normalize(header)
        if not text:
            continue
        if learned.get(text) in candidates:
            scored.append((LEARNED_SCORE, index, learned[text]))
        for name, texts in candidates.items():
            best = max(_plain_score(text, c) for c in texts)
            if best >= THRESHOLD:
                scored.append((best, index, name))
    result: list[str | None] = [None] * len(headers)
    taken: set[str] = set()
    for _best, index, name in sorted(scored, key=lambda s: (-s[0], s[1])):
        if result[index] is None and name not in taken:
            result[index] = name
            taken.add(name)
    return result


def _varied(rng: random.Random, text: str) -> str:
    """A header as offices write it: a letter missing or doubled, words added or swapped."""
    change = rng.randrange(7)
    if change == 0 and len(text) > 3:
        at = rng.randrange(len(text))
        return text[:at] + text[at + 1 :]
    if change == 1:
        at = rng.randrange(len(text))
        return text[:at] + text[at] + text[at:]
    if change == 2:
        return f"{text} {rng.choice(['of the member', 'no.', '(2024)', 'total'])}"
    if change == 3:
        return " ".join(reversed(text.split()))
    if change == 4:
        return text.upper()
    if change == 5:
        return rng.choice(["Favourite colour", "Remarks 2", "", "Nr."])
    return text


@pytest.mark.parametrize("kind", ["members", "engagements", "community_activities", "trainings"])
def test_the_guess_is_the_plain_comparisons_guess(kind: str) -> None:
    rng = random.Random(kind)
    texts = sorted({t for ts in _candidates(kind).values() for t in ts})
    for _round in range(1 if kind == "trainings" else 3):  # the plain way is slow there
        headers = [_varied(rng, rng.choice(texts)) for _i in range(rng.randrange(3, 7))]
        headers.append(headers[0])  # the same header twice
        learned = {normalize(headers[1]): rng.choice(list(_candidates(kind)))}
        assert guess_mapping(kind, headers) == plain_guess(kind, headers), headers
        assert guess_mapping(kind, headers, learned) == plain_guess(kind, headers, learned)


class Comparisons:
    """Counts difflib's comparisons in the guessing: its cost. (Timing it instead made a test
    that failed on a busy machine; the benches measure time.)"""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made = 0
        counter = self

        class Counted(difflib.SequenceMatcher):  # type: ignore[type-arg]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                counter.made += 1
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(mapping.difflib, "SequenceMatcher", Counted)


def _texts(kind: str) -> int:
    return sum(len(texts) for texts in _candidates(kind).values())


def test_hubdesks_own_wide_exports_are_guessed_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    comparisons = Comparisons(monkeypatch)
    for kind in ("trainings", "youth_activities"):
        headers = table_headers(kind, "en")
        fields = guess_mapping(kind, headers)
        # Its own headers are found by lookup; the plain way compared each with every text
        # (1-6 s of CPU).
        assert comparisons.made == 0
        mapped = [f for f in fields if f is not None]
        assert len(mapped) >= len(fields) - 1  # trainings: the total is the grid's sum
        assert len(set(mapped)) == len(mapped)


def test_a_very_wide_sheet_is_guessed_quickly_and_far_columns_by_their_header(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headers = [f"Remark about participant group number {i}" for i in range(2000)]
    headers += ["Title", "Type of activty", "Starts on"]  # one misspelt
    comparisons = Comparisons(monkeypatch)
    fields = guess_mapping("youth_activities", headers)
    # At most the first MAX_GUESSED columns are compared (500 columns took 28 s of CPU).
    assert comparisons.made <= MAX_GUESSED * _texts("youth_activities")
    assert len(headers) > MAX_GUESSED
    assert fields[-3:] == ["title", None, "starts_on"]
    assert guess_mapping("youth_activities", headers[-3:]) == [
        "title",
        "activity_type",
        "starts_on",
    ]
