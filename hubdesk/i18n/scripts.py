"""Names of places and teams in the reader's script.

Serbia, Montenegro, Bosnia and Herzegovina and North Macedonia write names in Cyrillic and in
Latin letters (Macedonian in Cyrillic, with a Latin form for readers of other languages). A
municipality or team there keeps its name in both; a report or list picks the one its language
writes, so an English or Albanian page never shows "Куманово" beside "Elbasan", and a Macedonian
or Serbian Cyrillic one never shows "Kumanovo". Where only one form was typed, the other is made
by transliteration: letter for letter between Serbian Latin and Cyrillic, and by the Macedonian
romanisation table (Latin to Macedonian Cyrillic is left to a person: "gj", "dz" and "zh" are
not always one letter).
"""

from __future__ import annotations

from typing import Literal

from hubdesk.i18n import N_
from hubdesk.i18n.translit import macedonian_to_latin, to_cyrillic, to_latin

Script = Literal["Latn", "Cyrl"]

# Countries whose names are written in both scripts.
TWO_SCRIPT_COUNTRIES: frozenset[str] = frozenset({"RS", "ME", "BA", "MK"})
CYRILLIC_LANGUAGES: frozenset[str] = frozenset({"mk", "sr_Cyrl"})

# The field beside a name in the Settings profile and the team editor.
OTHER_SCRIPT_LABEL = N_("Name in the other script")
OTHER_SCRIPT_HINT = N_(
    "The name in Latin letters if it is written in Cyrillic, or in Cyrillic if it is written "
    "in Latin letters. Reports print the one their language uses. Left empty, HubDesk writes "
    "it letter by letter; correct it here if the usual form differs."
)


def language_script(lang: str) -> Script:
    """The script a HubDesk language is written in."""
    return "Cyrl" if lang in CYRILLIC_LANGUAGES else "Latn"


def script_of(text: str) -> Script | None:
    """The script of ``text``: Cyrillic if it has a Cyrillic letter, Latin if it has a letter
    at all, None for text without letters (a number, say)."""
    if any("\u0400" <= ch <= "\u052f" for ch in text):
        return "Cyrl"
    return "Latn" if any(ch.isalpha() for ch in text) else None


def other_script_form(name: str, country: str | None) -> str:
    """``name`` in the other script of ``country``, or "" where the country writes one script
    (or no rule turns this name into the other one)."""
    name = name.strip()
    if country not in TWO_SCRIPT_COUNTRIES or not name:
        return ""
    script = script_of(name)
    if script == "Cyrl":
        # Letters no rule turns into Latin ("Ї", "Ӹ") stay Cyrillic: such a form would not be
        # the other script, and the rule book (and so every peer's import) refuses it.
        made = macedonian_to_latin(name) if country == "MK" else to_latin(name)
        return made if script_of(made) == "Latn" else ""
    if script == "Latn" and country != "MK":
        made = to_cyrillic(name)
        return made if script_of(made) == "Cyrl" else ""
    return ""


def name_in_script(name: str, other: str | None, script: Script, country: str | None) -> str:
    """The form of a name written in ``script``: ``name`` or its ``other`` form, made by
    transliteration when the other form is empty (records saved before it existed)."""
    if script_of(name) in (script, None):
        return name
    alternative = (other or "").strip() or other_script_form(name, country)
    return alternative if script_of(alternative) == script else name


def name_forms(name: str, other: str | None, country: str | None) -> set[str]:
    """Every way a name may be typed to find it: as stored and in each script, folded for a
    comparison that ignores case ("kumanovo" finds the town typed "Куманово")."""
    forms = {name, *(name_in_script(name, other, script, country) for script in ("Latn", "Cyrl"))}
    return {form.strip().casefold() for form in forms}


def name_for_language(name: str, other: str | None, lang: str, country: str | None) -> str:
    return name_in_script(name, other, language_script(lang), country)


def other_form_to_store(
    name: str, typed: str | None, country: str | None, before: tuple[str, str] | None = None
) -> str:
    """The other-script form to keep when a name is saved.

    What the person typed wins; left empty, it is made by transliteration. When only the name
    changes (``typed`` is None), a form that was made by rule is made again from the new name,
    and one a person corrected by hand is kept.
    """
    name = name.strip()
    if typed is not None:
        return typed.strip() or other_script_form(name, country)
    if before is None:
        return other_script_form(name, country)
    old_name, old_other = before
    if name == old_name.strip():
        return old_other
    if not old_other or old_other == other_script_form(old_name, country):
        return other_script_form(name, country)
    return old_other
