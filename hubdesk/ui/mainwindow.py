"""The main window: sidebar, pages built on first visit, status bar, window-wide shortcuts.

This module imports no database code at import time: the window frame can be on screen
before SQLAlchemy is loaded (see ``hubdesk.app``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, QThreadPool
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from hubdesk.i18n import N_, _, current_language
from hubdesk.ui.preferences import WindowPreferences
from hubdesk.ui.qt_translations import apply_qt_language
from hubdesk.ui.resources import icon
from hubdesk.ui.statusbar import HubStatusBar

if TYPE_CHECKING:  # the database layer is imported once the window is up, not before
    from hubdesk.services.context import ServiceContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # msgid
    icon: str
    widget: str  # "module:Class" of the page, imported on the first visit

    def build(self, ctx: ServiceContext, parent: QWidget) -> QWidget:
        module, name = self.widget.split(":")
        page: QWidget = getattr(importlib.import_module(module), name)(ctx, parent)
        return page


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", N_("Dashboard"), "dashboard", "hubdesk.ui.pages.dashboard:DashboardPage"),
    PageSpec("team", N_("Team"), "team", "hubdesk.ui.pages.team:TeamPage"),
    PageSpec("meetings", N_("Meetings"), "meetings", "hubdesk.ui.pages.meetings:MeetingsPage"),
    PageSpec("youth", N_("Youth"), "youth", "hubdesk.ui.pages.youth:YouthPage"),
    PageSpec("fund", N_("Fund"), "fund", "hubdesk.ui.pages.fund:FundPage"),
    PageSpec("sync", N_("Sync"), "sync", "hubdesk.ui.pages.sync:SyncPage"),
    PageSpec("reports", N_("Reports"), "reports", "hubdesk.ui.pages.reports:ReportsPage"),
    PageSpec("settings", N_("Settings"), "settings", "hubdesk.ui.pages.settings:SettingsPage"),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)


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
        self.preferences = WindowPreferences(folder)
        self.pages: dict[str, QWidget] = {}
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        for spec in PAGES:  # row i is PAGES[i]
            self.sidebar.addItem(QListWidgetItem(icon(spec.icon), ""))
        self.stack = QStackedWidget(self)
        for _spec in PAGES:
            self.stack.addWidget(QWidget(self.stack))  # built on first visit
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = HubStatusBar(self)
        self.setStatusBar(self.status)
        self.actions_by_name: dict[str, QAction] = {}
        self.sidebar.currentRowChanged.connect(self._on_row)
        self.sidebar.setEnabled(False)
        self.retranslate()
        geometry = self.preferences.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 720)
        if ctx is not None:
            self.attach(ctx)

    def attach(self, ctx: ServiceContext) -> None:
        """Open the installation: status bar, then the page the person left last time."""
        assert ctx.data_dir is not None
        self.ctx = ctx
        if not self.actions_by_name:
            self._make_actions()
        self.status.attach(ctx)
        self.preferences.set_language(current_language())
        self.sidebar.setEnabled(True)
        self.retranslate()
        key = self.preferences.page()
        self.show_page(key if key in PAGE_KEYS else PAGE_KEYS[0])

    # --- pages ----------------------------------------------------------------------------------

    def context(self) -> ServiceContext:
        assert self.ctx is not None, "attach() the installation before showing a page"
        return self.ctx

    def page(self, key: str) -> QWidget:
        """The page ``key``, built now if it was never shown."""
        if key not in self.pages:
            index = PAGE_KEYS.index(key)
            spec = PAGES[index]
            page = spec.build(self.context(), self.stack)
            page.setObjectName(f"page_{key}")
            placeholder = self.stack.widget(index)
            assert placeholder is not None  # every page has a placeholder until built
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[key] = page
            self._connect(key, page)
        return self.pages[key]

    def _connect(self, key: str, page: QWidget) -> None:
        if hasattr(page, "changed"):
            page.changed.connect(lambda *_a, source=key: self.data_changed(source))
        if hasattr(page, "open_list"):
            page.open_list.connect(self.open_list)
        if hasattr(page, "language_changed"):
            page.language_changed.connect(self.retranslate)

    def show_page(self, key: str) -> QWidget:
        row = PAGE_KEYS.index(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)  # comes back through _on_row
        return self.page(key)

    def current_key(self) -> str:
        row = self.sidebar.currentRow()
        return PAGE_KEYS[row] if row >= 0 else PAGE_KEYS[0]

    def current_page(self) -> QWidget:
        return self.page(self.current_key())

    def _on_row(self, row: int) -> None:
        """Show a page; one shown before reads its data again (an import or a restore may
        have changed it meanwhile: a count and one page of rows, so this is cheap)."""
        if row < 0 or self.ctx is None:
            return
        key = PAGE_KEYS[row]
        built = key in self.pages
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        if built:
            self._call(page, "refresh")
            self.status.refresh()
        self.preferences.set_page(key)

    def open_list(self, key: str, criteria: dict[str, Any]) -> None:
        """Show the list behind a dashboard tile or bar, filtered the way it was counted."""
        page = self.show_page(key)
        self._call(page, "show_filtered", **criteria)

    def data_changed(self, source: str = "") -> None:
        """Something was saved, deleted, imported or restored: the status bar reads again (the
        other pages do when they are shown). The title names the installation, which Settings
        may just have renamed."""
        self.status.refresh()
        self._update_title()

    def _update_title(self) -> None:
        name = self.status.installation_name()
        self.setWindowTitle(_("HubDesk — {name}").format(name=name) if name else "HubDesk")

    def start_daily_backup(self) -> None:
        """Once a day a backup at start-up, made off the GUI thread so the window opens at once."""
        from hubdesk.services.datafolder import daily_backup
        from hubdesk.ui.workers import Job

        ctx = self.context()
        job: Job[object] = Job(lambda _progress: daily_backup(ctx))
        job.signals.done.connect(lambda _result: self.status.refresh())
        job.signals.failed.connect(
            lambda error: self.status.showMessage(
                _("The daily backup failed: {reason}").format(reason=error)
            )
        )
        self._backup_job = job
        QThreadPool.globalInstance().start(job)

    # --- window-wide keys -----------------------------------------------------------------------

    def _make_actions(self) -> None:
        """The keys act on pages, so they are bound once there is data. Binding them also
        makes PySide build its ``Qt`` namespace (about 25 ms), which the frame does not wait
        for."""
        bindings: tuple[tuple[str, Any, str], ...] = (
            ("new", QKeySequence.StandardKey.New, "new_record"),
            ("find", QKeySequence.StandardKey.Find, "focus_search"),
            ("refresh", QKeySequence("F5"), "refresh"),
        )
        for name, keys, method in bindings:
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))  # in this window (Qt's default context)
            action.triggered.connect(lambda _c=False, m=method: self._call(self.current_page(), m))
            self.addAction(action)
            self.actions_by_name[name] = action
        for index, spec in enumerate(PAGES, start=1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _c=False, k=spec.key: self.show_page(k))
            self.addAction(action)

    @staticmethod
    def _call(page: QWidget, method: str, *args: Any, **kwargs: Any) -> None:
        function = getattr(page, method, None)
        if callable(function):
            function(*args, **kwargs)

    # --- language, geometry ---------------------------------------------------------------------

    def retranslate(self) -> None:
        apply_qt_language()  # Qt's own strings (text field menus, file dialogs) follow too
        self._update_title()
        widest = 0
        self.sidebar.ensurePolished()  # the style sheet's font, not the default one
        metrics = self.sidebar.fontMetrics()
        for row, spec in enumerate(PAGES):
            item = self.sidebar.item(row)
            text = _(spec.title)
            item.setText(text)
            item.setToolTip(_("{page} (Ctrl+{number})").format(page=text, number=row + 1))
            widest = max(widest, metrics.horizontalAdvance(text))
        # icon, padding and the selection marker around the longest name; never a third of
        # the screen, even for a long pseudo-translation
        self.sidebar.setFixedWidth(min(max(170, widest + 72), 280))
        self.sidebar.setAccessibleName(_("Sections"))
        for page in self.pages.values():
            self._call(page, "retranslate")
        self.status.retranslate()
        if self.ctx is not None:
            self.preferences.set_language(current_language())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.preferences.set_geometry(self.saveGeometry())
        if self.ctx is not None:
            self.preferences.set_page(self.current_key())
        self.preferences.sync()
        super().closeEvent(event)
