"""Starting the window: one HubDesk per data folder, first-run assistant or main window.

The window frame is shown first, in the language used last time, and only then is the database
layer imported and the data opened: on an old office PC that is the difference between a
window at once and a second of nothing. The opening (SQLAlchemy and the models imported, the
schema checked, the installation read) runs on a worker thread while the frame's event loop
keeps running, so the window paints and answers input throughout; the dashboard then reads its
figures on a worker too. Problems a person can act on (the folder is in use, the database is
damaged or too new) are told in a message box in the UI language, and the exit code says the
window did not open.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from hubdesk import clock, i18n, lighten_pyside_imports
from hubdesk.i18n import _
from hubdesk.storage.errors import StorageError
from hubdesk.ui.signal_refs import guard_constants

if TYPE_CHECKING:
    from hubdesk.domain import Installation
    from hubdesk.services.context import ServiceContext
    from hubdesk.services.dashboard_cache import Kept
    from hubdesk.services.dashboard_figures import StatusSummary
    from hubdesk.services.errors import PermissionDenied
    from hubdesk.storage.db import Database
    from hubdesk.ui.mainwindow import MainWindow
    from hubdesk.ui.opening import ToAttach

EXIT_IN_USE = 3
EXIT_STORAGE = 2


lighten_pyside_imports()  # before the window's own modules are imported (see hubdesk/__init__)


def application() -> QApplication:
    """The QApplication, made once, with HubDesk's names and style sheet.

    High-DPI needs nothing here: Qt 6 scales by the screen's exact factor (PassThrough, so 125 %
    and 150 % screens stay sharp) unless the person set QT_SCALE_FACTOR_ROUNDING_POLICY. Nothing
    on this path touches the ``Qt`` namespace either: building its hundred enums costs PySide
    about 25 ms, which is spent after the window frame is painted.
    """
    from hubdesk.ui.path_text import guard_clipboard

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        guard_clipboard(existing)
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("HubDesk")
    app.setOrganizationName("HubDesk")
    from hubdesk.ui.resources import stylesheet

    app.setStyleSheet(stylesheet())
    guard_clipboard(app)  # paths are shown unbroken, and copy as typed
    return app


def tell(title: str, text: str) -> None:
    """A blocking message before any window exists (tests replace it)."""
    from hubdesk.ui import dialogs

    dialogs.show_error(None, title, text)


def preload_first_page(data_dir: Path) -> None:
    """Import the module of the page the window will open on (the one left last time; QtCharts
    for the dashboard) here on the worker, so building the page on the GUI thread does not
    stop the frame's event loop for the import too. Importing defines classes and makes no
    widget, which is safe off the GUI thread."""
    from hubdesk.ui.mainwindow import PAGE_KEYS, PAGES
    from hubdesk.ui.preferences import WindowPreferences

    key = WindowPreferences(data_dir).page()
    PAGES[PAGE_KEYS.index(key) if key in PAGE_KEYS else 0].load()


class Opened:
    """What the worker opened: the database, its installation (None before set-up), and for
    an installation its context and status-bar line."""

    def __init__(self, data_dir: Path) -> None:
        from hubdesk.services.installation import get_installation, load_context
        from hubdesk.storage.open import open_database

        self.db: Database = open_database(data_dir)
        self.ctx: ServiceContext | None = None
        self.status: StatusSummary | None = None
        try:
            self.installation: Installation | None = get_installation(self.db)
            if self.installation is not None:
                from hubdesk.services.dashboard import status_summary

                self.ctx = load_context(self.db, data_dir)
                self.status = status_summary(self.ctx)
                preload_first_page(data_dir)
        except BaseException:
            self.db.close()
            raise


def show_remembered(window: MainWindow, data_dir: Path) -> Kept | None:
    """Draw the dashboard's figures kept from the last reading, if they still say what the
    database holds (read with plain ``sqlite3``, before SQLAlchemy is imported), and paint them
    before the worker starts opening the data. The figures drawn, or None."""

    from hubdesk.services.dashboard_cache import recall

    kept = recall(data_dir, i18n.current_language(), clock.today())
    if kept is not None and window.show_remembered(kept):
        QApplication.processEvents()
        return kept
    return None


def open_on_request(window: MainWindow, data_dir: Path, stack: ExitStack, kept: Kept) -> MainWindow:
    """The window on its remembered figures, the data opened when a person first asks for it
    (``ui/opening.py``). If it then cannot be opened, the window says why and closes, and the
    figures kept are forgotten: the next start opens the data at once, and offers what can be
    done (a restore, a new set-up) as any start does."""
    from hubdesk.ui.opening import OpenOnRequest

    opened: list[Opened] = []

    def opening() -> ToAttach:
        here = Opened(data_dir)
        opened.append(here)  # closed with the window, whenever the opening ends
        if here.ctx is None or here.installation is None:  # no longer set up
            raise StorageError(
                _("The data folder {path} holds no installation.").format(path=data_dir)
            )
        language = here.installation.language
        return here.ctx, here.status, language if language in i18n.LANGUAGES else None

    def failed(error: BaseException) -> None:
        from hubdesk.services.dashboard_cache import forget

        forget(data_dir)
        again = _("Start HubDesk again to see what can be done.")
        tell(_("HubDesk cannot open its data"), f"{error}\n\n{again}")
        window.opening_failed = True  # the program ends as a start that cannot open it does
        window.close()

    def close_opened() -> None:
        for here in opened:
            here.db.close()

    stack.callback(close_opened)
    assert kept.status is not None
    window.open_on_request(OpenOnRequest(window, opening, failed), kept.status, kept.texts)
    return window


def first_language(data_dir: Path) -> str | None:
    """A first start of the window on data made by a command (``hubdesk demo``, ``init``):
    the frame speaks the language the figures were kept in, the installation's, rather than
    switching to it once the data is open."""
    from hubdesk.services.dashboard_file import kept_language

    return kept_language(data_dir)


def open_context(data_dir: Path, stack: ExitStack) -> ServiceContext | None:
    """Open the data folder's database; its installation's context, or None before set-up
    (the assistant is needed). Raises StorageError for a database that cannot be used."""
    return open_data(data_dir, stack)[0]


def open_data(
    data_dir: Path, stack: ExitStack
) -> tuple[ServiceContext | None, StatusSummary | None]:
    """``open_context``, with the status bar's line read on the way (None after the assistant).

    The opening runs on a worker while this thread's event loop runs (the frame paints and
    answers input); the assistant, if needed, runs here."""
    from hubdesk.storage.datadir import database_path, holds_no_installation
    from hubdesk.ui.workers import wait_for

    # A database made for a first start, or left without an installation by one that never
    # finished (the PC switched off in the assistant): discarded again if set-up is cancelled.
    path = database_path(data_dir)
    created = not path.exists() or holds_no_installation(path)
    opened = wait_for(lambda: Opened(data_dir))
    db, installation = opened.db, opened.installation
    stack.callback(db.close)
    if installation is None:
        from hubdesk.services.datafolder import discard_unset_database
        from hubdesk.ui.assistant import FirstRunAssistant, system_language

        i18n.set_language(system_language())
        assistant = FirstRunAssistant(db, data_dir)
        assistant.exec()
        # Cancelled before set-up: nothing was written, so nothing opens, and a database made
        # for this start goes again. Once the installation exists it opens, however the
        # assistant was closed (the done page or Escape).
        if assistant.context is None and created:
            discard_unset_database(db)
        return assistant.context, None
    if installation.language in i18n.LANGUAGES:
        i18n.set_language(installation.language)
    return opened.ctx, opened.status


def open_window(data_dir: Path, stack: ExitStack) -> MainWindow | None:
    """The window to run, shown with its data (None: the assistant was cancelled).

    Takes the data folder's single-instance lock first; raises StorageError (including
    AlreadyRunningError) with nothing left open.
    """
    from hubdesk.storage.datadir import data_to_open, database_path, holds_no_installation
    from hubdesk.storage.lock import held_here, instance_lock
    from hubdesk.ui.mainwindow import MainWindow
    from hubdesk.ui.preferences import WindowPreferences

    if not held_here(data_dir):  # held already when a backup was just restored (run)
        stack.enter_context(instance_lock(data_dir))
    window: MainWindow | None = None
    # The file (with an installation: one a first start left unfinished goes to the assistant
    # with no frame behind it), or a hub's server database (reached over the network).
    if data_to_open(data_dir) and not holds_no_installation(database_path(data_dir)):
        remembered = WindowPreferences(data_dir).language() or first_language(data_dir)
        if remembered in i18n.LANGUAGES:
            i18n.set_language(remembered)
        window = MainWindow(data_dir=data_dir)
        window.show()
        QApplication.processEvents()  # paint the frame before the data is opened
    kept = show_remembered(window, data_dir) if window is not None else None
    # PySide6 6.12.0 loses references to None and True on Python 3.11. After the figures kept
    # are painted (ctypes is 5 ms of the way to them): the frame and those figures make a few
    # hundred of the thousands of calls it takes to use up None's references.
    guard_constants()
    if window is not None and kept is not None and kept.status is not None:
        open_on_request(window, data_dir, stack, kept)
        from hubdesk.ui.collector import keep_for_good

        keep_for_good()
        QTimer.singleShot(0, window.start_daily_backup)
        return window
    try:
        ctx, status = open_data(data_dir, stack)
    except BaseException:
        if window is not None:
            window.close()
        raise
    if window is not None and not window.isVisible():
        return None  # closed by the person while the data was opening: nothing more to do
    if ctx is None:
        if window is not None:
            window.close()
        return None
    if window is None:
        window = MainWindow(data_dir=data_dir)
    window.attach(ctx, status)
    window.show()
    from hubdesk.ui.collector import keep_for_good

    keep_for_good()  # the data layer and the frame: no collection walks them again
    QTimer.singleShot(0, window.start_daily_backup)
    return window


def restored_instead(data_dir: Path, error: StorageError) -> bool:
    """The data cannot be opened: say why. A database missing, empty or without an
    installation beside the installation's keys or backups is offered a restore or a fresh
    set-up that keeps the old installation aside (``ui/lost_start.py``); one that is there but
    damaged (or altered) the same, the damaged file kept unchanged either way
    (``ui/damaged_start.py``). True when the folder can be opened again. Runs while the data
    folder is still held."""
    from hubdesk.services import datafolder

    if datafolder.database_lost(data_dir):  # never a new set-up beside the old keys
        from hubdesk.ui.lost_start import offer_for_missing

        return offer_for_missing(data_dir)
    problem = datafolder.unusable_problem(data_dir)
    if problem is None:
        tell(_("HubDesk cannot open its data"), str(error))
        return False
    from hubdesk.ui.damaged_start import offer_for_damaged

    return offer_for_damaged(data_dir, problem)


def _permission_denied() -> type[PermissionDenied]:
    """Imported only once an error reaches ``run`` (an ``except`` clause names its class only
    then): the services' error module and its dataclasses are no part of the first frame."""
    from hubdesk.services.errors import PermissionDenied

    return PermissionDenied


