"""The Trainings page: the capacity-building register, filtered by year, pillar and profession,
with the sums of what is listed (the hub sees every municipality's)."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hubdesk.domain.enums import Pillar, Profession
from hubdesk.i18n import N_, _, ngettext, pN_
from hubdesk.i18n.formatting import format_number
from hubdesk.services import trainings
from hubdesk.services import trainings_summary as summary
from hubdesk.services.context import ServiceContext
from hubdesk.services.town_names import town_choices
from hubdesk.services.trainings_summary import TrainingFilter
from hubdesk.ui.editors.training import TrainingDialog
from hubdesk.ui.import_button import ImportButton
from hubdesk.ui.listpage import ListPage
from hubdesk.ui.models.trainings import HubTrainingTableModel, TrainingTableModel
from hubdesk.ui.widgets import ChoiceCombo, DateRangeFilter, IdCombo


class TrainingsPage(ListPage):
    help_topic: ClassVar[str] = "trainings"
    title_msgid = N_("Trainings")
    new_msgid = N_("New training")
    record_msgid = N_("training")
    export_kinds = ("trainings",)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.import_button = ImportButton(self, "trainings")
        self.add_print_button(N_("Print the trainings report"), "trainings")
        self.retranslate()

    def make_model(self) -> TrainingTableModel:
        if self.ctx.is_hub:
            return HubTrainingTableModel(self.ctx, TrainingFilter())
        return TrainingTableModel(self.ctx, TrainingFilter())

    def build_filters(self, row: QHBoxLayout) -> None:
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("yearFilter")
        self._fill_years()
        self.pillar_filter = ChoiceCombo(Pillar, empty=N_("All pillars"))
        self.profession_filter = ChoiceCombo(Profession, empty=N_("All professions"))
        self.municipality_filter = IdCombo(empty=N_("All municipalities"))
        self.municipality_filter.setObjectName("municipalityFilter")
        self._fill_towns()
        if not self.ctx.is_hub:  # the hub sees the whole region
            self.municipality_filter.hide()  # never shown here: with no parent yet, a window
        for combo, name in (
            (self.year_filter, N_("Year")),
            (self.pillar_filter, N_("Pillar")),
            (self.profession_filter, pN_("column header", "Profession")),
            (self.municipality_filter, N_("Municipality")),
        ):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
            self.add_filter(row, combo, name)
        # The dashboard's tile counts the last twelve months: a click shows those trainings.
        self.dates = DateRangeFilter()
        self.dates.changed.connect(self.apply_filter)
        row.addWidget(self.dates)

    def _fill_years(self) -> None:
        chosen = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(_("All years"), None)
        for year in summary.training_years(self.ctx):
            self.year_filter.addItem(str(year), year)
        index = self.year_filter.findData(chosen)
        self.year_filter.setCurrentIndex(max(0, index))
        self.year_filter.blockSignals(False)

    def _fill_towns(self) -> None:
        """The municipalities in the script of the window's language, in that name's order."""
        self.municipality_filter.set_items(town_choices(self.ctx))

    def build_above_table(self, layout: QVBoxLayout) -> None:
        self.totals = QLabel(self)
        self.totals.setObjectName("hint")
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)

    def current_filter(self) -> TrainingFilter:
        return TrainingFilter(
            search=self.search.text().strip() or None,
            year=self.year_filter.currentData(),
            pillar=self.pillar_filter.value(),
            profession=self.profession_filter.value(),
            municipality_id=self.municipality_filter.value() if self.ctx.is_hub else None,
            date_from=self.dates.value()[0],
            date_to=self.dates.value()[1],
        )

    def update_count(self) -> None:
        super().update_count()
        if not hasattr(self, "totals"):
            return
        f = self.model.filter
        totals = summary.training_totals(self.ctx, f)
        text = ngettext(
            "Listed trainings reached {participants} participant (women: {women}); trainings "
            "of trainers among them: {trainers}.",
            "Listed trainings reached {participants} participants (women: {women}); trainings "
            "of trainers among them: {trainers}.",
            totals.participants,
        ).format(
            participants=format_number(totals.participants),
            women=format_number(totals.by_gender["female"]),
            trainers=format_number(totals.train_the_trainer),
        )
        if f.profession is not None:
            text += " " + _("{profession}: {count}.").format(
                profession=Profession(f.profession).label,
                count=format_number(totals.by_profession[f.profession]),
            )
        self.totals.setText(text)

    def set_criteria(self, **criteria: Any) -> None:
        if "date_from" in criteria or "date_to" in criteria:
            self.year_filter.setCurrentIndex(0)  # all years: the dates say which trainings
        self.dates.set_value(criteria.pop("date_from", None), criteria.pop("date_to", None))
        super().set_criteria(**criteria)

    def refresh(self) -> None:
        if self.ctx.is_hub:  # an import may have brought a municipality
            self._fill_towns()
        super().refresh()

    def after_change(self, record_id: str | None = None) -> None:
        self._fill_years()
        super().after_change(record_id)

    def can_create(self) -> bool:
        return self.ctx.municipality_id is not None

    def can_delete(self, record: Any) -> bool:
        return self.ctx.municipality_id is not None

    def open_editor(self, record_id: str | None) -> None:
        dialog = TrainingDialog(self.ctx, record_id, self)
        dialog.saved.connect(lambda saved_id: self.after_change(saved_id))
        dialog.exec()

    def delete_record(self, record_id: str) -> None:
        trainings.delete_training(self.ctx, record_id)

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "import_button"):
            self.import_button.retranslate()
        if not hasattr(self, "profession_filter"):
            return
        self.pillar_filter.retranslate()
        self.profession_filter.retranslate()
        self.municipality_filter.retranslate()
        if self.ctx.is_hub:
            self._fill_towns()
        self.year_filter.setItemText(0, _("All years"))
        self.dates.retranslate()
        self.update_count()
