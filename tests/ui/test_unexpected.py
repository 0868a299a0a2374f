"""The net under what was not foreseen: an exception no code caught is said in a box."""

from __future__ import annotations

import sys

import pytest

from hubdesk.storage.errors import StorageError
from hubdesk.ui.unexpected import said_to_the_person


@pytest.fixture(autouse=True)
def quiet_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook also hands each error to the one before it: here not pytest-qt's, which fails
    a test on any exception it is given."""
    monkeypatch.setattr(sys, "excepthook", lambda *_args: None)


def test_an_uncaught_error_is_said_once_and_the_hook_is_put_back() -> None:
    shown: list[tuple[str, str]] = []
    before = sys.excepthook
    with said_to_the_person(lambda title, text: shown.append((title, text))) as hook:
        assert sys.excepthook is hook
        for _ in range(3):  # a list failing as it is drawn: once, not per cell
            hook(StorageError, StorageError("The server was lost."), None)
        hook(KeyError, KeyError("reference"), None)
    assert sys.excepthook is before
    assert shown == [
        ("HubDesk cannot reach its data", "The server was lost."),
        (
            "Something went wrong",
            "HubDesk met a problem it did not foresee and could not finish what was asked. "
            "What was saved before is safe. If it happens again, note what you did and tell "
            "the hub ('reference').",
        ),
    ]


def test_a_box_open_is_not_stacked_with_another() -> None:
    shown: list[str] = []

    def show(title: str, text: str) -> None:
        shown.append(text)
        hook(RuntimeError, RuntimeError("while the box is open"), None)  # re-entered

    with said_to_the_person(show) as hook:
        hook(RuntimeError, RuntimeError("first"), None)
    assert len(shown) == 1
