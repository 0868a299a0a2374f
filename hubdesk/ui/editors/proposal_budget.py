"""A proposal's budget: lines (category, description, quantity × unit cost) and live totals.

Lines are records of their own with their own editor, saved at once; the co-funding is a field
of the proposal and saved with it. Totals are in the municipality's currency, written the way
the UI language writes money.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain import BudgetLine
from hubdesk.domain.enums import BudgetCategory, label
from hubdesk.i18n import N_, _, pgettext
from hubdesk.i18n.formatting import format_money, format_number
from hubdesk.services import fund
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.rules.base import COUNT_MAX
from hubdesk.ui import dialogs
from hubdesk.ui.enter_opens import opens_on_enter
from hubdesk.ui.forms import PERSON_ERRORS, EditorDialog
from hubdesk.ui.widgets import ChoiceCombo, ErrorLabel, MoneyField

LINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BudgetLineDialog(EditorDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        proposal_id: str,
        currency: str,
        line_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.proposal_id, self.record_id = ctx, proposal_id, line_id
        form = QFormLayout()
        quantity = QSpinBox()
        quantity.setRange(0, COUNT_MAX)
        self.fields.add_row(form, "category", N_("Category"), ChoiceCombo(BudgetCategory))
        self.fields.add_row(form, "description", N_("Description"), QLineEdit())
        self.fields.add_row(form, "quantity", N_("Quantity"), quantity)
        self.fields.add_row(form, "unit_cost_minor", N_("Unit cost"), MoneyField(currency))
        if line_id is None:
            self.fields.set_values({"quantity": 1, "unit_cost_minor": 0})
        else:
            line = next(x for x in fund.list_budget_lines(ctx, proposal_id) if x.id == line_id)
            self.fields.set_values({n: getattr(line, n) for n in fund.BUDGET_LINE_FIELDS})
        content = QWidget()
        content.setLayout(form)
        self.finish(content)
        self.resize(min(self.width(), 620), min(self.height(), 320))

    def persist(self) -> str:
        values = {k: v for k, v in self.fields.values().items() if k != "position"}
        if self.record_id is None:
            return fund.add_budget_line(self.ctx, self.proposal_id, values).id
        changes = {k: v for k, v in self.fields.changes().items() if k != "position"}
        if changes:
            fund.update_budget_line(self.ctx, self.record_id, changes)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New budget line") if self.record_id is None else _("Budget line"))


class BudgetTab(QWidget):
    """Budget lines with their totals; ``ensure_proposal()`` saves a new proposal first."""

    changed = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        currency: str,
        ensure_proposal: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.currency, self.ensure_proposal = ctx, currency, ensure_proposal
        self.proposal_id: str | None = None
        self.lines: list[BudgetLine] = []
        self.table = QTableWidget(0, 6, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_line())
        opens_on_enter(self.table, self.edit_line)
        self.add_button, self.edit_button = QPushButton(self), QPushButton(self)
        self.delete_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_line)
        self.edit_button.clicked.connect(self.edit_line)
        self.delete_button.clicked.connect(self.delete_line)
        self.error = ErrorLabel(self)  # "add at least one budget line" lands here
        self.cofunding = MoneyField(currency)
        self.cofunding_label = QLabel(self)
        # A long label ("Co-funding (from the municipality or partners)" in Albanian) breaks
        # into lines rather than pushing the totals beside it past an office screen.
        self.cofunding_label.setWordWrap(True)
        self.cofunding_error = ErrorLabel(self)
        self.totals = QLabel(self)
        self.totals.setObjectName("totals")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.cofunding.changed.connect(self.update_totals)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        # The label above its field: beside it, in a form row next to the totals, it was
        # squeezed to nothing and the field had no name on screen.
        self.cofunding_label.setBuddy(self.cofunding)
        cofunding = QVBoxLayout()
        for widget in (self.cofunding_label, self.cofunding, self.cofunding_error):
            cofunding.addWidget(widget)
        cofunding.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addLayout(cofunding, 1)
        bottom.addWidget(self.totals, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.read_only = False
        self.retranslate()

    def load(self, proposal_id: str | None) -> None:
        self.proposal_id = proposal_id
        self.lines = fund.list_budget_lines(self.ctx, proposal_id) if proposal_id else []
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            cells = (
                label(line.category, BudgetCategory),
                line.description,
                format_number(line.quantity),
                format_money(line.unit_cost_minor, self.currency),
                format_money(line.total_minor, self.currency),
                "" if line.spent_minor is None else format_money(line.spent_minor, self.currency),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(LINE_ID_ROLE, line.id)
                if column >= 2:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)
        self.update_totals()

    def budget_total(self) -> int:
        return sum(line.total_minor for line in self.lines)

    def update_totals(self) -> None:
        total, cofunding = self.budget_total(), self.cofunding.minor()
        money = lambda amount: format_money(amount, self.currency)  # noqa: E731
        self.totals.setText(
            "<table>"
            + "".join(
                f"<tr><td>{name}</td><td align='right'>&nbsp;&nbsp;{value}</td></tr>"
                for name, value in (
                    (_("Budget total"), money(total)),
                    (_("Co-funding"), money(cofunding)),
                    (
                        "<b>{}</b>".format(_("Requested from the fund")),
                        f"<b>{money(total - cofunding)}</b>",
                    ),
                )
            )
            + "</table>"
        )

    def current_line(self) -> str | None:
        row = self.table.currentRow()
        return self.lines[row].id if 0 <= row < len(self.lines) else None

    def add_line(self) -> None:
        proposal_id = self.ensure_proposal()
        if proposal_id is not None:
            self.proposal_id = proposal_id
            self._edit(None)

    def edit_line(self) -> None:
        line_id = self.current_line()
        if line_id and not self.read_only:
            self._edit(line_id)

    def _edit(self, line_id: str | None) -> None:
        assert self.proposal_id is not None
        dialog = BudgetLineDialog(
            self.ctx,
            proposal_id=self.proposal_id,
            currency=self.currency,
            line_id=line_id,
            parent=self,
        )
        if dialog.exec():
            self.load(self.proposal_id)
            self.changed.emit()

    def delete_line(self) -> None:
        line_id = self.current_line()
        if not line_id or self.proposal_id is None:
            return
        line = next(x for x in self.lines if x.id == line_id)
        if not dialogs.confirm_delete(
            self, _("budget line “{name}”").format(name=line.description)
        ):
            return
        try:
            fund.delete_budget_line(self.ctx, line_id)
        except (ValidationError, *PERSON_ERRORS) as error:
            dialogs.show_error(self, _("Not deleted"), getattr(error, "message", str(error)))
            return
        self.load(self.proposal_id)
        self.changed.emit()

    def setReadOnly(self, read_only: bool) -> None:
        self.read_only = read_only
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setVisible(not read_only)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [_("Category"), _("Description"), _("Quantity"), _("Unit cost"), _("Total"), _("Spent")]
        )
        self.table.setAccessibleName(_("Budget lines"))
        self.add_button.setText(_("New budget line"))
        self.edit_button.setText(pgettext("button", "Open"))
        self.delete_button.setText(_("Delete"))
        self.cofunding_label.setText(_("Co-funding (from the municipality or partners)"))
        self.cofunding.setAccessibleName(_("Co-funding"))
        self.update_totals()
