"""The need a record answers, chosen from its municipality's submitted needs assessments.

Proposals and trainings name their need with it. One combo box shows every
need (a pillar of a year's assessment, the weakest first); the form reads it as two fields,
``need_assessment_id`` (the combo itself) and ``need_pillar`` (``NeedPicker.pillar_field``), so
a FieldSet saves the pair the services and the rule book expect.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from hubdesk.i18n import _
from hubdesk.services import needs_link
from hubdesk.services.context import ServiceContext


class _PillarPart(QWidget):
    """The pillar half of the picker's value, as a form field of its own (never shown)."""

    changed = Signal()

    def __init__(self, picker: NeedPicker) -> None:
        super().__init__(picker)
        self.picker = picker
        self.hide()

    def value(self) -> str:
        data = self.picker.currentData()
        return str(data[1]) if data else ""

    def set_value(self, value: str | None) -> None:
        self.picker.select(self.picker.value(), value or "")

    def setReadOnly(self, read_only: bool) -> None:
        self.picker.setReadOnly(read_only)


class NeedPicker(QComboBox):
    """No need named, or one of ``municipality()``'s needs."""

    changed = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        municipality: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("needPicker")
        self.ctx, self.municipality = ctx, municipality
        self.pillar_field = _PillarPart(self)
        self.currentIndexChanged.connect(self._changed)
        self.retranslate()

    def _changed(self, _index: int) -> None:
        self.changed.emit()
        self.pillar_field.changed.emit()

    def value(self) -> str | None:
        data = self.currentData()
        return str(data[0]) if data else None

    def set_value(self, value: str | None) -> None:
        current = self.currentData()
        self.select(value, current[1] if current and current[0] == value else "")

    def select(self, assessment_id: str | None, pillar: str) -> None:
        """Show the need (``assessment_id``, ``pillar``), adding it when it is not offered
        (a need of an assessment not held here shows its id)."""
        if assessment_id is None:
            self.setCurrentIndex(0)
            return
        if not pillar:  # the pillar arrives next (the form writes the pair field by field)
            index = next(
                (i for i in range(self.count()) if (self.itemData(i) or ("",))[0] == assessment_id),
                -1,
            )
            if index < 0:
                self.addItem(assessment_id, (assessment_id, ""))
                index = self.count() - 1
            self.setCurrentIndex(index)
            return
        index = self.findData((assessment_id, pillar))
        if index < 0:
            found = needs_link.need_choice(self.ctx, assessment_id, pillar)
            self.addItem(found.label if found else assessment_id, (assessment_id, pillar))
            index = self.count() - 1
        self.setCurrentIndex(index)

    def setReadOnly(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def retranslate(self) -> None:
        current = self.currentData() if self.count() else None
        self.blockSignals(True)
        self.clear()
        self.addItem(_("No assessed need named"), None)
        municipality = self.municipality()
        if municipality:
            for choice in needs_link.needs_choices(self.ctx, municipality):
                self.addItem(choice.label, (choice.assessment_id, choice.pillar))
                self.setItemData(self.count() - 1, choice.needs or choice.label, 3)  # tooltip
        if current:
            self.select(current[0], current[1])
        else:
            self.setCurrentIndex(0)
        self.blockSignals(False)
