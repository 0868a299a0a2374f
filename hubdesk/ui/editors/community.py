"""The community activity editor: what happened, with whom, who took part (counts by gender
and inclusion group, never names), and what came of it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.community import Audience, CommunityActivityType
from hubdesk.domain.enums import Pillar, Theme
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_number
from hubdesk.services import community
from hubdesk.services.context import ServiceContext
from hubdesk.services.rules.base import COUNT_MAX
from hubdesk.ui.code_picker import CodePicker
from hubdesk.ui.editors.inclusion import inclusion_counts
from hubdesk.ui.forms import EditorDialog
from hubdesk.ui.history_panel import add_history_button
from hubdesk.ui.widgets import ChoiceCombo, DateField, PillarChecks

GENDERS = (("n_female", N_("Women")), ("n_male", N_("Men")), ("n_other", N_("Other or not stated")))


def count_box() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, COUNT_MAX)
    spin.setMaximumWidth(120)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


class CommunityDialog(EditorDialog):
    def __init__(
        self, ctx: ServiceContext, activity_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, activity_id
        self.setObjectName("communityDialog")
        body = QWidget(self)
        outer = QVBoxLayout(body)
        columns = QHBoxLayout()
        columns.addLayout(self._left(), 1)
        columns.addLayout(self._right(), 1)
        outer.addLayout(columns, 1)
        # The pillars across the whole width: their long names would be cut in a column.
        below = QFormLayout()
        self.fields.add_row(below, "pillars", N_("Pillars"), PillarChecks(Pillar, columns=2))
        outer.addLayout(below)
        if activity_id is None:
            empty: dict[str, object] = {"activity_type": None, "pillars": []}
            self.fields.set_values({**empty, "themes": [], "audiences": []})
        else:
            self.reload()
        add_history_button(self, "community_activities", self.reload)
        self.finish(body)
        if ctx.municipality_id is None:
            self.set_read_only(True)

    def _left(self) -> QFormLayout:
        f = self.fields
        form = QFormLayout()
        f.add_row(form, "title", N_("Title"), QLineEdit())
        f.add_row(form, "activity_type", N_("Type of activity"), ChoiceCombo(CommunityActivityType))
        who = CodePicker(Audience, N_("Choose who took part"))
        f.add_row(form, "audiences", N_("Who took part"), who)
        f.add_row(form, "starts_on", N_("Started on"), DateField(optional=False))
        f.add_row(form, "ends_on", N_("Ended on"), DateField())
        f.add_row(form, "place", N_("Place"), QLineEdit())
        partners = QPlainTextEdit()
        partners.setMaximumHeight(60)
        f.add_row(form, "partners", N_("Partners"), partners)
        f.add_row(form, "themes", N_("Themes"), CodePicker(Theme, N_("No theme")))
        outcome = QPlainTextEdit()
        outcome.setMaximumHeight(80)
        f.add_row(form, "outcome", N_("Outcome"), outcome)
        return form

    def _right(self) -> QVBoxLayout:
        f = self.fields
        self.people_title = QLabel()
        self.people_title.setObjectName("sectionTitle")
        self.people_title.setWordWrap(True)
        form = QFormLayout()
        self.genders: list[QSpinBox] = []
        for name, msgid in GENDERS:
            spin = count_box()
            f.add_row(form, name, msgid, spin)
            spin.valueChanged.connect(lambda _v: self._sum())
            self.genders.append(spin)
        self.total = count_box()
        self.total.setReadOnly(True)  # the sum of the three: nothing to type twice
        self.total.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        f.add_row(form, "participants_total", N_("Participants in all"), self.total)
        self.groups_title = QLabel()
        self.groups_title.setObjectName("hint")
        self.groups_title.setWordWrap(True)
        layout = QVBoxLayout()
        layout.addWidget(self.people_title)
        layout.addLayout(form)
        layout.addWidget(self.groups_title)
        layout.addLayout(inclusion_counts(f, count_box))
        layout.addStretch(1)
        return layout

    def _sum(self) -> None:
        self.total.setValue(sum(spin.value() for spin in self.genders))

    def reload(self) -> None:
        assert self.record_id is not None
        activity = community.get_activity(self.ctx, self.record_id)
        self.fields.set_values({n: getattr(activity, n) for n in community.ACTIVITY_FIELDS})

    def persist(self) -> str:
        if self.record_id is None:
            return community.create_activity(self.ctx, self.fields.values()).id
        changes = self.fields.changes()
        if changes:
            community.update_activity(self.ctx, self.record_id, changes)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(
            _("New community activity") if self.record_id is None else _("Community activity")
        )
        self.people_title.setText(_("Participants (counts only, never names)"))
        self.groups_title.setText(
            _("Participants by inclusion group (a person may count in several groups)")
        )
        self.total.setSpecialValueText(format_number(0))
