"""The dashboard's last figures, remembered beside the database so the next start shows them at
once, before SQLAlchemy and the models are loaded.

After every reading of the figures (on a worker) the window keeps them here with the database's
fingerprint (``storage.fingerprint``) taken just before the reading. At the next start they are
drawn only if the file's fingerprint is still the same, the day is the same (overdue items and
the twelve months move with the date) and the language is the same (the extra tiles' captions
are kept as written). Otherwise nothing is drawn early and the window reads live, as before.
Either way the window reads the figures again once the data is open, and redraws only if they
differ.

The first start of a day is the start people make most (the office PC in the morning), and the
figures kept the day before are not that day's. So once the data has been quiet for a while,
the window also reads the figures of the next ``AHEAD_DAYS`` days from the same data
(``read_ahead``), and of further days up to ``AHEAD_MOST`` while that has taken under a
second, and a command that changed the data reads tomorrow's: a start on Monday finds the
figures that Friday's window read for it, as long as nothing changed the data since, and a
start a month later on a municipality's data too.

The fingerprint is taken before the reading: a change made during the reading leaves a cache
that no later fingerprint matches, never one that claims more than was read. The file is small
(a few kilobytes a day), written whole to a temporary name and then renamed, so a crash never leaves
half of it; a file that cannot be read or parsed is ignored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import threading
from collections.abc import Mapping
from dataclasses import astuple
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any, NamedTuple

from hubdesk import __version__
from hubdesk.services.dashboard_figures import (
    ActionItemCounts,
    FundByStatus,
    Kpis,
    MonthOfMeetings,
    QuarterOfYouth,
    StatusSummary,
    Summary,
    TileFigure,
)
from hubdesk.services.dashboard_file import FILENAME, cache_path
from hubdesk.storage.fingerprint import fingerprint

if TYPE_CHECKING:
    from collections.abc import Callable

    from hubdesk.services.context import ServiceContext
    from hubdesk.services.dashboard_texts import FigureTexts

FORMAT = 5  # 2: with the texts the figures were drawn with; 3: a reading for each day ahead;
# 4: the fund in euros when its proposals are in several currencies; 5: the status bar's line
AHEAD_DAYS = 10  # always read ahead: a Friday's figures reach the Monday after a week away
# and further while the reading ahead has taken under AHEAD_BUDGET_S in all: a coordinator
# who opens HubDesk once a month finds that day's figures too (a municipality's PC reads a day
# in a few hundredths of a second; a hub of a million records stops at AHEAD_DAYS)
AHEAD_MOST = 35
AHEAD_BUDGET_S = 1.0


class Kept(NamedTuple):
    """What a start can draw before the data is open."""

    role: str
    figures: Summary
    texts: dict[str, str]  # the figures' numbers, months... as written (``FigureTexts``)
    # the status bar's line read with them (its last backup is the folder's, read at start)
    status: StatusSummary | None = None


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
            "by_status": summary.fund.by_status,
            "euros": [
                summary.fund.approved_eur,
                summary.fund.approved_proposals,
                summary.fund.approved_without_rate,
            ],
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


def plain_status(status: StatusSummary) -> dict[str, Any]:
    """The status bar's line as JSON values, without the last backup (the backups folder says
    when that was, at every start)."""
    return {
        "installation_name": status.installation_name,
        "role": str(status.role),
        "municipality_name": status.municipality_name,
        "municipality_other_script": status.municipality_other_script,
        "country": status.country,
        "last_sync": status.last_sync.isoformat() if status.last_sync else None,
    }


def status_from_plain(raw: dict[str, Any], role: str) -> StatusSummary:
    """The line back from ``plain_status``, of an installation of ``role`` (KeyError, TypeError
    or ValueError otherwise: a name left empty, another role, a role HubDesk does not know)."""
    from hubdesk.domain.enums import Role

    last_sync = _text(raw["last_sync"], empty=True)
    synced = dt.datetime.fromisoformat(last_sync) if last_sync is not None else None
    if synced is not None and synced.tzinfo is None:
        raise ValueError("a time without its zone")
    name = _text(raw["installation_name"])
    if not name.strip() or _text(raw["role"]) != role:
        raise ValueError("not the line of this installation")
    return StatusSummary(
        installation_name=name,
        role=Role(role).value,
        municipality_name=_text(raw["municipality_name"], empty=True),
        last_backup=None,
        last_sync=synced,
        municipality_other_script=_text(raw["municipality_other_script"]),
        country=_text(raw["country"], empty=True),
    )


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
    if len(values) != 14:
        raise ValueError("not the dashboard's fourteen key figures")
    members, meetings, rate, *items, currency, requested, approved, euros, decided, unrated = values
    open_items, overdue, youth_activities, youth, proposals = (_count(n) for n in items)
    if type(euros) is not bool:
        raise TypeError("fund_in_euros")
    return Kpis(
        _count(members), _count(meetings), _rate(rate), open_items, overdue, youth_activities,
        youth, proposals, _text(currency, empty=True), _count(requested), _count(approved),
        euros, _count(decided), _count(unrated),
    )  # fmt: skip


def _fund(amounts: dict[str, dict[str, tuple[int, int]]], raw: dict[str, Any]) -> FundByStatus:
    euros, approved, unrated = (_count(n) for n in raw["euros"])
    return FundByStatus(
        amounts, _counts(raw["proposals"]), _counts(raw["by_status"]), euros, approved, unrated
    )


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
        fund=_fund(amounts, raw["fund"]),
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
    mark = reading_mark(ctx)
    figures, texts = _reading(ctx, today, keep_going)
    if ctx.data_dir is not None:
        from hubdesk.services.dashboard import status_summary

        status = status_summary(ctx) if mark is not None else None
        for moment in (status.last_backup, status.last_sync) if status else ():
            if moment is not None:
                texts.moment(moment)  # the status line's times, written with the figures'
        readings = [(figures, texts.known)]
        remember(ctx.data_dir, mark, ctx.role, texts.language, readings, status=status)
    return figures, texts


def read_ahead(
    ctx: ServiceContext,
    today: dt.date,
    keep_going: Callable[[], bool] = lambda: True,
    days: int = AHEAD_DAYS,
    most: int = AHEAD_MOST,
    budget: float = AHEAD_BUDGET_S,
) -> None:
    """Read the figures of the ``days`` days after ``today`` as well, and of the days after
    those up to ``most`` while the reading ahead has taken under ``budget`` seconds, and keep
    them with today's, for the next days' first starts. Kept only if the data is still as it
    was when today's were read (the same fingerprint): figures of two states of the data never
    mix."""
    mark = reading_mark(ctx)
    if ctx.data_dir is None or mark is None:
        return  # a server database keeps no figures: nothing to read ahead for
    wanted = [(today + dt.timedelta(days=n)).isoformat() for n in range(days + 1)]
    if _kept_days(_record(cache_path(ctx.data_dir)), mark)[: days + 1] == wanted:
        return  # a start with nothing changed since: they are kept already
    readings: list[tuple[Summary, dict[str, str]]] = []
    language = ""
    started = monotonic()
    for ahead in range(1, max(days, most) + 1):
        if ahead > days and monotonic() - started >= budget:
            break
        figures, texts = _reading(ctx, today + dt.timedelta(days=ahead), keep_going)
        readings.append((figures, texts.known))
        language = texts.language
    kept = _record(cache_path(ctx.data_dir))
    days_kept = _kept_days(kept, mark)
    if kept is None or days_kept[:1] != [today.isoformat()]:
        return  # the data changed since, or another day's reading was kept since
    if kept.get("language") != language or kept.get("role") != ctx.role:
        return
    kept["days"] = [kept["days"][0], *_days(readings)]
    _write(cache_path(ctx.data_dir), kept)


def _kept_days(record: dict[str, Any] | None, mark: str | None) -> list[str]:
    """The days ``record`` keeps figures of, if it was kept after ``mark``."""
    if record is None or mark is None or record.get("fingerprint") != mark:
        return []
    try:
        return [str(day["figures"]["today"]) for day in record["days"]]
    except Exception:  # not as ``remember`` writes it
        return []


def _reading(
    ctx: ServiceContext, day: dt.date, keep_going: Callable[[], bool]
) -> tuple[Summary, FigureTexts]:
    from hubdesk.services.dashboard_summary import summary
    from hubdesk.services.dashboard_texts import figure_texts

    figures = summary(ctx, day, keep_going=keep_going)
    return figures, figure_texts(figures)


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
    readings: list[tuple[Summary, dict[str, str]]],
    *,
    status: StatusSummary | None = None,
) -> None:
    """Keep ``readings`` (figures, one day's each, and the ``texts`` they are drawn with in
    ``language``), read after ``mark`` (the fingerprint taken before the reading; None: this
    database has none, and nothing is kept). The texts are Babel's, kept with this HubDesk's
    version: another version may write them otherwise. A file that cannot be written is left
    as it was: the cache only saves time. ``status``: the status bar's line, read after
    ``mark`` too, for a start that opens the data only when a page asks for it."""
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
        "days": _days(readings),
        "status": plain_status(status) if status is not None else None,
    }
    _write(path, record)


def _days(readings: list[tuple[Summary, dict[str, str]]]) -> list[dict[str, Any]]:
    return [{"figures": plain(figures), "texts": texts} for figures, texts in readings]


def _write(path: Path, record: dict[str, Any]) -> None:
    # a name of this thread's own: two readings finishing at once never write the same file
    temporary = path.with_name(f".{FILENAME}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


def _record(path: Path) -> dict[str, Any] | None:
    """The kept record if it is of this format and version, else None."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except Exception:
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return None
    return record if record.get("version") == __version__ else None


