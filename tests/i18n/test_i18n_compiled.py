"""The compiled catalogs are inside the installed package and really translate."""

from __future__ import annotations

from pathlib import Path

import pytest

import hubdesk
from hubdesk.i18n import (
    LANGUAGES,
    _,
    catalog_available,
    catalog_path,
    language,
    ngettext,
    translations,
)


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalog_is_in_the_package(code: str) -> None:
    mo = Path(hubdesk.__file__).parent / "locale" / code / "LC_MESSAGES" / "hubdesk.mo"
    assert mo.is_file(), "run: .venv/bin/pip install -e . --no-deps (it compiles catalogs)"
    assert catalog_path(code) == mo.resolve() or catalog_path(code) == mo
    assert catalog_available(code)


def test_known_messages_translate() -> None:
    with language("mk"):
        assert _("Municipality") == "Општина"
        assert _("Community Action Team") == "Тим за акција во заедницата"
    with language("sq"):
        assert _("Municipality") == "Komuna"
        assert _("Focal point") == "Pikë kontakti"
    with language("en"):
        assert _("Municipality") == "Municipality"


def test_formatted_message_keeps_working_in_every_language() -> None:
    for code in LANGUAGES:
        with language(code):
            text = _("At most {limit} characters (now {count}).").format(limit=10, count=12)
        assert "10" in text and "12" in text


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("sq", {1: 0, 2: 1, 5: 1, 11: 1, 21: 1}),
        ("mk", {1: 0, 2: 1, 5: 1, 11: 1, 21: 0, 111: 1}),
        ("sr_Latn", {1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 21: 0, 22: 1, 25: 2, 111: 2}),
        ("sr_Cyrl", {1: 0, 3: 1, 5: 2, 21: 0}),
        ("hr", {1: 0, 3: 1, 5: 2, 14: 2, 21: 0, 104: 1}),
        ("bs", {1: 0, 3: 1, 5: 2, 21: 0}),
        ("cnr", {1: 0, 3: 1, 5: 2, 11: 2, 21: 0}),
    ],
)
def test_compiled_plural_rules_pick_cldr_forms(code: str, expected: dict[int, int]) -> None:
    """The Plural-Forms header survives compilation (Babel drops it for cnr unless kept)."""
    plural = translations(code).plural  # type: ignore[attr-defined]
    assert {n: plural(n) for n in expected} == expected


def test_ngettext_falls_back_to_english_without_a_translation() -> None:
    with language("mk"):
        assert ngettext("{n} thing nobody wrote", "{n} things nobody wrote", 2).format(n=2) == (
            "2 things nobody wrote"
        )
