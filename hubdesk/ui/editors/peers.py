"""Editors of peer learning: this city's part of an exchange, and a good practice.

A municipality knows no other municipality, so the other cities are typed; the fields offer
the names typed before (and, at the hub, the municipalities it holds) to keep spellings the same.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import Pillar, Theme
from hubdesk.domain.peers import ExchangeKind, ExchangeRole, PracticeState
from hubdesk.i18n import N_, _
from hubdesk.services import exchanges, practices
from hubdesk.services.context import ServiceContext
from hubdesk.ui.code_picker import CodePicker
from hubdesk.ui.editors.activity import count_box
from hubdesk.ui.forms import EditorDialog, fit_to_screen, labels_on_one_line
from hubdesk.ui.top_tabs import top_tabs
from hubdesk.ui.widgets import ChoiceCombo, DateField, MoneyField


def long_text(height: int = 64) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setMinimumHeight(height)
    edit.setTabChangesFocus(True)
    return edit


class NamesField(QWidget):
    """Names of municipalities on one line, separated by semicolons, with completion."""

    changed = Signal()

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        completer = QCompleter(names, self.edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.edit.setCompleter(completer)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

    def value(self) -> list[str]:
        return [part.strip() for part in self.edit.text().split(";") if part.strip()]

    def set_value(self, value: list[str] | None) -> None:
        self.edit.setText("; ".join(value or []))

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class ExchangePartDialog(EditorDialog):
    """This city's part of an exchange (read-only at the hub, which holds every city's)."""

    def __init__(
        self, ctx: ServiceContext, part_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, part_id
        self.setObjectName("exchangeDialog")
        names = exchanges.known_names(ctx)
        f = self.fields
        self.tabs = top_tabs(self)
        first, second = QWidget(), QWidget()
        left = QFormLayout(first)
        f.add_row(left, "role", N_("This municipality's part"), ChoiceCombo(ExchangeRole))
        f.add_row(left, "kind", N_("Kind of exchange"), ChoiceCombo(ExchangeKind))
        f.add_row(left, "topic", N_("Topic"), QLineEdit())
        host = QLineEdit()
        completer = QCompleter(names, host)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        host.setCompleter(completer)
        f.add_row(left, "host_name", N_("Host municipality (when we visited)"), host)
        f.add_row(
            left, "partner_names", N_("Other municipalities (separated by ;)"), NamesField(names)
        )
        f.add_row(left, "starts_on", N_("First day"), DateField(optional=False))
        f.add_row(left, "ends_on", N_("Last day"), DateField(optional=True))
        f.add_row(left, "pillar", N_("Pillar"), ChoiceCombo(Pillar))
        f.add_row(left, "themes", N_("Themes"), CodePicker(Theme, N_("No theme")))
        right = QFormLayout(second)
        f.add_row(right, "participants", N_("Participants from this municipality"), count_box())
        f.add_row(right, "participants_women", N_("Of them, women"), count_box())
        f.add_row(right, "learned", N_("What was learned"), long_text(90))
        f.add_row(right, "follow_up", N_("Follow-up"), long_text(90))
        self.tabs.addTab(first, "")
        self.tabs.addTab(second, "")
        if part_id is None:
            f.set_values({"role": ExchangeRole.HOST.value, "kind": ExchangeKind.STUDY_VISIT.value,
                          "pillar": Pillar.PEER_LEARNING.value, "themes": [],
                          "partner_names": []})  # fmt: skip
        else:
            part = exchanges.get_part(ctx, part_id)
            f.set_values({n: getattr(part, n) for n in exchanges.PART_FIELDS})
        labels_on_one_line(left)
        self.finish(self.tabs)
        fit_to_screen(self, 820, 640)
        if ctx.municipality_id is None:
            self.set_read_only(True)

    def persist(self) -> str:
        if self.record_id is None:
            return exchanges.create_part(self.ctx, self.fields.values()).id
        changes = self.fields.changes()
        if changes:
            exchanges.update_part(self.ctx, self.record_id, changes)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New exchange") if self.record_id is None else _("Exchange"))
        self.tabs.setTabText(0, _("Exchange"))
        self.tabs.setTabText(1, _("Participants and learning"))


PRACTICE_TEXTS = (
    ("context", N_("Context")),
    ("problem", N_("The problem")),
    ("actions", N_("What was done")),
    ("partners", N_("Partners")),
    ("results", N_("Results")),
    ("adapt", N_("What another city needs to adapt it")),
)


class PracticeDialog(EditorDialog):
    """A good practice of this city: editable while a draft or returned; read elsewhere."""

    def __init__(
        self,
        ctx: ServiceContext,
        practice_id: str | None = None,
        parent: QWidget | None = None,
        prefill: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.record_id = ctx, practice_id
        self.setObjectName("practiceDialog")
        f = self.fields
        self.tabs = top_tabs(self)
        first, second = QWidget(), QWidget()
        top = QFormLayout(first)
        f.add_row(top, "title", N_("Title"), QLineEdit())
        f.add_row(top, "pillar", N_("Pillar"), ChoiceCombo(Pillar))
        f.add_row(top, "themes", N_("Themes"), CodePicker(Theme, N_("No theme")))
        # A new practice's cost is in its municipality's currency unless it starts from a
        # proposal: a field in euros (two decimals) read 1500 dinars as 150000.
        currency = (prefill or {}).get("currency") or (
            practices.default_currency(ctx) if ctx.municipality_id else "EUR"
        )
        self.row: practices.PracticeRow | None = None
        if practice_id is not None:
            self.row = practices.get_practice(ctx, practice_id)
            currency = self.row.practice.currency
        f.add_row(top, "cost_minor", N_("What it cost"), MoneyField(currency))
        f.add_row(top, "contact_role", N_("Whom to ask (a role, not a name)"), QLineEdit())
        texts = QFormLayout(second)
        for name, msgid in PRACTICE_TEXTS:
            f.add_row(texts, name, msgid, long_text())
        self.tabs.addTab(first, "")
        self.tabs.addTab(second, "")
        holder = QWidget(self)
        stack = QVBoxLayout(holder)
        stack.setContentsMargins(0, 0, 0, 0)
        self.hub_words = QPlainTextEdit(holder)
        self.hub_words.setObjectName("hubWords")
        self.hub_words.setReadOnly(True)
        self.hub_words.setMaximumHeight(80)
        stack.addWidget(self.hub_words)
        stack.addWidget(self.tabs, 1)
        fields: tuple[str, ...] = ("title", "pillar", "themes", "cost_minor", "contact_role")
        fields += tuple(n for n, _m in PRACTICE_TEXTS)
        self.prefill = dict(prefill or {})
        if self.row is None:
            values = {"pillar": Pillar.PEER_LEARNING.value, "themes": [], "cost_minor": 0}
            values.update({k: v for k, v in self.prefill.items() if k in fields})
            f.set_values(values)
            f.baseline = {}  # a prefilled form is all new
        else:
            f.set_values({n: getattr(self.row.practice, n) for n in fields})
        self.finish(holder)
        fit_to_screen(self, 860, 680)
        editable = self.row is None or self.row.state in (
            PracticeState.DRAFT,
            PracticeState.RETURNED,
        )
        if ctx.municipality_id is None or not editable:
            self.set_read_only(True)

    def persist(self) -> str:
        if self.record_id is None:
            values = self.fields.values()
            for key in ("proposal_id", "currency", "language"):
                if key in self.prefill:
                    values[key] = self.prefill[key]
            return practices.create_practice(self.ctx, values).id
        changes = self.fields.changes()
        if changes:
            practices.update_practice(self.ctx, self.record_id, changes)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(
            _("New good practice") if self.record_id is None else _("Good practice")
        )
        self.tabs.setTabText(0, _("Good practice"))
        self.tabs.setTabText(1, _("The case"))
        words = []
        if self.row is not None:
            words.append(_("State: {state}").format(state=self.row.state.label))
            if self.row.note:
                words.append(_("Note from the hub: {note}").format(note=self.row.note))
            if self.row.summary:
                words.append(_("The hub's summary: {summary}").format(summary=self.row.summary))
        self.hub_words.setPlainText("\n".join(words))
        self.hub_words.setVisible(bool(words))
