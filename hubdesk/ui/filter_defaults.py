"""A page's filters as they stood when it was built, put back before a dashboard tile or bar
sets the filters it was counted with: a role or a search chosen earlier would otherwise hide
rows the tile counted (the tile said 25 members, the list showed 1)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from hubdesk.ui.date_fields import DateRangeFilter
from hubdesk.ui.widgets import ChoiceCombo, IdCombo


def _read(widget: QWidget) -> Any:
    if isinstance(widget, ChoiceCombo | IdCombo | DateRangeFilter):
        return widget.value()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return None


def _write(widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateRangeFilter):
        widget.set_value(*value)
    elif isinstance(widget, ChoiceCombo | IdCombo):
        widget.set_value(value)
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        widget.setCurrentIndex(index if index >= 0 else 0)  # a list refilled since: its first
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(value)


def filter_widgets(widgets: Iterable[QWidget | None]) -> list[QWidget]:
    """The widgets among ``widgets`` that filter (boxes, check boxes, dates, a search)."""
    kinds = (QComboBox, QCheckBox, QLineEdit, DateRangeFilter)
    return [w for w in widgets if isinstance(w, kinds)]


class FilterDefaults:
    """Remembers each filter's first value; ``restore`` puts them back without a signal, so
    the page reads its list once, when the tile's own filters are set too."""

    def __init__(self, widgets: Iterable[QWidget | None]) -> None:
        self.saved = [(w, _read(w)) for w in filter_widgets(widgets)]

    def restore(self) -> None:
        for widget, value in self.saved:
            blocked = widget.blockSignals(True)
            try:
                _write(widget, value)
            finally:
                widget.blockSignals(blocked)
