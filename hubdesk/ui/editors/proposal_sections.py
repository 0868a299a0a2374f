"""The proposal editor's review sections: need and reach, the Do No Harm screening, the
workplan and the indicators (the last two as small grids of their own records).

The texts are fields of the proposal, saved with it; activities and indicators are records of
their own, saved at once through their small dialogs (a new proposal is saved first). Once the
proposal is being implemented, the indicators grid takes each indicator's result beside its
target; that is the implementation report's part of the indicators.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain import FundProposal, ProposalActivity, ProposalIndicator
from hubdesk.domain.enums import AgeBand, Gender, label
from hubdesk.i18n import N_, _, pgettext
from hubdesk.i18n.formatting import format_date, format_number
from hubdesk.services import proposal_sections as sections
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.fund_workflow import SPENDING_STATUSES
from hubdesk.services.rules.base import COUNT_MAX
from hubdesk.ui import dialogs
from hubdesk.ui.enter_opens import opens_on_enter
from hubdesk.ui.forms import PERSON_ERRORS, EditorDialog, FieldSet, run_guarded
from hubdesk.ui.widgets import ChoiceCombo, DateField, ErrorLabel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
NEED_FIELDS: tuple[tuple[str, str], ...] = (
    ("need", N_("Need addressed")),
    ("beneficiaries", N_("Beneficiaries")),
    ("sustainability", N_("Sustainability")),
    ("partner_roles", N_("Partners' roles")),
    ("summary_en", N_("Summary in English")),
)
DNH_FIELDS: tuple[tuple[str, str], ...] = (
    ("dnh_risks", N_("Risks to participants and communities")),
    ("dnh_sensitive_groups", N_("Sensitive groups involved")),
    ("dnh_stigma", N_("How stigma and securitisation are avoided")),
    ("dnh_data_protection", N_("Data protection")),
    ("dnh_mitigation", N_("Mitigation")),
)


def _text_box(height: int = 56) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setMinimumHeight(height)
    edit.setTabChangesFocus(True)
    return edit


def text_tab(fields: FieldSet, rows: Sequence[tuple[str, str]]) -> QWidget:
    """Long texts in two columns (first half left), each under a label as wide as its column,
    so five of them fit a 768-pixel screen in every language."""
    tab = QWidget()
    columns = QHBoxLayout(tab)
    half = (len(rows) + 1) // 2
    stacks = [QVBoxLayout(), QVBoxLayout()]
    for index, (name, msgid) in enumerate(rows):
        label, box, error = QLabel(tab), _text_box(), ErrorLabel(tab)
        label.setWordWrap(True)
        label.setBuddy(box)
        stack = stacks[0 if index < half else 1]
        stack.addWidget(label)
        stack.addWidget(box, 1)
        stack.addWidget(error)
        fields.register(name, msgid, box, error, label)
    stacks[1].addStretch(0)
    for stack in stacks:
        columns.addLayout(stack, 1)
    return tab


# --- the small dialogs -------------------------------------------------------------------------


class ActivityDialog(EditorDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        proposal_id: str,
        activity: ProposalActivity | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.proposal_id = ctx, proposal_id
        self.record_id = activity.id if activity else None
        form = QFormLayout()
        self.fields.add_row(form, "title", N_("Activity"), QLineEdit())
        self.fields.add_row(form, "starts_on", N_("Starts on"), DateField())
        self.fields.add_row(form, "ends_on", N_("Ends on"), DateField())
        self.fields.add_row(form, "responsible", N_("Responsible partner"), QLineEdit())
        self.fields.add_row(form, "description", N_("Description"), _text_box())
        if activity is not None:
            names = [n for n in sections.ACTIVITY_FIELDS if n != "position"]
            self.fields.set_values({n: getattr(activity, n) for n in names})
        content = QWidget()
        content.setLayout(form)
        self.finish(content)
        self.resize(min(self.width(), 620), min(self.height(), 420))

    def persist(self) -> str:
        self.fields.check_input()
        if self.record_id is None:
            return sections.add_activity(self.ctx, self.proposal_id, self.fields.values()).id
        changes = self.fields.changes()
        if changes:
            sections.update_activity(self.ctx, self.record_id, changes)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(
            _("New workplan activity") if self.record_id is None else _("Workplan activity")
        )


def _count_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, COUNT_MAX)
    return box


class IndicatorDialog(EditorDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        proposal_id: str,
        indicator: ProposalIndicator | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.proposal_id = ctx, proposal_id
        self.record_id = indicator.id if indicator else None
        form = QFormLayout()
        self.fields.add_row(form, "name", N_("Indicator"), QLineEdit())
        self.fields.add_row(form, "unit", N_("Unit"), QLineEdit())
        self.fields.add_row(form, "gender", N_("Gender"), ChoiceCombo(Gender, N_("Everyone")))
        self.fields.add_row(form, "age_band", N_("Age"), ChoiceCombo(AgeBand, N_("All ages")))
        self.fields.add_row(form, "baseline", N_("Baseline"), _count_box())
        self.fields.add_row(form, "target", N_("Target"), _count_box())
        self.fields.add_row(form, "verification", N_("Means of verification"), QLineEdit())
        if indicator is not None:
            names = [n for n in sections.INDICATOR_FIELDS if n != "position"]
            self.fields.set_values({n: getattr(indicator, n) for n in names})
        else:
            self.fields.set_values({"gender": None, "age_band": None})
        content = QWidget()
        content.setLayout(form)
        self.finish(content)
        self.resize(min(self.width(), 620), min(self.height(), 420))

    def persist(self) -> str:
        if self.record_id is None:
            return sections.add_indicator(self.ctx, self.proposal_id, self.fields.values()).id
        changes = self.fields.changes()
        if changes:
            sections.update_indicator(self.ctx, self.record_id, changes)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New indicator") if self.record_id is None else _("Indicator"))


# --- the grids ---------------------------------------------------------------------------------


class ChildGrid(QWidget):
    """A small grid of a proposal's child records with New, Open and Delete."""

    changed = Signal()
    columns: tuple[str, ...] = ()
    new_msgid = ""
    accessible_msgid = ""

    def __init__(
        self,
        ctx: ServiceContext,
        ensure_proposal: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.ensure_proposal = ctx, ensure_proposal
        self.proposal: FundProposal | None = None
        self.proposal_id: str | None = None
        self.records: list[Any] = []
        self.read_only = False
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.edit_record())
        opens_on_enter(self.table, self.edit_record)
        self.add_button, self.edit_button = QPushButton(self), QPushButton(self)
        self.delete_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_record)
        self.delete_button.clicked.connect(self.delete_record)
        self.error = ErrorLabel(self)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            self.buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)

    # what a grid provides
    def fetch(self, proposal_id: str) -> list[Any]:
        raise NotImplementedError

    def cells(self, record: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def dialog(self, record: Any | None) -> EditorDialog:
        raise NotImplementedError

    def remove(self, record: Any) -> None:
        raise NotImplementedError

    def name_of(self, record: Any) -> str:
        raise NotImplementedError

    def right_aligned(self) -> set[int]:
        return set()

    # shared behaviour
    def load(self, proposal: FundProposal | None) -> None:
        self.proposal = proposal
        self.proposal_id = proposal.id if proposal else None
        self.records = self.fetch(self.proposal_id) if self.proposal_id else []
        self.table.setRowCount(len(self.records))
        right = self.right_aligned()
        for row, record in enumerate(self.records):
            for column, text in enumerate(self.cells(record)):
                item = QTableWidgetItem(text)
                if column in right:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def current(self) -> Any | None:
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def add_record(self) -> None:
        proposal_id = self.ensure_proposal()
        if proposal_id is not None:
            self.proposal_id = proposal_id
            self._open(None)

    def edit_record(self) -> None:
        record = self.current()
        if record is not None and not self.read_only:
            self._open(record)

    def _open(self, record: Any | None) -> None:
        if self.dialog(record).exec():
            self.reload()
            self.changed.emit()

    def reload(self) -> None:
        from hubdesk.services import fund

        assert self.proposal_id is not None
        self.load(fund.get_proposal(self.ctx, self.proposal_id))

    def delete_record(self) -> None:
        record = self.current()
        if record is None or not dialogs.confirm_delete(self, self.name_of(record)):
            return
        try:
            self.remove(record)
        except (ValidationError, *PERSON_ERRORS) as error:
            dialogs.show_error(self, _("Not deleted"), getattr(error, "message", str(error)))
            return
        self.reload()
        self.changed.emit()

    def setReadOnly(self, read_only: bool) -> None:
        self.read_only = read_only
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setVisible(not read_only)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(c) for c in self.columns])
        self.table.setAccessibleName(_(self.accessible_msgid))
        self.add_button.setText(_(self.new_msgid))
        self.edit_button.setText(pgettext("button", "Open"))
        self.delete_button.setText(_("Delete"))


