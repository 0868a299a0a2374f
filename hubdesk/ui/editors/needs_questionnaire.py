"""The hub's questionnaire editor: a title, and per pillar the question and what each of the
four levels means, starting from HubDesk's own. Texts left as HubDesk wrote them are stored in
the source words, so every municipality reads them in its own language; texts the hub rewrites
are stored as written."""

from __future__ import annotations

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
from hubdesk.services.needs_questions import Questions, source_questions


class QuestionnaireDialog(QDialog):
    def __init__(
        self, year: int, parent: QWidget | None = None, start: Questions | None = None
    ) -> None:
        """``start``: the questionnaire already published for the year, whose words the new
        version starts from (it started from HubDesk's, and the hub's own edits were lost)."""
        super().__init__(parent)
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
        inner = QWidget()
        column = QVBoxLayout(inner)
        for pillar in Pillar:
            source = shown.by_pillar[pillar.value]
            box = QGroupBox(pillar.label, inner)
            form = QFormLayout(box)
            question = QLineEdit(_(source.question), box)
            question.setObjectName(f"question_{pillar.value}")
            question.setCursorPosition(0)  # a long question shows its start
            form.addRow(_("Question"), question)
            levels = []
            for number, meaning in enumerate(source.levels, start=1):
                level = QLineEdit(_(meaning), box)
                level.setObjectName(f"level_{pillar.value}_{number}")
                form.addRow(_("Level {level}").format(level=number), level)
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
        layout.addWidget(self.buttons)
        self.resize(900, 640)

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
