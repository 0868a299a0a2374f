"""The money field turns what a person types into minor units by HubDesk's table, not Babel's."""

from __future__ import annotations

import pytest
from gui import press_key, show_window, type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.ui.widgets import MoneyField


def typed(qtbot: QtBot, currency: str, text: str) -> MoneyField:
    field = MoneyField(currency)
    qtbot.addWidget(field)
    show_window(qtbot, field)
    type_into(qtbot, field, text)
    press_key(qtbot, field, Qt.Key.Key_Tab)
    return field


@pytest.mark.parametrize(
    ("currency", "text", "minor"),
    [("RSD", "123456", 123456), ("ALL", "2500", 2500), ("MKD", "1234.56", 123456),
     ("EUR", "1234.5", 123450), ("BAM", "7", 700)],
)  # fmt: skip
def test_typed_amounts_are_stored_by_hubdesks_digits(
    qtbot: QtBot, other_babel_digits: dict[str, int], currency: str, text: str, minor: int
) -> None:
    field = typed(qtbot, currency, text)
    assert field.decimals() == {"RSD": 0, "ALL": 0}.get(currency, 2)
    assert field.minor() == minor
    shown = MoneyField(currency)
    qtbot.addWidget(shown)
    shown.set_minor(minor)  # a stored amount, loaded into a form, comes back as it was typed
    assert shown.minor() == minor


@pytest.mark.parametrize("currency", ["MKD", "RSD"])
def test_the_field_holds_every_amount_the_rule_book_accepts(qtbot: QtBot, currency: str) -> None:
    """A stored amount near the rule book's limit is shown as it is, not cut to what the
    field allowed (the form would then save the cut amount with the next change)."""
    from hubdesk.services.rules.base import MONEY_MAX

    field = MoneyField(currency)
    qtbot.addWidget(field)
    field.set_minor(MONEY_MAX)
    assert field.minor() == MONEY_MAX
    field.set_minor(5_000_000_000_00)
    assert field.minor() == 5_000_000_000_00


@pytest.mark.parametrize("lang", ["en", "sq", "bs", "hr", "sr_Latn", "sr_Cyrl", "cnr", "mk"])
def test_an_amount_looks_as_in_the_lists(qtbot: QtBot, lang: str) -> None:
    """Typed and left, an amount reads exactly as the lists and totals write it: the sign on
    the same side, the same separators and spaces."""
    from hubdesk import i18n
    from hubdesk.i18n.formatting import format_money

    i18n.set_language(lang)
    point = "." if lang == "en" else ","
    for currency, typed_text, minor in (
        ("MKD", f"12345{point}67", 1234567),
        ("EUR", f"1234567{point}89", 123456789),
        ("ALL", "1234567", 1234567),
    ):
        form = QWidget()
        field = MoneyField(currency, form)
        after = QLineEdit(form)  # somewhere for Tab to go
        layout = QVBoxLayout(form)
        layout.addWidget(field)
        layout.addWidget(after)
        show_window(qtbot, form)
        type_into(qtbot, field, typed_text)
        press_key(qtbot, field, Qt.Key.Key_Tab)
        assert field.minor() == minor
        assert field.text() == format_money(minor, currency)


@pytest.mark.parametrize("text", ["8000,00", "8 000,00", "8\u00a0000,00", "8000"])
def test_an_albanian_amount_of_four_digits_is_grouped_as_printed(qtbot: QtBot, text: str) -> None:
    """An Albanian form showed "8000,00 €" beside lists and reports that print "8 000,00 €"
    (Qt leaves four digits ungrouped in Albanian, Babel groups them); the field now writes
    the amount as they do, and reads it typed either way."""
    from hubdesk import i18n
    from hubdesk.i18n.formatting import format_money

    with i18n.language("sq"):
        form = QWidget()
        field = MoneyField("EUR", form)
        layout = QVBoxLayout(form)
        layout.addWidget(field)
        layout.addWidget(QLineEdit(form))  # somewhere for Tab to go
        show_window(qtbot, form)
        type_into(qtbot, field, text)
        press_key(qtbot, field, Qt.Key.Key_Tab)
        assert field.minor() == 800000
        assert field.text() == format_money(800000, "EUR") == "8\u00a0000,00\u00a0€"


@pytest.mark.parametrize(
    ("lang", "currency", "text", "minor"),
    [("en", "EUR", "8000,50", 800050), ("en", "EUR", "1.000,25", 100025),
     ("en", "EUR", "1,000.25", 100025), ("en", "RSD", "400,000", 400000),
     ("mk", "MKD", "8000.50", 800050), ("mk", "MKD", "1.000,25", 100025),
     ("sq", "ALL", "2.500", 2500)],
)  # fmt: skip
def test_either_mark_is_the_decimal_one_in_every_language(
    qtbot: QtBot, lang: str, currency: str, text: str, minor: int
) -> None:
    """In an English window "8000,50" became 800,050.00 and "1.000,25" became 1.00, with no
    word (Qt drops a comma wherever it stands): the spreadsheet import's rule reads both."""
    from hubdesk import i18n

    with i18n.language(lang):
        field = typed(qtbot, currency, text)
        assert field.minor() == minor


def test_an_amount_it_cannot_read_is_not_taken(qtbot: QtBot) -> None:
    field = MoneyField("RSD")  # no decimals: "12,50" is no amount of dinars
    qtbot.addWidget(field)
    show_window(qtbot, field)
    assert field.validate("12,50", 5)[0].name == "Intermediate"
    assert field.validate("1,2,3", 5)[0].name == "Intermediate"
    assert field.validate("12a", 3)[0].name == "Invalid"
    assert field.validate("1.234", 5)[0].name == "Acceptable"


@pytest.mark.parametrize(
    ("currency", "text", "said"),
    [("RSD", "1.234,50", "has more decimals than an amount in RSD can have"),
     ("MKD", "1.234,567", "has more decimals than an amount in MKD can have"),
     ("EUR", "12,5,0", "is not an amount in EUR")],
)  # fmt: skip
def test_text_that_is_no_amount_is_refused_not_saved_as_the_last_one_read(
    qtbot: QtBot, currency: str, text: str, said: str
) -> None:
    """The field kept the last amount it could read: "1.234,50" typed for dinars was saved as
    1,234 and "1.234,567" denars as 1,234.56, with no word (Qt put that amount back on
    leaving the field, just as Save was clicked)."""
    field = typed(qtbot, currency, text)  # typed, then left with Tab
    assert field.holds_unread_text()
    assert said in (field.input_error() or "") and text in (field.input_error() or "")
    type_into(qtbot, field, "7")  # typed again: read again
    assert field.input_error() is None and not field.holds_unread_text()
    assert field.minor() == 7 * 10 ** field.decimals()
