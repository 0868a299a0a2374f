"""A proposal's life after drafting: status and history, the hub's decision, the report.

Each action here is one service call that is saved at once (a transition, a decision, the
report, spending); the buttons offered are those the service allows this installation's role.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock
from hubdesk.domain import FundProposal
from hubdesk.domain.enums import ProposalStatus, Role
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date, format_datetime, format_money
from hubdesk.services import calls_received, fund
from hubdesk.services.calls_received import LateArrival
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import FieldError, ValidationError
from hubdesk.services.fund_implementation import OFFICE_REPORT_READ, may_submit_reports
from hubdesk.services.fund_workflow import DECISION_OUTCOMES, SPENDING_STATUSES
from hubdesk.ui import dialogs
from hubdesk.ui.editors.proposal_money import DecisionMoney, decision_money_lines
from hubdesk.ui.enter_moves import enter_moves_down
from hubdesk.ui.forms import FieldSet, run_guarded
from hubdesk.ui.widgets import DateField, ErrorLabel, IdCombo, MoneyField

# The words on the button that moves a proposal to a status.
ACTION_TEXT: dict[str, str] = {
    ProposalStatus.SUBMITTED: N_("Submit to the hub"),
    ProposalStatus.UNDER_REVIEW: N_("Start the review"),
    ProposalStatus.IN_IMPLEMENTATION: N_("Start implementation"),
    ProposalStatus.COMPLETED: N_("Mark as completed"),
}


class LateNotice(QLabel):
    """At the hub, above every tab of the proposal: the mark of a proposal whose first
    submission reached the hub after its call closed (hidden otherwise). The people who review
    and decide see it; nothing refuses the proposal."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.late: LateArrival | None = None
        self.setObjectName("lateArrival")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def load(self, proposal: FundProposal | None) -> None:
        self.late = calls_received.late_arrival(self.ctx, proposal) if proposal else None
        self.setVisible(self.late is not None)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.late.text() if self.late is not None else "")


class StatusTab(QWidget):
    """Current status, the allowed next steps, and every step so far."""

    transition_requested = Signal(str, str)  # to_status, comment

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status = QLabel(self)
        self.status.setObjectName("statusBadge")
        self.comment = QLineEdit(self)
        self.buttons_row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        self.error = ErrorLabel(self)
        self.history = QTableWidget(0, 4, self)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.history_label = QLabel(self)
        self.history_label.setObjectName("sectionTitle")
        self.comment_label = QLabel(self)
        # A new proposal has no next step yet: say where Submit will be, not nothing at all.
        self.unsaved_note = QLabel(self)
        self.unsaved_note.setObjectName("hint")
        self.unsaved_note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.status)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.unsaved_note)
        row = QHBoxLayout()
        row.addWidget(self.comment_label)
        row.addWidget(self.comment, 1)
        layout.addLayout(row)
        layout.addLayout(self.buttons_row)
        layout.addWidget(self.error)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history, 1)
        self.proposal: FundProposal | None = None

    def load(self, proposal: FundProposal | None) -> None:
        self.proposal = proposal
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        steps = [] if proposal is None else fund.allowed_transitions(self.ctx, proposal)
        for to_status in steps:
            if to_status in DECISION_OUTCOMES:
                continue  # the hub decides on the Decision tab
            button = QPushButton(self)
            button.setProperty("to_status", to_status)
            button.clicked.connect(
                lambda _c=False, s=to_status: self.transition_requested.emit(
                    s, self.comment.text().strip()
                )
            )
            self.buttons_row.addWidget(button)
            self.buttons.append(button)
        self.comment.setVisible(bool(self.buttons))
        self.comment_label.setVisible(bool(self.buttons))
        history = fund.status_history(self.ctx, proposal.id) if proposal else []
        self.history.setRowCount(len(history))
        for row, change in enumerate(history):
            cells = (
                format_datetime(change.changed_at, fmt="short"),
                ProposalStatus(change.to_status).label,
                Role(change.by_role).label,
                change.comment,
            )
            for column, text in enumerate(cells):
                self.history.setItem(row, column, QTableWidgetItem(text))
        self.retranslate()

    def button_for(self, to_status: str) -> QPushButton | None:
        return next((b for b in self.buttons if b.property("to_status") == to_status), None)

    def retranslate(self) -> None:
        status = ProposalStatus(self.proposal.status).label if self.proposal else _("Not saved yet")
        self.status.setText(_("Status: {status}").format(status=status))
        # only the municipality's own PC submits (a field laptop moves no status)
        self.unsaved_note.setVisible(self.proposal is None and self.ctx.role is Role.MUNICIPALITY)
        self.unsaved_note.setText(
            _("Save the proposal first: the button that submits it to the hub is then here.")
        )
        self.comment_label.setText(_("Comment"))
        self.comment.setAccessibleName(_("Comment"))
        for button in self.buttons:
            button.setText(_(ACTION_TEXT[button.property("to_status")]))
        self.history_label.setText(_("History"))
        self.history.setHorizontalHeaderLabels([_("When"), _("Status"), _("By"), _("Comment")])
        self.history.resizeColumnsToContents()  # after the headers: "Статус" is wider than "2"


