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
CONSOLE = "HUBDESK_CONSOLE"  # set by hubdesk_cli_launcher.py (hubdesk-cli.exe)
CONSOLE_FILES = {"stdin": "CONIN$", "stdout": "CONOUT$", "stderr": "CONOUT$"}


def borrow_console() -> bool:
    """On Windows ``hubdesk-cli.exe`` is a small launcher that runs this windowed program for a
    terminal (installer/hubdesk_cli_launcher.py): join its console and put the standard streams
    it names there. Python opens ``CONOUT$`` as the console itself, so every language prints
    as it does in a console program; UTF-8 is what that console stream takes. Streams the
    launcher handed over as files or pipes stay as they are. The variable is removed, so
    nothing this program starts inherits it. True when the launcher started this program."""
    names = os.environ.pop(CONSOLE, None)
    if not names or os.name != "nt" or not getattr(sys, "frozen", False):
        return False
    import ctypes

    if not ctypes.WinDLL("kernel32").AttachConsole(-1):  # type: ignore[attr-defined]
        return True  # ATTACH_PARENT_PROCESS failed: the launcher has no console after all
    for name in names.split(","):
        target = CONSOLE_FILES.get(name)
        if target is None:
            continue
        mode = "r" if name == "stdin" else "w"
        try:
            stream = open(target, mode, encoding="utf-8", buffering=1)  # noqa: SIM115
        except OSError:
            continue
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)
    return True


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
    from PySide6.QtCore import Qt, QTimer

    from hubdesk.app import application

    app = application()
    milliseconds = max(0, int(float(value) * 1000))
    # Precise: Qt's default (coarse) timer may fire up to 5% early, and a check that the window
    # stayed open the seconds asked for then failed on a busy PC (2.97 s of 3).
    timer = QTimer(app)
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(app.closeAllWindows)
    timer.start(milliseconds)


def opens_window(args: list[str]) -> bool:
    """True when these arguments start the window (no command, at most ``--data-dir DIR``)."""
    rest = list(args)
    if rest[:1] == ["--data-dir"]:
        rest = rest[2:]
    elif rest[:1] and rest[0].startswith("--data-dir="):
        rest = rest[1:]
    return not rest


def main() -> int:
    for_terminal = borrow_console()
    use_bundled_fonts()
    value = os.environ.get(QUIT_AFTER, "").strip()
    if value and opens_window(sys.argv[1:]):
        arm_quit_timer(value)
    from hubdesk.cli import main as hubdesk_main

    if not for_terminal:
        return hubdesk_main()
    try:
        return hubdesk_main()
    except Exception:  # a bug: its traceback on the terminal, as a console program prints it
        import traceback

        traceback.print_exc()
        return 1


if __name__ == "__main__":
    sys.exit(main())
