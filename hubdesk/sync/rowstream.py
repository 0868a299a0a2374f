"""Reading one ``records/<table>.json`` a batch of rows at a time, as strictly as a whole parse.

A table of a large bundle holds hundreds of megabytes of JSON; parsing it whole, and keeping the
rows, is what made an import's memory grow with the bundle. Here the document is read from the
zip member in chunks and parsed value by value with the same strict decoder
(:func:`hubdesk.sync.strictjson.decoder`): every row is one ``raw_decode`` call, run in C, and
handed on in batches of ``batch`` rows. What is accepted and refused is what a strict parse
of the whole text would decide: the same JSON rules, an object with exactly ``columns`` and
``rows`` (in that order), the expected columns, the announced number of rows. When something
is wrong with the document itself, the rest of it is still read (as plain strict JSON) before
the refusal, so the first reason given is invalid JSON over the wrong shape.

Memory stays bounded whatever a signed sender writes: the rows are read a row at a time even
when they will be refused (rows before the columns, which HubDesk never writes, or after
columns it does not know), and no single value may need more than ``VALUE_MAX`` characters,
so a few megabytes of ``[0],[0],...`` packed as one value cannot grow into gigabytes of
Python objects before the refusal.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from hubdesk.i18n import N_, _
from hubdesk.sync import strictjson
from hubdesk.sync.codec import CODECS, KNOWN, WITHHELD
from hubdesk.sync.errors import SyncError
from hubdesk.sync.scope import AREA_LABELS

CHUNK = 1 << 20  # characters read at a time (more while one value does not fit)
# The longest one value (a row, the columns) may be, in characters. The longest row HubDesk
# writes is about half of it: a proposal's long texts of 50,000 characters each, every one of
# them a quote written as two; a real row is a few kilobytes.
VALUE_MAX = 2 << 20
WHITESPACE = " \t\n\r"
# A run of white space skipped in one step: skipped a character at a time, 50 MB of it (which
# deflates well enough to pass the bundle's size checks) took half a minute, twice per import.
_SPACES = re.compile(r"[ \t\n\r]+")


class _Text:
    """The member's text with a cursor, refilled from the file as values are consumed."""

    def __init__(self, source: IO[bytes], what: str) -> None:
        self.source, self.what = source, what
        self.utf8 = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf, self.pos, self.eof = "", 0, False
        self.decoder = strictjson.decoder(what)
        self.first = True

    def fill(self, want: int = 0) -> None:
        """Read more: at least as much as is still unread, so a huge value costs O(size)."""
        data = self.source.read(want or max(CHUNK, len(self.buf) - self.pos))
        try:
            text = self.utf8.decode(data, final=not data)
        except UnicodeDecodeError:
            raise strictjson.not_utf8(self.what) from None
        if self.first and text:
            self.first = False
            if text.startswith("\ufeff"):
                raise strictjson.byte_order_mark(self.what)
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        self.eof = not data

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            buf, pos = self.buf, self.pos
            if pos < len(buf) and buf[pos] in WHITESPACE:  # rare between rows: tested first
                pos = _SPACES.match(buf, pos).end()  # type: ignore[union-attr]  # one at least
            self.pos = pos
            if pos < len(buf) or self.eof:
                return buf[pos] if pos < len(buf) else ""
            self.fill()

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise strictjson.invalid(self.what, f"Expecting '{char}' (char {self.pos})")
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, decoded strictly."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise strictjson.invalid(self.what, str(exc)) from None
                self.fill_more()  # the value may go on in the next chunk
                continue
            except RecursionError:
                raise strictjson.invalid(self.what, "nested too deeply") from None
            except ValueError:  # an integer of more digits than Python reads (4,300)
                raise strictjson.invalid(self.what, f"number too long (char {self.pos})") from None
            if end == len(self.buf) and not self.eof:
                self.fill_more()  # a number at the end of the chunk may go on
                continue
            self.pos = end
            return value

    def fill_more(self) -> None:
        """``fill`` for a value that does not fit yet: refused past ``VALUE_MAX`` characters,
        and never more than one character past it read (a failed parse of a value builds
        its objects before it fails)."""
        unread = len(self.buf) - self.pos
        if unread > VALUE_MAX:
            raise strictjson.invalid(self.what, f"a value longer than {VALUE_MAX} characters")
        self.fill(min(max(CHUNK, unread), VALUE_MAX + 1 - unread))

    def finish(self) -> None:
        if self.peek() != "":
            raise strictjson.invalid(self.what, f"Extra data (char {self.pos})")


