"""The Engagements page: the city's contacts with national, regional, local and international
bodies (pillar 3), with the follow-ups due shown above the list."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hubdesk.domain.enums import Theme
from hubdesk.domain.helpdesk import EngagementKind, EngagementLevel
from hubdesk.i18n import N_, _, ngettext
from hubdesk.services import engagements
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.engagement import EngagementDialog
from hubdesk.ui.import_button import ImportButton
from hubdesk.ui.listpage import ListPage
from hubdesk.ui.models.engagements import EngagementTableModel
from hubdesk.ui.widgets import ChoiceCombo, DateRangeFilter


class EngagementsPage(ListPage):
    help_topic: ClassVar[str] = "engagements"
    title_msgid = N_("Engagements")
    new_msgid = N_("New engagement")
    export_kinds = ("engagements",)
    record_msgid = N_("engagement")

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.import_button = ImportButton(self, "engagements")
        self.retranslate()

    def make_model(self) -> EngagementTableModel:
        return EngagementTableModel(self.ctx, engagements.EngagementFilter())

    def build_filters(self, row: QHBoxLayout) -> None:
        self.level_filter = ChoiceCombo(EngagementLevel, empty=N_("All levels"))
        self.kind_filter = ChoiceCombo(EngagementKind, empty=N_("All kinds"))
        self.theme_filter = ChoiceCombo(Theme, empty=N_("All themes"))
        for combo, name in (
            (self.level_filter, N_("Level")),
            (self.kind_filter, N_("Kind")),
            (self.theme_filter, N_("Theme")),
        ):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
            self.add_filter(row, combo, name)
        self.due_only = QCheckBox(self)
        self.due_only.toggled.connect(lambda _on: self.apply_filter())
        row.addWidget(self.due_only)
        self.dates = DateRangeFilter()
        self.dates.changed.connect(self.apply_filter)
        row.addWidget(self.dates)

    def build_above_table(self, layout: QVBoxLayout) -> None:
        self.due_banner = QLabel(self)
        self.due_banner.setObjectName("hint")
        self.due_banner.setWordWrap(True)
        layout.addWidget(self.due_banner)

    def current_filter(self) -> engagements.EngagementFilter:
        return engagements.EngagementFilter(
            search=self.search.text().strip() or None,
            level=self.level_filter.value(),
            kind=self.kind_filter.value(),
            theme=self.theme_filter.value(),
            follow_up_due=self.due_only.isChecked(),
            date_from=self.dates.value()[0],
            date_to=self.dates.value()[1],
        )

    def update_count(self) -> None:
        super().update_count()
        if not hasattr(self, "due_banner"):
            return
        due = 0 if self.ctx.is_hub else len(engagements.follow_ups_due(self.ctx))
        self.due_banner.setVisible(due > 0)  # a city's own follow-ups, not the hub's business
        self.due_banner.setText(
            ngettext(
                "{n} follow-up is due within two weeks or overdue.",
                "{n} follow-ups are due within two weeks or overdue.",
                due,
            ).format(n=due)
        )

    def set_criteria(self, **criteria: Any) -> None:
        self.due_only.setChecked(bool(criteria.pop("follow_up_due", False)))
        super().set_criteria(**criteria)

    def describe(self, record: Any) -> str:
        return str(record.counterpart)

    def can_create(self) -> bool:
        return self.ctx.municipality_id is not None

    def can_delete(self, record: Any) -> bool:
        return self.ctx.municipality_id is not None

    def open_editor(self, record_id: str | None) -> None:
        dialog = EngagementDialog(self.ctx, record_id, self)
        dialog.saved.connect(lambda saved_id: self.after_change(saved_id))
        dialog.exec()

    def delete_record(self, record_id: str) -> None:
        engagements.delete_engagement(self.ctx, record_id)

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "import_button"):
            self.import_button.retranslate()
        if not hasattr(self, "due_only"):
            return
        for combo in (self.level_filter, self.kind_filter, self.theme_filter):
            combo.retranslate()
        self.due_only.setText(_("Only follow-ups due"))
        self.dates.retranslate()
        self.update_count()
