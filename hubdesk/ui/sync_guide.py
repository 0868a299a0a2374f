"""The top of the Sync page, in plain words: connect to the hub, send to it, receive from it.

It speaks of "the hub" (or the field laptop, or the municipality) instead of peers and bundles,
says how many changes wait to go and what stays on this PC, and what a submitted proposal is
waiting for. The expert view (peers, history, conflicts) stays below, behind "Details".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.domain.enums import Role
from hubdesk.domain.sync import Peer
from hubdesk.i18n import _, current_language, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services.context import ServiceContext
from hubdesk.services.town_names import town_names
from hubdesk.sync import conflicts, overview, peers
from hubdesk.sync.bundle import SUFFIX
from hubdesk.sync.export import default_file_name
from hubdesk.sync.scope import AREA_LABELS
from hubdesk.ui.places import documents_folder
from hubdesk.ui.sync_connect import ConnectDialog, Target, targets_for


def _compact(what: overview.Outgoing) -> list[str]:
    """What the next file carries, per area on one wrapped line, then what stays here."""
    areas = ", ".join(
        _("{area}: {count}").format(area=_(AREA_LABELS[t]), count=format_number(n))
        for t, n in what.counts.items()
    )
    kept = "; ".join(what.kept_lines())
    return [line for line in (areas, kept) if line]


def _wrapped(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    return label


def bundles_to_open() -> str:
    """The open dialogs' filter: bundles first, then every file. An e-mail program or a
    download renames a bundle ("….hubdesk.zip", "….hubdesk (1)"), and the import reads what a
    file holds, not its name; with bundles only, such a file could not even be chosen."""
    return _("HubDesk bundles (*{suffix})").format(suffix=SUFFIX) + ";;" + _("All files (*)")


class SyncGuide(QFrame):
    """Connect, send and receive, for a person who never read the README.

    ``send(peer_id, path)`` and ``receive(paths)`` are the page's own export and import, so the
    guided buttons and the expert view do exactly the same work.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        send: Callable[[str, Path], Path | None],
        receive: Callable[[list[Path]], None],
        connected: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._send, self._receive, self._connected = send, receive, connected
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.status = _wrapped(self)
        self.status.setObjectName("sectionTitle")
        self.connect_buttons: list[tuple[Target, QPushButton]] = []
        connect_row = QHBoxLayout()
        for target in targets_for(ctx.role):
            button = QPushButton(self)
            button.clicked.connect(lambda _checked=False, t=target: self.connect_to(t))
            self.connect_buttons.append((target, button))
            connect_row.addWidget(button)
        connect_row.addStretch(1)
        self.partner_label = QLabel(self)
        self.partner_combo = QComboBox(self)
        self.partner_combo.currentIndexChanged.connect(lambda _i: self.show_partner())
        partner_row = QHBoxLayout()
        partner_row.addWidget(self.partner_label)
        partner_row.addWidget(self.partner_combo, 1)
        self.partner_row = QWidget(self)
        self.partner_row.setLayout(partner_row)
        partner_row.setContentsMargins(0, 0, 0, 0)
        self.send_button = QPushButton(self)
        self.send_button.clicked.connect(lambda: self.send())
        self.receive_button = QPushButton(self)
        self.receive_button.clicked.connect(lambda: self.receive())
        self.pending = _wrapped(self)
        self.waiting = _wrapped(self)
        self.received = _wrapped(self)
        self.conflicts = _wrapped(self)
        exchange = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.send_button)
        left.addWidget(self.pending)
        left.addWidget(self.waiting)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.receive_button)
        right.addWidget(self.received)
        right.addStretch(1)
        exchange.addLayout(left, 3)
        exchange.addLayout(right, 2)
        self.exchange = QWidget(self)
        self.exchange.setLayout(exchange)
        exchange.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.partner_row)
        layout.addWidget(self.exchange)
        layout.addWidget(self.conflicts)
        layout.addLayout(connect_row)
        self.partners: list[Peer] = []
        self.names: dict[str, str] = {}  # peer id -> name in the window language's script

    # --- words ---------------------------------------------------------------------------------

    def _is_hub(self, peer: Peer) -> bool:
        return peer.role == Role.HUB.value

    def retranslate(self) -> None:
        for target, button in self.connect_buttons:
            button.setText(_(target.title) + "…")
        self.partner_label.setText(_("Exchange files with:"))

    def refresh(self) -> None:
        chosen = self.partner_combo.currentData()
        self.partners = peers.list_peers(self.ctx, include_revoked=False)
        # Each partner named in the script of the window's language ("Kumanovo" in English,
        # "Куманово" in Macedonian, whichever was typed), and listed in that name's order.
        towns, lang = town_names(self.ctx), current_language()
        self.names = {p.id: towns.of_peer(p, lang) for p in self.partners}
        self.partners.sort(key=lambda p: (not self._is_hub(p), self.names[p.id].casefold()))
        self.partner_combo.blockSignals(True)
        self.partner_combo.clear()
        for peer in self.partners:
            self.partner_combo.addItem(self.names[peer.id], peer.id)
        self.partner_combo.setCurrentIndex(max(self.partner_combo.findData(chosen), 0))
        self.partner_combo.blockSignals(False)
        self.partner_row.setVisible(len(self.partners) > 1)
        for target, button in self.connect_buttons:
            # One hub per municipality, one municipality per laptop: once connected, the
            # button would only lead to a refusal.
            done = (target.key == "hub" and any(map(self._is_hub, self.partners))) or (
                target.key == "municipality" and bool(self.partners)
            )
            button.setVisible(not done)
        self.exchange.setVisible(bool(self.partners))
        open_conflicts = len(conflicts.list_conflicts(self.ctx))
        self.conflicts.setVisible(bool(open_conflicts))
        self.conflicts.setText(
            ngettext(
                "{count} conflict waits for you to review it under Details.",
                "{count} conflicts wait for you to review them under Details.",
                open_conflicts,
            ).format(count=open_conflicts)
        )
        self.show_partner()

    def partner(self) -> Peer | None:
        peer_id = self.partner_combo.currentData()
        return next((p for p in self.partners if p.id == peer_id), None)

    def show_partner(self) -> None:
        peer = self.partner()
        if peer is None:
            self.status.setText(self._not_connected())
            return
        hub = self._is_hub(peer)
        name = self.names.get(peer.id, peer.name)
        self.status.setText(
            _("Connected to the hub '{name}'.").format(name=name)
            if hub
            else _("Connected to '{name}'.").format(name=name)
        )
        self.send_button.setText(
            _("Send to the hub…") if hub else _("Send to '{name}'…").format(name=name)
        )
        self.receive_button.setText(
            _("Receive from the hub…") if hub else _("Receive from '{name}'…").format(name=name)
        )
        what = overview.outgoing(self.ctx, peer.id)
        if what.total:
            lead = (
                ngettext(
                    "{count} change waits to be sent to the hub:",
                    "{count} changes wait to be sent to the hub:",
                    what.total,
                )
                if hub
                else ngettext(
                    "{count} change waits to be sent to '{name}':",
                    "{count} changes wait to be sent to '{name}':",
                    what.total,
                )
            ).format(count=format_number(what.total), name=name)
        else:
            lead = _("Nothing new waits to be sent.")
        lines = _compact(what) if what.total else []
        if what.total and peer.next_out_sequence - 1 > peer.acked_out_sequence:
            lines.append(
                (
                    _(
                        "The hub has not confirmed your last file yet (it does so with its next "
                        "file to you); until then every file you send carries these changes again."
                    )
                    if hub
                    else _(
                        "'{name}' has not confirmed your last file yet (it does so with its next "
                        "file to you); until then every file you send carries these changes again."
                    )
                ).format(name=name)
            )
        self.pending.setText("\n".join([lead, *lines]))
        self.waiting.setVisible(bool(what.submissions))
        self.waiting.setText(
            (
                ngettext(
                    "{count} submitted proposal waits to be sent to the hub.",
                    "{count} submitted proposals wait to be sent to the hub.",
                    what.submissions,
                )
                if hub
                else ngettext(
                    "{count} submitted proposal waits to be sent to '{name}'.",
                    "{count} submitted proposals wait to be sent to '{name}'.",
                    what.submissions,
                )
            ).format(count=what.submissions, name=name)
        )
        self.received.setText(
            _("Last file received: {when}. Last file sent: {sent}.").format(
                when=overview.age_text(peer.last_in_at), sent=overview.age_text(peer.last_out_at)
            )
        )

    def _not_connected(self) -> str:
        if self.ctx.role is Role.HUB:
            return _(
                "No municipality is connected yet. Connect each one once by exchanging profile "
                "files; then you receive their changes and send back your decisions as files."
            )
        if self.ctx.role is Role.FIELD:
            return _(
                "This laptop is not connected to its municipality yet. Connect it once by "
                "exchanging profile files; then you send what you record in the field as files."
            )
        return _(
            "This PC is not connected to the hub yet. Connect it once by exchanging profile "
            "files; then you send your changes to the hub and receive its decisions as files."
        )

    # --- actions -------------------------------------------------------------------------------

    def connect_to(self, target: Target) -> None:
        dialog = ConnectDialog(self.ctx, target, self)
        dialog.exec()
        if dialog.connected:
            self._connected()

    def send(self) -> Path | None:
        peer = self.partner()
        if peer is None:
            return None
        places = overview.save_places()
        folder = places[0] if places else documents_folder()
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.send_button.text(),
            str(folder / default_file_name(self.ctx, peer)),
            _("HubDesk bundles (*{suffix})").format(suffix=SUFFIX),
        )
        if not chosen:
            return None
        return self._send(peer.id, Path(chosen))

    def receive(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(
            self, self.receive_button.text(), "", bundles_to_open()
        )
        if chosen:
            self._receive([Path(p) for p in chosen])
