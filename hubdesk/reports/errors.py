"""The one error a report raises for input a person can correct (shown as one line)."""

from __future__ import annotations


class ReportError(Exception):
    """Bad input for a report: nothing was written. ``message`` is already translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ReportCancelled(ReportError):
    """The person cancelled while the report was being built; no file was left behind."""
