"""The Sync page: a guided flow on top (connect to the hub, send, receive: see sync_guide), and
below it, behind "Details", the expert view: peers, export (what leaves this PC first), import
with a preview, the history of bundles, and conflicts with both versions side by side."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import Role
from hubdesk.i18n import _
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.sync import keys, overview, peers, profile
from hubdesk.sync.errors import Cancelled as NotWritten
from hubdesk.sync.errors import SyncError
from hubdesk.sync.export import default_file_name, export_bundle, in_number_order
from hubdesk.sync.importer import ALREADY, IMPORTED, PreparedImport, prepare_import
from hubdesk.ui import dialogs
from hubdesk.ui.pages.sync_conflicts import ConflictsTab, fill, table
from hubdesk.ui.pages.sync_preview import ImportPreview
from hubdesk.ui.sync_connect import not_written, quoted_names, unbroken
from hubdesk.ui.sync_guide import SyncGuide, bundles_to_open
from hubdesk.ui.top_tabs import top_tabs
from hubdesk.ui.workers import Cancelled, run_in_background

EVERY = "*every*"  # the partner list's last choice: a bundle for each partner


class SyncPage(QWidget):
    help_topic: ClassVar[str] = "sync"

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAcceptDrops(True)
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.identity = QLabel(self)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.profile_button = QPushButton(self)
        self.profile_button.clicked.connect(lambda: self.export_profile())
        self.add_peer_button = QPushButton(self)
        self.add_peer_button.clicked.connect(lambda: self.add_peer())
        head = QHBoxLayout()
        head.addWidget(self.identity, 1)
        head.addWidget(self.profile_button)
        head.addWidget(self.add_peer_button)

        self.guide = SyncGuide(ctx, self.send_to, self.import_files, self.refresh, self)
        self.details_button = QPushButton(self)
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self.show_details)
        self.details = QWidget(self)
        self.tabs = top_tabs(self.details)
        self.tabs.addTab(self._exchange_tab(), "")
        self.history = table(self, 5)
        self.tabs.addTab(self.history, "")
        self.conflicts = ConflictsTab(ctx, self._fail, self.refresh, self.details)
        self.tabs.addTab(self.conflicts, "")
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(head)
        details.addWidget(self.tabs, 1)
        self.details.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.guide)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details, 1)
        self.stretch = layout.count()
        layout.addStretch(1)
        self.retranslate()
        self.refresh()

    # --- layout --------------------------------------------------------------------------------

    def _exchange_tab(self) -> QWidget:
        tab = QWidget(self)
        self.peers = table(tab, 4)
        self.revoke_button = QPushButton(tab)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.export_box = QGroupBox(tab)
        self.peer_combo = QComboBox(self.export_box)
        self.peer_combo.currentIndexChanged.connect(self.update_outgoing)
        self.folder_combo = QComboBox(self.export_box)
        self.folder_combo.setEditable(True)
        self.browse_button = QPushButton(self.export_box)
        self.browse_button.clicked.connect(self.browse_folder)
        self.full_check = QCheckBox(self.export_box)
        self.full_check.toggled.connect(self.update_outgoing)
        self.outgoing = QLabel(self.export_box)
        self.outgoing.setWordWrap(True)
        self.export_button = QPushButton(self.export_box)
        self.export_button.clicked.connect(lambda: self.export())
        box = QVBoxLayout(self.export_box)
        for row in ((self.peer_combo,), (self.folder_combo, self.browse_button)):
            line = QHBoxLayout()
            for widget in row:
                line.addWidget(widget, 1 if widget is not self.browse_button else 0)
            box.addLayout(line)
        box.addWidget(self.full_check)
        scroll = QScrollArea(self.export_box)  # a first bundle lists every area
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.outgoing)
        box.addWidget(scroll, 1)
        box.addWidget(self.export_button)
        self.import_box = QGroupBox(tab)
        self.import_button = QPushButton(self.import_box)
        self.import_button.clicked.connect(lambda: self.import_files())
        self.drop_hint = QLabel(self.import_box)
        inbox = QVBoxLayout(self.import_box)
        inbox.addWidget(self.import_button)
        inbox.addWidget(self.drop_hint)
        inbox.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.peers, 1)
        layout.addWidget(self.revoke_button, 0, Qt.AlignmentFlag.AlignLeft)
        sides = QHBoxLayout()
        sides.addWidget(self.export_box, 2)
        sides.addWidget(self.import_box, 1)
        layout.addLayout(sides)
        return tab

    def show_details(self, shown: bool) -> None:
        """The expert view: peers, export and import by hand, history, conflicts."""
        self.details.setVisible(shown)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setStretch(self.stretch, 0 if shown else 1)
        self.retranslate_details_button()

    def retranslate_details_button(self) -> None:
        shown = self.details_button.isChecked()
        self.details_button.setText(_("Hide details") if shown else _("Details…"))

    def retranslate(self) -> None:
        self.title.setText(_("Sync"))
        self.retranslate_details_button()
        self.guide.retranslate()
        self.profile_button.setText(_("Save my profile…"))
        self.add_peer_button.setText(_("Add a peer…"))
        for index, text in enumerate((_("Exchange"), _("History"), _("Conflicts"))):
            self.tabs.setTabText(index, text)
        self.peers.setHorizontalHeaderLabels(
            [_("Peer"), _("Role"), _("Last bundle received"), _("Last bundle sent")]
        )
        self.revoke_button.setText(_("Revoke"))
        self.export_box.setTitle(_("Export a bundle"))
        self.browse_button.setText(_("Choose folder…"))
        self.full_check.setText(_("Send everything, not only what is new"))
        self.export_button.setText(_("Export"))
        self.import_box.setTitle(_("Import bundles"))
        self.import_button.setText(_("Import a bundle…"))
        self.drop_hint.setText(_("…or drop bundle files on this page."))
        self.history.setHorizontalHeaderLabels(
            [_("When"), _("Direction"), _("Peer"), _("Records"), _("File")]
        )
        self.conflicts.retranslate()
        if hasattr(self, "peer_combo"):
            self.refresh()

    # --- data ----------------------------------------------------------------------------------

    def data_changed(self, what: str) -> None:
        """Records changed on another page: read them again now if on screen, else the
        window does when the page is shown."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        fingerprint = _("no keys yet")
        try:
            if self.ctx.data_dir is not None:
                fingerprint = keys.own_keys(self.ctx).public.fingerprint
        except SyncError as error:  # a staff PC of a hub on a server: never made here
            if error.reason == "not_sync_pc":
                fingerprint = _("kept on the hub's sync PC")
        self.identity.setText(_("Key fingerprint: {fingerprint}").format(fingerprint=fingerprint))
        listed = overview.peer_table(self.ctx)
        fill(self.peers, [cells for _id, _name, _revoked, cells in listed], [p[0] for p in listed])
        chosen = self.peer_combo.currentData()
        self.peer_combo.blockSignals(True)
        self.peer_combo.clear()
        for peer_id, name, revoked, _cells in listed:
            if not revoked:
                self.peer_combo.addItem(name, peer_id)
        if self.peer_combo.count() > 1:  # a hub's forty cities in one go
            self.peer_combo.addItem(_("Every partner (a bundle each)"), EVERY)
        self.peer_combo.setCurrentIndex(max(self.peer_combo.findData(chosen), 0))
        self.peer_combo.blockSignals(False)
        if not self.folder_combo.count():
            self.folder_combo.addItems([str(place) for place in overview.save_places()])
        fill(self.history, overview.history_table(self.ctx))
        self.conflicts.refresh()
        self.update_outgoing()
        self.guide.refresh()

    def update_outgoing(self) -> None:
        """Show what the next bundle for the chosen peer would carry (and what stays here)."""
        peer_id = self.peer_combo.currentData()
        self.export_button.setEnabled(peer_id is not None)
        if peer_id is None:
            self.outgoing.setText(
                _("Add a peer first: its profile file, then compare fingerprints.")
            )
            return
        if peer_id == EVERY:
            names = [
                self.peer_combo.itemText(i)
                for i in range(self.peer_combo.count())
                if self.peer_combo.itemData(i) != EVERY
            ]
            self.outgoing.setText(
                _("A bundle for each partner, with what is new for it: {names}").format(
                    names=", ".join(names)
                )
            )
            return
        what = overview.outgoing(self.ctx, peer_id, self.full_check.isChecked())
        heading = _("What leaves this PC for {name}:").format(name=what.peer_name)
        self.outgoing.setText("\n".join([heading, *what.lines()]))

    # --- actions -------------------------------------------------------------------------------

    def _export_cancelled(self) -> None:
        """The person's own Cancel, told as one: not in the error box that says something
        failed."""
        dialogs.inform(self, _("Export"), NotWritten().message)

    def _fail(self, title: str, error: Exception) -> None:
        dialogs.show_error(self, title, getattr(error, "message", None) or str(error))

    def export_profile(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Save my profile"), "hubdesk-profile.json", "JSON (*.json)"
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            own = keys.keys_to_show(self.ctx)
            profile.export_profile(self.ctx, own, path)
        except SyncError as error:
            self._fail(_("Save my profile"), error)
            return
        except OSError as error:
            dialogs.show_error(self, _("Save my profile"), not_written(path, error))
            return
        text = _(
            "Saved to {path}. Give it to the other side and read them this fingerprint by "
            "phone: {fingerprint}"
        )
        fingerprint = unbroken(own.public.fingerprint)
        dialogs.inform(self, _("Save my profile"), text.format(path=path, fingerprint=fingerprint))

    def add_peer(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Add a peer"), "", "JSON (*.json)"
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            candidate = profile.read_profile(path)
            plan = peers.check_enrolment(self.ctx, candidate)
            question = _(
                "Add '{name}' ({role})? Ask them to read their fingerprint by phone and compare "
                "it with this one: {fingerprint}"
            ).format(
                name=candidate.shown_name(),
                role=candidate.role.label,
                fingerprint=unbroken(candidate.fingerprint),
            )
            # What follows the fingerprint starts a paragraph of its own: run on after the
            # last group of digits, it reads as part of what is compared by phone.
            then: list[str] = []
            if plan.adopts_municipality:
                then.append(_("This field laptop will then record for this municipality."))
            if plan.leaves:
                then.append(
                    _("It will no longer exchange files with {names}.").format(
                        names=quoted_names(plan.leaves)
                    )
                )
            if plan.forgets_hubs:
                then.append(
                    _("It will no longer accept decisions signed by {names}.").format(
                        names=quoted_names(plan.forgets_hubs)
                    )
                )
            # A hub's own profile: its fingerprint above is the one to compare.
            if plan.learns_hub is not None and candidate.role is not Role.HUB:
                then.append(
                    _(
                        "This field laptop will accept decisions signed by the hub '{name}'; "
                        "compare the hub's fingerprint with the hub by phone too: {fingerprint}"
                    ).format(
                        name=plan.learns_hub.name, fingerprint=unbroken(plan.learns_hub.fingerprint)
                    )
                )
            if then:
                question += "\n\n" + " ".join(then)
            if not dialogs.confirm(
                self, _("Add a peer"), question, yes=_("The fingerprints match")
            ):
                return
            peers.enrol(self.ctx, candidate)
        except (SyncError, PermissionDenied) as error:
            self._fail(_("Add a peer"), error)
            return
        self.refresh()

    def revoke_selected(self) -> None:
        item = self.peers.item(self.peers.currentRow(), 0)
        if item is None:
            return
        if dialogs.confirm(
            self,
            _("Revoke"),
            _(
                "Revoke '{name}'? Its bundles will be refused and nothing more is sent to it."
            ).format(name=item.text()),
            yes=_("Revoke"),
            no=_("Cancel"),
        ):
            try:
                peers.revoke(self.ctx, item.data(Qt.ItemDataRole.UserRole))
            except (SyncError, PermissionDenied) as error:  # a hub's staff: for its admins
                self._fail(_("Revoke"), error)
                return
            self.refresh()

    def browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose folder…"), self.folder_combo.currentText()
        )
        if folder:
            self.folder_combo.setCurrentText(folder)

    def export(self) -> Path | None:
        peer_id = self.peer_combo.currentData()
        if peer_id is None:
            return None
        folder = Path(self.folder_combo.currentText())
        if peer_id == EVERY:
            return self.send_to_every_partner(folder, self.full_check.isChecked())
        try:
            peer = peers.find_peer(self.ctx, peer_id)
        except SyncError as error:
            self._fail(_("Export"), error)
            return None
        target = folder / default_file_name(self.ctx, peer)
        return self.send_to(peer_id, target, self.full_check.isChecked())

    def send_to(self, peer_id: str, target: Path, full: bool = False) -> Path | None:
        """Write the bundle for ``peer_id`` to ``target`` off the GUI thread; say where."""
        try:
            result = run_in_background(
                self,
                _("Export"),
                _("Writing the bundle…"),
                lambda progress: export_bundle(
                    self.ctx, peer_id, target, full=full, progress=progress
                ),
            )
        except (Cancelled, NotWritten):
            self._export_cancelled()
            return None
        except (SyncError, OSError) as error:
            self._fail(_("Export"), error)
            return None
        self.refresh()
        told = _("Bundle {number} for '{name}' saved as {path}.").format(
            number=result.sequence, name=result.peer_name, path=result.path
        )
        if result.files_left:  # attached files over the bundle's cap wait for the next one
            told += "\n\n" + _(
                "Left for the next bundle (over the size a bundle carries): {files}"
            ).format(files=", ".join(result.files_left))
        dialogs.inform(self, _("Export"), told)
        return result.path

    def send_to_every_partner(self, folder: Path, full: bool = False) -> Path | None:
        """A bundle for each partner into ``folder``, off the GUI thread; say what was written
        and for whom it could not be."""
        from hubdesk.sync.export_every import export_to_every_peer

        try:
            done = run_in_background(
                self,
                _("Export"),
                _("Writing a bundle for each partner…"),
                lambda progress: export_to_every_peer(
                    self.ctx, folder, full=full, progress=progress
                ),
            )
        except (Cancelled, NotWritten):
            self._export_cancelled()
            return None
        except SyncError as error:
            self._fail(_("Export"), error)
            return None
        self.refresh()
        lines = [
            _("Bundle {number} for '{name}' saved as {path}.").format(
                number=result.sequence, name=result.peer_name, path=result.path
            )
            for result in done.sent
        ]
        lines += [
            _("Not written for '{name}': {reason}").format(name=name, reason=why)
            for name, why in done.failed
        ]
        if done.left:
            lines.append(_("Not written, cancelled: {names}").format(names=", ".join(done.left)))
        tell = dialogs.show_error if done.failed or done.left else dialogs.inform
        tell(self, _("Export"), "\n".join(lines))
        return folder

    def import_files(self, paths: list[Path] | None = None) -> None:
        if paths is None:
            chosen, _filter = QFileDialog.getOpenFileNames(
                self,
                _("Import a bundle…"),
                "",
                bundles_to_open(),
            )
            paths = [Path(p) for p in chosen]
        imported: list[Path] = []  # of these files, those imported so far
        several = len(paths) > 1
        for path in in_number_order(paths):  # "…-9" before "…-10", as they were made
            if not self._import_one(path, imported, several):
                break
        self.refresh()

    def _import_one(self, path: Path, imported: list[Path], several: bool = False) -> bool:
        """Preview, confirm, import: one job that opens the file once, off the GUI thread.
        False when the person stopped. The preview lasts about as long as the import (it
        writes the rows in a session it rolls back), so both show progress in records and
        stop at the end of the batch in hand when Cancel is pressed; the page then says so.

        A refused file of several chosen together is named and the next one goes on, as with
        ``hubdesk import``: each file is an import of its own, and a whole USB stick chosen at
        once (this PC's own outgoing bundle, an older one a newer already replaced) must not
        keep the new ones out while the refusal says nothing of them."""
        plan: PreparedImport | None = None
        try:
            plan = run_in_background(
                self,
                _("Import"),
                _("Reading {file}…").format(file=path.name),
                lambda progress: prepare_import(self.ctx, path, progress=progress),
            )
            if plan.status == ALREADY:
                dialogs.inform(self, _("Import"), plan.result.summary())
                return True
            if not ImportPreview(plan.result, self).exec():
                return False
            result = run_in_background(
                self,
                _("Import"),
                _("Importing {file}…").format(file=path.name),
                plan.apply,
            )
        except Cancelled:
            return self._cancelled(path, imported)
        except (SyncError, OSError) as error:
            if getattr(error, "reason", None) == "cancelled":
                return self._cancelled(path, imported)
            if not several:
                self._fail(_("Import"), error)
                return False
            told = getattr(error, "message", None) or str(error)
            dialogs.show_error(
                self,
                _("Import"),
                _("{file} was not imported: {reason}").format(file=path.name, reason=told),
            )
            return isinstance(error, SyncError)  # a stick taken out stops the files after it
        finally:
            if plan is not None:
                plan.close()  # the decrypted copy goes now, not when it is collected
        if result.status == IMPORTED:
            imported.append(path)
        dialogs.inform(self, _("Import"), result.summary())
        return True

    def _cancelled(self, path: Path, imported: list[Path]) -> bool:
        """The person pressed Cancel: the work stopped and was rolled back; not an error. Of
        several files chosen together, those imported before it stay imported."""
        told = _("Import cancelled; nothing was changed.")
        if imported:
            told = _(
                "Import cancelled: {file} and any file after it were not imported; the files "
                "before it were."
            ).format(file=path.name)
        dialogs.inform(self, _("Import"), told)
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.import_files(paths)