class WorkplanTab(ChildGrid):
    columns = (N_("Activity"), N_("Starts on"), N_("Ends on"), N_("Responsible partner"))
    new_msgid = N_("New activity")
    accessible_msgid = N_("Workplan")

    def __init__(
        self,
        ctx: ServiceContext,
        ensure_proposal: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, ensure_proposal, parent)
        self.retranslate()

    def fetch(self, proposal_id: str) -> list[Any]:
        return list(sections.list_activities(self.ctx, proposal_id))

    def cells(self, record: Any) -> tuple[str, ...]:
        a: ProposalActivity = record
        return (a.title, format_date(a.starts_on), format_date(a.ends_on), a.responsible)

    def dialog(self, record: Any | None) -> EditorDialog:
        assert self.proposal_id is not None
        return ActivityDialog(self.ctx, proposal_id=self.proposal_id, activity=record, parent=self)

    def remove(self, record: Any) -> None:
        sections.delete_activity(self.ctx, record.id)

    def name_of(self, record: Any) -> str:
        return _("workplan activity “{name}”").format(name=record.title)


def indicator_scope(indicator: ProposalIndicator) -> str:
    """Whom a row of an indicator counts: "Female · 15–19", "15–19", or "Everyone"."""
    parts = [label(indicator.gender, Gender)] if indicator.gender else []
    parts += [label(indicator.age_band, AgeBand)] if indicator.age_band else []
    return " · ".join(parts) or _("Everyone")


