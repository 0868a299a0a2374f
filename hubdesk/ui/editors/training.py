"""The training editor: what the training was and the assessed need it answers, who came (counts
by profession and gender and by inclusion group, never names), which of the team's members took
part, and its files."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import InclusionGroup, Pillar, Theme
from hubdesk.domain.pillars import inclusion_column
from hubdesk.domain.trainings import TrainingFormat
from hubdesk.i18n import N_, _
from hubdesk.services import team, trainings
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.services.team import MemberFilter
from hubdesk.ui.code_picker import CodePicker
from hubdesk.ui.editors.attachments_panel import AttachmentsPanel
from hubdesk.ui.editors.training_parts import MembersPicker, ProfessionGrid, count_spin
from hubdesk.ui.forms import EditorDialog, run_guarded
from hubdesk.ui.history_panel import add_history_button
from hubdesk.ui.need_picker import NeedPicker
from hubdesk.ui.top_tabs import top_tabs
from hubdesk.ui.widgets import ChoiceCombo, DateField, ErrorLabel, PillarChecks

MEMBERS = "members"


class TrainingDialog(EditorDialog):
    def __init__(
        self, ctx: ServiceContext, training_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, training_id
        self.setObjectName("trainingDialog")
        linked = trainings.training_members(ctx, training_id) if training_id else []
        self.tabs = top_tabs(self)
        self.tabs.addTab(self._training_tab(), "")
        self.tabs.addTab(self._participants_tab(), "")
        self.tabs.addTab(self._members_tab(linked), "")
        self.attachments_tab = AttachmentsPanel(ctx, "training", self._ensure_saved, self)
        self.attachments_tab.load(training_id)
        self.tabs.addTab(self.attachments_tab, "")
        if training_id is None:
            self.fields.set_values(
                {"format": "in_person", "pillars": ["capacity_building"], "themes": [], MEMBERS: {}}
            )
        else:
            self._show(linked)
        add_history_button(self, "trainings", self.reload)
        self.finish(self.tabs)
        if ctx.municipality_id is None:
            self.set_read_only(True)

    def _training_tab(self) -> QWidget:
        f = self.fields
        form = QFormLayout()
        f.add_row(form, "title", N_("Title"), QLineEdit())
        f.add_row(form, "topic", N_("Topic"), QLineEdit())
        need = NeedPicker(self.ctx, lambda: self.ctx.municipality_id)
        f.add_row(form, "need_assessment_id", N_("Need addressed"), need)
        f.register("need_pillar", N_("Need addressed"), need.pillar_field,
                   f.fields["need_assessment_id"].error, named=False)  # fmt: skip
        f.add_row(form, "starts_on", N_("Started on"), DateField(optional=False))
        f.add_row(form, "ends_on", N_("Ended on"), DateField())
        f.add_row(form, "place", N_("Place"), QLineEdit())
        f.add_row(form, "organiser", N_("Organiser"), QLineEdit())
        f.add_row(form, "trainer_name", N_("Trainer (if not a team member)"), QLineEdit())
        f.add_row(form, "format", N_("Format"), ChoiceCombo(TrainingFormat))
        f.add_row(form, "train_the_trainer", N_("It trained trainers"), QCheckBox())
        notes = QPlainTextEdit()
        notes.setMaximumHeight(70)
        f.add_row(form, "notes", N_("Notes (stay on this PC)"), notes)
        side = QFormLayout()
        f.add_row(side, "pillars", N_("Pillars"), PillarChecks(Pillar))
        f.add_row(side, "themes", N_("Themes"), CodePicker(Theme, N_("No theme")))
        tab = QWidget()
        columns = QHBoxLayout(tab)
        columns.addLayout(form, 3)
        columns.addLayout(side, 2)
        return tab

    def _participants_tab(self) -> QWidget:
        self.grid = ProfessionGrid()
        grid_error = ErrorLabel()
        for name, spin in self.grid.cells.items():
            self.fields.register(name, N_("Participants"), spin, grid_error, named=False)
        self.grid_title = QLabel()
        self.grid_title.setObjectName("sectionTitle")
        self.grid_title.setWordWrap(True)
        self.inclusion_title = QLabel()
        self.inclusion_title.setObjectName("sectionTitle")
        self.inclusion_title.setWordWrap(True)
        inclusion = QFormLayout()
        for group in InclusionGroup:
            spin = count_spin()
            spin.setMaximumWidth(140)
            self.fields.add_row(inclusion, inclusion_column(group), group.labels()[group], spin)
        side = QVBoxLayout()
        side.addWidget(self.inclusion_title)
        side.addLayout(inclusion)
        side.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.grid_title)
        left.addWidget(self.grid)
        left.addWidget(grid_error)
        left.addStretch(1)
        tab = QWidget()
        columns = QHBoxLayout(tab)
        columns.addLayout(left, 3)
        columns.addLayout(side, 2)
        return tab

    def _members_tab(self, linked: list[trainings.TakingPart]) -> QWidget:
        choices: list[tuple[str, str]]
        if self.ctx.municipality_id is None:
            choices = [(p.member_id, p.member_name) for p in linked]
        else:
            found = team.list_members(self.ctx, MemberFilter(active=None), Page(order_by="name"))
            choices = [(m.id, self._member_label(m)) for m in found]
        self.picker = MembersPicker(choices)
        error = ErrorLabel()
        self.fields.register(MEMBERS, N_("Team members who took part"), self.picker, error)
        self.members_hint = QLabel()
        self.members_hint.setWordWrap(True)
        self.members_hint.setObjectName("hint")
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.members_hint)
        layout.addWidget(self.picker, 1)
        layout.addWidget(error)
        return tab

    @staticmethod
    def _member_label(member: Any) -> str:
        if member.left_on is None:
            return str(member.name)
        return _("{name} (left the team)").format(name=member.name)

    def _show(self, linked: list[trainings.TakingPart]) -> None:
        assert self.record_id is not None
        training = trainings.get_training(self.ctx, self.record_id)
        values: dict[str, Any] = {n: getattr(training, n) for n in trainings.TRAINING_FIELDS}
        values[MEMBERS] = {p.member_id: p.role for p in linked}
        self.fields.set_values(values)

    def reload(self) -> None:
        """Show the stored values again (after a restore from the history)."""
        assert self.record_id is not None
        self._show(trainings.training_members(self.ctx, self.record_id))

    def persist(self) -> str:
        if self.record_id is None:
            values = self.fields.values()
            members = values.pop(MEMBERS)
            return trainings.create_training(self.ctx, values, members).id
        changes = self.fields.changes()
        members = changes.pop(MEMBERS, None)
        if changes or members is not None:
            trainings.update_training(self.ctx, self.record_id, changes, members)
        return self.record_id

    def _ensure_saved(self) -> str | None:
        """The training's id, saving it first when it is new (None when refused): its files
        are records of their own and need it."""
        if self.record_id is not None:
            return self.record_id
        if run_guarded(self, self._persist, self.show_validation):
            self.saved.emit(self.record_id or "")
            self.retranslate()
            return self.record_id
        return None

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New training") if self.record_id is None else _("Training"))
        titles = (_("Training"), _("Participants"), _("Team members"), _("Attachments"))
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        self.attachments_tab.retranslate()
        self.grid_title.setText(
            _("Participants by profession and gender (counts only, never names)")
        )
        self.inclusion_title.setText(_("Of them, by inclusion group (a person may be in several)"))
        self.members_hint.setText(
            _(
                "Tick the team members who took part, and who among them was the trainer. "
                "Their list of trainings on the Team page comes from here."
            )
        )
        self.grid.retranslate()
