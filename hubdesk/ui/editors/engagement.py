"""The engagement editor: who the city engaged with, what it raised, what it heard back."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from hubdesk.domain.enums import Pillar, Theme
from hubdesk.domain.helpdesk import EngagementKind, EngagementLevel
from hubdesk.i18n import N_, _
from hubdesk.services import engagements
from hubdesk.services.context import ServiceContext
from hubdesk.ui.code_picker import CodePicker
from hubdesk.ui.forms import EditorDialog
from hubdesk.ui.history_panel import add_history_button
from hubdesk.ui.widgets import ChoiceCombo, DateField, PillarChecks


class EngagementDialog(EditorDialog):
    def __init__(
        self, ctx: ServiceContext, engagement_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, engagement_id
        self.setObjectName("engagementDialog")
        f = self.fields
        form = QFormLayout()
        f.add_row(form, "counterpart", N_("Counterpart institution"), QLineEdit())
        f.add_row(form, "level", N_("Level"), ChoiceCombo(EngagementLevel))
        f.add_row(form, "kind", N_("Kind of engagement"), ChoiceCombo(EngagementKind))
        f.add_row(form, "engaged_on", N_("Date"), DateField(optional=False))
        raised = QPlainTextEdit()
        raised.setMaximumHeight(110)
        f.add_row(form, "raised", N_("What the city raised"), raised)
        answer = QPlainTextEdit()
        answer.setMaximumHeight(110)
        f.add_row(form, "answer", N_("The answer received"), answer)
        f.add_row(form, "follow_up_on", N_("Follow up on"), DateField())
        f.add_row(form, "follow_up_done", N_("Followed up"), QCheckBox())
        side = QFormLayout()
        f.add_row(side, "pillars", N_("Pillars"), PillarChecks(Pillar))
        f.add_row(side, "themes", N_("Themes"), CodePicker(Theme, N_("No theme")))
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.addLayout(form, 3)
        columns.addLayout(side, 2)
        if engagement_id is None:
            f.set_values({"level": None, "kind": None, "pillars": ["cooperation"], "themes": []})
        else:
            self.reload()
        add_history_button(self, "engagements", self.reload)
        self.finish(content)
        if ctx.municipality_id is None:
            self.set_read_only(True)

    def reload(self) -> None:
        assert self.record_id is not None
        e = engagements.get_engagement(self.ctx, self.record_id)
        self.fields.set_values({n: getattr(e, n) for n in engagements.ENGAGEMENT_FIELDS})

    def persist(self) -> str:
        if self.record_id is None:
            return engagements.create_engagement(self.ctx, self.fields.values()).id
        changes = self.fields.changes()
        if changes:
            engagements.update_engagement(self.ctx, self.record_id, changes)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New engagement") if self.record_id is None else _("Engagement"))
