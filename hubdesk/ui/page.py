"""What the main window asks of every page, as types a checker and a test can hold it to.

The window once reached its pages through ``"module:Class"`` strings and ``getattr``: a page
whose ``refresh`` was renamed simply stopped refreshing, and nothing failed. Now the window
knows its pages only through these protocols: mypy checks each page class where the window's
registry names it, and ``tests/ui/test_page_protocol.py`` checks every built page at run time.

This module imports no database code: the window frame uses it before SQLAlchemy is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from hubdesk.services.context import ServiceContext


@runtime_checkable
class Page(Protocol):
    """One sidebar page. Its title and icon sit in the window's registry, so the sidebar can
    be drawn before any page module is imported."""

    #: The guide F1 opens on this page (a key of ``hubdesk.ui.guides.GUIDES``).
    help_topic: ClassVar[str]

    def refresh(self) -> None:
        """Read the data again (the page is shown again; an import may have changed it)."""

    def retranslate(self) -> None:
        """Say every word again in the language now chosen."""

    def data_changed(self, what: str) -> None:
        """Records were changed elsewhere (``what``: the key of the page that changed them).
        A page on screen reads again at once; a hidden one reads when it is next shown."""


class PageFactory(Protocol):
    """A page class: the window builds each page with the open installation on first visit."""

    def __call__(self, ctx: ServiceContext, parent: QWidget | None = ...) -> Page: ...


@runtime_checkable
class ListCommands(Protocol):
    """A page with a list: Ctrl+N and Ctrl+F act on it, and the dashboard opens it filtered."""

    def new_record(self) -> None: ...

    def focus_search(self) -> None: ...

    def show_filtered(self, **criteria: Any) -> None: ...
