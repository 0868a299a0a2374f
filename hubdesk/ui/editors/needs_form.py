"""The needs assessment form: per pillar the question, a score whose choices say what each
level means, the needs and the priorities; then the structures and policies to build on."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import Pillar
from hubdesk.domain.needs import (
    NeedsAssessment,
    Structure,
    needs_column,
    priorities_column,
    score_column,
)
from hubdesk.i18n import _
from hubdesk.services.needs_questions import Questions


class PillarBox(QGroupBox):
    """One pillar: its question, the score, the needs and the priorities."""

    def __init__(self, pillar: Pillar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pillar = pillar
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.score = QComboBox(self)
        self.score.setObjectName(f"score_{pillar.value}")
        self.needs = QPlainTextEdit(self)
        self.priorities = QPlainTextEdit(self)
        for edit in (self.needs, self.priorities):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(52)
        self.needs.setObjectName(f"needs_{pillar.value}")
        self.priorities.setObjectName(f"priorities_{pillar.value}")
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout(self)
        form.addRow(self.question)
        for label, widget in zip(
            self.labels, (self.score, self.needs, self.priorities), strict=True
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)

    def show_questions(self, questions: Questions) -> None:
        q = questions.by_pillar[self.pillar.value]
        self.setTitle(self.pillar.label)
        self.question.setText(q.question)
        chosen = self.score.currentData()
        self.score.blockSignals(True)
        self.score.clear()
        self.score.addItem(_("Not scored yet"), None)
        for level, meaning in enumerate(q.levels, start=1):
            self.score.addItem(f"{level} – {meaning}", level)
        self.score.setCurrentIndex(max(0, self.score.findData(chosen)))
        self.score.blockSignals(False)
        for label, text in zip(self.labels, (_("Score"), _("Needs"), _("Priorities")), strict=True):
            label.setText(text)


class AssessmentForm(QWidget):
    """Every answer of one assessment, read and written as the service's fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes = {p.value: PillarBox(p, self) for p in Pillar}
        self.structures_box = QGroupBox(self)
        self.checks = {s.value: QCheckBox(self.structures_box) for s in Structure}
        grid = QGridLayout(self.structures_box)
        for index, (code, tick) in enumerate(self.checks.items()):
            tick.setObjectName(f"structure_{code}")
            grid.addWidget(tick, index // 3, index % 3)
        self.other_label = QLabel(self.structures_box)
        self.other = QLineEdit(self.structures_box)
        self.other.setObjectName("structures_other")
        self.other_label.setBuddy(self.other)
        grid.addWidget(self.other_label, len(self.checks) // 3 + 1, 0)
        grid.addWidget(self.other, len(self.checks) // 3 + 1, 1, 1, 2)
        layout = QVBoxLayout(self)
        for pillar_box in self.boxes.values():
            layout.addWidget(pillar_box)
        layout.addWidget(self.structures_box)
        layout.addStretch(1)

    def show_questions(self, questions: Questions) -> None:
        for box in self.boxes.values():
            box.show_questions(questions)
        self.structures_box.setTitle(_("Structures and policies to build on"))
        for code, tick in self.checks.items():
            tick.setText(Structure(code).label)
        self.other_label.setText(_("Other structures"))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for pillar, box in self.boxes.items():
            out[score_column(pillar)] = box.score.currentData()
            out[needs_column(pillar)] = box.needs.toPlainText().strip()
            out[priorities_column(pillar)] = box.priorities.toPlainText().strip()
        out["structures"] = [code for code, tick in self.checks.items() if tick.isChecked()]
        out["structures_other"] = self.other.text().strip()
        return out

    def load(self, found: NeedsAssessment | None) -> None:
        for pillar, box in self.boxes.items():
            score = None if found is None else found.score(pillar)
            box.score.setCurrentIndex(max(0, box.score.findData(score)))
            box.needs.setPlainText("" if found is None else found.needs(pillar))
            box.priorities.setPlainText("" if found is None else found.priorities(pillar))
        chosen = set() if found is None else set(found.structures)
        for code, tick in self.checks.items():
            tick.setChecked(code in chosen)
        self.other.setText("" if found is None else found.structures_other)
