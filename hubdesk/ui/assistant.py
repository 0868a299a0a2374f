"""The first-run assistant: language, who this PC is (or demo data, or an earlier PC's
backup), the keys, done.

Set-up is the commit point: once the installation exists there is no going back a page, and
cancelling before it leaves the data folder as empty as it was.
"""

from __future__ import annotations

import os
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hubdesk import i18n
from hubdesk.domain.enums import Country, Role
from hubdesk.i18n import LANGUAGES, N_, _
from hubdesk.i18n.names import country_name, native_language_name
from hubdesk.services.context import ServiceContext
from hubdesk.services.datafolder import Database
from hubdesk.services.errors import ValidationError
from hubdesk.services.installation import initialise, load_context
from hubdesk.ui import dialogs
from hubdesk.ui.assistant_field import FieldLaptopPage
from hubdesk.ui.assistant_restore import RestorePage
from hubdesk.ui.forms import FieldSet
from hubdesk.ui.qt_translations import apply_qt_language
from hubdesk.ui.widgets import ErrorLabel, IdCombo
from hubdesk.ui.workers import Cancelled, Progress, run_in_background

DEMO = "demo"
RESTORE = "restore"  # a new PC takes over an earlier one's records from its backup


class PageId(IntEnum):
    """Every page names its next one: QWizard's default is the next higher id, which made the
    done page lead on to the field laptop's page instead of finishing."""

    LANGUAGE = 0
    CHOICE = 1
    DETAILS = 2
    DONE = 3
    FIELD = 4  # a field laptop joining its municipality from the municipality's profile
    RESTORE = 5  # a new PC restoring the backup of an earlier one


def system_language() -> str:
    """The HubDesk language closest to the PC's own, English when there is none."""
    locale = QLocale.system()
    code = locale.name().split("_")[0]
    if code == "sr":
        latin = locale.script() == QLocale.Script.LatinScript or _latin_modifier()
        # Qt has no Montenegrin: a PC set to it says Serbian (Latin) in Montenegro, which
        # opened the assistant in ekavian Serbian instead of HubDesk's Montenegrin.
        if latin and locale.territory() == QLocale.Country.Montenegro:
            return "cnr"
        return "sr_Latn" if latin else "sr_Cyrl"
    return code if code in LANGUAGES else "en"


