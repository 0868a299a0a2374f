"""The dashboard's last figures, remembered beside the database so the next start shows them at
once, before SQLAlchemy and the models are loaded.

After every reading of the figures (on a worker) the window keeps them here with the database's
fingerprint (``storage.fingerprint``) taken just before the reading. At the next start they are
drawn only if the file's fingerprint is still the same, the day is the same (overdue items and
the twelve months move with the date) and the language is the same (the extra tiles' captions
are kept as written). Otherwise nothing is drawn early and the window reads live, as before.
Either way the window reads the figures again once the data is open, and redraws only if they
differ.

The fingerprint is taken before the reading: a change made during the reading leaves a cache
that no later fingerprint matches, never one that claims more than was read. The file is small
(a few kilobytes), written whole to a temporary name and then renamed, so a crash never leaves
half of it; a file that cannot be read or parsed is ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from dataclasses import astuple
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from hubdesk import __version__
from hubdesk.services.dashboard_figures import (
    ActionItemCounts,
    FundByStatus,
    Kpis,
    MonthOfMeetings,
    QuarterOfYouth,
    Summary,
    TileFigure,
)
from hubdesk.storage.fingerprint import fingerprint

if TYPE_CHECKING:
    from collections.abc import Callable

    from hubdesk.services.context import ServiceContext
    from hubdesk.services.dashboard_texts import FigureTexts

FILENAME = "dashboard.json"
FORMAT = 2  # 2: with the texts the figures were drawn with


class Kept(NamedTuple):
    """What a start can draw before the data is open."""

    role: str
    figures: Summary
    texts: dict[str, str]  # the figures' numbers, months... as written (``FigureTexts``)


def cache_path(data_dir: Path) -> Path:
    return data_dir / FILENAME


def plain(summary: Summary) -> dict[str, Any]:
    """The figures as JSON values (the extra tiles' captions written out in today's language)."""
    return {
        "today": summary.today.isoformat(),
        "empty": summary.empty,
        "kpis": list(astuple(summary.kpis)),
        "sectors": summary.sectors,
        "months": [[m.month.isoformat(), m.meetings, m.attendance_rate] for m in summary.months],
        "items": list(astuple(summary.items)),
        "quarters": [[q.quarter.isoformat(), q.by_gender, q.by_age] for q in summary.quarters],
        "fund": {
            "amounts": {
                currency: {status: list(pair) for status, pair in by_status.items()}
                for currency, by_status in summary.fund.amounts.items()
            },
            "proposals": summary.fund.proposals,
        },
        "extra": {
            key: {
                "value": tile.value,
                "caption": tile.caption(),
                "alert": tile.alert,
                "page": tile.page,
                "criteria": {
                    name: {"date": value.isoformat()} if isinstance(value, dt.date) else value
                    for name, value in tile.criteria.items()
                },
            }
            for key, tile in summary.extra.items()
        },
    }


def _criterion(value: Any) -> Any:
    if isinstance(value, dict):
        return dt.date.fromisoformat(value["date"])
    if not isinstance(value, str | int | bool):
        raise TypeError(f"not a filter value: {value!r}")
    return value


def _criteria(raw: dict[str, Any]) -> dict[str, Any]:
    return {_text(name): _criterion(value) for name, value in raw.items()}


def _caption(text: str) -> Any:
    return lambda: text


def _count(value: Any) -> int:
    if type(value) is not int:  # bool is not a count either
        raise TypeError(f"not a count: {value!r}")
    return value


def _counts(mapping: Any) -> dict[str, int]:
    if not isinstance(mapping, dict) or not all(isinstance(key, str) for key in mapping):
        raise TypeError("not counts by code")
    return {key: _count(value) for key, value in mapping.items()}


def _rate(value: Any) -> float | None:
    if value is not None and type(value) not in (int, float):
        raise TypeError(f"not a rate: {value!r}")
    return value


def _text(value: Any, empty: bool = False) -> Any:
    if not (value is None and empty) and not isinstance(value, str):
        raise TypeError(f"not a text: {value!r}")
    return value


def _kpis(raw: Any) -> Kpis:
    values = list(raw)
    if len(values) != 11:
        raise ValueError("not the dashboard's eleven key figures")
    members, meetings, rate, *items, currency, requested, approved = values
    open_items, overdue, youth_activities, youth, proposals = (_count(n) for n in items)
    return Kpis(
        _count(members), _count(meetings), _rate(rate), open_items, overdue, youth_activities,
        youth, proposals, _text(currency, empty=True), _count(requested), _count(approved),
    )  # fmt: skip


def from_plain(raw: dict[str, Any]) -> Summary:
    """The figures back from ``plain``, every value of the type drawing it expects (raises
    KeyError, TypeError or ValueError if anything is not what ``plain`` writes)."""
    amounts = {
        _text(currency): {
            _text(status): (_count(requested), _count(approved))
            for status, (requested, approved) in by_status.items()
        }
        for currency, by_status in raw["fund"]["amounts"].items()
    }
    if type(raw["empty"]) is not bool:
        raise TypeError("empty")
    return Summary(
        today=dt.date.fromisoformat(raw["today"]),
        empty=raw["empty"],
        kpis=_kpis(raw["kpis"]),
        sectors=_counts(raw["sectors"]),
        months=[
            MonthOfMeetings(dt.date.fromisoformat(m), _count(n), _rate(r))
            for m, n, r in raw["months"]
        ],
        items=ActionItemCounts(*(_count(n) for n in raw["items"])),
        quarters=[
            QuarterOfYouth(dt.date.fromisoformat(q), _counts(g), _counts(a))
            for q, g, a in raw["quarters"]
        ],
        fund=FundByStatus(amounts, _counts(raw["fund"]["proposals"])),
        extra={
            _text(key): TileFigure(
                _count(tile["value"]),
                _caption(_text(tile["caption"])),
                tile["alert"] is True,
                _text(tile["page"], empty=True),
                _criteria(tile["criteria"]),
            )
            for key, tile in raw["extra"].items()
        },
    )


def read(
    ctx: ServiceContext, today: dt.date, keep_going: Callable[[], bool] = lambda: True
) -> tuple[Summary, FigureTexts]:
    """Read the figures and make their texts in the language chosen now, and keep both for the
    next start: what the dashboard does on its worker, and a command after it changed data."""
    from hubdesk.services.dashboard_summary import summary
    from hubdesk.services.dashboard_texts import figure_texts

    mark = reading_mark(ctx)
    figures = summary(ctx, today, keep_going=keep_going)
    texts = figure_texts(figures)
    if ctx.data_dir is not None:
        remember(ctx.data_dir, mark, ctx.role, texts.language, figures, texts.known)
    return figures, texts


def reading_mark(ctx: ServiceContext) -> str | None:
    """The fingerprint to keep with figures about to be read (None: a server database)."""
    if ctx.data_dir is None or not ctx.db.is_sqlite:
        return None
    return fingerprint(ctx.data_dir)


def remember(
    data_dir: Path,
    mark: str | None,
    role: str,
    language: str,
    figures: Summary,
    texts: dict[str, str],
) -> None:
    """Keep ``figures``, read after ``mark`` (the fingerprint taken before the reading; None:
    this database has none, and nothing is kept), and the ``texts`` they are drawn with in
    ``language`` (Babel's, kept with this HubDesk's version: another version may write them
    otherwise). A file that cannot be written is left as it was: the cache only saves time."""
    path = cache_path(data_dir)
    if mark is None:
        path.unlink(missing_ok=True)
        return
    record = {
        "format": FORMAT,
        "version": __version__,
        "fingerprint": mark,
        "role": role,
        "language": language,
        "figures": plain(figures),
        "texts": texts,
    }
    # a name of this thread's own: two readings finishing at once never write the same file
    temporary = path.with_name(f".{FILENAME}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


def kept_language(data_dir: Path) -> str | None:
    """The language the figures were kept in (the installation's, when a command kept them),
    or None: for a window's first start here, which has no language of its own yet."""
    try:
        language = json.loads(cache_path(data_dir).read_text(encoding="utf-8"))["language"]
    except Exception:
        return None
    return language if isinstance(language, str) else None


def recall(data_dir: Path, language: str, today: dt.date) -> Kept | None:
    """The role, figures and texts kept for this folder, if they still say what the database
    holds today in this language; None otherwise (nothing kept, or kept for another state)."""
    try:
        record = json.loads(cache_path(data_dir).read_text(encoding="utf-8"))
        if record.get("format") != FORMAT or record.get("language") != language:
            return None
        if record.get("version") != __version__:
            return None
        figures = from_plain(record["figures"])
        role = _text(record["role"])
        texts = {_text(key): _text(text) for key, text in record["texts"].items()}
    except Exception:
        return None
    if figures.today != today or record.get("fingerprint") != fingerprint(data_dir):
        return None
    return Kept(role, figures, texts)
