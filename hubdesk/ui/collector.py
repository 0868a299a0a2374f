"""Python's cycle collector runs on the GUI thread only, while the window is open.

Widgets, charts and timers that end up in reference cycles (a page and the lambdas its signals
hold, say) are freed by Python's cycle collector, and that collector runs in whichever thread
happens to allocate when its thresholds are crossed. In HubDesk that is often a worker reading
the dashboard or importing a bundle: the Qt objects of a closed window would then be destroyed
on the worker thread while the GUI thread paints, which Qt does not allow and which ends in a
crash. So the window turns automatic collection off and collects from a timer on the GUI
thread instead, with the same thresholds, a few times a second. Work without a window (the
command line, reports) keeps Python's usual collector.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """Collects what Python's thresholds ask for, on the thread this object lives in."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        gc.disable()
        self.timer.start(INTERVAL_MS)

    def collect(self) -> None:
        """The generation Python itself would collect now, if any."""
        counts = gc.get_count()
        generation = -1
        for index, (count, threshold) in enumerate(zip(counts, self.thresholds, strict=True)):
            if threshold and count > threshold:
                generation = index
        if generation >= 0:
            gc.collect(generation)

    def stop(self) -> None:
        """Back to Python's own collector (the window has closed)."""
        self.timer.stop()
        gc.enable()