def _latin_modifier() -> bool:
    """Whether the PC's locale variable says Serbian in Latin letters the POSIX way
    ("sr_RS.UTF-8@latin", as Debian writes it), which Qt reads as Cyrillic Serbian."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return value.endswith("@latin")
    return False


class LanguagePage(QWizardPage):
    def __init__(self, wizard: FirstRunAssistant) -> None:
        super().__init__()
        self.assistant = wizard
        self.languages = QListWidget(self)
        self.languages.setObjectName("languageList")
        for code in LANGUAGES:
            item = QListWidgetItem(native_language_name(code))
            item.setData(256, code)
            self.languages.addItem(item)
        current = i18n.current_language()
        self.languages.setCurrentRow(LANGUAGES.index(current) if current in LANGUAGES else 0)
        self.languages.currentRowChanged.connect(self._chosen)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.languages, 1)

    def nextId(self) -> int:
        return PageId.CHOICE

    def _chosen(self, row: int) -> None:
        if row >= 0:
            i18n.set_language(LANGUAGES[row])
            self.assistant.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Welcome to HubDesk"))
        self.setSubTitle(_("Choose the language of the program. You can change it later."))
        self.intro.setText(
            _(
                "HubDesk keeps the records of your municipality's prevention team on this PC: "
                "team, meetings, youth activities and fund proposals. It works without internet."
            )
        )
        self.languages.setAccessibleName(_("Language"))


class ChoicePage(QWizardPage):
    CHOICES: tuple[tuple[str, str, str], ...] = (
        (
            Role.MUNICIPALITY.value,
            N_("Set up HubDesk for my municipality"),
            N_("The focal point's PC: keeps the team's records and sends them to the hub."),
        ),
        (
            Role.FIELD.value,
            N_("Set up a field laptop of a municipality"),
            N_("A coordinator's laptop: records in the field and hands a file to the focal point."),
        ),
        (
            Role.HUB.value,
            N_("Set up the regional hub"),
            N_(
                "Hub staff: import every municipality's files, review fund proposals, "
                "see the region."
            ),
        ),
        (
            RESTORE,
            N_("Restore a backup from another PC"),
            N_("A new PC for an installation that exists: its records come back from a backup."),
        ),
        (
            DEMO,
            N_("Explore with demo data"),
            N_("A made-up municipality with three years of records, to look around safely."),
        ),
    )

    def __init__(self, wizard: FirstRunAssistant) -> None:
        super().__init__()
        self.assistant = wizard
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.notes: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        for index, (code, _title, _note) in enumerate(self.CHOICES):
            button = QRadioButton(self)
            note = QLabel(self)
            note.setWordWrap(True)
            note.setObjectName("hint")
            note.setIndent(24)
            self.group.addButton(button, index)
            self.buttons[code], self.notes[code] = button, note
            layout.addWidget(button)
            layout.addWidget(note)
        layout.addStretch(1)
        self.buttons[Role.MUNICIPALITY.value].setChecked(True)
        self.group.idToggled.connect(lambda _i, _c: self.setCommitPage(self.choice() == DEMO))

    def choice(self) -> str:
        return self.CHOICES[self.group.checkedId()][0]

    def nextId(self) -> int:
        if self.choice() == DEMO:
            return PageId.DONE
        if self.choice() == RESTORE:
            return PageId.RESTORE
        return PageId.FIELD if self.choice() == Role.FIELD else PageId.DETAILS

    def validatePage(self) -> bool:
        if self.choice() != DEMO:
            return True
        return self.assistant.create_demo()

    def retranslate(self) -> None:
        self.setTitle(_("Who works with this copy of HubDesk?"))
        self.setSubTitle(_("Each PC is set up once."))
        for code, title, note in self.CHOICES:
            self.buttons[code].setText(_(title))
            self.notes[code].setText(_(note))


class DetailsPage(QWizardPage):
    def __init__(self, wizard: FirstRunAssistant) -> None:
        super().__init__()
        self.assistant = wizard
        self.setCommitPage(True)
        self.fields = FieldSet(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.country = IdCombo(empty=N_("Choose the country"), parent=self)
        self.fields.add_row(form, "name", N_("Municipality"), self.name)
        self.fields.add_row(form, "country", N_("Country"), self.country)
        for field in self.fields.fields.values():
            field.label.setWordWrap(False)  # "Name of the hub" wrapped into three lines in sr
        self.general_error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        # A refusal is about the answers given then: back on this page after choosing another
        # role, the hub was told to choose a country it has no field for.
        self.fields.clear_errors()
        self.general_error.show_message(None)
        self.retranslate()

    def nextId(self) -> int:
        return PageId.DONE

    def role(self) -> str:
        return self.assistant.choice_page.choice()

    def validatePage(self) -> bool:
        return self.assistant.create_installation(
            self.role(), self.name.text(), self.country.value()
        )

    def show_errors(self, error: ValidationError) -> None:
        unplaced = self.fields.show_errors(error.by_field())
        self.general_error.show_message("\n".join(unplaced.values()) or None)

    def retranslate(self) -> None:
        hub = self.role() == Role.HUB
        self.fields.fields["name"].msgid = N_("Name of the hub") if hub else N_("Municipality")
        self.fields.retranslate()
        self.fields.fields["country"].label.setVisible(not hub)
        self.country.setVisible(not hub)
        self.country.set_items([(c.value, country_name(c.value)) for c in Country])
        self.country.retranslate()
        self.setTitle(_("About this installation"))
        self.setSubTitle(
            _("The hub's name as it appears on reports.")
            if hub
            else _("The municipality whose team this PC records.")
        )


class DonePage(QWizardPage):
    def __init__(self, wizard: FirstRunAssistant) -> None:
        super().__init__()
        self.assistant = wizard
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.fingerprint = QLabel(self)
        self.fingerprint.setObjectName("fingerprint")
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.fingerprint)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.retranslate()

    def nextId(self) -> int:
        return -1  # the last page of every path: Finish opens the main window

    def retranslate(self) -> None:
        self.setTitle(_("HubDesk is ready"))
        self.setSubTitle("")
        if self.assistant.fingerprint and self.assistant.restored:
            self.text.setText(
                _(
                    "The records of {name} are back on this PC. The keys of the earlier PC are "
                    "not in a backup, so this PC has made new ones: on the Sync page, save this "
                    "PC's profile and give it to the hub and to the PCs you exchange files "
                    "with, who add it again and compare this fingerprint with you by phone:"
                ).format(name=self.assistant.restored)
            )
            if self.assistant.restore_notes:  # attached files not here: said, as in Settings
                notes = " ".join(self.assistant.restore_notes)
                self.text.setText(f"{notes}\n\n{self.text.text()}")
        elif self.assistant.fingerprint and self.assistant.joined:
            self.text.setText(
                _(
                    "This laptop records for {municipality} and trusts its keys. On the Sync "
                    "page, save this laptop's profile and give it to the focal point, who adds "
                    "it there and compares this fingerprint with you by phone:"
                ).format(municipality=self.assistant.joined)
            )
        elif self.assistant.fingerprint:
            self.text.setText(
                _(
                    "This PC has its own keys for signing and encrypting the files it "
                    "exchanges. When you enrol with a partner, compare this fingerprint with "
                    "them by phone:"
                )
            )
        else:
            self.text.setText(_("HubDesk is set up. Its keys will be made on the Sync page."))
        if self.assistant.demo_cancelled_late:
            late = _(
                "Cancel came after the demo data was saved, so the demo was finished: it is "
                "complete, and nothing was left half-made."
            )
            self.text.setText(f"{late}\n\n{self.text.text()}")
        self.fingerprint.setText(self.assistant.fingerprint or "")


class FirstRunAssistant(QWizard):
    """Shown when the data folder has no installation yet; ``context`` is set on success."""

    def __init__(self, db: Database, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.data_dir = db, data_dir
        self.context: ServiceContext | None = None
        self.fingerprint: str | None = None
        self.joined: str | None = None  # the municipality a field laptop joined from its profile
        self.restored: str | None = None  # the installation whose backup was restored
        self.restore_notes: list[str] = []  # what the restore says of the attached files
        self.demo_cancelled_late = False  # Cancel came once the demo's data was saved
        self.setObjectName("assistant")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        # Once set up there is nothing to cancel: the done page only starts HubDesk.
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.language_page = LanguagePage(self)
        self.choice_page = ChoicePage(self)
        self.details_page = DetailsPage(self)
        self.field_page = FieldLaptopPage(self)
        self.restore_page = RestorePage(self)
        self.done_page = DonePage(self)
        self.setPage(PageId.LANGUAGE, self.language_page)
        self.setPage(PageId.CHOICE, self.choice_page)
        self.setPage(PageId.DETAILS, self.details_page)
        self.setPage(PageId.DONE, self.done_page)
        self.setPage(PageId.FIELD, self.field_page)
        self.setPage(PageId.RESTORE, self.restore_page)
        self.resize(720, 520)
        self.retranslate()

    def retranslate(self) -> None:
        apply_qt_language()
        self.setWindowTitle(_("HubDesk set-up"))
        texts = {
            QWizard.WizardButton.BackButton: _("Back"),
            QWizard.WizardButton.NextButton: _("Next"),
            QWizard.WizardButton.CommitButton: _("Set up"),
            QWizard.WizardButton.FinishButton: _("Start HubDesk"),
            QWizard.WizardButton.CancelButton: _("Cancel"),
        }
        for button, text in texts.items():
            self.setButtonText(button, text)
        for page in (
            self.language_page,
            self.choice_page,
            self.details_page,
            self.field_page,
            self.restore_page,
            self.done_page,
        ):
            page.retranslate()

    def create_installation(self, role: str, name: str, country: str | None) -> bool:
        self.details_page.fields.clear_errors()
        try:
            ctx = initialise(
                self.db,
                role=role,
                name=name,
                country=None if role == Role.HUB else country,
                language=i18n.current_language(),
            )
        except ValidationError as error:
            self.details_page.show_errors(error)
            return False
        ctx.data_dir = self.data_dir
        return self._finish_setup(ctx)

    def join_municipality(self, profile_path: Path, name: str) -> bool:
        """A field laptop set up from its municipality's profile, which it enrols at once."""
        from hubdesk.services.installation import get_installation
        from hubdesk.sync.errors import SyncError
        from hubdesk.sync.peers import init_field_from_profile

        page = self.field_page
        try:
            ctx = init_field_from_profile(
                self.db,
                self.data_dir,
                profile_path,
                name=name,
                language=i18n.current_language(),
            )
        except ValidationError as error:
            unplaced = page.fields.show_errors(error.by_field())
            page.general_error.show_message("\n".join(unplaced.values()) or None)
            return False
        except SyncError as error:
            if get_installation(self.db) is None:
                page.show_refusal(error)
                return False
            # Set up, but the municipality was not enrolled: the Sync page can add it later.
            dialogs.show_error(self, _("Municipality not added"), error.message)
            return self._finish_setup(load_context(self.db, self.data_dir))
        self.joined = page.profile.town_name() if page.profile else None
        return self._finish_setup(ctx)

    def restore_backup(self, source: Path) -> bool:
        """An earlier PC's backup becomes this folder's data; refused next to the file."""
        from hubdesk.services.datafolder import RestoreCancelled, StorageError, restore_on_new_pc

        try:
            result = run_in_background(
                self,
                _("Restore"),
                _("Restoring the backup…"),
                lambda progress: restore_on_new_pc(self.db, self.data_dir, source, progress),
            )
        except (RestoreCancelled, Cancelled):
            return False  # stopped as asked, nothing restored: the person chooses again
        except StorageError as error:
            self.restore_page.show_refusal(str(error))
            return False
        self.restored = result.info.installation_name
        self.restore_notes = list(result.notes)
        return self._finish_setup(self._in_chosen_language(load_context(self.db, self.data_dir)))

    def create_demo(self) -> bool:
        """The demo, behind a progress dialog. Cancel stops the build and rolls it back; once
        its data is saved the demo is finished whole (its attached files and hub added), and
        the done page says that Cancel came too late to stop it."""
        from hubdesk.services.demo import DemoCancelled, build_demo

        late: list[bool] = []

        def work(progress: Progress) -> object:
            from hubdesk.services.demo_attachments import add_demo_attachments
            from hubdesk.sync.hubdemo import enrol_demo_hub

            summary = build_demo(self.db, seed=1, scale=1, progress=progress)
            muni = load_context(self.db, self.data_dir)
            add_demo_attachments(muni)
            enrol_demo_hub(muni)  # its hub's records go on to its field laptops
            late.append(progress(1, 1) is False)  # was Cancel pressed meanwhile?
            return summary

        try:
            run_in_background(self, _("Demo data"), _("Creating the demo municipality…"), work)
        except (Cancelled, DemoCancelled):
            return False
        self.demo_cancelled_late = any(late)
        ctx = load_context(self.db, self.data_dir)
        return self._finish_setup(self._in_chosen_language(ctx))

    def _in_chosen_language(self, ctx: ServiceContext) -> ServiceContext:
        """The installation restored or made up (the demo) speaks the language chosen on the
        first page: it kept its own, and the next start switched the window to that."""
        from hubdesk.services.installation import set_language

        if i18n.current_language() in LANGUAGES:
            set_language(ctx, i18n.current_language())
        return ctx

    def _finish_setup(self, ctx: ServiceContext) -> bool:
        """The installation exists now; its keys are made here (the Sync page can retry)."""
        from hubdesk.services.installation import keep_new_keys, name_keys
        from hubdesk.sync.errors import SyncError
        from hubdesk.sync.keys import ensure_keys

        self.context = ctx
        try:
            self.fingerprint = ensure_keys(self.data_dir).public.fingerprint
            if self.restored:  # the database keeps the earlier PC's key: these replace it
                keep_new_keys(ctx)
            else:
                name_keys(ctx)  # whose they are, for a restore should the database be lost
        except (OSError, SyncError) as error:
            self.fingerprint = None
            dialogs.show_error(
                self,
                _("Keys not created"),
                _("Could not create this PC's keys in {path}: {reason}").format(
                    path=self.data_dir, reason=error
                ),
            )
        return True