def keep_times(data_dir: Path, language: str, texts: Mapping[str, str]) -> None:
    """Add the status line's times among ``texts`` (the day's backup, made after the figures
    were read) to the texts kept in ``language``: the day's later starts write it as this one
    did, without Babel. The figures and their fingerprint stay as they are (a backup changes
    nothing in the file); a file kept in another language, or none, is left alone."""
    times = {key: text for key, text in texts.items() if key.startswith("t:")}
    record = _record(cache_path(data_dir))
    if not times or record is None or record.get("language") != language:
        return
    try:
        days = [day for day in record["days"] if isinstance(day.get("texts"), dict)]
    except Exception:  # not as ``remember`` writes it: a start will ignore it anyway
        return
    if all(times.items() <= day["texts"].items() for day in days):
        return
    for day in days:
        day["texts"].update(times)
    _write(cache_path(data_dir), record)


def forget(data_dir: Path) -> None:
    """Drop the figures kept for this folder (its data could not be opened after they were
    drawn): the next start reads live, and says what is wrong the full way."""
    with contextlib.suppress(OSError):
        cache_path(data_dir).unlink(missing_ok=True)


def recall(data_dir: Path, language: str, today: dt.date) -> Kept | None:
    """The role, figures and texts kept for this folder, if they still say what the database
    holds today in this language; None otherwise (nothing kept, or kept for another state)."""
    from hubdesk.domain.enums import Role

    record = _record(cache_path(data_dir))
    if record is None or record.get("language") != language:
        return None
    wanted = today.isoformat()
    try:
        day = next(d for d in record["days"] if d["figures"]["today"] == wanted)
        figures = from_plain(day["figures"])
        role = Role(_text(record["role"])).value  # a role HubDesk knows, or nothing drawn
        texts = {_text(key): _text(text) for key, text in day["texts"].items()}
        raw_status = record["status"]
        status = status_from_plain(raw_status, role) if raw_status is not None else None
    except Exception:  # no reading for today (StopIteration), or one not as ``plain`` writes
        return None
    if figures.today != today or record.get("fingerprint") != fingerprint(data_dir):
        return None
    return Kept(role, figures, texts, status)
