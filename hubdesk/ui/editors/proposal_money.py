"""A funded proposal's money in the window: the euro side of the hub's decision form, and the
tab with the tranches and the reports due.

The hub plans and pays tranches here; the municipality reads them and submits each report
due. Every action is one service call, saved at once, like the rest of the proposal's
workflow (``proposal_workflow``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
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
from hubdesk.domain import FundDecision, FundProposal
from hubdesk.domain.enums import ProposalStatus
from hubdesk.domain.fund_money import ReportKind, ReportState
from hubdesk.domain.money import MoneyError, eur_minor, parse_rate
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date, format_money, format_rate
from hubdesk.services import fund, fund_implementation, fund_money
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.ui import dialogs
from hubdesk.ui.date_fields import DateField
from hubdesk.ui.forms import FieldSet, run_guarded
from hubdesk.ui.widgets import ErrorLabel, MoneyField

# --- the euro side of the decision form --------------------------------------------------------


class DecisionMoney:
    """The rate, the euro amount it gives (shown, computed as the service will), and the
    reporting schedule, added to the hub's decision form."""

    def __init__(
        self, fields: FieldSet, form: QFormLayout, currency: str, amount: MoneyField
    ) -> None:
        self.fields, self.currency, self.amount = fields, currency, amount
        self.rate = QLineEdit()
        self.rate.setObjectName("eurRate")
        fields.add_row(form, "eur_rate", N_("Euro rate"), self.rate)
        self.euros = QLabel()
        self.euros.setObjectName("eurAmount")
        self.euros_caption = QLabel()
        form.addRow(self.euros_caption, self.euros)
        fields.add_row(form, "interim_report_due", N_("Interim report due"), DateField())
        fields.add_row(form, "final_report_due", N_("Final report due"), DateField())
        self.rate.textChanged.connect(lambda _t: self.update())
        amount.changed.connect(self.update)

    def reset(self) -> None:
        euro = self.currency == "EUR"
        self.rate.setText("1" if euro else "")
        self.rate.setReadOnly(euro)
        self.update()

    def update(self) -> None:
        """Show the approved amount in euros at the rate typed so far (or a dash)."""
        try:
            euros = eur_minor(self.amount.minor(), self.currency, parse_rate(self.rate.text()))
        except MoneyError:
            self.euros.setText("–")
            return
        self.euros.setText(format_money(euros, "EUR"))

    def retranslate(self) -> None:
        self.rate.setPlaceholderText(
            _("How many {currency} for 1 EUR").format(currency=self.currency)
        )
        self.euros_caption.setText(_("Amount approved in euros"))
        self.euros.setAccessibleName(_("Amount approved in euros"))
        self.update()


def decision_money_lines(decision: FundDecision, currency: str) -> list[str]:
    """The euro amount, the rate and the schedule, for the decision's summary."""
    lines = []
    if decision.amount_approved_eur_minor is not None and decision.eur_rate is not None:
        lines.append(
            _("In euros: {amount} (at {rate} {currency} for 1 EUR)").format(
                amount=format_money(decision.amount_approved_eur_minor, "EUR"),
                rate=format_rate(decision.eur_rate),
                currency=currency,
            )
        )
    if decision.interim_report_due is not None:
        lines.append(
            _("Interim report due: {date}").format(date=format_date(decision.interim_report_due))
        )
    if decision.final_report_due is not None:
        lines.append(
            _("Final report due: {date}").format(date=format_date(decision.final_report_due))
        )
    return lines


# --- tranches and reports due ------------------------------------------------------------------


