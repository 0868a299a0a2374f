"""Entry point of both frozen executables, ``hubdesk`` (windowed) and ``hubdesk-cli`` (console):
the same command line as the ``hubdesk`` script of a pip install.

``HUBDESK_QUIT_AFTER=SECONDS`` closes every window that many seconds after the event loop
starts, as if a person had closed them: the build's smoke test starts the frozen window offscreen
with it and expects a clean exit. Without the variable nothing changes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

QUIT_AFTER = "HUBDESK_QUIT_AFTER"
FONT_DIR = "QT_QPA_FONTDIR"


def use_bundled_fonts() -> None:
    """On Windows, Qt's offscreen and minimal platforms (the self-test, ``screenshots``, support
    sessions without a desktop) read fonts only from ``QT_QPA_FONTDIR`` and find none there, so
    every letter draws as an empty box. Point them at the DejaVu fonts HubDesk ships (they cover
    Latin and Cyrillic). The on-screen ``windows`` platform uses the system's fonts and never
    reads this variable; a value someone set is kept."""
    if os.name != "nt" or not getattr(sys, "frozen", False) or os.environ.get(FONT_DIR):
        return
    base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    fonts = base / "hubdesk" / "resources" / "fonts"
    if fonts.is_dir():
        os.environ[FONT_DIR] = str(fonts)


def arm_quit_timer(value: str) -> None:
    """Create the application early and close its windows after ``value`` seconds."""
    from PySide6.QtCore import QTimer

    from hubdesk.app import application

    app = application()
    milliseconds = max(0, int(float(value) * 1000))
    QTimer.singleShot(milliseconds, app.closeAllWindows)


def opens_window(args: list[str]) -> bool:
    """True when these arguments start the window (no command, at most ``--data-dir DIR``)."""
    rest = list(args)
    if rest[:1] == ["--data-dir"]:
        rest = rest[2:]
    elif rest[:1] and rest[0].startswith("--data-dir="):
        rest = rest[1:]
    return not rest


def main() -> int:
    use_bundled_fonts()
    value = os.environ.get(QUIT_AFTER, "").strip()
    if value and opens_window(sys.argv[1:]):
        arm_quit_timer(value)
    from hubdesk.cli import main as hubdesk_main

    return hubdesk_main()


if __name__ == "__main__":
    sys.exit(main())
