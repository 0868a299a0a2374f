"""Why the operating system refused a file, in the person's language.

An ``OSError`` carries its reason in the system's words: English on most PCs, another language
on some Windows PCs, so a message read "Не може да се запише …: No space left on device". The
reasons people meet (a missing file, no permission, a full or read-only disk, a folder where a
file was expected) are translated here; the msgids are the C library's own English texts, so an
English message reads as before. Any other reason is shown as the system gives it.
"""

from __future__ import annotations

import errno

from hubdesk.i18n import N_, _

REASONS: dict[int, str] = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EEXIST: N_("File exists"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EIO: N_("Input/output error"),
    errno.EBUSY: N_("Device or resource busy"),
}


def os_reason(exc: BaseException) -> str:
    """The reason of ``exc`` to put in a message: translated when it is a known one."""
    number = getattr(exc, "errno", None)
    if isinstance(number, int) and number in REASONS:
        return _(REASONS[number])
    reason = getattr(exc, "strerror", None)
    return str(reason) if reason else str(exc)
