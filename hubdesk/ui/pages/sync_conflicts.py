"""The Sync page's Conflicts tab: each version that lost a concurrent edit, both versions side
by side in the window's words, and the one decision a person makes about it (keep the current
version, or bring the other back). A tab of its own so the Sync page stays about exchanging."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_datetime
from hubdesk.services.context import ServiceContext
from hubdesk.sync import conflicts, peers
from hubdesk.sync.conflict_words import differences, entry_name, named, part_names, related_names
from hubdesk.ui import dialogs


def table(parent: QWidget, columns: int) -> QTableWidget:
    """A read-only table of whole rows, as the Sync page shows its lists."""
    out = QTableWidget(0, columns, parent)
    out.setTabKeyNavigation(False)  # Tab leaves the list
    out.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    out.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    out.horizontalHeader().setStretchLastSection(True)
    out.verticalHeader().setVisible(False)
    return out


def explanation(view: conflicts.ConflictView, record: str, place: str, parts: str = "") -> str:
    """What happened to the record and what each button does, so a person can decide without
    reading a "Deleted: No / Yes" row as database words. ``parts`` names the records in it
    whose deletion lost with it (``view.parts``): the whole story in one entry."""
    current_deleted = view.current is None or bool(view.current.get("deleted"))
    if view.other.get("deleted") and not current_deleted and parts:
        return _(
            "{record} was deleted on {place}, but another PC changed something in it meanwhile"
            " ({parts}), so it came back with everything in it, and with that change as the"
            " other PC left it (below, beside the version deleted); nothing was lost. “Keep"
            " current” keeps it; “Keep the other version” deletes it again, with everything"
            " in it."
        ).format(record=record, place=place, parts=parts)
    if view.other.get("deleted") and not current_deleted:
        return _(
            "{record} was deleted on {place}, but another PC changed something in it meanwhile,"
            " so it came back with everything in it; nothing was lost. “Keep current” keeps it;"
            " “Keep the other version” deletes it again."
        ).format(record=record, place=place)
    if current_deleted and not view.other.get("deleted"):
        return _(
            "{record} was deleted, so the change made on {place} meanwhile was not used."
            " “Keep current” leaves it deleted; “Keep the other version” brings it back with"
            " that change."
        ).format(record=record, place=place)
    return _(
        "{record} was changed on two PCs before they exchanged files. The other version was"
        " made on {place}. “Keep current” keeps what is used now; “Keep the other version”"
        " puts the other one back."
    ).format(record=record, place=place)


def fill(target: QTableWidget, rows: list[list[str]], ids: list[Any] | None = None) -> None:
    """Show ``rows`` of texts, the first cell of each carrying its id when given."""
    target.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if ids is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, ids[r])
            target.setItem(r, c, item)
    target.resizeColumnsToContents()


class ConflictsTab(QWidget):
    """``on_failure`` shows a refused decision (a permission, a record since deleted) as the
    page shows its other refusals; ``on_decided`` lets the page read everything again, since a
    decision is a new edit that changes what leaves this PC next."""

    def __init__(
        self,
        ctx: ServiceContext,
        on_failure: Callable[[str, Exception], None],
        on_decided: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.on_failure = on_failure
        self.on_decided = on_decided
        self.conflict_list = QListWidget(self)
        # A proposal is named by its reference and title, often longer than the list is wide:
        # wrapped onto a second line rather than cut off behind a sideways scroll bar.
        self.conflict_list.setWordWrap(True)
        self.conflict_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.conflict_list.setSpacing(2)  # a wrapped name reads as one entry
        self.conflict_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conflict_list.currentItemChanged.connect(self.show_conflict)
        self.versions = table(self, 3)
        self.what_happened = QLabel(self)
        self.what_happened.setWordWrap(True)
        self.keep_current_button = QPushButton(self)
        self.keep_current_button.clicked.connect(lambda: self.resolve(keep_other=False))
        self.keep_other_button = QPushButton(self)
        self.keep_other_button.clicked.connect(lambda: self.resolve(keep_other=True))
        right = QVBoxLayout()
        right.addWidget(self.what_happened)
        right.addWidget(self.versions, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_current_button)
        buttons.addWidget(self.keep_other_button)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.conflict_list, 1)
        layout.addLayout(right, 2)

    def retranslate(self) -> None:
        self.versions.setHorizontalHeaderLabels([_("Field"), _("Current"), _("Other version")])
        if self.versions.rowCount() == 0:  # headers whole ("Тренутна верзија" cut at 100 px)
            self.versions.resizeColumnsToContents()
        self.keep_current_button.setText(_("Keep current"))
        self.keep_other_button.setText(_("Keep the other version"))

    def refresh(self) -> None:
        self.conflict_list.clear()
        names = related_names(self.ctx)
        for c in conflicts.list_conflicts(self.ctx):
            item = QListWidgetItem(entry_name(c, names))
            item.setToolTip(_("Found on {when}").format(when=format_datetime(c.detected_at)))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.conflict_list.addItem(item)
        self.show_conflict()

    def show_conflict(self, *_args: object) -> None:
        item: QListWidgetItem | None = self.conflict_list.currentItem()  # None when none chosen
        enabled = item is not None
        self.keep_current_button.setEnabled(enabled)
        self.keep_other_button.setEnabled(enabled)
        nothing = self.conflict_list.count() == 0
        self.what_happened.setVisible(enabled or nothing)
        if item is None:
            self.versions.setRowCount(0)
            self.versions.resizeColumnsToContents()  # to the headers, whole
            if nothing:  # an empty tab says so, rather than showing a blank table
                self.what_happened.setText(_("No conflicts to review."))
            return
        view = conflicts.get_conflict(self.ctx, item.data(Qt.ItemDataRole.UserRole))
        names = related_names(self.ctx)
        self.what_happened.setText(
            explanation(
                view,
                named(view, names),
                self.place(view.other_installation),
                "; ".join(part_names(view, names)),
            )
        )
        fill(self.versions, [list(row) for row in differences(view, names)])

    def place(self, installation_id: str) -> str:
        """The PC a version was made on, as a person knows it."""
        if installation_id == self.ctx.installation_id:
            return _("this PC")
        known = {p.id: p.name or p.municipality_name for p in peers.list_peers(self.ctx)}
        return known.get(installation_id) or _("another PC")

    def confirmed_deletion(self, conflict_id: int) -> bool:
        """Keeping a lost deletion deletes the record again, with what lives under it (a
        meeting's attendance and action items): asked first, as any deletion is."""
        view = conflicts.get_conflict(self.ctx, conflict_id)
        current = view.current or {}
        if not view.other.get("deleted") or current.get("deleted") or not current:
            return True
        record = named(view, related_names(self.ctx))
        return dialogs.confirm_delete(self, _("'{name}'").format(name=record))

    def resolve(self, keep_other: bool) -> None:
        item: QListWidgetItem | None = self.conflict_list.currentItem()  # None when none chosen
        if item is None:
            return
        conflict_id = item.data(Qt.ItemDataRole.UserRole)
        if keep_other and not self.confirmed_deletion(conflict_id):
            return
        try:
            if keep_other:
                conflicts.keep_other(self.ctx, conflict_id)
            else:
                conflicts.keep_current(self.ctx, conflict_id)
        except Exception as error:  # a person's problem (permission), shown, not raised
            self.on_failure(_("Conflicts"), error)
        self.on_decided()
