"""Country and language names in the language of the reader, from CLDR (through Babel).

Hand-written lists of names drift, miss a language and disagree with the rest of the
program; CLDR is what every operating system and browser in the region already shows. Where
CLDR has no name (it has none for Montenegrin, ``cnr``, in any locale), the name comes from
HubDesk's own catalogs, so translators fix it in the same place as every other string.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from hubdesk.i18n import DEBUG_LANGUAGES, N_, _, current_language, language
from hubdesk.i18n.formatting import babel_locale
from hubdesk.i18n.pseudo import pseudo_localize

# Languages CLDR does not name; their names are translated in HubDesk's catalogs instead.
UNNAMED_IN_CLDR: dict[str, str] = {
    # TRANSLATORS: the name of the Montenegrin language (code cnr) as it appears in a list of
    # languages; write it the way your language writes language names (e.g. "crnogorski").
    "cnr": N_("Montenegrin"),
}


def _display_locale(lang: str) -> Locale:
    return _locale(babel_locale(lang))


@cache
def _locale(identifier: str) -> Locale:
    return Locale.parse(identifier)


def country_name(code: str, lang: str | None = None) -> str:
    """The name of the country with ISO code ``code`` (XK is Kosovo) in ``lang``.

    An unknown code is shown as it is rather than failing: a bad value in a record should
    not stop a list or a report from opening.
    """
    lang = lang or current_language()
    if lang in DEBUG_LANGUAGES:
        return pseudo_localize(country_name(code, "en"))
    name = _display_locale(lang).territories.get(code.upper())
    return code if name is None else str(name)


def language_name(code: str, lang: str | None = None) -> str:
    """The name of HubDesk language ``code`` (``sr_Cyrl``, ``cnr``, ...) written in ``lang``.

    Serbian names show their script ("srpski (latinica)"), as CLDR writes them.
    """
    lang = lang or current_language()
    if lang in DEBUG_LANGUAGES:
        return pseudo_localize(language_name(code, "en"))
    display = _display_locale(lang)
    if code in UNNAMED_IN_CLDR:
        cldr = display.languages.get(code)
        if cldr:
            return str(cldr)
        with language(lang):
            return _(UNNAMED_IN_CLDR[code])
    name = _locale(code).get_display_name(display)
    return code if name is None else str(name)


def native_language_name(code: str) -> str:
    """How a language calls itself, capitalised for a language menu ("Srpski (latinica)").

    A person who cannot read the current UI language must still find their own in the list.
    """
    if code in DEBUG_LANGUAGES:
        return "Pseudo"
    name = language_name(code, code)
    return name[:1].upper() + name[1:]
