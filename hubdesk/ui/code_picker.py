"""A compact multi-select for a code list (themes, audiences): one button that names what is
chosen, and a menu of check marks. Seven themes as check boxes would take a form's whole side
at 1366 × 768; this takes one line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

from hubdesk.domain.enums import Labelled
from hubdesk.i18n import _


def codes_text(enum: type[Labelled], codes: list[str]) -> str:
    """Chosen codes as a list's cell shows them: their labels, in order."""
    known = {m.value for m in enum}
    return ", ".join(enum(c).label if c in known else c for c in codes)


class CodePicker(QToolButton):
    """Several codes of a labelled enum; ``value()`` in the enum's order."""

    changed = Signal()

    def __init__(self, enum: type[Labelled], none: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enum = enum
        self.none = none  # msgid shown when nothing is chosen
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(420)
        self.menu_ = QMenu(self)
        self.actions_: dict[str, QAction] = {}
        for member in enum:
            # Owned by the button, so the action belongs to the window the button is in.
            action = QAction(self)
            action.setCheckable(True)
            action.toggled.connect(lambda _on: self._changed())
            self.menu_.addAction(action)
            self.actions_[member.value] = action
        self.setMenu(self.menu_)
        self.retranslate()

    def value(self) -> list[str]:
        return [code for code, action in self.actions_.items() if action.isChecked()]

    def set_value(self, codes: list[str] | None) -> None:
        for code, action in self.actions_.items():
            action.blockSignals(True)
            action.setChecked(code in (codes or []))
            action.blockSignals(False)
        self._show_choice()

    def setReadOnly(self, read_only: bool) -> None:
        for action in self.actions_.values():
            action.setEnabled(not read_only)

    def _changed(self) -> None:
        self._show_choice()
        self.changed.emit()

    def _show_choice(self) -> None:
        chosen = [self.enum(code).label for code in self.value()]
        text = ", ".join(chosen) if chosen else _(self.none)
        self.setToolTip(text)
        self.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self._room()))

    def _room(self) -> int:
        """Pixels for the text: the button's width (before it is laid out, the widest it may
        be) less what its frame and menu arrow take, so a long choice in a narrow form is
        elided rather than cut."""
        width = self.width() if self.testAttribute(Qt.WidgetAttribute.WA_Resized) else 0
        frame = self.sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())
        return max(min(width or self.maximumWidth(), self.maximumWidth()) - frame, 60)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_choice()  # elided again from the whole text: wider, it shows more

    def retranslate(self) -> None:
        for member in self.enum:
            self.actions_[member.value].setText(member.label)
        self._show_choice()
