"""A Windows path in a message stays whole after its drive letter, and copies as typed.

Qt breaks lines where Unicode allows it, and between "C:" and "\\Users\\…" it does: a message
that opens with a long path (a backup, the data folder) showed "C:" alone on its first line and
the path on the next. A WORD JOINER (U+2060) after the drive's colon forbids that break and is
not drawn (``whole_paths``). Unicode allows no other break inside a path without spaces or
hyphens, so a long one would then run past the message's edge, cut off: a ZERO WIDTH SPACE
(U+200B) after each later backslash lets it wrap after a folder's name instead, as a file
manager wraps one. Both are there only for the eye: a person who copies the message or the
path (a message box's Ctrl+C, a selected label) must get what Windows Explorer takes, so the
marks are taken out of the clipboard as soon as HubDesk's text lands there
(``guard_clipboard``). Only these marks are taken out (a joiner right after a drive's colon, a
zero width space right after a backslash), which are HubDesk's own.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QClipboard, QGuiApplication

JOINER = "\u2060"
BREAK = "\u200b"
_DRIVE = re.compile(r"(?<![0-9A-Za-z])([A-Za-z]:)(?=[\\/])")
# A backslash inside a path: not the drive's (after the joiner), nor one of a pair (a share's
# \\server), nor the last before a space or the end.
_SEPARATOR = re.compile(r"(?<![\\" + JOINER + r"])\\(?=[^\s\\" + BREAK + "])")
_MARKS = re.compile(r"(?<![0-9A-Za-z])([A-Za-z]:)" + JOINER + r"(?=[\\/])|(\\)" + BREAK)


def whole_paths(text: str) -> str:
    """``text`` with a joiner after the colon of every drive that starts a path, and a break
    after each later backslash."""
    return _SEPARATOR.sub("\\\\" + BREAK, _DRIVE.sub(r"\1" + JOINER, text))


def copied(text: str) -> str:
    """What a person gets who copies ``whole_paths(text)``: ``text`` again."""
    return _MARKS.sub(lambda found: found.group(1) or found.group(2), text)


def guard_clipboard(app: QGuiApplication) -> None:
    """Take HubDesk's marks out of whatever lands on the clipboard; once per application."""
    if app.property("hubdeskClipboardGuard"):
        return
    app.setProperty("hubdeskClipboardGuard", True)
    clipboard = app.clipboard()

    def clean(mode: QClipboard.Mode) -> None:
        text = clipboard.text(mode)
        plain = copied(text)
        if plain != text:  # setting it fires this again, and then nothing is left to take
            clipboard.setText(plain, mode)

    clipboard.dataChanged.connect(lambda: clean(QClipboard.Mode.Clipboard))
    if clipboard.supportsSelection():  # X11's selection, pasted with the middle button
        clipboard.selectionChanged.connect(lambda: clean(QClipboard.Mode.Selection))
