"""An error that escapes a button's or a list's code in the window: said to the person in a
message box, not only on a console a Windows PC never shows (HubDesk runs without one).

Errors a person can act on (the data out of reach, a login removed) are caught where they
happen; this is the net under what was not foreseen. The traceback still goes where Python
writes it, for whoever looks into the problem."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from hubdesk.i18n import _

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]

QUIET_SECONDS = 5.0  # the same message again within this long is not shown again


def told_text(error: BaseException) -> tuple[str, str]:
    """The box's title and text for ``error``."""
    from hubdesk.ui.forms import PERSON_ERRORS

    if isinstance(error, PERSON_ERRORS):
        return _("HubDesk cannot reach its data"), getattr(error, "message", None) or str(error)
    text = _(
        "HubDesk met a problem it did not foresee and could not finish what was asked. What "
        "was saved before is safe. If it happens again, note what you did and tell the hub "
        "({what})."
    ).format(what=str(error) or type(error).__name__)
    return _("Something went wrong"), text


@contextmanager
def said_to_the_person(show: Callable[[str, str], None]) -> Iterator[Hook]:
    """While the window runs, an exception no code caught is shown with ``show(title,
    text)``: one box at a time, and the same text not again for a few seconds (a list that
    fails as it is drawn would otherwise open a box per cell)."""
    previous = sys.excepthook
    showing = False
    last_text, last_time = "", 0.0

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        nonlocal showing, last_text, last_time
        previous(kind, error, trace)
        if showing or not isinstance(error, Exception):
            return
        title, text = told_text(error)
        if text == last_text and time.monotonic() - last_time < QUIET_SECONDS:
            return
        showing = True
        try:
            show(title, text)
        finally:
            showing = False
            last_text, last_time = text, time.monotonic()

    sys.excepthook = hook
    try:
        yield hook
    finally:
        sys.excepthook = previous
