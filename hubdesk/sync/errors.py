"""The one error type of sync: a bundle, profile or key refused, with a sentence saying why."""

from __future__ import annotations

from typing import Any

from hubdesk.i18n import _


class SyncError(Exception):
    """Refused; nothing was changed. ``message`` is translated when read, like FieldError;
    ``reason`` is a stable code (``wrong_recipient``, ``bad_signature`` ...) for scripts, the
    ``--json`` output and tests."""

    def __init__(self, message: str, reason: str = "refused", **params: Any) -> None:
        self.msgid, self.params, self.reason = message, params, reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _(self.msgid).format(**self.params)

    def __str__(self) -> str:
        return self.message
