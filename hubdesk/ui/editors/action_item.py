"""An action item agreed at a meeting: what, who, by when, how far."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from hubdesk.domain.enums import ActionStatus
from hubdesk.i18n import N_, _
from hubdesk.services import actions
from hubdesk.services.context import ServiceContext
from hubdesk.ui.forms import EditorDialog
from hubdesk.ui.models.meetings import MemberNames
from hubdesk.ui.widgets import ChoiceCombo, DateField, IdCombo


def owners_with(
    ctx: ServiceContext, owners: list[tuple[str, str]], owner_id: str | None
) -> list[tuple[str, str]]:
    """The members offered, with the item's owner among them: an owner who has left the team
    or was deleted is not offered for new items, and the drop-down then said "Nobody yet" for
    an item the lists show as theirs."""
    if owner_id is None or any(member_id == owner_id for member_id, _name in owners):
        return owners
    return [*owners, (owner_id, MemberNames(ctx)(owner_id))]


class ActionItemDialog(EditorDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        meeting_id: str,
        owners: list[tuple[str, str]],
        item_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.meeting_id, self.record_id = ctx, meeting_id, item_id
        item = actions.get_action_item(ctx, item_id) if item_id is not None else None
        form = QFormLayout()
        self.owner = IdCombo(empty=N_("Nobody yet"))
        self.owner.set_items(owners_with(ctx, owners, item.owner_member_id if item else None))
        self.fields.add_row(form, "title", N_("What is to be done"), QLineEdit())
        self.fields.add_row(form, "owner_member_id", N_("Owner"), self.owner)
        self.fields.add_row(form, "due_on", N_("Due on"), DateField())
        self.fields.add_row(form, "status", N_("Status"), ChoiceCombo(ActionStatus))
        if item is not None:
            self.fields.set_values({n: getattr(item, n) for n in actions.ACTION_UPDATE_FIELDS})
        else:
            self.fields.set_values({"status": ActionStatus.OPEN.value})
        content = QWidget()
        content.setLayout(form)
        self.finish(content)
        self.resize(min(self.width(), 600), min(self.height(), 340))
        if ctx.municipality_id is None:
            self.set_read_only(True)

    def persist(self) -> str:
        if self.record_id is None:
            data = {**self.fields.values(), "meeting_id": self.meeting_id}
            return actions.create_action_item(self.ctx, data).id
        changes = self.fields.changes()
        if changes:
            actions.update_action_item(self.ctx, self.record_id, changes)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New action item") if self.record_id is None else _("Action item"))
