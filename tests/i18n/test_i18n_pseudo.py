"""The pseudo-locale: accented, about 40% longer, bracketed, placeholders untouched."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from hubdesk.i18n import (
    DEBUG_LANGUAGES,
    LANGUAGES,
    _,
    catalog_available,
    check_language,
    ngettext,
    set_language,
)
from hubdesk.i18n.placeholders import brace_fields, percent_specs
from hubdesk.i18n.pseudo import pseudo_localize


def test_shape_of_a_pseudo_string() -> None:
    assert pseudo_localize("Save") == "[Šàvé~~]"
    out = pseudo_localize("Edit the record")
    assert out.startswith("[") and out.endswith("]")
    assert not re.search(r"[aeiou]", out)  # untranslated text (plain ASCII) stands out


def test_about_forty_percent_longer() -> None:
    text = "Members who have left the team this year"
    body = pseudo_localize(text)[1:-1]
    assert 1.35 <= len(body) / len(text) <= 1.45


def test_placeholders_markup_and_mnemonics_are_untouched() -> None:
    out = pseudo_localize("&Delete {what} (%(count)d of %s) <b>now</b> &amp; 50% off")
    for kept in ("{what}", "%(count)d", "%s", "<b>", "</b>", "&amp;", "&"):
        assert kept in out
    assert out.format(what="x") != out  # still a working format string


def test_empty_stays_empty() -> None:
    assert pseudo_localize("") == ""


@given(st.text(max_size=40), st.sampled_from(["{name}", "{n:,}", "%(x)s", "%d"]))
def test_placeholders_survive_any_text(text: str, placeholder: str) -> None:
    source = text.replace("{", "").replace("}", "").replace("%", "") + placeholder
    out = pseudo_localize(source)
    assert brace_fields(out) == brace_fields(source)
    assert percent_specs(out) == percent_specs(source)


def test_pseudo_is_a_debug_language_not_offered_to_users() -> None:
    assert DEBUG_LANGUAGES == ("pseudo",)
    assert "pseudo" not in LANGUAGES and len(LANGUAGES) == 8
    assert check_language("pseudo") == "pseudo"
    assert catalog_available("pseudo")


def test_switching_to_pseudo_needs_no_catalog() -> None:
    set_language("pseudo")
    assert _("Municipality") == pseudo_localize("Municipality")
    assert ngettext("{n} member", "{n} members", 3) == pseudo_localize("{n} members")
    assert ngettext("{n} member", "{n} members", 1).format(n=1) == "[1 mémbéŕ~~~~]"


def test_words_with_a_context_are_stretched_too() -> None:
    from hubdesk.i18n import language, pgettext

    with language("pseudo"):
        assert pgettext("button", "Open") != "Open"
