"""File names HubDesk makes from what people typed or peers sent, safe on Windows too, and
the names of files it reads, as it keeps them.

Municipal PCs run Windows, where a name whose first part is a device (``CON``, ``NUL.txt``,
``com1.pdf``, ``lpt¹ .docx``) opens the device instead of a file: a copy written there vanishes,
or waits on the console, and the viewer opens nothing. A peer on another system may send such a
name, so every name that becomes a path passes here.
"""

from __future__ import annotations

import re

from hubdesk.services.rules.base import CONTROL

DEVICE = re.compile(r"(?i)^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[0-9¹²³])\Z")


def is_device(name: str) -> bool:
    """True when Windows reads ``name`` as a device, whatever follows its first dot."""
    return DEVICE.match(name.split(".", 1)[0].rstrip(" ")) is not None


def not_a_device(name: str) -> str:
    """``name``, or ``_`` and ``name`` when Windows would read it as a device."""
    return "_" + name if is_device(name) else name


def storable(name: str, limit: int = 260) -> str:
    """A file's name as a database keeps it and a person reads it: a character no text may
    hold becomes "?" (a name written in another encoding on a USB stick, which Python reads
    back as lone surrogates; a control character), and it is cut at ``limit``."""
    return CONTROL.sub("?", name)[:limit]
