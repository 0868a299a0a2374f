"""A dialog asking for the words a step needs: a reason, a comment, an answer, a note."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.ui import dialogs

if TYPE_CHECKING:
    from hubdesk.services.errors import ValidationError


class CommentDialog(QDialog):
    """Asks for the words a step needs: the reason of a reopening, the hub's comment."""

    def __init__(
        self,
        title: str,
        prompt: str,
        required: bool,
        parent: QWidget | None,
        text: str = "",
        *,
        act: Callable[[str], object] | None = None,
    ) -> None:
        """``text``: the words it starts from (the hub's summary starts from the title).
        ``act``: the step, run with the words at OK; refused (or the data out of reach), the
        dialog says why and stays open with the words typed."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        self.act = act
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.text = QPlainTextEdit(text, self)
        self.started = text.strip()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        for widget in (self.prompt, self.text, self.buttons):
            layout.addWidget(widget)
        self._update()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _update(self) -> None:
        self.ok_button.setEnabled(not self.required or bool(self.value()))

    def value(self) -> str:
        return self.text.toPlainText().strip()

    def accept(self) -> None:
        act = self.act
        if act is not None:
            from hubdesk.ui.forms import run_guarded

            words = self.value()

            def refused(error: ValidationError) -> None:
                dialogs.show_error(self, self.windowTitle(), error.message)

            if not run_guarded(self, lambda: act(words), refused):
                return
        super().accept()

    def reject(self) -> None:
        """Escape or Cancel with words typed asks first, as the record editors do: a long
        answer to a help desk question was lost at one key."""
        changed = bool(self.value()) and self.value() != self.started
        if dialogs.may_close(self, changed, self._save_if_ready):
            super().reject()

    def _save_if_ready(self) -> None:
        if self.ok_button.isEnabled():  # else nothing to save yet: the person stays
            self.accept()
