"""JSON as HubDesk reads it from files it did not write: no duplicate keys, no NaN, no tricks.

Python's ``json`` accepts duplicate keys (the last one silently wins) and ``NaN``/``Infinity``;
either could make two readers of the same file disagree about what it says, so both are refused.
"""

from __future__ import annotations

import json
from typing import Any

from hubdesk.i18n import N_, _
from hubdesk.sync.errors import SyncError


def decoder(what: str) -> json.JSONDecoder:
    """The strict decoder; ``what`` names the file part in the refusal messages. Streaming
    readers (:mod:`hubdesk.sync.rowstream`) use it value by value, with the same rules."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise duplicate_key(what, key)
            out[key] = value
        return out

    def no_constant(name: str) -> Any:
        raise SyncError(
            N_("{what} is not acceptable JSON: '{value}' is not a number."),
            "not_a_number",
            what=what,
            value=name,
        )

    def no_float(text: str) -> Any:
        # HubDesk stores no fractional numbers: money is in minor units, counts are whole.
        raise SyncError(
            N_("{what} is not acceptable JSON: '{value}' is not a whole number."),
            "not_a_number",
            what=what,
            value=text[:40],
        )

    return json.JSONDecoder(
        object_pairs_hook=no_duplicates, parse_constant=no_constant, parse_float=no_float
    )


def duplicate_key(what: str, key: str) -> SyncError:
    return SyncError(
        N_("{what} is not acceptable JSON: the key '{key}' appears twice."),
        "duplicate_key",
        what=what,
        key=key[:40],
    )


def not_utf8(what: str) -> SyncError:
    return SyncError(N_("{what} is not valid UTF-8 text."), "bad_json", what=what)


def byte_order_mark(what: str) -> SyncError:
    return SyncError(N_("{what} starts with a byte-order mark."), "bad_json", what=what)


def invalid(what: str, detail: str) -> SyncError:
    """``detail`` (where the parser stopped, in its own English words) stays with the error
    for whoever looks into it; the person is told what they can act on."""
    error = SyncError(
        N_("{what} is damaged: it is not written as HubDesk writes it."), "bad_json", what=what
    )
    error.detail = detail[:120]
    return error


def loads(data: bytes, what: str) -> Any:
    """Parse UTF-8 JSON strictly; ``what`` names the file part in the refusal message."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise not_utf8(what) from None
    if text.startswith("\ufeff"):
        raise byte_order_mark(what)
    try:
        return decoder(what).decode(text)
    except json.JSONDecodeError as exc:  # where, in the person's language (not Python's words)
        where = _("at line {line}, column {column}").format(line=exc.lineno, column=exc.colno)
        raise SyncError(
            N_("{what} is damaged {detail}: it is not written as HubDesk writes it."),
            "bad_json",
            what=what,
            detail=where,
        ) from None
    except (ValueError, RecursionError) as exc:
        raise invalid(what, str(exc)) from None


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON with a stable key order (what is signed must be reproducible)."""
    return json.dumps(
        value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False
    ).encode("utf-8")