class DecisionTab(QWidget):
    """The hub records its decision here; everyone else reads it."""

    decided = Signal()

    def __init__(self, ctx: ServiceContext, currency: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.proposal_id = ctx, ""
        self.fields = FieldSet(self)
        self.form_box = QGroupBox(self)
        form = QFormLayout(self.form_box)
        self.outcome = IdCombo()
        self.fields.add_row(form, "outcome", N_("Decision"), self.outcome)
        amount = MoneyField(currency)
        self.fields.add_row(form, "amount_approved_minor", N_("Amount approved"), amount)
        self.fields.add_row(form, "conditions", N_("Conditions"), QPlainTextEdit())
        self.fields.add_row(form, "comments", N_("Comments to the municipality"), QPlainTextEdit())
        self.fields.add_row(form, "decided_on", N_("Decided on"), DateField(optional=False))
        self.money = DecisionMoney(self.fields, form, currency, amount)
        self.amount, self.requested = amount, 0
        self.outcome.changed.connect(self._outcome_chosen)
        self.general_error = ErrorLabel(self)
        self.record_button = QPushButton(self.form_box)
        self.record_button.clicked.connect(self.record)
        form.addRow(self.general_error)
        form.addRow(self.record_button)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.form_box, 1)
        self.currency = currency

    def load(self, proposal: FundProposal | None) -> None:
        self.proposal_id = proposal.id if proposal else ""
        deciding = (
            proposal is not None
            and self.ctx.is_hub
            and proposal.status == ProposalStatus.UNDER_REVIEW
        )
        self.form_box.setVisible(deciding)
        decision = fund.get_decision(self.ctx, proposal.id) if proposal else None
        if decision is None:
            text = _("The hub has not decided on this proposal yet.")
        else:
            parts = [
                _("Decision: {outcome}").format(outcome=ProposalStatus(decision.outcome).label),
                _("Decided on: {date}").format(date=format_date(decision.decided_on)),
            ]
            if decision.outcome == ProposalStatus.APPROVED:
                parts.append(
                    _("Amount approved: {amount}").format(
                        amount=format_money(decision.amount_approved_minor, self.currency)
                    )
                )
                # Euros only where something was approved, as the printed proposal and the
                # command line say: a proposal in euros has the rate 1 whatever the outcome,
                # and its rejection had read "In euros: €0.00 (at 1 EUR for 1 EUR)".
                parts += decision_money_lines(decision, self.currency)
            if decision.conditions:
                parts.append(_("Conditions: {text}").format(text=decision.conditions))
            if decision.comments:
                parts.append(_("Comments: {text}").format(text=decision.comments))
            text = "\n".join(parts)
        self.summary.setText(text)
        if deciding:
            assert proposal is not None
            self.requested = max(fund.proposal_totals(self.ctx, proposal.id).requested_minor, 0)
            self.fields.set_values({"decided_on": clock.today(), "amount_approved_minor": 0})
            self.money.reset()
        self.retranslate()
        if deciding:
            self._outcome_chosen()

    def _outcome_chosen(self) -> None:
        """An approval starts from the amount requested (it started from 0, which the service
        refuses); any other outcome grants nothing, so its amount is 0 and not typed."""
        approving = self.outcome.value() == ProposalStatus.APPROVED
        self.amount.setEnabled(approving)
        if not approving:
            self.amount.set_minor(0)
        elif self.amount.minor() == 0:
            self.amount.set_minor(self.requested)

    def record(self) -> None:
        def save() -> None:
            self.fields.check_input()
            fund.record_decision(self.ctx, self.proposal_id, self.fields.values())

        def invalid(error: ValidationError) -> None:
            unplaced = self.fields.show_errors(error.by_field())
            self.general_error.show_message("\n".join(unplaced.values()) or None)

        self.fields.clear_errors()
        self.general_error.show_message(None)
        if run_guarded(self, save, invalid):
            self.decided.emit()

    def retranslate(self) -> None:
        self.fields.retranslate()
        self.outcome.set_items([(code, ProposalStatus(code).label) for code in DECISION_OUTCOMES])
        self.money.retranslate()
        self.form_box.setTitle(_("The hub's decision"))
        self.record_button.setText(_("Record the decision"))