class IndicatorsTab(ChildGrid):
    columns = (
        N_("Indicator"),
        N_("Who"),
        N_("Unit"),
        N_("Baseline"),
        N_("Target"),
        N_("Result"),
    )
    new_msgid = N_("New indicator")
    accessible_msgid = N_("Indicators")
    RESULT = 5

    def __init__(
        self,
        ctx: ServiceContext,
        ensure_proposal: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, ensure_proposal, parent)
        self.results: dict[str, QSpinBox] = {}
        self.save_results_button = QPushButton(self)
        self.save_results_button.clicked.connect(self.save_results)
        self.buttons.insertWidget(0, self.save_results_button)
        self.retranslate()

    def fetch(self, proposal_id: str) -> list[Any]:
        return list(sections.list_indicators(self.ctx, proposal_id))

    def cells(self, record: Any) -> tuple[str, ...]:
        i: ProposalIndicator = record
        result = "" if i.result is None else format_number(i.result)
        return (
            i.name,
            indicator_scope(i),
            i.unit,
            format_number(i.baseline),
            format_number(i.target),
            result,
        )

    def right_aligned(self) -> set[int]:
        return {3, 4, 5}

    def reporting(self) -> bool:
        """Results are entered by the municipality once its proposal is being implemented."""
        p = self.proposal
        return (
            p is not None
            and not self.ctx.is_hub
            and p.municipality_id == self.ctx.municipality_id
            and p.status in SPENDING_STATUSES
        )

    def load(self, proposal: FundProposal | None) -> None:
        super().load(proposal)
        self.results = {}
        reporting = self.reporting()
        self.save_results_button.setVisible(reporting)
        if not reporting:
            return
        for row, record in enumerate(self.records):
            box = QSpinBox()
            box.setRange(-1, COUNT_MAX)
            box.setSpecialValueText("–")  # not counted yet
            box.setValue(-1 if record.result is None else record.result)
            box.setAccessibleName(_("Result of {indicator}").format(indicator=record.name))
            self.table.setCellWidget(row, self.RESULT, box)
            self.results[record.id] = box
        self._initial = {k: box.value() for k, box in self.results.items()}

    def pending(self) -> dict[str, int | None]:
        """The results typed here and not saved yet (None: "not counted yet")."""
        return {
            k: None if b.value() < 0 else b.value()
            for k, b in self.results.items()
            if b.value() != self._initial[k]
        }

    def restore(self, results: dict[str, int | None]) -> None:
        """Put back what was typed and not saved, after the tab was read again."""
        for indicator_id, value in results.items():
            box = self.results.get(indicator_id)
            if box is not None:
                box.setValue(-1 if value is None else value)

    def save_results(self) -> None:
        changed = {k: b.value() for k, b in self.results.items() if b.value() != self._initial[k]}

        def save() -> None:
            for indicator_id, value in changed.items():
                sections.record_result(self.ctx, indicator_id, None if value < 0 else value)
                self._initial[indicator_id] = value

        self.error.show_message(None)
        if run_guarded(self, save, lambda e: self.error.show_message(e.message)):
            self.changed.emit()

    def dialog(self, record: Any | None) -> EditorDialog:
        assert self.proposal_id is not None
        return IndicatorDialog(
            self.ctx, proposal_id=self.proposal_id, indicator=record, parent=self
        )

    def remove(self, record: Any) -> None:
        sections.delete_indicator(self.ctx, record.id)

    def name_of(self, record: Any) -> str:
        return _("indicator “{name}”").format(name=record.name)

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "save_results_button"):
            self.save_results_button.setText(_("Save results"))


def fit_tabs(dialog: QWidget, tabs: QTabWidget, margin: int = 48) -> None:
    """Widen ``dialog`` so every tab title shows without scrolling, as far as the screen allows.
    (The proposal's dozen tabs stand down its side instead: ``hubdesk.ui.side_tabs``.)"""
    wanted = tabs.tabBar().sizeHint().width() + margin
    screen = dialog.screen().availableGeometry() if dialog.screen() else None
    if screen is not None:
        wanted = min(wanted, int(screen.width() * 0.95))
    if dialog.width() < wanted:
        dialog.resize(wanted, dialog.height())
