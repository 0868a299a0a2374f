"""Editors for a team member and for the team itself."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import Gender, Sector, TeamKind, TeamRole
from hubdesk.domain.trainings import TrainingRole
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date
from hubdesk.i18n.scripts import OTHER_SCRIPT_HINT, OTHER_SCRIPT_LABEL
from hubdesk.services import team, trainings
from hubdesk.services.context import ServiceContext
from hubdesk.services.town_names import team_choices
from hubdesk.ui import dialogs
from hubdesk.ui.forms import EditorDialog, reveal, write_value
from hubdesk.ui.history_panel import add_history_button
from hubdesk.ui.widgets import ChoiceCombo, DateField, IdCombo

EARLIER_NOTES = N_("Earlier notes on trainings (typed before the register)")


def team_combo(ctx: ServiceContext) -> IdCombo:
    combo = IdCombo()
    combo.set_items(team_choices(ctx))
    return combo


class MemberDialog(EditorDialog):
    """A member's details; contacts and notes are marked as staying on this PC."""

    def __init__(
        self, ctx: ServiceContext, member_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = member_id
        self.setObjectName("memberDialog")
        f = self.fields
        main = QFormLayout()
        f.add_row(main, "name", N_("Name"), QLineEdit())
        f.add_row(main, "organisation", N_("Organisation"), QLineEdit())
        f.add_row(main, "sector", N_("Sector"), ChoiceCombo(Sector))
        f.add_row(main, "role", N_("Role in team"), ChoiceCombo(TeamRole))
        f.add_row(main, "team_id", N_("Team"), team_combo(ctx))
        f.add_row(main, "gender", N_("Gender"), ChoiceCombo(Gender))
        f.add_row(main, "joined_on", N_("Joined on"), DateField())
        f.add_row(main, "left_on", N_("Left on"), DateField())
        side = QVBoxLayout()
        # Trainings come from the register (the Trainings page); what was typed here before
        # it existed stays readable as earlier notes.
        self.trainings_title = QLabel()
        self.trainings_title.setObjectName("sectionTitle")
        self.trainings_list = QLabel()
        self.trainings_list.setObjectName("memberTrainings")
        self.trainings_list.setWordWrap(True)
        self.trainings_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side.addWidget(self.trainings_title)
        side.addWidget(self.trainings_list)
        trainings_notes = QFormLayout()
        notes_box = QPlainTextEdit()
        notes_box.setMaximumHeight(80)
        f.add_row(trainings_notes, "trainings", EARLIER_NOTES, notes_box)
        side.addLayout(trainings_notes)
        self.private_box = QGroupBox()
        self.private_box.setObjectName("privateBox")
        private = QFormLayout(self.private_box)
        self.private_note = QLabel()
        self.private_note.setWordWrap(True)
        self.private_note.setObjectName("hint")
        private.addRow(self.private_note)
        f.add_row(private, "email", N_("E-mail"), QLineEdit())
        f.add_row(private, "phone", N_("Phone"), QLineEdit())
        f.add_row(private, "consent_on", N_("Consent to keep contacts given on"), DateField())
        f.add_row(private, "notes", N_("Notes"), QPlainTextEdit())
        side.addWidget(self.private_box)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(main, 1)
        columns.addLayout(side, 1)
        if member_id is not None:
            member = team.get_member(ctx, member_id)
            f.set_values({name: getattr(member, name) for name in team.MEMBER_FIELDS})
        else:
            f.set_values({"role": "member", "team_id": None})
        add_history_button(self, "members", self.reload)
        self.finish(content)
        if ctx.municipality_id is None:
            self.set_read_only(True)

    def propose_leaving(self, day: dt.date) -> None:
        """Fill in the day the member left, to be corrected and saved by the person (the way
        offered instead of deleting someone with a past at the team's meetings)."""
        left_on = self.fields.fields["left_on"].widget
        write_value(left_on, day)
        reveal(left_on)

    def _register_text(self) -> str:
        """The member's trainings as the register holds them, one per line."""
        parts = trainings.member_trainings(self.ctx, self.record_id) if self.record_id else []
        if not parts:
            return _("None recorded in the register yet.")
        lines = []
        for part in parts:
            line = f"{format_date(part.starts_on)}  {part.training_title}"
            if part.role == TrainingRole.TRAINER:
                line += " · " + TrainingRole(part.role).label
            elif part.train_the_trainer:
                line += " · " + _("Training of trainers")
            lines.append(line)
        return "\n".join(lines)

    def save(self) -> bool:
        """A trainer leaving is told what the team loses first, and may still leave."""
        if self.record_id is not None and not self.read_only:
            warning = trainings.leaving_warning(self.ctx, self.record_id, self.fields.changes())
            if warning and not dialogs.confirm(
                self,
                _("A trainer leaves the team"),
                warning + "\n\n" + _("Record that this member leaves?"),
                yes=_("Record the leaving"),
                no=_("Cancel"),
            ):
                return False
        return super().save()

    def reload(self) -> None:
        """Show the stored values again (after a restore from the history)."""
        assert self.record_id is not None
        member = team.get_member(self.ctx, self.record_id)
        self.fields.set_values({name: getattr(member, name) for name in team.MEMBER_FIELDS})

    def persist(self) -> str:
        if self.record_id is None:
            return team.create_member(self.ctx, self.fields.values()).id
        changes = self.fields.changes()
        if changes:
            team.update_member(self.ctx, self.record_id, changes)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New member") if self.record_id is None else _("Member"))
        self.trainings_title.setText(_("Trainings (from the register)"))
        self.trainings_list.setText(self._register_text())
        self.private_box.setTitle(_("Contacts and notes: stay on this PC"))
        self.private_note.setText(
            _("These fields are never sent to the hub; they stay on this municipality's PCs.")
        )


class TeamDialog(EditorDialog):
    """The team's name, kind, founding date and mandate."""

    def __init__(
        self, ctx: ServiceContext, team_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = team_id
        form = QFormLayout()
        self.fields.add_row(form, "name", N_("Team name"), QLineEdit())
        self.other_name = QLineEdit()
        self.fields.add_row(form, "name_other_script", OTHER_SCRIPT_LABEL, self.other_name)
        self.fields.add_row(form, "kind", N_("Kind of team"), ChoiceCombo(TeamKind))
        self.fields.add_row(form, "established_on", N_("Established on"), DateField())
        self.fields.add_row(form, "mandate_ref", N_("Mandate (decision reference)"), QLineEdit())
        if team_id is not None:
            record = team.get_team(ctx, team_id)
            self.fields.set_values({name: getattr(record, name) for name in team.TEAM_FIELDS})
        else:
            self.fields.set_values({"kind": "cat"})
        content = QWidget()
        content.setLayout(form)
        self.finish(content)
        self.resize(min(self.width(), 560), min(self.height(), 320))

    def persist(self) -> str:
        if self.record_id is None:
            return team.create_team(self.ctx, self.fields.values()).id
        changes = self.fields.changes()
        if changes:
            team.update_team(self.ctx, self.record_id, changes)
        return self.record_id

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New team") if self.record_id is None else _("Team"))
        self.other_name.setToolTip(_(OTHER_SCRIPT_HINT))
