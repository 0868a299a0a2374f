"""Keep HubDesk alive under PySide6 6.12.0's lost references to ``None``, ``True`` and ``False``.

PySide6 6.12.0 gives back ``None`` from Qt's void methods (``QLabel.setText``...) and ``True``
from ``Signal.emit`` without owning a reference, so each such call takes one reference from
``None`` or ``True`` (measured: a bare process stops after about 5,000 ``setText`` calls; a
running HubDesk window holds about 61,000 references to ``None`` and 16,000 to ``True``, an hour
or a day of work). On Python 3.11 (HubDesk's builds) these are ordinary objects and the
interpreter then stops with "deallocating None" and unsaved work is lost. Python 3.12 and later
make ``None``, ``True`` and ``False`` immortal, so there the lost references change nothing;
PySide6 6.11.3 does not lose them at all.

So, right after the window's first frame (a few hundred calls, against the tens of thousands
of references held by then), or before any window without one, HubDesk makes one void call and
emits one probe signal and looks at the reference counts. Only if one went down (the bug is
there) and only on a Python without immortal objects, it gives ``None``, ``True`` and
``False`` the protection Python 3.12 gives them: a reference count so large that no session can
use it up (2**40 calls). Nothing else changes: these objects are never freed in any case. Once
a PySide without the bug is locked, the probes find nothing and this does nothing; the module
can then go.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

IMMORTAL_MARGIN = 1 << 40


class _Probe(QObject):
    fired = Signal()


def calls_lose_references() -> bool:
    """Whether a void call or an emit takes a reference from ``None`` or ``True``."""
    probe = _Probe()
    nones, trues = sys.getrefcount(None), sys.getrefcount(True)
    probe.setObjectName("probe")  # a void method: gives back None
    probe.fired.emit()  # gives back True
    return sys.getrefcount(None) < nones or sys.getrefcount(True) < trues


def guard_constants() -> bool:
    """Protect ``None``, ``True`` and ``False`` if this PySide loses references to them and
    this Python does not make them immortal; returns whether it did."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not calls_lose_references():
        return False
    import ctypes

    for value in (None, True, False):
        # ob_refcnt, the first field of every CPython 3.11 object
        ctypes.c_ssize_t.from_address(id(value)).value += IMMORTAL_MARGIN
    return True
