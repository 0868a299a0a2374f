"""The Community page: engagement activities with adults (women's groups, religious
communities, parents, minorities), counted by gender and inclusion group."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hubdesk.domain.community import Audience
from hubdesk.domain.enums import Pillar, Theme
from hubdesk.i18n import N_, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services import community
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.community import CommunityDialog
from hubdesk.ui.import_button import ImportButton
from hubdesk.ui.listpage import ListPage
from hubdesk.ui.models.community import CommunityTableModel, HubCommunityTableModel
from hubdesk.ui.widgets import ChoiceCombo, DateRangeFilter


class CommunityPage(ListPage):
    help_topic: ClassVar[str] = "community"
    title_msgid = N_("Community activities")
    new_msgid = N_("New activity")
    export_kinds = ("community_activities",)
    record_msgid = N_("community activity")

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.import_button = ImportButton(self, "community_activities")
        self.retranslate()

    def make_model(self) -> CommunityTableModel:
        if self.ctx.is_hub:  # every city's activities: say whose each is
            return HubCommunityTableModel(self.ctx, community.CommunityFilter())
        return CommunityTableModel(self.ctx, community.CommunityFilter())

    def build_filters(self, row: QHBoxLayout) -> None:
        self.audience_filter = ChoiceCombo(Audience, empty=N_("Everyone"))
        self.theme_filter = ChoiceCombo(Theme, empty=N_("All themes"))
        self.pillar_filter = ChoiceCombo(Pillar, empty=N_("All pillars"))
        for combo, name in (
            (self.audience_filter, N_("Who took part")),
            (self.theme_filter, N_("Theme")),
            (self.pillar_filter, N_("Pillar")),
        ):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
            self.add_filter(row, combo, name)
        self.dates = DateRangeFilter()
        self.dates.changed.connect(self.apply_filter)
        row.addWidget(self.dates)

    def build_above_table(self, layout: QVBoxLayout) -> None:
        self.totals = QLabel(self)
        self.totals.setObjectName("hint")
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)

    def current_filter(self) -> community.CommunityFilter:
        return community.CommunityFilter(
            search=self.search.text().strip() or None,
            audience=self.audience_filter.value(),
            theme=self.theme_filter.value(),
            pillar=self.pillar_filter.value(),
            date_from=self.dates.value()[0],
            date_to=self.dates.value()[1],
        )

    def update_count(self) -> None:
        super().update_count()
        if not hasattr(self, "totals"):
            return
        totals = community.community_totals(self.ctx, self.model.filter)
        self.totals.setText(
            ngettext(
                "Listed activities reached {people} person (women: {women}, men: {men}, other "
                "or not stated: {other}).",
                "Listed activities reached {people} people (women: {women}, men: {men}, other "
                "or not stated: {other}).",
                totals.participants,
            ).format(
                people=format_number(totals.participants),
                women=format_number(totals.by_gender["female"]),
                men=format_number(totals.by_gender["male"]),
                other=format_number(totals.by_gender["other"]),
            )
        )

    def set_criteria(self, **criteria: Any) -> None:
        self.dates.set_value(criteria.pop("date_from", None), criteria.pop("date_to", None))
        super().set_criteria(**criteria)

    def can_create(self) -> bool:
        return self.ctx.municipality_id is not None

    def can_delete(self, record: Any) -> bool:
        return self.ctx.municipality_id is not None

    def open_editor(self, record_id: str | None) -> None:
        dialog = CommunityDialog(self.ctx, record_id, self)
        dialog.saved.connect(lambda saved_id: self.after_change(saved_id))
        dialog.exec()

    def delete_record(self, record_id: str) -> None:
        community.delete_activity(self.ctx, record_id)

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "import_button"):
            self.import_button.retranslate()
        if not hasattr(self, "theme_filter"):
            return
        for combo in (self.audience_filter, self.theme_filter, self.pillar_filter):
            combo.retranslate()
        self.dates.retranslate()
        self.update_count()
