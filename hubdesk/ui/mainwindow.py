"""The main window: sidebar, pages built on first visit, status bar, window-wide shortcuts.

This module imports no database code at import time: the window frame can be on screen
before SQLAlchemy is loaded (see ``hubdesk.app``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, QThreadPool, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from hubdesk.i18n import _, current_language
from hubdesk.ui.collector import let_go
from hubdesk.ui.help import HelpMenu
from hubdesk.ui.page import ListCommands, Page
from hubdesk.ui.page_table import PAGE_KEYS, PAGES  # the sidebar's pages, by row
from hubdesk.ui.path_text import whole_paths
from hubdesk.ui.preferences import WindowPreferences
from hubdesk.ui.qt_translations import apply_qt_language
from hubdesk.ui.resources import icon
from hubdesk.ui.statusbar import HubStatusBar

if TYPE_CHECKING:  # annotations only: the frame needs none of these (the data layer comes later)
    from PySide6.QtGui import QCloseEvent, QScreen

    from hubdesk.services.context import ServiceContext
    from hubdesk.services.dashboard_cache import Kept
    from hubdesk.services.dashboard_figures import StatusSummary
    from hubdesk.ui.opening import OpenOnRequest
    from hubdesk.ui.pages.dashboard import DashboardPage

# Pages reached with Ctrl+1 … Ctrl+9, in sidebar order (there is no Ctrl+10 key).
PAGE_SHORTCUTS = 9


class MainWindow(QMainWindow):
    """The window. Made with a context it opens at once; made with only the data folder it
    shows its frame first (sidebar, title, "Opening…") and ``attach(ctx)`` fills it, so a
    person sees HubDesk before the database layer has even been imported."""

    def __init__(
        self,
        ctx: ServiceContext | None = None,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        folder = data_dir or (ctx.data_dir if ctx else None)
        assert folder is not None, "the window needs the data folder (preferences, backups)"
        self.ctx: ServiceContext | None = None
        self.data_dir = folder
        self.on_request: OpenOnRequest | None = None  # the data opened when first asked for
        self.midnight: QTimer | None = None  # then, the new day's figures need it
        self.opening_failed = False  # the data could not be opened at the first click
        self.preferences = WindowPreferences(folder)
        self.pages: dict[str, QWidget] = {}
        self.page_apis: dict[str, Page] = {}  # the same pages, as the window speaks to them
        self.remembered: DashboardPage | None = None  # drawn from the last figures, not attached
        self.drawn_language = current_language()
        # Made inside the central widget from the start: a list made on the window and moved
        # into the layout afterwards is restyled on the move (about 9 ms under the style sheet).
        central = QWidget(self)
        self.sidebar = QListWidget(central)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        for spec in PAGES:  # row i is PAGES[i]
            self.sidebar.addItem(QListWidgetItem(icon(spec.icon), ""))
        self.stack = QStackedWidget(central)
        for _spec in PAGES:
            self.stack.addWidget(QWidget(self.stack))  # built on first visit
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = HubStatusBar(self)
        self.setStatusBar(self.status)
        self.actions_by_name: dict[str, QAction] = {}
        self.help = HelpMenu(self)
        self.sidebar.currentRowChanged.connect(self._on_row)
        self.sidebar.setEnabled(False)
        self.retranslate()
        geometry = self.preferences.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 720)
        self.fit_to_screen()
        if ctx is not None:
            self.attach(ctx)

    def show_remembered(self, kept: Kept) -> bool:
        """Before the data is open: draw the dashboard's figures remembered from the last
        reading (still what the database holds, ``dashboard_cache`` made sure), if the window
        opens on the dashboard (True: drawn). ``attach`` then gives the page its context."""
        if self.ctx is not None or self.preferences.page() not in ("dashboard", None):
            return False
        from hubdesk.ui.pages.dashboard import DashboardPage

        page = DashboardPage(None, self.stack, remembered=kept)
        self._place("dashboard", page)
        self.remembered = page
        self.stack.setCurrentWidget(page)
        return True

    def open_on_request(
        self, opener: OpenOnRequest, status: StatusSummary, texts: dict[str, str]
    ) -> None:
        """Stay on the remembered figures, with the status bar's line kept with them, and let
        ``opener`` open the data when a page, a tile or a shortcut first needs it
        (``ui/opening.py``); ``texts`` are the figures' kept texts (the line's times too). A
        window left open overnight opens it at midnight, so the new day's figures are read."""
        from dataclasses import replace  # not in the frame's imports (start-up speed)

        from hubdesk.services.before_data import last_backup
        from hubdesk.ui.pages.dashboard import ms_to_midnight

        self.on_request = opener
        if not self.actions_by_name:
            self._make_actions()
        self.status.show_kept(
            replace(status, last_backup=last_backup(self.data_dir)), self.data_dir, texts
        )
        self._update_title()
        self.sidebar.blockSignals(True)  # the dashboard's row marked, no page asked for
        self.sidebar.setCurrentRow(PAGE_KEYS.index("dashboard"))
        self.sidebar.blockSignals(False)
        self.sidebar.setEnabled(True)
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(lambda: self._with_data(lambda: None))
        self.midnight.start(ms_to_midnight())

    def _with_data(self, command: Callable[[], None], page: str | None = None) -> None:
        """Run ``command`` now if the data is open; on a start that opens it on request,
        once it is (showing ``page`` then)."""
        if self.ctx is not None:
            command()
        elif self.on_request is not None:
            self.on_request.request(page, command)

    def attach(
        self, ctx: ServiceContext, status: StatusSummary | None = None, page: str | None = None
    ) -> None:
        """Open the installation: status bar (its line read already by whoever opened the data,
        or now), then ``page``, by default the one the person left last time. No page reads
        its records on the GUI thread here: the dashboard fills itself from a worker."""
        assert ctx.data_dir is not None
        self.ctx = ctx
        if self.midnight is not None:
            self.midnight.stop()
        if not self.actions_by_name:
            self._make_actions()
        self.status.attach(ctx, status)
        self.preferences.set_language(current_language())
        self.sidebar.setEnabled(True)
        self.retranslate(pages=current_language() != self.drawn_language)
        if self.remembered is not None:  # the dashboard drawn before the data was open
            self.remembered.attach(ctx)
            self.remembered = None
        key = page or self.preferences.page()
        row = PAGE_KEYS.index(key if key in PAGE_KEYS else PAGE_KEYS[0])
        if self.sidebar.currentRow() == row:  # chosen while the data was opening
            self._on_row(row)
        else:
            self.sidebar.setCurrentRow(row)  # comes back through _on_row

    # --- pages ----------------------------------------------------------------------------------

    def context(self) -> ServiceContext:
        assert self.ctx is not None, "attach() the installation before showing a page"
        return self.ctx

    def page(self, key: str) -> QWidget:
        """The page ``key``, built now if it was never shown."""
        if key not in self.pages:
            page = PAGES[PAGE_KEYS.index(key)].build(self.context(), self.stack)
            assert isinstance(page, QWidget)  # checked in build(); for the type checker
            self._place(key, page)
        return self.pages[key]

    def _place(self, key: str, page: Page) -> None:
        """Put a page built just now where its placeholder was."""
        assert isinstance(page, QWidget)
        index = PAGE_KEYS.index(key)
        page.setObjectName(f"page_{key}")
        placeholder = self.stack.widget(index)
        assert placeholder is not None  # every page has a placeholder until built
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages[key] = page
        self.page_apis[key] = page
        self._connect(key, page)

    def page_api(self, key: str) -> Page:
        """The page ``key`` as the window speaks to it (built now if it was never shown)."""
        self.page(key)
        return self.page_apis[key]

    def _connect(self, key: str, page: QWidget) -> None:
        """The signals a page may offer (a Qt signal is a class attribute, not a method a
        protocol could require of every page)."""
        if hasattr(page, "changed"):
            page.changed.connect(lambda *_a, source=key: self.data_changed(source))
        if hasattr(page, "replaced"):
            page.replaced.connect(lambda *_a, source=key: self.installation_replaced(source))
        if hasattr(page, "open_list"):
            page.open_list.connect(self.open_list)
        if hasattr(page, "open_page"):
            page.open_page.connect(self.show_page)
        if hasattr(page, "language_changed"):
            page.language_changed.connect(self.retranslate)

    def show_page(self, key: str) -> QWidget:
        """Show the page ``key`` (with the data not open yet: once it is, ``opening.py``)."""
        row = PAGE_KEYS.index(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)  # comes back through _on_row
        elif self.ctx is None:
            self._on_row(row)  # the row chosen while the data was opening: asked for again
        # The page; or, when it could not be built (_on_row said why), the one shown before.
        shown = self.stack.currentWidget()
        assert shown is not None  # the stack holds a page or a placeholder for each
        return shown

    def current_key(self) -> str:
        row = self.sidebar.currentRow()
        return PAGE_KEYS[row] if row >= 0 else PAGE_KEYS[0]

    def shown_page(self) -> Page:
        """The page on screen: the sidebar's, or, while the data opens for a page chosen on
        the kept figures, the dashboard still shown."""
        shown = self.stack.currentWidget()
        for key, page in self.pages.items():
            if page is shown:
                return self.page_apis[key]
        return self.page_api(self.current_key())

    def current_page(self) -> QWidget:
        return self.page(self.current_key())

    def _on_row(self, row: int) -> None:
        """Show a page; one shown before reads its data again (an import or a restore may
        have changed it meanwhile: a count and one page of rows, so this is cheap)."""
        if row < 0:
            return
        if self.ctx is None:
            if self.on_request is not None:  # the first page asked for: the data opens now
                self.on_request.request(PAGE_KEYS[row])
            return
        from hubdesk.ui.forms import PERSON_ERRORS

        key = PAGE_KEYS[row]
        built = key in self.pages
        try:
            page = self.page(key)
        except PERSON_ERRORS as error:  # a hub's server out of reach, a staff login removed
            from hubdesk.ui import dialogs

            dialogs.tell_unreadable(self, getattr(error, "message", None) or str(error))
            self.sidebar.blockSignals(True)  # the page shown before stays, and its row
            self.sidebar.setCurrentRow(self.stack.currentIndex())
            self.sidebar.blockSignals(False)
            return
        self.stack.setCurrentWidget(page)
        if built:
            self._read_again(key)
        self.preferences.set_page(key)
        self.help.follow(self.page_apis[key].help_topic)

    def _read_again(self, key: str) -> None:
        """A page shown before reads its data again, and the status bar its line. A reading
        that fails says why once (a list says it itself) and leaves both as they were."""
        from hubdesk.ui import dialogs
        from hubdesk.ui.forms import PERSON_ERRORS

        try:
            self.page_apis[key].refresh()
        except PERSON_ERRORS as error:
            dialogs.tell_unreadable(self, getattr(error, "message", None) or str(error))
            return
        with suppress(*PERSON_ERRORS):  # the same reason: told once is enough
            self.status.refresh()

    def open_list(self, key: str, criteria: dict[str, Any]) -> None:
        """Show the list behind a dashboard tile or bar, filtered the way it was counted."""
        if self.ctx is None:  # remembered figures: the list once the data is open
            self._with_data(lambda: self.open_list(key, criteria), key)
            return
        from hubdesk.ui import dialogs
        from hubdesk.ui.forms import PERSON_ERRORS

        if self.show_page(key) is not self.pages.get(key):
            return  # it could not be opened, and _on_row said why
        page = self.page_apis[key]
        if isinstance(page, ListCommands):  # else a page of its own kind (the hub's quarters)
            try:
                page.show_filtered(**criteria)
            except PERSON_ERRORS as error:
                dialogs.tell_unreadable(self, getattr(error, "message", None) or str(error))

    def data_changed(self, source: str = "") -> None:
        """Something was saved, deleted, imported or restored: the status bar reads again and
        every other page built so far is told (the one on screen reads at once). The title
        names the installation, which Settings may just have renamed."""
        self.status.refresh()
        self._update_title()
        for key, page in self.page_apis.items():
            if key != source:
                page.data_changed(source)

    def installation_replaced(self, source: str) -> None:
        """Another installation's backup was restored (Settings): the context names it now,
        and every other page built so far, made for the one it replaced (its role decides what
        a page offers and whose records it lists), is dropped and built afresh when shown."""
        for key in [built for built in self.pages if built != source]:
            page = self.pages.pop(key)
            del self.page_apis[key]
            self.stack.insertWidget(PAGE_KEYS.index(key), QWidget(self.stack))
            self.stack.removeWidget(page)
            page.deleteLater()
        let_go()  # the pages dropped were set aside with the start's objects: free them

    def _update_title(self) -> None:
        name = self.status.installation_name()
        self.setWindowTitle(_("HubDesk — {name}").format(name=name) if name else "HubDesk")

    def start_daily_backup(self) -> None:
        """Once a day a backup at start-up, made off the GUI thread so the window opens at once."""
        from hubdesk.ui.workers import Job

        job: Job[object]
        if self.ctx is None:  # the data not loaded (``open_on_request``): from the file
            from hubdesk.services.before_data import daily_backup as of_file

            folder = self.data_dir
            job = Job(lambda _progress: of_file(folder))
        else:
            from hubdesk.services.datafolder import daily_backup

            ctx = self.ctx
            job = Job(lambda _progress: daily_backup(ctx))
        # methods of this window, not lambdas: a window closed (and deleted) before the backup
        # ends is not called at all
        job.signals.done.connect(self._backup_made)
        job.signals.failed.connect(self._backup_failed)
        self._backup_job = job
        QThreadPool.globalInstance().start(job)

    def _backup_made(self, _result: object) -> None:
        self.status.refresh()
        texts = self.status.texts
        if self.ctx is None and texts is not None:
            # On the kept figures: the backup's time, written now, is kept with their texts,
            # so the day's later starts write it without loading Babel.
            from hubdesk.services.dashboard_cache import keep_times

            keep_times(self.data_dir, texts.language, texts.known)

    def _backup_failed(self, error: BaseException) -> None:
        self.status.showMessage(
            whole_paths(_("The daily backup failed: {reason}").format(reason=error))
        )

    # --- window-wide keys -----------------------------------------------------------------------

    def _make_actions(self) -> None:
        """The keys act on pages, so they are bound once there is data. Binding them also
        makes PySide build its ``Qt`` namespace (about 25 ms), which the frame does not wait
        for."""
        from PySide6.QtGui import QKeySequence

        bindings: tuple[tuple[str, Any, Callable[[], None]], ...] = (
            ("new", QKeySequence.StandardKey.New, self._new_record),
            ("find", QKeySequence.StandardKey.Find, self._focus_search),
            ("refresh", QKeySequence("F5"), self._refresh),
        )
        for name, keys, command in bindings:
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))  # in this window (Qt's default context)
            action.triggered.connect(lambda _c=False, run=command: run())
            self.addAction(action)
            self.actions_by_name[name] = action
        for index, spec in enumerate(PAGES[:PAGE_SHORTCUTS], start=1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _c=False, k=spec.key: self.show_page(k))
            self.addAction(action)
        self.actions_by_name.update(self.help.make_actions())

    def _list_commands(self) -> ListCommands | None:
        page = self.page_api(self.current_key())
        return page if isinstance(page, ListCommands) else None

    def _new_record(self) -> None:
        def run() -> None:
            if (page := self._list_commands()) is not None:
                page.new_record()

        self._with_data(run)

    def _focus_search(self) -> None:
        def run() -> None:
            if (page := self._list_commands()) is not None:
                page.focus_search()

        self._with_data(run)

    def _refresh(self) -> None:
        self._with_data(lambda: self.page_api(self.current_key()).refresh())

    # --- language, geometry ---------------------------------------------------------------------

    def fit_to_screen(self) -> None:
        """Never larger than the screen's free area, nor off it, whatever the saved geometry
        says (a window saved on a big monitor, opened on a 1366×768 laptop)."""
        # Typed as never None, but a PC with no screen attached (yet) has no primary screen.
        screen: QScreen | None = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = max(area.left(), min(self.x(), area.right() + 1 - width - extra_w))
        y = max(area.top(), min(self.y(), area.bottom() + 1 - height - extra_h))
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def retranslate(self, pages: bool = True) -> None:
        """Every text in the current language; ``pages=False`` leaves the pages built so far
        as they are (drawn in this language already: redrawing the remembered dashboard's
        charts at attach cost a fifth of a second for nothing)."""
        # Qt's own strings (text field menus, file dialogs) follow too; which file dialog to use
        # is decided once the data is open (no file dialog opens before).
        apply_qt_language(dialogs=self.ctx is not None)
        self.drawn_language = current_language()
        self._update_title()
        widest = 0
        self.sidebar.ensurePolished()  # the style sheet's font, not the default one
        metrics = self.sidebar.fontMetrics()
        for row, spec in enumerate(PAGES):
            item = self.sidebar.item(row)
            text = _(spec.title)
            item.setText(text)
            # Ctrl+1 to Ctrl+9 only: a keyboard has no "Ctrl+10" (the tip promised one)
            if row < PAGE_SHORTCUTS:
                item.setToolTip(_("{page} (Ctrl+{number})").format(page=text, number=row + 1))
            else:
                item.setToolTip(text)
            widest = max(widest, metrics.horizontalAdvance(text))
        # icon, padding and the selection marker around the longest name; never a third of
        # the screen, even for a long pseudo-translation
        self.sidebar.setFixedWidth(min(max(170, widest + 72), 280))
        self.sidebar.setAccessibleName(_("Sections"))
        for page in self.page_apis.values() if pages else ():
            page.retranslate()
        self.status.retranslate()
        self.help.retranslate()
        if self.ctx is not None:
            self.preferences.set_language(current_language())

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.page_apis.values():  # a reading under way stops at its next query
            cancel = getattr(page, "cancel_load", None)
            if cancel is not None:
                cancel(quietly=True)
        self.preferences.set_geometry(self.saveGeometry())
        if self.ctx is not None:
            self.preferences.set_page(self.current_key())
        self.preferences.sync()
        super().closeEvent(event)