def run(data_dir: Path) -> int:
    """The ``hubdesk`` command without arguments: the window, until it is closed."""
    from hubdesk.storage.lock import AlreadyRunningError

    app = application()
    from hubdesk.ui.collector import GuiThreadCollector

    collector = GuiThreadCollector(app)  # cycles are freed on this thread, never a worker's
    with ExitStack() as stack:
        stack.callback(collector.stop)
        from hubdesk.ui.unexpected import said_to_the_person

        stack.enter_context(said_to_the_person(lambda title, text: tell(title, text)))
        try:
            window = open_window(data_dir, stack)
        except AlreadyRunningError as error:
            tell(_("HubDesk is already running"), str(error))
            return EXIT_IN_USE
        except _permission_denied() as error:  # a hub's server login not on its staff list
            tell(_("HubDesk cannot open its data"), error.message)
            return EXIT_STORAGE
        except StorageError as error:
            if not restored_instead(data_dir, error):
                return EXIT_STORAGE
            try:
                window = open_window(data_dir, stack)
            except StorageError as again:
                tell(_("HubDesk cannot open its data"), str(again))
                return EXIT_STORAGE
        # Background work (the daily backup) ends before the database closes.
        stack.callback(QThreadPool.globalInstance().waitForDone)
        if window is None:
            return 0
        window.show()
        code = int(app.exec())
        return EXIT_STORAGE if window.opening_failed else code
