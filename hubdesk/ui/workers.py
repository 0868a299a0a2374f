"""Long work (backups, restores, demo data, opening the data, the dashboard's figures) off the
GUI thread, with progress and Cancel.

The work function receives ``progress(done, total) -> bool`` and must stop, leaving nothing
half-written, when it returns False: that is how Cancel reaches it. Results and exceptions come
back to the GUI thread, so callers read like ordinary function calls.

Three ways to run it: ``run_in_background`` behind a progress dialog (the person waits, and may
cancel); ``wait_for`` with no dialog while the window keeps answering input (start-up: the
frame is on screen and paints while the data opens); ``start_job`` without waiting at all, the
result handed to a slot on the GUI thread later (the dashboard fills itself that way).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from hubdesk.i18n import _

T = TypeVar("T")
Progress = Callable[[int, int], bool]


class Cancelled(Exception):
    """The person pressed Cancel; the work stopped and changed nothing."""


class _Signals(QObject):
    progressed = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable, Generic[T]):
    """One piece of work on the shared thread pool."""

    def __init__(self, work: Callable[[Progress], T]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()
        self.cancel_requested = threading.Event()
        self.finished = threading.Event()

    def progress(self, done: int, total: int) -> bool:
        self.signals.progressed.emit(done, total)
        return not self.cancel_requested.is_set()

    def run(self) -> None:
        try:
            try:
                result = self.work(self.progress)
            except BaseException as error:  # handed to the GUI thread, which re-raises it
                self.signals.failed.emit(error)
            else:
                self.signals.done.emit(result)
        except RuntimeError:
            pass  # nobody is left to tell: work left to finish while the program closed
        finally:
            self.finished.set()


# Jobs started without waiting, kept referenced until they have run (the pool does not own
# them, and a page may be closed while its job still runs).
_running: set[Job[Any]] = set()


def start_job(
    work: Callable[[Progress], T],
    done: Callable[[T], None],
    failed: Callable[[BaseException], None],
) -> Job[T]:
    """Start ``work`` on the shared pool and return at once. ``done(result)`` or
    ``failed(error)`` is called later on the GUI thread (pass methods of a QObject: they are
    not called once it is deleted). ``job.cancel_requested.set()`` asks the work to stop at its
    next ``progress`` call."""
    for old in [job for job in _running if job.finished.is_set()]:
        _running.discard(old)
    job: Job[T] = Job(work)
    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    _running.add(job)
    QThreadPool.globalInstance().start(job)
    return job


def wait_for(work: Callable[[], T]) -> T:
    """Run ``work`` on the pool and return its result (or raise what it raised), while this
    thread's event loop keeps running: the window paints and answers input meanwhile. No
    dialog, no Cancel: for short work a person should not have to think about."""
    job: Job[T] = Job(lambda _progress: work())
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finish(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    job.signals.done.connect(lambda result: finish("result", result))
    job.signals.failed.connect(lambda error: finish("error", error))
    QThreadPool.globalInstance().start(job)
    while not outcome:  # again if the loop was told to quit early (the last window closed)
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def run_in_background(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[Progress], T],
    cancellable: bool = True,
    *,
    leave_on_cancel: bool = False,
) -> T:
    """Run ``work`` on a worker thread behind a progress dialog; return its result.

    Raises what ``work`` raised, or ``Cancelled`` when the person cancelled. The dialog shows
    after a moment even when ``work`` reports no progress (a busy bar); after Cancel it says
    "Stopping…" until the work has stopped. ``leave_on_cancel``:
    for work that only reads and cannot stop half-way (a file being read), Cancel returns at
    once and the work finishes unseen, its result thrown away.
    """
    for old in [job for job in _running if job.finished.is_set()]:
        _running.discard(old)
    job: Job[T] = Job(work)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    dialog = QProgressDialog(label, _("Cancel") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)

    def on_progress(done: int, total: int) -> None:
        if "cancelled" in outcome:
            return  # the dialog is gone; the work was left to finish
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def finish(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    job.signals.progressed.connect(on_progress)
    job.signals.done.connect(lambda result: finish("result", result))
    job.signals.failed.connect(lambda error: finish("error", error))

    def cancel() -> None:
        job.cancel_requested.set()
        if leave_on_cancel and not outcome:
            _running.add(job)  # referenced until it has run
            finish("cancelled", True)
        elif not outcome:
            # The work stops at its next check and rolls back; until then the window stays
            # behind the dialog, so nothing can start a second piece of work on the same data.
            dialog.setCancelButton(None)
            dialog.setLabelText(_("Stopping…"))
            dialog.setRange(0, 0)
            dialog.show()

    dialog.canceled.connect(cancel)
    QThreadPool.globalInstance().start(job)
    # QProgressDialog shows itself only once a value was set: without it, work that reports
    # no progress would run with no dialog (and no Cancel) at all.
    dialog.setValue(0)
    if not outcome:
        loop.exec()
    dialog.close()
    dialog.deleteLater()
    if "cancelled" in outcome:
        raise Cancelled()
    if "error" in outcome:
        raise outcome["error"]
    if job.cancel_requested.is_set() and outcome.get("result") is None:
        raise Cancelled()
    return outcome["result"]
