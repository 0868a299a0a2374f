"""Python's cycle collector runs on the GUI thread only, while the window is open.

Widgets, charts and timers that end up in reference cycles (a page and the lambdas its signals
hold, say) are freed by Python's cycle collector, and that collector runs in whichever thread
happens to allocate when its thresholds are crossed. In HubDesk that is often a worker reading
the dashboard or importing a bundle: the Qt objects of a closed window would then be destroyed
on the worker thread while the GUI thread paints, which Qt does not allow and which ends in a
crash. So the window turns automatic collection off and collects from a timer on the GUI
thread instead, with the same thresholds, a few times a second (``hubdesk.cli`` turned the
automatic collection off when the process began, so the imports before the frame are not
walked over and over). Work without a window (the command line, reports) keeps Python's usual
collector.
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
        keep_for_good()  # the program's modules, imported before the frame
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


def keep_for_good() -> None:
    """What is alive now lives as long as the window: the modules, the data layer, the frame.

    Each collection of the oldest generation walks every object the start made (about 140,000
    on the demo: 48 ms on the GUI thread of the development machine, more on an old PC, while
    the person types) only to find them all still in use: at the end of the start a
    collection found 600 objects to free. They are set aside (``gc.freeze``) where no
    collection walks them again; what is garbage among them stays, a few hundred small objects
    once."""
    gc.freeze()


def let_go() -> None:
    """Walk everything again: part of what the start made is being dropped (the pages built
    for an installation another one replaced), and its cycles must be freed."""
    gc.unfreeze()
