"""The hub's questionnaire editor: a title, and per pillar the question and what each of the
four levels means, starting from HubDesk's own. Texts left as HubDesk wrote them are stored in
the source words, so every municipality reads them in its own language; texts the hub rewrites
are stored as written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import Pillar
from hubdesk.i18n import _
from hubdesk.services.errors import ValidationError
from hubdesk.services.needs_questions import Questions, source_questions
from hubdesk.ui import dialogs
from hubdesk.ui.forms import PERSON_ERRORS
from hubdesk.ui.widgets import ErrorLabel

# What OK does with the texts: publish them (a refusal raises ValidationError).
Publish = Callable[[dict[str, Any]], object]


class QuestionnaireDialog(QDialog):
    """OK publishes, and the dialog closes only once the questionnaire is out: a refusal is
    shown in it with every text kept, an empty box is named and given the cursor, and leaving
    it changed asks first (a hub's rewritten questions were lost at one refusal or one Esc)."""

    def __init__(
        self,
        year: int,
        publish: Publish,
        parent: QWidget | None = None,
        start: Questions | None = None,
    ) -> None:
        """``start``: the questionnaire already published for the year, whose words the new
        version starts from (it started from HubDesk's, and the hub's own edits were lost)."""
        super().__init__(parent)
        self.publish = publish
        self.setObjectName("questionnaireDialog")
        self.setWindowTitle(_("Publish the questionnaire"))
        self.source = source_questions()
        shown = start or self.source
        self.intro = QLabel(
            _(
                "The questionnaire for {year}: for each pillar a question and what each score "
                "level means. Texts you keep as HubDesk wrote them reach every municipality in "
                "its own language; texts you change reach them as you wrote them."
            ).format(year=year),
            self,
        )
        self.intro.setWordWrap(True)
        title = start.title if start else _("City Needs Assessment {year}").format(year=year)
        self.title = QLineEdit(title, self)
        self.title.setObjectName("questionnaireTitle")
        self.fields: dict[str, tuple[QLineEdit, list[QLineEdit]]] = {}
        # every box with what a person reads it as, to name an empty one
        self.named: list[tuple[QLineEdit, str]] = [(self.title, _("Title"))]
        inner = QWidget()
        column = QVBoxLayout(inner)
        for pillar in Pillar:
            source = shown.by_pillar[pillar.value]
            box = QGroupBox(pillar.label, inner)
            form = QFormLayout(box)
            question = QLineEdit(_(source.question), box)
            question.setObjectName(f"question_{pillar.value}")
            question.setCursorPosition(0)  # a long question shows its start
            asked = _("Question")
            form.addRow(asked, question)
            self.named.append((question, f"{pillar.label}: {asked}"))
            levels = []
            for number, meaning in enumerate(source.levels, start=1):
                level = QLineEdit(_(meaning), box)
                level.setObjectName(f"level_{pillar.value}_{number}")
                label = _("Level {level}").format(level=number)
                form.addRow(label, level)
                self.named.append((level, f"{pillar.label}: {label}"))
                levels.append(level)
            self.fields[pillar.value] = (question, levels)
            column.addWidget(box)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(_("Title"), self.title)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(900, 640)
        self.started = [edit.text() for edit, _name in self.named]

    def accept(self) -> None:
        for edit, name in self.named:
            if not edit.text().strip():
                self.error.show_message(_("{field}: this field is required.").format(field=name))
                edit.setFocus()
                return
        try:
            self.publish(self.values())
        except (ValidationError, *PERSON_ERRORS) as refused:  # the texts typed stay
            self.error.show_message(getattr(refused, "message", None) or str(refused))
            return
        super().accept()

    def reject(self) -> None:
        changed = [edit.text() for edit, _name in self.named] != self.started
        if dialogs.may_close(self, changed, self.accept):
            super().reject()

    def _stored(self, text: str, source: str) -> str:
        """HubDesk's own words unchanged are stored as written in the source."""
        return source if text.strip() == _(source).strip() else text.strip()

    def values(self) -> dict[str, Any]:
        questions: dict[str, Any] = {}
        for pillar, (question, levels) in self.fields.items():
            source = self.source.by_pillar[pillar]
            questions[pillar] = {
                "question": self._stored(question.text(), source.question),
                "levels": [
                    self._stored(edit.text(), meaning)
                    for edit, meaning in zip(levels, source.levels, strict=True)
                ],
            }
        return {"title": self.title.text().strip(), "questions": questions}
