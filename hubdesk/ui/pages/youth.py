"""The Youth page: engagement activities with participants counted by gender and age band."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hubdesk.domain.enums import ActivityType, Pillar, Theme
from hubdesk.i18n import N_, _, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services import youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.town_names import town_choices
from hubdesk.ui.editors.activity import ActivityDialog
from hubdesk.ui.listpage import ListPage
from hubdesk.ui.models.youth import ActivityTableModel, HubActivityTableModel
from hubdesk.ui.widgets import ChoiceCombo, DateRangeFilter, IdCombo

LED_CHOICES: tuple[tuple[bool | None, str], ...] = (
    (None, N_("Led by anyone")),
    (True, N_("Youth-led")),
    (False, N_("Not youth-led")),
)


class YouthPage(ListPage):
    help_topic: ClassVar[str] = "youth"
    title_msgid = N_("Youth activities")
    new_msgid = N_("New activity")
    record_msgid = N_("youth activity")
    export_kinds = ("youth_activities",)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.add_print_button(N_("Print the youth report"), "youth", of_one_town=True)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(lambda _c=False: self.import_sheet())
        self.import_button.setVisible(ctx.municipality_id is not None)
        self.toolbar.insertWidget(3, self.import_button)  # next to Export…
        self.retranslate()

    def import_sheet(self) -> None:
        """Activities from a spreadsheet, through the import wizard."""
        from hubdesk.ui.import_wizard import open_import_wizard

        if open_import_wizard(self.ctx, "youth_activities", self):
            self.after_change()

    def make_model(self) -> ActivityTableModel:
        if self.ctx.is_hub:
            return HubActivityTableModel(self.ctx, youth.YouthFilter())
        return ActivityTableModel(self.ctx, youth.YouthFilter())

    def build_filters(self, row: QHBoxLayout) -> None:
        self.type_filter = ChoiceCombo(ActivityType, empty=N_("All types"))
        self.pillar_filter = ChoiceCombo(Pillar, empty=N_("All pillars"))
        self.theme_filter = ChoiceCombo(Theme, empty=N_("All themes"))
        self.led_filter = QComboBox()
        for value, _msgid in LED_CHOICES:
            self.led_filter.addItem("", value)
        self.municipality_filter = IdCombo(empty=N_("All municipalities"))
        if self.ctx.is_hub:  # the hub sees the whole region
            self.municipality_filter.set_items(town_choices(self.ctx))
        else:
            self.municipality_filter.hide()  # never shown here
        for combo, name in (
            (self.type_filter, N_("Type of activity")),
            (self.pillar_filter, N_("Pillar")),
            (self.theme_filter, N_("Theme")),
            (self.led_filter, N_("Youth-led")),
            (self.municipality_filter, N_("Municipality")),
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

    def current_filter(self) -> youth.YouthFilter:
        return youth.YouthFilter(
            search=self.search.text().strip() or None,
            activity_type=self.type_filter.value(),
            pillar=self.pillar_filter.value(),
            theme=self.theme_filter.value(),
            youth_led=self.led_filter.currentData(),
            date_from=self.dates.value()[0],
            date_to=self.dates.value()[1],
            municipality_id=self.municipality_filter.value() if self.ctx.is_hub else None,
        )

    def update_count(self) -> None:
        super().update_count()
        if not hasattr(self, "totals"):
            return
        totals = youth.youth_totals(self.ctx, self.model.filter)
        # Counted by the young people; the other figures follow a label, so no noun of theirs
        # has to agree with them.
        self.totals.setText(
            ngettext(
                "Listed activities reached {participants} young person, of them from "
                "marginalised groups: {marginalised}; activities that fed into a local decision "
                "or plan: {fed}.",
                "Listed activities reached {participants} young people, of them from "
                "marginalised groups: {marginalised}; activities that fed into a local decision "
                "or plan: {fed}.",
                totals.participants,
            ).format(
                participants=format_number(totals.participants),
                marginalised=format_number(totals.marginalised),
                fed=format_number(totals.fed_into_decision),
            )
        )

    def report_period(self) -> tuple[dt.date | None, dt.date | None]:
        """The youth report of the dates the list is narrowed to (the guide's "a PDF of the
        period"): it printed this year whatever the list showed."""
        shown = self.model.filter
        return shown.date_from, shown.date_to

    def refresh(self) -> None:
        if self.ctx.is_hub:  # an import may have brought a municipality
            self.municipality_filter.set_items(town_choices(self.ctx))
        super().refresh()

    def set_criteria(self, **criteria: Any) -> None:
        self.dates.set_value(criteria.pop("date_from", None), criteria.pop("date_to", None))
        super().set_criteria(**criteria)

    def can_create(self) -> bool:
        return self.ctx.municipality_id is not None

    def can_delete(self, record: Any) -> bool:
        return self.ctx.municipality_id is not None

    def open_editor(self, record_id: str | None) -> None:
        dialog = ActivityDialog(self.ctx, record_id, self)
        dialog.saved.connect(lambda saved_id: self.after_change(saved_id))
        dialog.exec()

    def delete_record(self, record_id: str) -> None:
        youth.delete_activity(self.ctx, record_id)

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "led_filter"):
            return
        self.type_filter.retranslate()
        self.pillar_filter.retranslate()
        self.theme_filter.retranslate()
        for index, (_value, msgid) in enumerate(LED_CHOICES):
            self.led_filter.setItemText(index, _(msgid))
        self.municipality_filter.retranslate()
        if self.ctx.is_hub:  # each town in the new language's script
            self.municipality_filter.set_items(town_choices(self.ctx))
        self.dates.retranslate()
        self.update_count()
        if hasattr(self, "import_button"):
            self.import_button.setText(_("Import…"))
            self.import_button.setToolTip(_("Add or update activities from a spreadsheet"))
