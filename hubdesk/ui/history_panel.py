"""The history of one record: every change, who made it where, old → new, and restoring.

Opened from a record's editor ("History…"). The list comes from the audit trail and the
conflict log (``services.history``), so changes that arrived by sync and versions that lost a
conflict are there too. Restoring never rewrites the past: it is a new change, checked by the
same rules as the form, after the person confirmed it; the editor then shows the new values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.i18n import N_, _, current_language
from hubdesk.i18n.formatting import format_datetime
from hubdesk.services import history
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.sync.errors import SyncError
from hubdesk.tables.labels import display_value, field_label
from hubdesk.ui import dialogs
from hubdesk.ui.forms import PERSON_ERRORS, fit_to_screen, run_guarded

if TYPE_CHECKING:
    from hubdesk.ui.forms import EditorDialog

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_LABELS: dict[str, str] = {
    "create": N_("Created"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
    "restore": N_("Earlier value restored"),
    "came_back": N_("Back after its deletion: changed meanwhile on another PC"),
    "sync": N_("Arrived by sync"),
    "conflict": N_("Lost in a conflict"),
}
RESOLUTIONS: dict[str, str] = {
    "": N_("not reviewed yet"),
    "kept": N_("the other version was kept"),
    "reverted": N_("this version was brought back"),
    # group_conflicts.WITH_GROUP: a part's deletion that lost, told in its meeting's or
    # proposal's conflict and decided there
    "with_group": N_("decided with the meeting or proposal it is in"),
}
SHORT = 28  # characters of a value shown on a button


def short(text: str) -> str:
    if not text:
        return _("(empty)")
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


class HistoryDialog(QDialog):
    """Newest change first; each change opens to its fields. ``restored`` after a restore."""

    restored = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        table_name: str,
        record_id: str,
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
        currency: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.ctx, self.table_name, self.record_id = ctx, table_name, record_id
        self.read_only, self.currency = read_only, currency
        self.restorable = set(history.restorable_fields(table_name))
        self.entries: list[history.HistoryEntry] = []
        self.names: dict[str, str] = {}
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(lambda _c=False: self.restore(before=True))
        self.restore_button = QPushButton(self)
        self.restore_button.clicked.connect(lambda _c=False: self.restore(before=False))
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.load()
        self.retranslate()
        fit_to_screen(self, 900, 560)

    # --- the list -------------------------------------------------------------------------------

    def load(self) -> None:
        # Installations, towns and teams in the script of the window's language.
        lang = current_language()
        self.entries = history.record_history(self.ctx, self.table_name, self.record_id, lang)
        self.names = history.related_names(self.ctx, lang)
        self.tree.clear()
        for index, entry in enumerate(self.entries):
            top = QTreeWidgetItem(self.tree)
            top.setData(0, ENTRY_ROLE, (index, None))
            for change in entry.changes:
                child = QTreeWidgetItem(top)
                child.setData(0, ENTRY_ROLE, (index, change.field))
            top.setExpanded(index < 10)  # the recent past open, older changes folded
        self._fill_texts()
        self._update_buttons()

    def _fill_texts(self) -> None:
        for row in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(row)
            assert top is not None  # rows are counted just above
            entry = self.entries[row]
            texts = (format_datetime(entry.at), self.who(entry), self.what(entry), "")
            for column, text in enumerate(texts):
                top.setText(column, text)
                top.setToolTip(column, text)
            for number, change in enumerate(entry.changes):
                child = top.child(number)
                assert child is not None  # one child per change, made by _fill
                child.setText(2, field_label(self.table_name, change.field))
                child.setText(3, self.old_new(entry, change))
                child.setToolTip(3, child.text(3))

    def who(self, entry: history.HistoryEntry) -> str:
        name = entry.installation_name or _("an installation unknown here ({id})").format(
            id=entry.installation_id[:8]
        )
        if entry.person:  # a hub with several staff: who among them
            name = _("{name}, {person}").format(name=name, person=entry.person)
        yours = history.made_here_by_you(self.ctx, entry)
        if yours is not None:  # a hub on a server: every staff PC is this installation
            return _("{name} (you)").format(name=name) if yours else name
        if entry.installation_id == self.ctx.installation_id:
            return _("{name} (this PC)").format(name=name)
        return name

    def what(self, entry: history.HistoryEntry) -> str:
        label = _(ACTION_LABELS.get(entry.action, entry.action))
        if entry.is_conflict:
            return _("{what}: {resolution}").format(
                what=label, resolution=_(RESOLUTIONS.get(entry.resolution, entry.resolution))
            )
        return label

    def shown_value(self, field: str, value: Any) -> str:
        return display_value(
            self.table_name, field, value, currency=self.currency, names=self.names
        )

    def old_new(self, entry: history.HistoryEntry, change: history.FieldChange) -> str:
        old = self.shown_value(change.field, change.old)
        new = self.shown_value(change.field, change.new)
        if entry.is_conflict:
            return _("kept: {kept} · lost: {lost}").format(
                kept=old or _("(empty)"), lost=new or _("(empty)")
            )
        if entry.action == "create":
            return new
        return _("{old} → {new}").format(old=old or _("(empty)"), new=new or _("(empty)"))

    # --- restoring ------------------------------------------------------------------------------

    def selected(self) -> tuple[history.HistoryEntry, str | None] | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        index, field = items[0].data(0, ENTRY_ROLE)
        return self.entries[index], field

    def _restorable(self, entry: history.HistoryEntry) -> list[str]:
        return [c.field for c in entry.changes if c.field in self.restorable]

    def _can(self, before: bool) -> bool:
        chosen = self.selected()
        if chosen is None or self.read_only or entry_is_gone(chosen[0]):
            return False
        entry, field = chosen
        if before and (entry.is_conflict or entry.action == "create"):
            return False  # nothing came before a creation; a lost version has no "before"
        return field in self.restorable if field else bool(self._restorable(entry))

    def _hint_text(self) -> str:
        """What a person can do with the change chosen; a lost version this window cannot
        bring back (a deletion that lost) says where it is decided, not a greyed button only."""
        if self.read_only:
            return _("Earlier values cannot be restored here: this record is read-only.")
        chosen = self.selected()
        open_conflict = chosen is not None and chosen[0].is_conflict and not chosen[0].resolution
        if open_conflict and not self._can(before=False):
            return _(
                "This version cannot be brought back here. Decide this conflict on the "
                "Sync page: Details, then Conflicts."
            )
        return _("Select a change or one of its fields to bring an earlier value back.")

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.hint.setText(self._hint_text())
        self.undo_button.setEnabled(self._can(before=True))
        self.restore_button.setEnabled(self._can(before=False))
        self.undo_button.setText(_("Undo this change"))
        self.restore_button.setText(_("Return to this version"))
        if chosen is None:
            return
        entry, field = chosen
        change = next((c for c in entry.changes if c.field == field), None)
        if change is not None:
            self.undo_button.setText(
                _("Restore “{value}”").format(
                    value=short(self.shown_value(change.field, change.old))
                )
            )
            self.restore_button.setText(
                _("Restore “{value}”").format(
                    value=short(self.shown_value(change.field, change.new))
                )
            )
        elif entry.is_conflict:
            self.restore_button.setText(_("Bring back the version that lost"))

    def question(self, entry: history.HistoryEntry, field: str | None, before: bool) -> str:
        after = _("It is saved as a new change; the history keeps everything.")
        if field is not None:
            change = next(c for c in entry.changes if c.field == field)
            value = self.shown_value(field, change.old if before else change.new)
            ask = _("Set “{field}” back to “{value}”?").format(
                field=field_label(self.table_name, field), value=value or _("(empty)")
            )
        elif entry.is_conflict:
            ask = _("Bring back the version that lost the conflict of {when}?")
        elif before:
            ask = _("Undo the change of {when}?")
        else:
            ask = _("Return the record to how it was after the change of {when}?")
        return f"{ask.format(when=format_datetime(entry.at))} {after}"

    def restore(self, before: bool) -> dict[str, tuple[Any, Any]] | None:
        """Ask, then restore the selected value or version. None when nothing was done."""
        chosen = self.selected()
        if chosen is None or not self._can(before):
            return None
        entry, field = chosen
        if not dialogs.confirm(
            self, _("Restore"), self.question(entry, field, before), _("Restore"), _("Cancel")
        ):
            return None
        try:
            if field is not None:
                changes = history.restore_value(
                    self.ctx, self.table_name, self.record_id, entry.entry_id, field, before=before
                )
            else:
                # Undo restores only what that change touched; a version restores the whole.
                fields = tuple(self._restorable(entry)) if before else None
                changes = history.restore_version(
                    self.ctx, self.table_name, self.record_id, entry.entry_id, fields, before=before
                )
        except ValidationError as error:
            lines = [
                _("{field}: {message}").format(
                    field=field_label(self.table_name, name), message=message
                )
                for name, message in error.by_field().items()
            ]
            dialogs.show_error(self, _("Not restored"), "\n".join(lines))
            return None
        except (*PERSON_ERRORS, SyncError) as error:
            # SyncError: the conflicts view's refusal (the record was deleted since).
            dialogs.show_error(self, _("Not restored"), getattr(error, "message", str(error)))
            return None
        if not changes:
            if entry.is_conflict:
                self.load()  # the conflict may be decided even when no value differed
            dialogs.inform(self, _("Restore"), _("The record already has these values."))
            return None
        self.load()
        self.restored.emit()
        return changes

    def retranslate(self) -> None:
        self.setWindowTitle(_("History"))
        self.tree.setHeaderLabels([_("When"), _("Where"), _("What"), _("Before → after")])
        self.close_button.setText(_("Close"))
        self._fill_texts()
        char = self.tree.fontMetrics().averageCharWidth()
        for column in (0, 1):  # dates and names as long as the language writes them
            self.tree.resizeColumnToContents(column)
            width = self.tree.columnWidth(column)
            self.tree.setColumnWidth(column, min(max(width + 8, char * 16), char * 34))
        self._update_buttons()


def entry_is_gone(entry: history.HistoryEntry) -> bool:
    return entry.action == "delete"


def add_history_button(
    dialog: EditorDialog,
    table_name: str,
    reload: Callable[[], None],
    currency: Callable[[], str | None] | None = None,
) -> QPushButton:
    """A "History…" button for an editor, shown once the record exists. ``reload`` shows the
    stored values again after a restore."""
    button = QPushButton(dialog)
    button.setObjectName("historyButton")
    button.clicked.connect(
        lambda _c=False: show_history(dialog, table_name, reload, currency() if currency else None)
    )
    button.setText(_("History…"))  # an editor is modal: the language cannot change under it
    dialog.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
    # A new record has no history until it is saved (meetings and proposals save while open).
    button.setVisible(dialog.record_id is not None)
    dialog.saved.connect(lambda _id: button.setVisible(dialog.record_id is not None))
    return button


def show_history(
    dialog: EditorDialog,
    table_name: str,
    reload: Callable[[], None],
    currency: str | None = None,
) -> HistoryDialog | None:
    """Open the history of the editor's record; a restore reloads the form (and the list)."""
    if dialog.record_id is None:
        return None
    if dialog.is_dirty():
        # A restore replaces what the form shows: settle unsaved edits first.
        answer = dialogs.ask_unsaved(dialog)
        if answer is dialogs.Unsaved.CANCEL:
            return None
        if answer is dialogs.Unsaved.SAVE:
            if not run_guarded(dialog, dialog._persist, dialog.show_validation):
                return None
            dialog.saved.emit(dialog.record_id or "")
        else:
            reload()
    record_id = dialog.record_id
    assert record_id is not None
    panel = HistoryDialog(
        dialog.ctx,  # type: ignore[attr-defined]
        table_name,
        record_id,
        dialog,
        read_only=dialog.read_only,
        currency=currency,
    )

    def restored() -> None:
        reload()
        dialog.saved.emit(record_id)

    panel.restored.connect(restored)
    panel.exec()
    return panel
