"""``hubdesk-cli.exe`` on Windows: the console face of ``hubdesk.exe``, not a second copy of it.

Windows decides at start whether a program gets a console (``console=True`` in the spec), so a
terminal needs an executable of its own; but each PyInstaller executable carries its own archive
of every Python module (11 MB). This one carries only the standard library it needs here: it
starts ``hubdesk.exe`` beside it with the same arguments, lends it this console, waits for it
and exits with its exit code. (On Linux ``hubdesk-cli`` is a link to ``hubdesk``.)

Which of the three standard streams are this console goes to the program in
``HUBDESK_CONSOLE``: ``hubdesk_entry.borrow_console`` attaches to the console and opens them
there, and prints an unexpected error's traceback as a console program does (the windowed
program would show it in a dialog). A stream that is a file or a pipe (``hubdesk-cli selftest >
out.txt``, a script) is handed over as it is. Ctrl+C reaches both processes through the
console: this one ignores it and keeps waiting, the program stops the way it always does. The
program runs in a job object that ends it when this process ends, so a script that kills
``hubdesk-cli.exe`` ends the program too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

CONSOLE_ENV = "HUBDESK_CONSOLE"
STREAMS = ("stdin", "stdout", "stderr")
PROGRAM = "hubdesk.exe"


def is_console(stream: IO[Any] | None) -> bool:
    """True for a stream on the console window itself (not a file, a pipe or NUL, which
    ``isatty`` also calls a terminal on Windows)."""
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    return type(raw).__name__ == "_WindowsConsoleIO"


def handover(stream: IO[Any] | None) -> int:
    """What the program's stream becomes: this one's file or pipe, or nothing (the console
    streams the program opens itself)."""
    if stream is None or is_console(stream):
        return subprocess.DEVNULL
    try:
        return stream.fileno()
    except (OSError, ValueError):
        return subprocess.DEVNULL


def end_with_this_process(handle: int) -> None:
    """Put the program into a job that Windows closes, ending it, when this process ends; best
    effort (the program still runs if Windows refuses)."""
    import ctypes
    from ctypes import wintypes

    class Basic(ctypes.Structure):  # JOBOBJECT_BASIC_LIMIT_INFORMATION
        _fields_ = [
            ("process_time", ctypes.c_int64),
            ("job_time", ctypes.c_int64),
            ("flags", wintypes.DWORD),
            ("min_working_set", ctypes.c_size_t),
            ("max_working_set", ctypes.c_size_t),
            ("processes", wintypes.DWORD),
            ("affinity", ctypes.c_size_t),
            ("priority", wintypes.DWORD),
            ("scheduling", wintypes.DWORD),
        ]

    class Extended(ctypes.Structure):  # JOBOBJECT_EXTENDED_LIMIT_INFORMATION
        _fields_ = [
            ("basic", Basic),
            ("io", ctypes.c_uint64 * 6),
            ("memory", ctypes.c_size_t * 4),
        ]

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return
    limits = Extended()
    limits.basic.flags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    kernel32.SetInformationJobObject(
        wintypes.HANDLE(job), 9, ctypes.byref(limits), ctypes.sizeof(limits)
    )
    kernel32.AssignProcessToJobObject(wintypes.HANDLE(job), wintypes.HANDLE(handle))


def main() -> int:
    program = Path(sys.executable).resolve().with_name(PROGRAM)
    streams = [getattr(sys, name) for name in STREAMS]
    env = dict(os.environ)
    # "cli" first: never empty (Windows drops a variable set to nothing).
    consoles = [n for n, s in zip(STREAMS, streams, strict=True) if is_console(s)]
    env[CONSOLE_ENV] = ",".join(["cli", *consoles])
    for name in ("SIGINT", "SIGBREAK"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    try:
        child = subprocess.Popen(
            [str(program), *sys.argv[1:]],
            stdin=handover(streams[0]),
            stdout=handover(streams[1]),
            stderr=handover(streams[2]),
            env=env,
        )
    except OSError as exc:  # hubdesk.exe deleted or damaged: the path and Windows' own words
        print(f"hubdesk-cli: {program}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if os.name == "nt":
        end_with_this_process(int(child._handle))  # type: ignore[attr-defined]
    return child.wait()


if __name__ == "__main__":
    sys.exit(main())
