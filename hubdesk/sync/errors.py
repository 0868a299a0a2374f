"""The one error type of sync: a bundle, profile or key refused, with a sentence saying why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hubdesk.i18n import N_, _


class SyncError(Exception):
    """Refused; nothing was changed. ``message`` is translated when read, like FieldError;
    ``reason`` is a stable code (``wrong_recipient``, ``bad_signature`` ...) for scripts, the
    ``--json`` output and tests."""

    def __init__(self, message: str, reason: str = "refused", **params: Any) -> None:
        self.msgid, self.params, self.reason = message, params, reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        # ``what`` names the refused part ("The profile", marked with N_) and is translated with
        # the sentence; a file name there ("records/members.json") stays as it is.
        params = {
            k: _(v) if k == "what" and isinstance(v, str) else v for k, v in self.params.items()
        }
        return _(self.msgid).format(**params)

    def __str__(self) -> str:
        return self.message


Progress = Callable[[int, int], bool]


class Cancelled(SyncError):
    def __init__(self) -> None:
        super().__init__(N_("Cancelled; nothing was written."), "cancelled")


def stepper(progress: Progress | None, total: int) -> Callable[[], None]:
    """Advance ``progress`` by one of ``total`` steps per call; a False answer cancels (except
    at the last step, when the work is already done)."""
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None and progress(done, total) is False and done < total:
            raise Cancelled()

    return step