class ReportTab(QWidget):
    """What the initiative achieved, and what was spent per budget line."""

    reported = Signal()

    def __init__(self, ctx: ServiceContext, currency: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.currency, self.proposal_id = ctx, currency, ""
        # A field laptop reads the report its office submits (``may_submit_reports``).
        self.office = may_submit_reports(ctx)
        self.fields = FieldSet(self)
        form = QFormLayout()
        self.fields.add_row(form, "results", N_("Results achieved"), QPlainTextEdit())
        self.submit_button = QPushButton(self)
        self.submit_button.clicked.connect(self.submit)
        self.spending = QTableWidget(0, 3, self)
        self.spending.verticalHeader().hide()
        self.spending.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.spending_error = ErrorLabel(self)
        self.save_spending_button = QPushButton(self)
        self.save_spending_button.clicked.connect(self.save_spending)
        self.summary = QLabel(self)
        self.spent_fields: dict[str, MoneyField] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.submit_button)
        layout.addLayout(row)
        layout.addWidget(self.spending, 1)
        layout.addWidget(self.spending_error)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.save_spending_button)
        layout.addLayout(row)

    def load(self, proposal: FundProposal | None) -> None:
        self.proposal_id = proposal.id if proposal else ""
        writing = (
            proposal is not None
            and not self.ctx.is_hub
            and proposal.municipality_id == self.ctx.municipality_id
        )
        status = proposal.status if proposal is not None else None
        reporting = writing and status == ProposalStatus.IN_IMPLEMENTATION
        spending = writing and status in SPENDING_STATUSES
        self.fields.set_values({"results": proposal.results if proposal else ""})
        self.fields.set_read_only(not (reporting and self.office))
        self.submit_button.setVisible(reporting)
        self.submit_button.setEnabled(self.office)
        self.save_spending_button.setVisible(spending)
        lines = fund.list_budget_lines(self.ctx, proposal.id) if proposal else []
        self.spending.setRowCount(len(lines))
        self.spent_fields = {}
        for row, line in enumerate(lines):
            self.spending.setItem(row, 0, QTableWidgetItem(line.description))
            budget = QTableWidgetItem(format_money(line.total_minor, self.currency))
            budget.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.spending.setItem(row, 1, budget)
            spent = MoneyField(self.currency)
            spent.set_minor(line.spent_minor or 0)
            spent.setReadOnly(not spending)
            spent.setAccessibleName(_("Spent on {line}").format(line=line.description))
            enter_moves_down(spent, partial(self._spent_below, row))
            self.spending.setCellWidget(row, 2, spent)
            self.spent_fields[line.id] = spent
        self._initial = {k: f.minor() for k, f in self.spent_fields.items()}
        self.spending.resizeColumnsToContents()
        self.spending.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if proposal is not None:
            totals = fund.proposal_totals(self.ctx, proposal.id)
            self.summary.setText(
                _("Budget {budget} · approved {approved} · spent {spent}").format(
                    budget=format_money(totals.total_minor, self.currency),
                    approved=format_money(totals.approved_minor, self.currency),
                    spent=format_money(totals.spent_minor, self.currency),
                )
            )
        self.retranslate()

    def _spent_below(self, row: int) -> QWidget | None:
        """Where Enter in a line's spending goes: the line below, as in a spreadsheet (it
        pressed the form's Save and closed the proposal with the other lines still to fill)."""
        return self.spending.cellWidget(row + 1, 2) if row + 1 < self.spending.rowCount() else None

    def pending(self) -> tuple[str | None, dict[str, int]]:
        """The report's words and the spending typed here and not saved yet."""
        report = self.fields.changes().get("results")
        spending = {
            k: f.minor() for k, f in self.spent_fields.items() if f.minor() != self._initial[k]
        }
        return report, spending

    def restore(self, report: str | None, spending: dict[str, int]) -> None:
        """Put back what was typed and not saved, after the tab was read again."""
        box = self.fields.fields["results"].widget
        if report is not None and isinstance(box, QPlainTextEdit) and not box.isReadOnly():
            box.setPlainText(report)
        for line_id, amount in spending.items():
            spent = self.spent_fields.get(line_id)
            if spent is not None and not spent.isReadOnly():
                spent.set_minor(amount)

    def submit(self) -> None:
        def save() -> None:
            fund.submit_report(self.ctx, self.proposal_id, self.fields.values()["results"])

        def invalid(error: ValidationError) -> None:
            # A refusal with no field on this tab (the proposal's status) must not vanish.
            unplaced = self.fields.show_errors(error.by_field())
            if unplaced:
                dialogs.show_error(self, _("Not saved"), "\n".join(unplaced.values()))

        if run_guarded(self, save, invalid):
            self.reported.emit()

    def check_spending(self) -> None:
        """Refuse spending typed that is no amount, as every form refuses it: the field's last
        readable amount had been saved in its place."""
        problems = [
            FieldError(f"spent:{line_id}", "{problem}", {"problem": problem})
            for line_id, spent in self.spent_fields.items()
            if (problem := spent.input_error())
        ]
        if problems:
            raise ValidationError(problems)

    def save_spending(self) -> None:
        changed = {
            k: f.minor() for k, f in self.spent_fields.items() if f.minor() != self._initial[k]
        }

        def save() -> None:
            self.check_spending()
            for line_id, amount in changed.items():
                fund.record_spending(self.ctx, line_id, amount)
                self._initial[line_id] = amount

        self.spending_error.show_message(None)
        if run_guarded(self, save, lambda e: self.spending_error.show_message(e.message)):
            self.reported.emit()

    def retranslate(self) -> None:
        self.fields.retranslate()
        self.submit_button.setText(_("Submit the report"))
        # A field laptop's only: the hub reads a report it never submits, and is no laptop.
        why = _(OFFICE_REPORT_READ) if self.ctx.role is Role.FIELD else ""
        self.submit_button.setToolTip(why)
        self.fields.fields["results"].widget.setToolTip(why)
        self.save_spending_button.setText(_("Save spending"))
        self.spending.setHorizontalHeaderLabels([_("Budget line"), _("Budget"), _("Spent")])
        self.spending.setAccessibleName(_("Spending per budget line"))
