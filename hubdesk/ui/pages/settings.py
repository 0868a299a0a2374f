"""Settings: the program's language (switched at once), who this installation is (its name,
and its country until records exist), backups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, TypeVar

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk import i18n
from hubdesk.domain.enums import (
    MUNICIPALITY_NAME_BY_COUNTRY,
    Country,
    Role,
    municipality_term,
)
from hubdesk.i18n import LANGUAGES, N_, _, pgettext
from hubdesk.i18n.formatting import format_datetime, format_number
from hubdesk.i18n.names import country_name, native_language_name
from hubdesk.i18n.scripts import OTHER_SCRIPT_HINT, OTHER_SCRIPT_LABEL
from hubdesk.services import datafolder, installation
from hubdesk.services.context import ServiceContext
from hubdesk.services.datafolder import BackupCancelled, RestoreCancelled, StorageError
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.ui import dialogs
from hubdesk.ui.forms import FieldSet, run_guarded
from hubdesk.ui.path_text import whole_paths
from hubdesk.ui.widgets import ErrorLabel, IdCombo
from hubdesk.ui.workers import Cancelled, Job, Progress, run_in_background, start_job

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
T = TypeVar("T")


class SettingsPage(QWidget):
    help_topic: ClassVar[str] = "settings"
    language_changed = Signal()
    changed = Signal()  # a restore replaced the data: every page reads again
    replaced = Signal()  # another installation's backup: every page is built again for it

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert ctx.data_dir is not None
        self.ctx, self.data_dir = ctx, ctx.data_dir
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")

        self.language_box = QGroupBox(self)
        self.language = QComboBox(self.language_box)
        for code in LANGUAGES:
            self.language.addItem(native_language_name(code), code)
        # -1 for a developer's pseudo-language, which is not offered
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_note = QLabel(self.language_box)
        self.language_note.setWordWrap(True)
        self.language_note.setObjectName("hint")
        box = QVBoxLayout(self.language_box)
        box.addWidget(self.language)
        box.addWidget(self.language_note)
        box.addStretch(1)

        self.profile_box = QGroupBox(self)
        self.profile_fields = FieldSet(self)
        self.profile_form = QFormLayout()
        self.name = QLineEdit(self.profile_box)
        self.name.setMaxLength(installation.NAME_LIMIT)
        self.name_other = QLineEdit(self.profile_box)
        self.name_other.setMaxLength(installation.NAME_LIMIT)
        self.country = IdCombo(parent=self.profile_box)
        self.profile_fields.add_row(self.profile_form, "name", N_("Name"), self.name)
        self.profile_fields.add_row(
            self.profile_form, "name_other_script", OTHER_SCRIPT_LABEL, self.name_other
        )
        self.profile_fields.add_row(self.profile_form, "country", N_("Country"), self.country)
        for field in self.profile_fields.fields.values():
            field.label.setWordWrap(False)  # short labels; wrapped ones squeeze into two lines
        self.country_note = QLabel(self.profile_box)
        self.country_note.setWordWrap(True)
        self.country_note.setObjectName("hint")
        # Under both columns: the full width keeps a long explanation to few lines.
        self.profile_form.addRow(self.country_note)
        # A pseudo-translation's unbreakable padding must not widen the whole page.
        self.country_note.setMinimumWidth(200)
        self.profile_error = ErrorLabel(self.profile_box)
        self.save_button = QPushButton(self.profile_box)
        self.save_button.clicked.connect(self.save_profile)
        self.profile_fields.changed.connect(self._update_save)
        # Connected afterwards: PySide6 drops ``context`` when the slot is passed in the call.
        save_shortcut = QShortcut(
            QKeySequence.StandardKey.Save,
            self.profile_box,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        save_shortcut.activated.connect(self.save_profile)
        self.profile = QFormLayout()  # what this installation is and cannot change here
        self.about_button = QPushButton(self.profile_box)
        self.about_button.clicked.connect(self.show_about)
        box = QVBoxLayout(self.profile_box)
        box.addLayout(self.profile_form)
        box.addWidget(self.profile_error)
        box.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        box.addLayout(self.profile)
        box.addStretch(1)
        box.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignRight)

        self.backup_box = QGroupBox(self)
        self.backups = QListWidget(self.backup_box)
        self.size_job: Job[dict[str, int]] | None = None
        self.backup_note = QLabel(self.backup_box)
        self.backup_note.setWordWrap(True)
        self.backup_note.setObjectName("hint")
        self.backup_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_now = QPushButton(self.backup_box)
        self.backup_now.clicked.connect(self.make_backup)
        self.restore_selected = QPushButton(self.backup_box)
        self.restore_selected.clicked.connect(self._restore_selected)
        self.restore_file = QPushButton(self.backup_box)
        self.restore_file.clicked.connect(self._restore_file)
        self.open_folder = QPushButton(self.backup_box)
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(
                QUrl.fromLocalFile(str(datafolder.backups_folder(self.ctx)))
            )
        )
        self.backups.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.backup_now, self.restore_selected, self.restore_file, self.open_folder):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QVBoxLayout(self.backup_box)
        box.addWidget(self.backup_note)
        box.addLayout(buttons)
        box.addWidget(self.backups, 1)

        top = QHBoxLayout()
        top.addWidget(self.language_box, 1)
        top.addWidget(self.profile_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.backup_box, 1)
        self.shown_profile = installation.get_profile(ctx)
        self.retranslate()  # fills the form too (through refresh)

    # --- language --------------------------------------------------------------------------------

    def _language_chosen(self, index: int) -> None:
        code = self.language.itemData(index)
        if not code or code == i18n.current_language():
            return
        installation.set_language(self.ctx, code)
        i18n.set_language(code)
        self.language_changed.emit()

    # --- profile ---------------------------------------------------------------------------------

    def _load_profile(self) -> None:
        """Show the saved profile in the form (a person's unsaved edit is never overwritten)."""
        if self.profile_fields.baseline and self.profile_fields.is_dirty():
            return
        shown = self.shown_profile = installation.get_profile(self.ctx)
        lock = installation.country_lock(self.ctx)
        self.country.setEnabled(lock is None)
        self.country_note.setText(lock.text if lock is not None else "")
        self.country_note.setVisible(lock is not None and shown.names_municipality)
        self.profile_fields.set_values(
            {
                "name": shown.name,
                "name_other_script": shown.name_other_script or "",
                "country": shown.country,
            }
        )
        self._update_save()

    def _update_save(self) -> None:
        self.save_button.setEnabled(self.profile_fields.is_dirty())

    def save_profile(self) -> bool:
        """Hand the changed fields to the service; its refusal shows next to each field."""
        changes = self.profile_fields.changes()
        if not self.shown_profile.names_municipality:
            changes.pop("country", None)  # shown for reference; not this installation's to set
            changes.pop("name_other_script", None)
        if not changes:
            return False

        def persist() -> None:
            self.profile_fields.clear_errors()
            self.profile_error.show_message(None)
            installation.update_profile(self.ctx, changes)
            self.profile_fields.mark_clean()

        if not run_guarded(self, persist, self._show_profile_errors):
            return False
        self._load_profile()
        self._fill_profile()
        self.changed.emit()  # the status bar and the window title name the installation
        return True

    def _show_profile_errors(self, error: ValidationError) -> None:
        unplaced = self.profile_fields.show_errors(error.by_field())
        self.profile_error.show_message("\n".join(unplaced.values()) or None)

    def _retranslate_profile(self) -> None:
        shown = self.shown_profile
        names = {
            Role.MUNICIPALITY: MUNICIPALITY_NAME_BY_COUNTRY.get(
                shown.country or "", N_("Name of the municipality")
            ),
            Role.FIELD: N_("Name of this laptop"),
            Role.HUB: N_("Name of the hub"),
        }
        self.profile_fields.fields["name"].msgid = names[shown.role]
        self.profile_fields.retranslate()
        self.country.set_items([(c.value, country_name(c.value)) for c in Country])
        with_country = shown.names_municipality
        self.country.setVisible(with_country)
        self.profile_fields.fields["country"].label.setVisible(with_country)
        self.name_other.setVisible(with_country)
        self.profile_fields.fields["name_other_script"].label.setVisible(with_country)
        self.name_other.setToolTip(_(OTHER_SCRIPT_HINT))
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip(_("Save the name (Ctrl+S)"))
        lock = installation.country_lock(self.ctx)
        self.country_note.setText(lock.text if lock is not None else "")

    def _profile_rows(self) -> list[tuple[str, str]]:
        from hubdesk.sync.keys import has_keys, load_keys

        shown = self.shown_profile
        rows = [(_("Works as"), self.ctx.role.label)]
        if shown.municipality_name is not None and not shown.names_municipality:
            rows.append((_(municipality_term(shown.country)), shown.municipality_name))
            rows.append((_("Country"), country_name(shown.country or "")))
        if shown.currency is not None:
            rows.append((_("Currency"), shown.currency))
        rows.append((_("Data folder"), str(self.data_dir)))
        if has_keys(self.data_dir):
            rows.append((_("Key fingerprint"), load_keys(self.data_dir).public.fingerprint))
        rows.append((_("Installation id"), self.ctx.installation_id))
        return rows

    def _fill_profile(self) -> None:
        while self.profile.rowCount():
            self.profile.removeRow(0)
        for name, value in self._profile_rows():
            shown = QLabel(whole_paths(value))  # the data folder: never broken after "C:"
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            self.profile.addRow(QLabel(name), shown)

    def show_about(self) -> None:
        """Version, data folder and the licences of everything HubDesk ships."""
        from hubdesk.ui.about import AboutDialog

        AboutDialog(self.data_dir, self).exec()

    # --- backups ---------------------------------------------------------------------------------

    def data_changed(self, what: str) -> None:
        """Records changed on another page: read them again now if on screen, else the
        window does when the page is shown."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._load_profile()
        self.backups.clear()
        listed = datafolder.list_backups(self.ctx)
        for path in listed:
            item = QListWidgetItem(self._backup_text(path, None))
            item.setData(PATH_ROLE, str(path))
            self.backups.addItem(item)
        self._update_buttons()
        self._measure(listed)

    def _backup_text(self, path: Path, size: int | None) -> str:
        when = format_datetime(datafolder.backup_time(path), fmt="short")
        reason = backup_reason_text(datafolder.backup_reason(path) or "")
        text = f"{when} · {reason}"  # the size joins it once read (``_measure``)
        if size is not None:
            kilobytes = format_number(round(size / 1024))
            text = _("{when} · {reason} · {size} KB").format(
                when=when, reason=reason, size=kilobytes
            )
        if not datafolder.holds_files(path):
            text += " · " + _("database only, without the attached files")
        return text

    def _measure(self, paths: list[Path]) -> None:
        """The backups' sizes, read off the GUI thread: each is every attached file of ten
        backups looked at on disk (thousands on a hub), and the page waited for them each time
        it was shown. The list is there at once; each size joins its line when read."""
        if self.size_job is not None:
            self.size_job.cancel_requested.set()  # a newer list is being measured

        def work(progress: Progress) -> dict[str, int]:
            sizes: dict[str, int] = {}
            for done, path in enumerate(paths):
                if not progress(done, len(paths)):
                    break
                try:
                    sizes[str(path)] = datafolder.backup_size(path)
                except OSError:  # removed meanwhile (rotated by a backup made now)
                    continue
            return sizes

        self.size_job = start_job(work, self._sized, self._not_sized)

    def _sized(self, sizes: dict[str, int]) -> None:
        for row in range(self.backups.count()):
            item = self.backups.item(row)
            size = sizes.get(item.data(PATH_ROLE))
            if size is not None:
                item.setText(self._backup_text(Path(item.data(PATH_ROLE)), size))

    def _not_sized(self, _error: BaseException) -> None:
        """A size that cannot be read leaves its line without one; the backup is listed."""

    def _update_buttons(self) -> None:
        self.restore_selected.setEnabled(bool(self.backups.selectedItems()))

    def make_backup(self) -> Path | None:
        ctx = self.ctx
        try:
            path = run_in_background(
                self,
                _("Backup"),
                _("Backing up the data…"),
                lambda progress: datafolder.back_up_now(ctx, progress),
            )
        except (BackupCancelled, Cancelled):
            return None  # stopped as asked: nothing of it kept, nothing to tell
        except StorageError as error:
            dialogs.show_error(self, _("Backup failed"), str(error))
            return None
        self.refresh()
        self.changed.emit()
        return path

    def _restore_selected(self) -> None:
        items = self.backups.selectedItems()
        if items:
            self.restore(Path(items[0].data(PATH_ROLE)))

    def _restore_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a backup"),
            str(datafolder.backups_folder(self.ctx)),
            # a hub on a server restores a pg_dump (``hubdesk.pgdump`` in a backup's folder)
            _("HubDesk backups (*.sqlite)")
            if self.ctx.db.is_sqlite
            else _("Backups of the hub's server database (*.pgdump)"),
        )
        if name:
            self.restore(Path(name))

    def _replace_question(self, source: Path) -> str:
        """The backup as the list names it, by when it was made ("hubdesk.sqlite", its
        file's name, said nothing of which backup was about to replace the data)."""
        try:
            when = format_datetime(datafolder.backup_time(source), fmt="short")
        except OSError:
            return _(
                "Replace all data on this PC with the backup {name}? The current data is "
                "backed up first, so this can be undone by restoring that backup."
            ).format(name=source.name)
        return _(
            "Replace all data on this PC with the backup made on {when}? The current data is "
            "backed up first, so this can be undone by restoring that backup."
        ).format(when=when)

    def restore(self, source: Path) -> bool:
        """Replace the data with a backup, after asking; the current data is backed up first.
        Another installation's backup is refused as such first, then restored only if the
        person says so to a second question that names both (``_restore_other``)."""
        if not dialogs.confirm(
            self,
            _("Restore a backup"),
            self._replace_question(source),
            yes=_("Restore"),
            no=_("Cancel"),
        ):
            return False
        ctx = self.ctx
        try:
            result = self._in_background(
                lambda progress: datafolder.restore_backup(ctx, source, progress)
            )
        except datafolder.OtherInstallationError as other:
            return self._restore_other(source, other)
        except (RestoreCancelled, Cancelled):
            return False  # stopped as asked before anything was replaced: nothing to tell
        except (StorageError, PermissionDenied) as error:
            dialogs.show_error(self, _("Not restored"), str(error))
            return False
        dialogs.inform(self, _("Restore"), " ".join([_("The backup was restored."), *result.notes]))
        self.refresh()
        self.changed.emit()
        return True

    def _restore_other(self, source: Path, other: datafolder.OtherInstallationError) -> bool:
        """A PC set up by mistake before the office's backup turned up, or an office moved to a
        PC set up already: as ``hubdesk restore --other-installation``, once confirmed."""
        if not dialogs.confirm(
            self,
            _("Restore another installation's backup"),
            _other_question(source, other),
            yes=_("Restore anyway"),
            no=_("Cancel"),
        ):
            return False
        ctx = self.ctx
        try:
            result = self._in_background(
                lambda progress: datafolder.restore_other_installation(
                    ctx, source, progress, expected=other.backup_id
                )
            )
        except (RestoreCancelled, Cancelled):
            return False
        except (StorageError, PermissionDenied) as error:
            dialogs.show_error(self, _("Not restored"), str(error))
            return False
        done = _("The backup of '{name}' was restored: this PC works as '{name}' now.").format(
            name=result.info.installation_name
        )
        dialogs.inform(self, _("Restore"), " ".join([done, *result.notes]))
        self.shown_profile = installation.get_profile(ctx)
        self.profile_fields.mark_clean()  # an edit of the name it replaced is no longer its
        self.retranslate()  # the name, role and id shown are the restored installation's
        self.replaced.emit()
        self.changed.emit()
        return True

    def _in_background(self, work: Callable[[Progress], T]) -> T:
        # Cancel is heard until the data is replaced (a hub's server: until the restore's
        # transaction commits).
        return run_in_background(self, _("Restore"), _("Restoring the backup…"), work)

    def retranslate(self) -> None:
        self.title.setText(_("Settings"))
        self.language_box.setTitle(_("Language"))
        self.language.setAccessibleName(_("Language of the program"))
        self.language_note.setText(
            _("The program switches at once. Reports choose their own language when printed.")
        )
        self.profile_box.setTitle(_("This installation"))
        self._retranslate_profile()
        self.about_button.setText(_("About HubDesk and licences…"))
        self._fill_profile()
        self.backup_box.setTitle(_("Backups"))
        self.backup_note.setText(
            whole_paths(
                _(
                    "HubDesk backs up the data once a day when it starts and keeps the newest "
                    "{count} backups in {path}."
                ).format(count=datafolder.KEEP_BACKUPS, path=datafolder.backups_folder(self.ctx))
                + " "
                + _(
                    "Each backup is one folder holding the data and the attached files; to "
                    "restore one from elsewhere, choose the hubdesk.sqlite file inside it."
                )
            )
        )
        self.backup_now.setText(_("Back up now"))
        self.restore_selected.setText(_("Restore selected"))
        self.restore_file.setText(_("Restore from a file…"))
        self.open_folder.setText(_("Open the backups folder"))
        self.backups.setAccessibleName(_("Backups"))
        self.refresh()


def _other_question(source: Path, other: datafolder.OtherInstallationError) -> str:
    """The second question, which must tell the two installations apart even when they have
    one name: the likeliest case is a PC set up afresh under the office's name before the
    office's backup turned up."""
    if other.backup_name == other.current_name:
        return _(
            "{file} is a backup of another installation that is also called '{name}', not of "
            "the one this PC holds now. Restored, this PC becomes that installation: its "
            "records and partners replace the ones here. The current data is backed up first, "
            "so this can be undone by restoring that backup."
        ).format(file=source, name=other.current_name)
    return _(
        "{file} is a backup of '{other}', another installation than '{name}', which this PC "
        "holds now. Restored, this PC becomes '{other}': its records and partners replace "
        "those of '{name}'. The current data is backed up first, so this can be undone by "
        "restoring that backup."
    ).format(file=source, other=other.backup_name, name=other.current_name)


def backup_reason_text(code: str) -> str:
    """Why a backup was made, in the UI language (its file name keeps the English code)."""
    if code == "daily":
        return pgettext("backup", "daily")
    if code == "manual":
        return pgettext("backup", "made by hand")
    if code == "before-restore":
        return pgettext("backup", "before a restore")
    if code == "before-import":
        return pgettext("backup", "before an import")
    if code.startswith("before-migration"):
        return pgettext("backup", "before a database update")
    return code
