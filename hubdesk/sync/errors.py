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
        self.detail = ""  # a technical detail for whoever looks into it, never shown
        super().__init__(self.message)

    @property
    def message(self) -> str:
        # ``what`` names the refused part ("The profile", marked with N_) and is translated with
        # the sentence; a bundle's part ("records/members.json") is named by its area.
        params = {
            k: part_name(v) if k == "what" and isinstance(v, str) else v
            for k, v in self.params.items()
        }
        return _(self.msgid).format(**params)

    def __str__(self) -> str:
        return self.message


def part_name(what: str) -> str:
    """A refused part as a person knows it: "The part “Team members”" for the bundle's
    ``records/members.json``, else the translated name it was given ("The profile")."""
    from hubdesk.sync.scope import AREA_LABELS

    table = what.removeprefix("records/").removesuffix(".json")
    if what.startswith("records/") and table in AREA_LABELS:
        return _("The part “{area}”").format(area=_(AREA_LABELS[table]))
    return _(what)


Progress = Callable[[int, int], bool]


class Cancelled(SyncError):
    def __init__(self) -> None:
        super().__init__(N_("Cancelled; nothing was written."), "cancelled")


class Meter:
    """Progress of a long sync job counted in records, and where it asks whether to go on.

    Called once per bounded step (a batch of rows, an attached file), never per row, so the
    import's loop keeps its speed; a False answer raises :class:`Cancelled` at once, and the
    caller's transaction and temporary files are undone on the way out. ``total`` may be set
    once it is known (the manifest's counts, after the file is opened)."""

    def __init__(self, progress: Progress | None, total: int = 0) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def advance(self, count: int = 1) -> None:
        self.done += count
        shown = min(self.done, self.total)
        if self.progress is not None and self.progress(shown, self.total) is False:
            raise Cancelled()

    def wanted(self) -> bool:
        """Whether the work should go on (no Cancel yet), asked without moving the progress:
        for work inside a step that counts in its own units (the backup before an import)."""
        shown = min(self.done, self.total)
        return self.progress is None or self.progress(shown, self.total) is not False

    def finish(self) -> None:
        """The work is done (committed): reported, but no longer cancelled."""
        self.done = self.total
        if self.progress is not None:
            self.progress(self.total, self.total)


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
