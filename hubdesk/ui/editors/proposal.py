"""The fund proposal editor: the proposal, its budget, status, decision and report.

The text and budget can be changed while the proposal is a draft or sent back for changes;
after submission everything is read-only and only the workflow buttons the role allows remain.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain import FundProposal
from hubdesk.domain.enums import Pillar, ProposalStatus, Theme
from hubdesk.i18n import N_, _, pN_
from hubdesk.services import fund
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.fund_implementation import Implementation, save_implementation
from hubdesk.services.fund_workflow import SPENDING_STATUSES
from hubdesk.services.installation import own_municipality
from hubdesk.ui import dialogs
from hubdesk.ui.code_picker import CodePicker
from hubdesk.ui.editors.attachments_panel import AttachmentsPanel
from hubdesk.ui.editors.call import CallCombo
from hubdesk.ui.editors.proposal_budget import BudgetTab
from hubdesk.ui.editors.proposal_money import MoneyTab
from hubdesk.ui.editors.proposal_reviews import ReviewsTab
from hubdesk.ui.editors.proposal_sections import (
    DNH_FIELDS,
    NEED_FIELDS,
    IndicatorsTab,
    WorkplanTab,
    fit_tabs,
    text_tab,
)
from hubdesk.ui.editors.proposal_thread import ThreadPanel
from hubdesk.ui.editors.proposal_workflow import DecisionTab, LateNotice, ReportTab, StatusTab
from hubdesk.ui.forms import EditorDialog, run_guarded
from hubdesk.ui.history_panel import add_history_button
from hubdesk.ui.need_picker import NeedPicker
from hubdesk.ui.side_tabs import side_tabs
from hubdesk.ui.widgets import DateField, PillarChecks


def long_text(height: int = 64) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setMinimumHeight(height)
    edit.setTabChangesFocus(True)
    return edit


class ProposalDialog(EditorDialog):
    def __init__(
        self, ctx: ServiceContext, proposal_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, proposal_id
        self.setObjectName("proposalDialog")
        self.proposal: FundProposal | None = None
        if proposal_id is not None:
            self.proposal = fund.get_proposal(ctx, proposal_id)
            currency = self.proposal.currency
        else:
            municipality = own_municipality(ctx)
            currency = municipality.currency if municipality else "EUR"
        self.tabs = side_tabs(self)  # a dozen tabs: in a row, a third hid behind arrows
        self.tabs.addTab(self._proposal_tab(), "")
        self.tabs.addTab(text_tab(self.fields, NEED_FIELDS), "")
        self.workplan = WorkplanTab(ctx, self._ensure_saved, self)
        self.indicators = IndicatorsTab(ctx, self._ensure_saved, self)
        self.tabs.addTab(self.workplan, "")
        self.tabs.addTab(self.indicators, "")
        self.tabs.addTab(text_tab(self.fields, DNH_FIELDS), "")
        self.budget = BudgetTab(ctx, currency, self._ensure_saved, self)
        self.fields.register(
            "cofunding_minor", N_("Co-funding"), self.budget.cofunding, self.budget.cofunding_error
        )
        self.fields.error_line("budget_lines", self.budget.error)
        self.budget.changed.connect(self._budget_changed)
        self.tabs.addTab(self.budget, "")
        self.status_tab = StatusTab(ctx, self)
        self.status_tab.transition_requested.connect(self.move_to)
        self.fields.error_line("status", self.status_tab.error)
        self.tabs.addTab(self.status_tab, "")
        self.decision_tab = DecisionTab(ctx, currency, self)
        self.decision_tab.decided.connect(self._reload)
        self.tabs.addTab(self.decision_tab, "")
        self.report_tab = ReportTab(ctx, currency, self)
        self.report_tab.reported.connect(self._reload)
        self.tabs.addTab(self.report_tab, "")
        self.money_tab = MoneyTab(ctx, currency, self)
        self.money_tab.changed.connect(self._reload)
        self.tabs.addTab(self.money_tab, "")
        self.reviews_tab = ReviewsTab(ctx, self)
        self.reviews_tab.changed.connect(self._reload)
        self.tabs.addTab(self.reviews_tab, "")
        self.attachments_tab = AttachmentsPanel(ctx, "proposal", self._ensure_saved, self)
        self.tabs.addTab(self.attachments_tab, "")
        self.thread_panel = ThreadPanel(ctx, self)  # beside the tabs: the talk with the hub
        self.thread_panel.commented.connect(lambda: self.saved.emit(self.record_id or ""))
        self.late = LateNotice(ctx, self)
        self._load()
        self.add_print_button(N_("Print the proposal"), "proposal")
        self.report_print = self.add_print_button(
            N_("Print the implementation report"), "implementation"
        )
        add_history_button(
            self,
            "fund_proposals",
            self._reload,
            lambda: self.proposal.currency if self.proposal else currency,
        )
        beside = QSplitter(Qt.Orientation.Horizontal, self)
        beside.addWidget(self.tabs)
        beside.addWidget(self.thread_panel)
        beside.setStretchFactor(0, 3)
        beside.setStretchFactor(1, 1)
        beside.setChildrenCollapsible(False)
        beside.setSizes([1060, 300])
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.late)
        column.addWidget(beside, 1)
        self.finish(content)
        fit_tabs(self, self.tabs, margin=48 + self.thread_panel.minimumSizeHint().width())
        self._apply_editable()

    def _proposal_tab(self) -> QWidget:
        f = self.fields
        # The title across the whole width, first: in the left column a proposal's title (often
        # a sentence: "Sport without borders: inter-ethnic youth league") showed its first
        # three words.
        top, left, right = QFormLayout(), QFormLayout(), QFormLayout()
        f.add_row(top, "title", N_("Title"), QLineEdit())
        f.add_row(left, "reference", N_("Reference"), QLineEdit())
        f.add_row(left, "period_start", N_("Starts on"), DateField())
        f.add_row(left, "period_end", N_("Ends on"), DateField())
        f.add_row(left, "partners", N_("Partners"), long_text(48))
        f.add_row(right, "call_id", pN_("the call a proposal answers", "Call"), CallCombo(self.ctx))
        need = NeedPicker(self.ctx, self._municipality_id)
        f.add_row(right, "need_assessment_id", N_("Assessed need it answers"), need)
        f.register("need_pillar", N_("Assessed need it answers"), need.pillar_field,
                   f.fields["need_assessment_id"].error, named=False)  # fmt: skip
        f.add_row(right, "summary", N_("Summary"), long_text())
        f.add_row(right, "problem", N_("Problem addressed"), long_text())
        f.add_row(right, "objectives", N_("Objectives"), long_text())
        f.add_row(right, "target_groups", N_("Target groups"), long_text(48))
        # The pillars across the whole width: their long names (in Serbian, Macedonian...)
        # were cut in the left column.
        below = QFormLayout()
        f.add_row(below, "pillars", N_("Pillars"), PillarChecks(Pillar))
        f.add_row(below, "themes", N_("Themes"), CodePicker(Theme, N_("No theme")))
        # The two drop-downs list long names (a call's title, a pillar's need); at their full
        # width they took the room the left column's dates and reference need.
        for combo in (f.fields["call_id"].widget, need):
            assert isinstance(combo, QComboBox)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(24)
        tab = QWidget()
        outer = QVBoxLayout(tab)
        outer.addLayout(top)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)  # the long texts and the drop-downs
        outer.addLayout(columns, 1)
        outer.addLayout(below)
        return tab

    def _municipality_id(self) -> str | None:
        return self.proposal.municipality_id if self.proposal else self.ctx.municipality_id

    def _load(self) -> None:
        if self.proposal is None:
            self.fields.set_values({"pillars": [], "themes": [], "cofunding_minor": 0})
        else:
            self.fields.set_values({n: getattr(self.proposal, n) for n in fund.PROPOSAL_FIELDS})
        self.budget.load(self.record_id)
        self.workplan.load(self.proposal)
        self.indicators.load(self.proposal)
        for tab in (
            self.status_tab,
            self.decision_tab,
            self.report_tab,
            self.money_tab,
            self.reviews_tab,
        ):
            tab.load(self.proposal)
        self.thread_panel.load(self.record_id)
        self.attachments_tab.load(self.record_id)
        self.late.load(self.proposal)

    def _reload(self) -> None:
        """Read the proposal again after a step (a decision, spending saved): what was typed on
        the implementation's other tabs and not saved yet stays on screen."""
        assert self.record_id is not None
        typed = self._implementation()
        self.proposal = fund.get_proposal(self.ctx, self.record_id)
        self._load()
        self._apply_editable()
        self.report_tab.restore(typed.report, dict(typed.spending))
        self.indicators.restore(dict(typed.results))
        self.saved.emit(self.record_id)

    # --- the implementation's tabs: saved by their buttons, or together on leaving --------------

    def _implementation(self) -> Implementation:
        report, spending = self.report_tab.pending()
        return Implementation(spending, self.indicators.pending(), report)

    def is_dirty(self) -> bool:
        return super().is_dirty() or (self.record_id is not None and bool(self._implementation()))

    def _persist(self) -> None:
        if not self.read_only:
            super()._persist()
            return
        self.report_tab.check_spending()
        typed = self._implementation()  # a proposal in implementation: only its tabs change
        if typed and self.record_id is not None:
            save_implementation(self.ctx, self.record_id, typed)
            self._reload()

    def save(self) -> bool:
        if not self.read_only:
            return super().save()
        if not self._implementation():
            return False
        if run_guarded(self, self._persist, self._implementation_refused):
            self.saved.emit(self.record_id or "")
            self.accept()
            return True
        return False

    def _implementation_refused(self, error: ValidationError) -> None:
        unplaced = []
        for name, message in error.by_field().items():
            if name.startswith("spent:"):
                self.report_tab.spending_error.show_message(message)
            elif name.startswith("result:"):
                self.indicators.error.show_message(message)
            elif name == "results":
                self.report_tab.fields.show_errors({name: message})
            else:
                unplaced.append(message)
        if unplaced:
            dialogs.show_error(self, _("Not saved"), "\n".join(unplaced))

    def editable(self) -> bool:
        if self.proposal is None:
            return self.ctx.municipality_id is not None and not self.ctx.is_hub
        return fund.is_editable(self.ctx, self.proposal)

    def _apply_editable(self) -> None:
        self.set_read_only(not self.editable())
        self.budget.setReadOnly(not self.editable())
        self.workplan.setReadOnly(not self.editable())
        self.indicators.setReadOnly(not self.editable())

    def _budget_changed(self) -> None:
        self.budget.update_totals()
        self.saved.emit(self.record_id or "")

    # --- saving and moving on --------------------------------------------------------------------

    def persist(self) -> str:
        if self.record_id is None:
            values = self.fields.values()
            if not values.get("reference"):
                values.pop("reference")  # the service makes one up
            self.proposal = fund.create_proposal(self.ctx, values)
            self.record_id = self.proposal.id
            self.fields.fields["reference"].widget.setText(self.proposal.reference)  # type: ignore[attr-defined]
        else:
            changes = self.fields.changes()
            if changes:
                self.proposal = fund.update_proposal(self.ctx, self.record_id, changes)
        return self.record_id

    def _ensure_saved(self) -> str | None:
        """The proposal's id for a part (a budget line, an activity, a file) to be added to:
        a new proposal is saved first; an existing one's unsaved edits stay unsaved, for the
        form's own Save or Cancel (a co-funding typed ahead of the line it needs was refused)."""
        if self.record_id is not None:
            return self.record_id
        # A new proposal has no budget yet, so a co-funding typed ahead of its lines would be
        # refused and no line could be added: it waits, typed, for the form's own Save.
        cofunding = self.budget.cofunding
        typed = cofunding.minor()
        if not typed or cofunding.input_error():  # (text it cannot read is refused as typed)
            return self._saved_as_shown()
        cofunding.set_minor(0)
        try:
            return self._saved_as_shown()
        finally:
            cofunding.set_minor(typed)

    def _saved_as_shown(self) -> str | None:
        """The proposal saved as the form shows it (None when refused): before it moves on."""
        if self.record_id is not None and not self.fields.is_dirty():
            return self.record_id
        if run_guarded(self, self._persist, self.show_validation):
            self.saved.emit(self.record_id or "")
            for tab in (self.status_tab, self.decision_tab, self.report_tab, self.money_tab):
                tab.load(self.proposal)
            self.thread_panel.load(self.record_id)
            self.retranslate()
            return self.record_id
        return None

    def move_to(self, to_status: str, comment: str = "") -> bool:
        """Save pending changes, confirm a submission, then ask the service to move on."""
        if self.editable() and self._saved_as_shown() is None:
            return False
        assert self.record_id is not None
        if to_status == ProposalStatus.SUBMITTED and not dialogs.confirm(
            self,
            _("Submit to the hub"),
            _(
                "Submit this proposal to the hub? It cannot be changed afterwards unless the "
                "hub asks for changes."
            ),
            yes=_("Submit"),
            no=_("Cancel"),
        ):
            return False
        record_id = self.record_id

        def move() -> Any:
            # The comment goes into the thread, signed with the name given there.
            return fund.transition(
                self.ctx, record_id, to_status, comment, self.thread_panel.author_name()
            )

        if not run_guarded(self, move, self.show_validation):
            return False
        self.status_tab.comment.clear()  # it is in the thread: the next step's starts empty
        self._reload()
        return True

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "thread_panel"):
            self.thread_panel.retranslate()
        if hasattr(self, "late"):
            self.late.retranslate()
        self.setWindowTitle(
            _("New fund proposal")
            if self.record_id is None
            else _("Fund proposal {reference}").format(
                reference=self.proposal.reference if self.proposal else ""
            )
        )
        if hasattr(self, "report_print"):
            implemented = self.proposal is not None and self.proposal.status in SPENDING_STATUSES
            self.report_print.setVisible(implemented)
        titles = (
            _("Proposal"),
            _("Need and reach"),
            _("Workplan"),
            _("Indicators"),
            _("Do No Harm"),
            _("Budget"),
            _("Status and history"),
            _("Decision"),
            _("Implementation report"),
            _("Tranches and reports"),
        )
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        self.tabs.setTabText(self.tabs.indexOf(self.reviews_tab), _("Reviews"))
        if hasattr(self, "attachments_tab"):
            self.tabs.setTabText(self.tabs.indexOf(self.attachments_tab), _("Attachments"))
            self.attachments_tab.retranslate()
