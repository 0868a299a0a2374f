"""Switching the language takes effect at the next _() call, everywhere."""

from __future__ import annotations

import pytest

from hubdesk.i18n import (
    LANGUAGES,
    UnknownLanguageError,
    _,
    check_language,
    current_language,
    language,
    set_language,
)


def test_set_language_changes_output_immediately() -> None:
    assert _("Municipality") == "Municipality"
    set_language("mk")
    assert _("Municipality") == "Општина"
    set_language("sq")
    assert _("Municipality") == "Komuna"
    set_language("sr_Cyrl")
    assert _("Municipality") == "Општина"
    set_language("hr")
    assert _("Municipality") == "Općina"
    set_language("en")
    assert _("Municipality") == "Municipality"


def test_language_context_restores_the_previous_one() -> None:
    set_language("sq")
    with language("mk"):
        assert current_language() == "mk"
        assert _("Youth") == "Млади"
    assert current_language() == "sq"
    assert _("Youth") == "Të rinjtë"


def test_language_context_restores_after_an_error() -> None:
    with pytest.raises(RuntimeError), language("bs"):
        raise RuntimeError
    assert current_language() == "en"


def test_unknown_language_is_refused_and_nothing_changes() -> None:
    set_language("mk")
    with pytest.raises(UnknownLanguageError):
        set_language("xx")
    assert current_language() == "mk"
    with pytest.raises(UnknownLanguageError):
        check_language("sr")


def test_the_eight_languages() -> None:
    assert LANGUAGES == ("en", "sq", "bs", "hr", "sr_Latn", "sr_Cyrl", "cnr", "mk")


def test_enum_labels_follow_the_language() -> None:
    from hubdesk.domain.enums import Pillar

    label = Pillar("youth_engagement").label
    with language("sr_Latn"):
        assert Pillar("youth_engagement").label != label
    assert Pillar("youth_engagement").label == label


def test_a_word_keeps_apart_its_meanings_by_context() -> None:
    from hubdesk.domain.enums import ActionStatus
    from hubdesk.i18n import language, pgettext

    with language("mk"):
        assert pgettext("button", "Open") == "Отвори"  # the verb on a button
        assert ActionStatus.OPEN.label == "Отворено"  # the status of an action item
    assert pgettext("button", "Open") == "Open"


def test_count_sentences_of_the_import_wizard_are_real_plurals() -> None:
    """Marked as a pair with NN_, so ngettext finds every form (Croatian has three)."""
    from hubdesk.i18n import language, ngettext
    from hubdesk.ui.import_preview import PREVIEW_LINES
    from hubdesk.ui.import_wizard import SUMMARY_LINES

    for singular, plural in [*PREVIEW_LINES.values(), *SUMMARY_LINES.values()]:
        with language("hr"):
            shown = {ngettext(singular, plural, n) for n in (1, 3, 7)}
        assert not shown & {singular, plural}, singular
