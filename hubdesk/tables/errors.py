"""The one error a spreadsheet operation raises for something a person can fix."""

from __future__ import annotations

from typing import Any

from hubdesk.i18n import _


class TableError(Exception):
    """A file that cannot be read or written, an unknown kind, a bad choice. Nothing changed.

    Holds a msgid and its parameters so the message is translated when it is read.
    """

    def __init__(self, message: str, **params: Any) -> None:
        self.msgid, self.params = message, params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _(self.msgid).format(**self.params)

    def __str__(self) -> str:
        return self.message
