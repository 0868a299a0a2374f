"""The Fund page: Technical Support Fund proposals, from draft to completed."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import QHBoxLayout

from hubdesk.domain.enums import APPROVED_ANY, REPORT_OVERDUE, Pillar, ProposalStatus, Theme
from hubdesk.i18n import N_
from hubdesk.services import fund
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.listpage import ListPage
from hubdesk.ui.models.fund import ProposalTableModel
from hubdesk.ui.widgets import ChoiceCombo


class FundPage(ListPage):
    help_topic: ClassVar[str] = "fund"
    title_msgid = N_("Fund proposals")
    new_msgid = N_("New proposal")
    record_msgid = N_("fund proposal")
    export_kinds = ("fund_proposals", "budget_lines")

    def make_model(self) -> ProposalTableModel:
        return ProposalTableModel(self.ctx, fund.ProposalFilter())

    def build_filters(self, row: QHBoxLayout) -> None:
        groups = [
            (APPROVED_ANY, N_("Approved (at any stage since)")),
            (REPORT_OVERDUE, N_("With a report overdue")),
        ]
        self.status_filter = ChoiceCombo(ProposalStatus, empty=N_("Any status"), groups=groups)
        self.pillar_filter = ChoiceCombo(Pillar, empty=N_("All pillars"))
        self.theme_filter = ChoiceCombo(Theme, empty=N_("All themes"))
        for combo, name in (
            (self.status_filter, N_("Status")),
            (self.pillar_filter, N_("Pillar")),
            (self.theme_filter, N_("Theme")),
        ):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
            self.add_filter(row, combo, name)

    def current_filter(self) -> fund.ProposalFilter:
        return fund.ProposalFilter(
            search=self.search.text().strip() or None,
            status=self.status_filter.value(),
            pillar=self.pillar_filter.value(),
            theme=self.theme_filter.value(),
        )

    def set_criteria(self, **criteria: Any) -> None:
        self.status_filter.set_value(criteria.pop("status", None))
        super().set_criteria(**criteria)

    def can_create(self) -> bool:
        return self.ctx.municipality_id is not None and not self.ctx.is_hub

    def can_delete(self, record: Any) -> bool:
        return self.can_create() and record.status == ProposalStatus.DRAFT

    def describe(self, record: Any) -> str:
        return f"{record.reference} {record.title}"

    def open_editor(self, record_id: str | None) -> None:
        dialog = ProposalDialog(self.ctx, record_id, self)
        dialog.saved.connect(lambda saved_id: self.after_change(saved_id or None))
        dialog.exec()

    def delete_record(self, record_id: str) -> None:
        fund.delete_proposal(self.ctx, record_id)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        self.delete_button.setEnabled(record is not None and self.can_delete(record))

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "status_filter"):
            self.status_filter.retranslate()
            self.pillar_filter.retranslate()
            self.theme_filter.retranslate()
