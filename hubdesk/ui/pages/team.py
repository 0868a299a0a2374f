"""The Team page: members of the multi-actor team, who has left under a filter, the team itself."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from hubdesk import clock
from hubdesk.domain.enums import Sector, TeamRole
from hubdesk.i18n import N_, _, ngettext
from hubdesk.services import meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.town_names import team_choices, town_choices
from hubdesk.ui import dialogs
from hubdesk.ui.editors.member import MemberDialog, TeamDialog
from hubdesk.ui.listpage import ListPage
from hubdesk.ui.models.team import HubMemberTableModel, MemberTableModel
from hubdesk.ui.widgets import ChoiceCombo, IdCombo

# Who is listed: (code, msgid); the code is MemberFilter.active.
ACTIVE_CHOICES: tuple[tuple[bool | None, str], ...] = (
    (True, N_("Current members")),
    (False, N_("Members who have left")),
    (None, N_("Everyone")),
)

LEAVE_INSTEAD = N_(
    "If {name} is no longer on the team, record the day they left instead: the history stays "
    "whole, and {name} is listed among the members who have left."
)


class TeamPage(ListPage):
    help_topic: ClassVar[str] = "team"
    title_msgid = N_("Team")
    new_msgid = N_("New member")
    record_msgid = N_("member")
    export_kinds = ("members",)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        super().__init__(ctx, parent)
        self.team_button = QPushButton(self)
        self.team_button.clicked.connect(self.edit_team)
        self.toolbar.insertWidget(2, self.team_button)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(lambda _c=False: self.import_sheet())
        self.toolbar.insertWidget(3, self.import_button)  # next to Export…
        self.add_print_button(N_("Print the roster"), "roster", of_one_town=True)
        self.reload_teams()
        self.retranslate()

    def make_model(self) -> MemberTableModel:
        if self.ctx.is_hub:
            return HubMemberTableModel(self.ctx, team.MemberFilter())
        return MemberTableModel(self.ctx, team.MemberFilter())

    def build_filters(self, row: QHBoxLayout) -> None:
        self.team_filter = IdCombo(empty=N_("All teams"))
        self.sector_filter = ChoiceCombo(Sector, empty=N_("All sectors"))
        self.role_filter = ChoiceCombo(TeamRole, empty=N_("All roles"))
        self.active_filter = QComboBox()
        for value, _msgid in ACTIVE_CHOICES:
            self.active_filter.addItem("", value)
        self.municipality_filter = IdCombo(empty=N_("All municipalities"))
        if not self.ctx.is_hub:  # the hub sees the whole region
            self.municipality_filter.hide()  # never shown here
        for combo, name in (
            (self.municipality_filter, N_("Municipality")),
            (self.team_filter, N_("Team")),
            (self.sector_filter, N_("Sector")),
            (self.role_filter, N_("Role in team")),
            (self.active_filter, N_("Who is listed")),
        ):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
            self.add_filter(row, combo, name)

    def reload_teams(self) -> None:
        if self.ctx.is_hub:  # (each town in the window's script; one an import brought too)
            self.municipality_filter.set_items(town_choices(self.ctx))
        teams = team_choices(self.ctx) if self.ctx.municipality_id else []
        self.team_filter.set_items(teams)
        self.team_filter.setVisible(len(teams) > 1)
        self.team_button.setVisible(self.ctx.municipality_id is not None)
        self.import_button.setVisible(self.ctx.municipality_id is not None)
        self._teams = teams

    def refresh(self) -> None:
        """Read again, the teams of the filter too: a team that came with a bundle, or was
        renamed, was missing from it until the page was made anew."""
        self.reload_teams()
        super().refresh()

    def current_filter(self) -> team.MemberFilter:
        return team.MemberFilter(
            search=self.search.text().strip() or None,
            team_id=self.team_filter.value(),
            sector=self.sector_filter.value(),
            role=self.role_filter.value(),
            active=self.active_filter.currentData(),
            municipality_id=self.municipality_filter.value() if self.ctx.is_hub else None,
        )

    def set_criteria(self, **criteria: Any) -> None:
        """Members of one sector (a dashboard bar), active ones (the members tile)."""
        self.sector_filter.set_value(criteria.pop("sector", None))
        if "active" in criteria:
            self.active_filter.setCurrentIndex(
                [value for value, _m in ACTIVE_CHOICES].index(criteria.pop("active"))
            )
        super().set_criteria(**criteria)

    def can_create(self) -> bool:
        return self.ctx.municipality_id is not None

    def can_delete(self, record: Any) -> bool:
        return self.ctx.municipality_id is not None

    def open_editor(self, record_id: str | None) -> None:
        if record_id is None and not self._teams:
            dialogs.inform(
                self, _("No team yet"), _("Describe your team first; then add its members.")
            )
            if not self.edit_team():
                return
        dialog = MemberDialog(self.ctx, record_id, self)
        dialog.saved.connect(self.after_change)
        dialog.exec()

    def import_sheet(self) -> None:
        """Members from a spreadsheet, through the import wizard."""
        from hubdesk.ui.import_wizard import open_import_wizard

        if not self._teams:
            dialogs.inform(
                self, _("No team yet"), _("Describe your team first; then add its members.")
            )
            if not self.edit_team():
                return
        if open_import_wizard(self.ctx, "members", self):
            self.after_change()

    def edit_team(self) -> bool:
        current = self.team_filter.value() or (self._teams[0][0] if self._teams else None)
        dialog = TeamDialog(self.ctx, current, self)
        saved = bool(dialog.exec())
        if saved:
            self.reload_teams()
            self.changed.emit()
        return saved

    def delete_record(self, record_id: str) -> None:
        team.delete_member(self.ctx, record_id)

    def ask_delete(self, record: Any, what: str) -> bool:
        """A deleted member's attendance stays in the minutes and the rates of the meetings
        they were at (docs/architecture.md, "Deleting a member"), so the plain question ("it
        disappears from reports") would be wrong: this one says how many meetings keep them,
        and offers a member still on the team the leaving instead, which keeps them listed."""
        attended = meetings.meetings_attended(self.ctx, record.id)
        if not attended:
            return super().ask_delete(record, what)
        question = _("Delete {what}?").format(what=what)
        kept = ngettext(
            "Attendance is recorded for {name} at {count} meeting. Deleting takes {name} off "
            "the team's lists here and on the PCs you share data with, but not out of that "
            "meeting's minutes or the attendance rates.",
            "Attendance is recorded for {name} at {count} meetings. Deleting takes {name} off "
            "the team's lists here and on the PCs you share data with, but not out of those "
            "meetings' minutes or the attendance rates.",
            attended,
        ).format(name=record.name, count=attended)
        if record.left_on is not None and record.left_on <= clock.today():
            return dialogs.confirm(
                self, _("Delete"), f"{question}\n\n{kept}", yes=_("Delete"), no=_("Cancel")
            )
        leave_instead = _(LEAVE_INSTEAD).format(name=record.name)
        way = dialogs.choose(
            self,
            _("Delete"),
            question,
            [_("Record that they left the team…"), _("Delete")],
            _("Cancel"),
            f"{kept}\n\n{leave_instead}",
        )
        if way == 0:
            self.record_leaving(record.id)
        return way == 1

    def record_leaving(self, member_id: str) -> None:
        """The member's form with today as the day they left, to correct and save."""
        dialog = MemberDialog(self.ctx, member_id, self)
        dialog.propose_leaving(clock.today())
        dialog.saved.connect(self.after_change)
        dialog.exec()

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "team_button"):
            return
        self.team_button.setText(_("Team details"))
        self.team_button.setToolTip(_("Name, kind and mandate of the team"))
        self.import_button.setText(_("Import…"))
        self.import_button.setToolTip(_("Add or update members from a spreadsheet"))
        for combo in (self.municipality_filter, self.team_filter, self.sector_filter):
            combo.retranslate()
        self.role_filter.retranslate()
        self.reload_teams()  # each team named in the new language's script
        for index, (_value, msgid) in enumerate(ACTIVE_CHOICES):
            self.active_filter.setItemText(index, _(msgid))
