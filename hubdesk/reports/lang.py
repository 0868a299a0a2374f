"""Words, dates, numbers and money in the report's language, whatever the window speaks.

The report is built in a worker thread while the window keeps translating in its own language,
so this never switches the process-wide language (``hubdesk.i18n.language``): it reads the
report language's catalog directly and passes the language to every Babel formatter.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Protocol
from xml.sax.saxutils import escape

from babel import dates

from hubdesk import clock
from hubdesk.domain.enums import Labelled
from hubdesk.i18n import DEFAULT_LANGUAGE, source_text, translate, translations
from hubdesk.i18n import formatting as fmt
from hubdesk.i18n.scripts import name_for_language
from hubdesk.reports.fonts import printable

# BCP 47 tags for the PDF /Lang entry.
PDF_LANG = {
    "en": "en",
    "sq": "sq",
    "bs": "bs",
    "hr": "hr",
    "sr_Latn": "sr-Latn",
    "sr_Cyrl": "sr-Cyrl",
    "cnr": "cnr",
    "mk": "mk",
}
SECONDARY_GREY = "#555555"


# The field of a record kind that holds an English version of its summary, for the English line
# of a bilingual report. Proposals gain it with issue 13; until a model has it, nothing prints.
ENGLISH_SUMMARY = "summary_en"


def english_summary(record: object) -> str:
    """The record's English summary, or "" where its kind has none (yet) or it is empty."""
    value = getattr(record, ENGLISH_SUMMARY, None)
    return value.strip() if isinstance(value, str) else ""


class Named(Protocol):
    """A record with a name: a municipality or a team."""

    name: str


def _local(value: dt.datetime) -> dt.datetime:
    """Stored times are UTC; people read them on the region's clocks."""
    return clock.local(value)


def text(value: str | None) -> str:
    """Data text as paragraph markup: printable, XML-escaped, line breaks kept."""
    if not value:
        return ""
    return escape(printable(value.strip())).replace("\n", "<br/>")


class ReportLanguage:
    """Translation and formatting for one report; ``bilingual`` adds English under labels."""

    def __init__(self, lang: str, bilingual: bool = False) -> None:
        self.lang = lang
        self.bilingual = bilingual and lang != DEFAULT_LANGUAGE
        self._catalog = translations(lang)

    # --- words ---------------------------------------------------------------------------------

    def __call__(self, msgid: str, **params: object) -> str:
        """``msgid`` translated (in its context, if ``pN_`` gave it one), with
        ``{placeholders}`` filled in."""
        out = translate(self._catalog, msgid)
        return out.format(**params) if params else out

    def label(self, enum: type[Labelled], code: str) -> str:
        """The translated label of a stored code (the code itself if it is not known); in
        bilingual mode with the English after it, so a status, a pillar or a chart's slice
        reads in both languages like the headings do."""
        msgid = enum.labels().get(code)
        return self.both(msgid) if msgid else code

    def markup(self, msgid: str, size: float, **params: object) -> str:
        """A heading or label as paragraph markup; in bilingual mode the English (smaller,
        grey) goes on a line beneath, unless the translation is missing and would repeat it."""
        return escape(printable(self(msgid, **params))) + self.english(msgid, size, **params)

    def english(self, msgid: str, size: float, **params: object) -> str:
        """In bilingual mode, the English line beneath a label (markup); else nothing."""
        local = self(msgid, **params)
        english = source_text(msgid).format(**params) if params else source_text(msgid)
        if not self.bilingual or english == local:
            return ""
        shown = escape(printable(english))
        return f'<br/><font size="{size * 0.78:.1f}" color="{SECONDARY_GREY}">{shown}</font>'

    def both(self, msgid: str, **params: object) -> str:
        """Plain text for places that cannot take two lines (page header, chart captions)."""
        local = self(msgid, **params)
        english = source_text(msgid).format(**params) if params else source_text(msgid)
        return f"{local} / {english}" if self.bilingual and english != local else local

    def name(self, record: Named, country: str | None = None) -> str:
        """A municipality's or team's name in the report's script ("Kumanovo" in English and
        Albanian, "Куманово" in Macedonian); a team passes its municipality's ``country``."""
        return name_for_language(
            record.name,
            getattr(record, "name_other_script", ""),
            self.lang,
            country or getattr(record, "country", None),
        )

    # --- values --------------------------------------------------------------------------------

    def date(self, value: dt.date | None) -> str:
        """A date kept on one line (no-break spaces): a narrow column widens for it rather
        than printing "19 Aug" over "2026"."""
        return fmt.format_date(value, self.lang).replace(" ", "\xa0")

    def datetime(self, value: dt.datetime | None) -> str:
        """Date and time of day on the region's clock (``hubdesk.clock``), without seconds."""
        if value is None:
            return ""
        return fmt.join_date_time(self.date(_local(value).date()), self.time(value), self.lang)

    def time(self, value: dt.datetime | None) -> str:
        if value is None:
            return ""
        return fmt.format_time(_local(value), self.lang, "short")

    def number(self, value: int | float, decimals: int | None = None) -> str:
        return fmt.format_number(value, self.lang, decimals)

    def percent(self, value: float | None) -> str:
        return "–" if value is None else fmt.format_percent(value, self.lang)

    def money(self, minor: int | None, currency: str) -> str:
        return "" if minor is None else fmt.format_money(minor, currency, self.lang)

    def period(self, start: dt.date, end: dt.date) -> str:
        """A date range in the report's own day format ("1 Jan – 30 Jun 2026", "1. 1. – 30. 6.
        2026."), the year once when both ends share it. (CLDR's range patterns write the day
        differently from its dates: "01. jan" beside "1. jan".)"""
        if start == end:
            return self.date(start)
        first = self.date(start)
        pattern = fmt.PATTERNS[self.lang].date_medium
        without_year = re.sub(r"\s*y+.*$", "", pattern)
        if start.year == end.year and without_year != pattern and "y" not in without_year:
            first = dates.format_date(start, without_year, locale=fmt.babel_locale(self.lang))
            first = first.replace(" ", "\xa0")  # like ``date``
        return f"{first} – {self.date(end)}"

    @property
    def pdf_lang(self) -> str:
        return PDF_LANG[self.lang]