def damaged(table: str) -> SyncError:
    return SyncError(
        N_("The bundle's records of {area} are damaged."), "damaged", area=_(AREA_LABELS[table])
    )


def schema_mismatch(table: str) -> SyncError:
    return SyncError(
        N_(
            "The bundle's {area} do not have the columns this HubDesk knows; update HubDesk "
            "or ask the sender to update theirs."
        ),
        "schema_mismatch",
        area=_(AREA_LABELS[table]),
    )


def iter_batches(
    table: str, source: IO[bytes], expected_rows: int, batch: int
) -> Iterator[list[list[Any]]]:
    """The rows of one table's member, ``batch`` at a time, each still raw JSON; SyncError for
    a document that is not what HubDesk writes (possibly after some batches were handed out:
    the caller refuses the whole bundle then)."""
    text = _Text(source, f"records/{table}.json")
    expected = [*CODECS[table].columns, KNOWN, WITHHELD]
    text.expect("{")
    seen: set[str] = set()
    wrong: SyncError | None = None  # raised once the whole document was read
    counted = 0
    if text.peek() == "}":
        text.pos += 1
        text.finish()
        raise damaged(table)
    while True:
        if text.peek() != '"':
            raise strictjson.invalid(text.what, f"Expecting property name (char {text.pos})")
        key = text.value()
        if key in seen:
            raise strictjson.duplicate_key(text.what, key)
        seen.add(key)
        text.expect(":")
        if key == "columns":
            if text.value() != expected and wrong is None:
                wrong = schema_mismatch(table)
        elif key == "rows" and text.peek() == "[":
            if "columns" not in seen and wrong is None:
                wrong = damaged(table)  # HubDesk writes the columns first
            text.pos += 1
            for rows in _rows(text, batch):  # read a batch at a time, kept or not
                counted += len(rows)
                if counted > expected_rows and wrong is None:
                    wrong = damaged(table)  # the rest is still read, to be checked as JSON
                if wrong is None:
                    yield rows
        else:
            value = text.value()
            if key != "rows" and wrong is None:
                wrong = damaged(table)
            elif key == "rows" and wrong is None:
                wrong = damaged(table)  # not an array
            del value
        if text.peek() == ",":
            text.pos += 1
            continue
        text.expect("}")
        break
    text.finish()
    if wrong is not None:
        raise wrong
    if seen != {"columns", "rows"}:
        raise damaged(table)
    if counted != expected_rows:
        raise damaged(table)


def _rows(text: _Text, batch: int) -> Iterator[list[Any]]:
    """The elements of the array whose '[' was just consumed, ``batch`` at a time.

    The common case (compact JSON, the row whole in the buffer) calls the C scanner directly;
    anything else (white space, a row cut by the end of the buffer, an error) goes through
    ``_Text``, which decides as a whole parse would."""
    rows: list[Any] = []
    if text.peek() == "]":
        text.pos += 1
        return
    scan = text.decoder.scan_once  # type: ignore[attr-defined]  # the C scanner
    while True:
        buf, pos = text.buf, text.pos
        try:
            value, end = scan(buf, pos)
        except (StopIteration, ValueError, RecursionError):
            value = text.value()  # the slow path: it refills, retries or refuses
        else:
            if end >= len(buf) and not text.eof:
                value = text.value()  # may go on in the next chunk
            else:
                text.pos = end
        rows.append(value)
        if len(rows) >= batch:
            yield rows
            rows = []
        buf, pos = text.buf, text.pos
        char = buf[pos] if pos < len(buf) else text.peek()
        if char in WHITESPACE:
            char = text.peek()
        text.pos += 1
        if char == "]":
            break
        if char != ",":
            raise strictjson.invalid(text.what, f"Expecting ',' delimiter (char {text.pos - 1})")
    if rows:
        yield rows
