"""Country and language names from CLDR, with HubDesk's own fallback for Montenegrin."""

from __future__ import annotations

import pytest

from hubdesk.i18n import LANGUAGES, language
from hubdesk.i18n.names import country_name, language_name, native_language_name


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Kosovo"),
        ("sq", "Kosovë"),
        ("sr_Latn", "Kosovo"),
        ("sr_Cyrl", "Косово"),
        ("mk", "Косово"),
    ],
)
def test_kosovo_is_named_per_cldr(lang: str, expected: str) -> None:
    assert country_name("XK", lang) == expected


def test_network_countries_in_macedonian_and_albanian() -> None:
    assert country_name("MK", "mk") == "Северна Македонија"
    assert country_name("AL", "sq") == "Shqipëri"
    assert country_name("ME", "cnr") == "Crna Gora"
    assert country_name("BA", "hr") == "Bosna i Hercegovina"
    assert country_name("RS", "sr_Cyrl") == "Србија"


def test_country_name_follows_the_current_language() -> None:
    with language("sr_Cyrl"):
        assert country_name("RS") == "Србија"
    assert country_name("RS") == "Serbia"


def test_unknown_country_code_is_shown_as_is() -> None:
    assert country_name("ZZZ", "en") == "ZZZ"


def test_serbian_names_show_the_script() -> None:
    assert language_name("sr_Latn", "sr_Latn") == "srpski (latinica)"
    assert language_name("sr_Cyrl", "sr_Latn") == "srpski (ćirilica)"
    assert language_name("sr_Cyrl", "sr_Cyrl") == "српски (ћирилица)"
    assert language_name("sr_Latn", "en") == "Serbian (Latin)"


def test_cldr_names_in_other_languages() -> None:
    assert language_name("mk", "sq") == "maqedonisht"
    assert language_name("sq", "mk") == "албански"
    assert language_name("hr", "bs") == "hrvatski"


def test_montenegrin_falls_back_to_hubdesk_catalogs() -> None:
    """CLDR has no name for cnr anywhere; our catalogs give one in every language."""
    assert language_name("cnr", "en") == "Montenegrin"
    assert language_name("cnr", "cnr") == "crnogorski"
    assert language_name("cnr", "sr_Cyrl") == "црногорски"
    assert language_name("cnr", "mk") == "црногорски"
    assert language_name("cnr", "sq") == "malazezisht"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_a_name_in_every_language(code: str) -> None:
    for display in LANGUAGES:
        name = language_name(code, display)
        assert name and name != code
    assert native_language_name(code)[0].isupper()


def test_native_names_for_the_language_menu() -> None:
    assert [native_language_name(c) for c in LANGUAGES] == [
        "English",
        "Shqip",
        "Bosanski",
        "Hrvatski",
        "Srpski (latinica)",
        "Српски (ћирилица)",
        "Crnogorski",
        "Македонски",
    ]


def test_pseudo_names_are_pseudo_localized() -> None:
    assert country_name("XK", "pseudo").startswith("[Ķöšövö")
    assert language_name("mk", "pseudo").startswith("[Màçéđöñíàñ")
