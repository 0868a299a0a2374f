"""Opening the data when a person first asks for it, on a start that showed the kept figures.

Such a start (``app.open_window``) draws the dashboard from its last reading, which still says
what the file holds, and the status bar's line kept with it; SQLAlchemy, the models and the
services stay unloaded. The first click on a page, a dashboard tile or a shortcut that needs
records opens the data on a worker ("Opening the data…", the window answering meanwhile) and
then does what was asked. The wait a person had at every start comes once, at the first page;
an idle window is about 50 MiB smaller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot

from hubdesk.i18n import _
from hubdesk.ui.workers import Job, start_job

if TYPE_CHECKING:
    from hubdesk.services.context import ServiceContext
    from hubdesk.services.dashboard_figures import StatusSummary
    from hubdesk.ui.mainwindow import MainWindow

# What the worker's opening gives the window: the context, the status bar's line read with it,
# and the installation's language (None: not one HubDesk speaks). (``app.Opened`` is what the
# worker opened; this is the part of it the window attaches.)
ToAttach = tuple["ServiceContext", "StatusSummary | None", "str | None"]
Opening = Callable[[], ToAttach]


class OpenOnRequest(QObject):
    """Opens the data once, the first time something asks; what asks meanwhile waits too."""

    def __init__(
        self, window: MainWindow, opening: Opening, failed: Callable[[BaseException], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.opening = opening
        self.when_failed = failed
        self.job: Job[Any] | None = None
        self.page: str | None = None  # the page to open on, the last one asked for
        self.waiting: list[Callable[[], None]] = []  # what was asked on that page
        self.before = ""  # the status line's message the opening covers (a failed backup)

    @property
    def under_way(self) -> bool:
        return self.job is not None

    def request(self, page: str | None = None, then: Callable[[], None] | None = None) -> None:
        """Open the data (once), then show ``page`` (else the one on screen) and run ``then``.
        Going to another page meanwhile drops what was asked before it (a Ctrl+N on the
        dashboard does not become a new member on Team; a tile's list gives way to the page
        chosen after it): only the last page, and what was asked on it, is done."""
        if page is not None and page != self.page:
            self.page, self.waiting = page, []
        if then is not None:
            self.waiting.append(then)
        if self.job is not None:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        self.before = self.window.status.currentMessage()
        self.window.status.showMessage(_("Opening the data…"))
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)  # the window still answers
        self.job = start_job(lambda _progress: self.opening(), self._opened, self._failed)

    def _ended(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.restoreOverrideCursor()
        status = self.window.status
        if status.currentMessage() == _("Opening the data…"):  # else a newer one: it stays
            status.showMessage(self.before) if self.before else status.clearMessage()

    @Slot(object)
    def _opened(self, opened: ToAttach) -> None:
        from hubdesk.i18n import set_language
        from hubdesk.ui.collector import keep_for_good

        self._ended()
        if not self.window.isVisible():
            return  # closed while the data opened: what opened is closed with the start's stack
        ctx, status, language = opened
        if language is not None:
            set_language(language)  # as a start that opens the data at once speaks it
        self.window.attach(ctx, status, page=self.page)
        keep_for_good()  # the data layer now lives as long as the window, as the frame does
        waiting, self.waiting = self.waiting, []
        for then in waiting:
            then()

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._ended()
        if not self.window.isVisible():
            return  # closed meanwhile: nobody is waiting to be told
        self.waiting = []
        self.when_failed(error)
