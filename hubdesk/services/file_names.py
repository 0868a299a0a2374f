"""File names HubDesk makes from what people typed or peers sent, safe on Windows too.

Municipal PCs run Windows, where a name whose first part is a device (``CON``, ``NUL.txt``,
``com1.pdf``, ``lpt¹ .docx``) opens the device instead of a file: a copy written there vanishes,
or waits on the console, and the viewer opens nothing. A peer on another system may send such a
name, so every name that becomes a path passes here.
"""

from __future__ import annotations

import re

DEVICE = re.compile(r"(?i)^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[0-9¹²³])\Z")


def is_device(name: str) -> bool:
    """True when Windows reads ``name`` as a device, whatever follows its first dot."""
    return DEVICE.match(name.split(".", 1)[0].rstrip(" ")) is not None


def not_a_device(name: str) -> str:
    """``name``, or ``_`` and ``name`` when Windows would read it as a device."""
    return "_" + name if is_device(name) else name