def _table(parent: QWidget, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class MoneyTab(QWidget):
    """Tranches (the hub plans and pays them) and reports due (the municipality submits)."""

    changed = Signal()

    def __init__(self, ctx: ServiceContext, currency: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.currency, self.proposal_id = ctx, currency, ""
        self.tranches_title = QLabel(self)
        self.tranches_title.setObjectName("sectionTitle")
        self.tranches = _table(self, 6)
        self.plan_on = DateField(optional=False)
        self.plan_amount = MoneyField(currency)
        self.plan_button = QPushButton(self)
        self.plan_button.clicked.connect(self.plan)
        self.pay_on = DateField(optional=False)
        self.pay_button = QPushButton(self)
        self.pay_button.clicked.connect(self.pay)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove)
        # An approval recorded without its euro rate: tranches wait for it, so it is asked here.
        self.rate = QLineEdit(self)
        self.rate.setObjectName("trancheRate")
        self.rate_button = QPushButton(self)
        self.rate_button.clicked.connect(self.save_rate)
        self.plan_on_label, self.amount_label = QLabel(self), QLabel(self)
        self.pay_on_label, self.rate_label = QLabel(self), QLabel(self)
        # Each field with its name in front: a bare date and amount beside buttons were a puzzle.
        self.hub_row = QWidget(self)
        self.rate_row = QWidget(self.hub_row)
        hub = QVBoxLayout(self.hub_row)
        hub.setContentsMargins(0, 0, 0, 0)
        rows = (
            (self.rate_row, (self.rate_label, self.rate, self.rate_button)),
            (None, (self.plan_on_label, self.plan_on, self.amount_label, self.plan_amount,
                    self.plan_button)),
            (None, (self.pay_on_label, self.pay_on, self.pay_button)),
            # Apart: beside the payment its long label squeezed the pay button to "...zidentiraj
            # isplatu izabrane tranš..." in a window of 1366 pixels.
            (None, (self.remove_button,)),
        )  # fmt: skip
        for holder, widgets in rows:
            row = QHBoxLayout(holder) if holder is not None else QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                row.addWidget(widget)
            row.addStretch(1)
            if holder is not None:
                hub.addWidget(holder)
            else:
                hub.addLayout(row)
        self.reports_title = QLabel(self)
        self.reports_title.setObjectName("sectionTitle")
        self.reports = _table(self, 4)
        self.report_text = QPlainTextEdit(self)
        self.report_text.setTabChangesFocus(True)
        self.report_text.setMaximumHeight(90)
        self.submit_button = QPushButton(self)
        self.submit_button.clicked.connect(self.submit)
        # A field laptop shows the reports due; the office submits them (it says so).
        self.office_note = QLabel(self)
        self.office_note.setObjectName("officeSubmitsReports")
        self.office_note.setWordWrap(True)
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tranches_title)
        layout.addWidget(self.tranches, 1)
        layout.addWidget(self.hub_row)
        layout.addWidget(self.reports_title)
        layout.addWidget(self.reports, 1)
        layout.addWidget(self.report_text)
        layout.addWidget(self.office_note)
        submit_row = QHBoxLayout()
        submit_row.addStretch(1)
        submit_row.addWidget(self.submit_button)
        layout.addLayout(submit_row)
        layout.addWidget(self.error)
        self.tranche_ids: list[str] = []
        self.due_ids: list[str] = []

    def load(self, proposal: FundProposal | None) -> None:
        self.proposal_id = proposal.id if proposal else ""
        self.error.show_message(None)
        lines = fund_money.list_tranches(self.ctx, proposal.id) if proposal else []
        self.tranche_ids = [t.id for t in lines]
        self.tranches.setRowCount(len(lines))
        for r, t in enumerate(lines):
            # A paid tranche shows what was paid (it may be short of the plan), as the printed
            # report, the command line and the fund overview do.
            cells = (
                str(t.number),
                format_date(t.planned_on),
                format_money(t.shown_minor, t.currency),
                format_money(t.shown_eur_minor, "EUR"),
                format_date(t.paid_on),
                t.state.label,
            )
            for c, text in enumerate(cells):
                self.tranches.setItem(r, c, QTableWidgetItem(text))
        dues = fund_money.list_reports_due(self.ctx, proposal.id) if proposal else []
        self.due_ids = [d.id for d in dues]
        self.reports.setRowCount(len(dues))
        for r, d in enumerate(dues):
            texts = (
                ReportKind(d.kind).label,
                format_date(d.due_on),
                d.state.label,
                format_date(d.submitted_on),
            )
            for c, text in enumerate(texts):
                self.reports.setItem(r, c, QTableWidgetItem(text))
        funded = proposal is not None and proposal.status in fund_money.FUNDED_STATUSES
        self.hub_row.setVisible(self.ctx.is_hub and funded)
        decision = fund.get_decision(self.ctx, proposal.id) if proposal and funded else None
        self.rate_row.setVisible(
            decision is not None and decision.eur_rate is None and self.currency != "EUR"
        )
        self.rate.clear()
        self.plan_on.set_value(clock.today())
        self.pay_on.set_value(clock.today())
        self.plan_amount.set_minor(0)
        reporting = (
            proposal is not None
            and not self.ctx.is_hub
            and proposal.status == ProposalStatus.IN_IMPLEMENTATION
            and any(d.state is not ReportState.SUBMITTED for d in dues)
        )
        office = fund_implementation.may_submit_reports(self.ctx)
        self.report_text.setVisible(reporting and office)
        self.submit_button.setVisible(reporting and office)
        self.office_note.setVisible(reporting and not office)
        self.retranslate()

    def _selected(self, table: QTableWidget, ids: list[str], msgid: str) -> str | None:
        row = table.currentRow()
        if 0 <= row < len(ids):
            return ids[row]
        self.error.show_message(_(msgid))
        return None

    def _run(self, action: object) -> bool:
        def invalid(error: ValidationError) -> None:
            self.error.show_message(error.message)

        self.error.show_message(None)
        if run_guarded(self, action, invalid):  # type: ignore[arg-type]
            self.changed.emit()
            return True
        return False

    def plan(self) -> None:
        if problem := self.plan_amount.input_error():  # not the last amount it could read
            self.error.show_message(problem)
            return
        data = {"planned_on": self.plan_on.value(), "amount_minor": self.plan_amount.minor()}
        self._run(lambda: fund_money.add_tranche(self.ctx, self.proposal_id, data))

    def pay(self) -> None:
        tranche = self._selected(self.tranches, self.tranche_ids, N_("Choose a tranche first."))
        if tranche is not None:
            data = {"paid_on": self.pay_on.value()}
            self._run(lambda: fund_money.pay_tranche(self.ctx, tranche, data))

    def remove(self) -> None:
        """Drop a tranche planned by mistake (a paid one stays: the service says so)."""
        tranche = self._selected(self.tranches, self.tranche_ids, N_("Choose a tranche first."))
        if tranche is None:
            return
        number = self.tranches.item(self.tranches.currentRow(), 0)
        question = _("Remove tranche {number}? Its amount can be planned again.").format(
            number=number.text() if number else ""
        )
        if dialogs.confirm(self, _("Remove the tranche"), question, _("Remove"), _("Cancel")):
            self._run(lambda: fund_money.remove_tranche(self.ctx, tranche))

    def save_rate(self) -> None:
        rate = self.rate.text().strip()
        self._run(lambda: fund_money.set_decision_rate(self.ctx, self.proposal_id, rate))

    def submit(self) -> None:
        due = self._selected(self.reports, self.due_ids, N_("Choose a report due first."))
        if due is not None:
            text = self.report_text.toPlainText().strip()
            if self._run(lambda: fund_money.submit_due_report(self.ctx, due, text)):
                # The hub has these words now: left in the box, they went again, unread,
                # as the next report due (an interim report's as the final one).
                self.report_text.clear()

    def retranslate(self) -> None:
        self.tranches_title.setText(_("Tranches"))
        self.tranches.setHorizontalHeaderLabels(
            [_("No."), _("Planned for"), _("Amount"), _("In euros"), _("Paid on"), _("Status")]
        )
        self.plan_on.setAccessibleName(_("Planned for"))
        self.plan_amount.setAccessibleName(_("Amount"))
        self.plan_button.setText(_("Plan a tranche"))
        self.pay_on.setAccessibleName(_("Paid on"))
        self.pay_button.setText(_("Record the payment of the chosen tranche"))
        self.remove_button.setText(_("Remove the chosen tranche"))
        self.plan_on_label.setText(_("Planned for"))
        self.amount_label.setText(_("Amount"))
        self.pay_on_label.setText(_("Paid on"))
        self.rate_label.setText(_("Euro rate"))
        self.rate.setAccessibleName(_("Euro rate"))
        self.rate.setPlaceholderText(
            _("How many {currency} for 1 EUR").format(currency=self.currency)
        )
        self.rate_button.setText(_("Save the rate"))
        self.rate_button.setToolTip(
            _("The approval was recorded without its euro rate; tranches are planned once it is.")
        )
        self.reports_title.setText(_("Reports due"))
        self.reports.setHorizontalHeaderLabels(
            [_("Report"), _("Due on"), _("Status"), _("Submitted on")]
        )
        self.report_text.setPlaceholderText(_("What was done so far, and what changed"))
        self.report_text.setAccessibleName(_("Report text"))
        self.submit_button.setText(_("Submit the report for the chosen due date"))
        self.office_note.setText(_(fund_implementation.OFFICE_REPORTS))
