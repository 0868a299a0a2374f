"""Who this installation is, when it was last backed up and when it last exchanged data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from hubdesk.i18n import _, current_language

if TYPE_CHECKING:
    from hubdesk.services.context import ServiceContext
    from hubdesk.services.dashboard_figures import StatusSummary
    from hubdesk.services.dashboard_texts import FigureTexts


class WhoLabel(QLabel):
    """Who this installation is, cut with "…" where the window is narrower than the name.

    A municipality's and a laptop's names may be 120 characters each; shown whole, they made
    the status bar (and so the window) wider than a 1366-pixel screen. ``text()`` stays whole,
    and so does the tooltip.
    """

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        room = self.contentsRect()
        if self.fontMetrics().horizontalAdvance(self.text()) <= room.width():
            super().paintEvent(event)  # the usual case, and the frame's first paint
            return
        # Only here: PySide builds its Qt namespace on first use, which start-up avoids.
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QPainter

        elide = Qt.TextElideMode.ElideRight
        shown = self.fontMetrics().elidedText(self.text(), elide, room.width())
        painter = QPainter(self)
        painter.drawText(room, int(self.alignment()), shown)
        painter.end()


class HubStatusBar(QStatusBar):
    """Says "Opening…" until ``attach(ctx)``: the window may be up before the database is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: ServiceContext | None = None
        self.summary: StatusSummary | None = None
        self.data_dir: Path | None = None  # the folder of a line kept with the figures
        self.texts: FigureTexts | None = None  # its times as kept (Babel's, made then)
        self.setSizeGripEnabled(True)
        self.installation = WhoLabel(self)
        self.installation.setObjectName("statusInstallation")
        self.backup = QLabel(self)
        self.sync = QLabel(self)
        self.addWidget(self.installation, 1)
        self.addPermanentWidget(self.backup)
        self.addPermanentWidget(self.sync)
        self.retranslate()

    def attach(self, ctx: ServiceContext, summary: StatusSummary | None = None) -> None:
        """Follow ``ctx``; ``summary`` is its line when already read (off the GUI thread, at
        start-up), else it is read now."""
        self.ctx = ctx
        if summary is None:
            self.refresh()
        else:
            self.summary = summary
            self.retranslate()

    def show_kept(self, summary: StatusSummary, data_dir: Path, texts: dict[str, str]) -> None:
        """The line kept with the figures, on a start that opens the data on request
        (``ui/opening.py``); until then a refresh reads only the folder's last backup.
        ``texts``: the figures' kept texts, which write its times as the reading did."""
        from hubdesk.services.dashboard_texts import FigureTexts

        self.summary = summary
        self.data_dir = data_dir
        self.texts = FigureTexts(texts)
        self.retranslate()

    def installation_name(self) -> str:
        """The installation's name in the script of the window's language."""
        return self.summary.names_in(current_language())[0] if self.summary else ""

    def refresh(self) -> None:
        if self.ctx is not None:
            from hubdesk.services.dashboard import status_summary

            self.summary = status_summary(self.ctx)
        elif self.summary is not None and self.data_dir is not None:
            from dataclasses import replace  # not in the frame's imports (start-up speed)

            from hubdesk.services.before_data import last_backup

            self.summary = replace(self.summary, last_backup=last_backup(self.data_dir))
        self.retranslate()

    def retranslate(self) -> None:
        s = self.summary
        if s is None:
            self.installation.setText(_("Opening the data…"))
            self.backup.setText("")
            self.sync.setText("")
            return
        # Loaded with the data, not with the window frame (start-up speed).
        from hubdesk.domain.enums import Role, municipality_term
        from hubdesk.services.dashboard_texts import FigureTexts

        if self.texts is None:
            self.texts = FigureTexts()

        role = Role(s.role).label
        if s.role == Role.MUNICIPALITY:  # Albanian: "Bashkia" in Albania, "Komuna" elsewhere
            role = _(municipality_term(s.country))
        name, municipality = s.names_in(current_language())
        if municipality and s.municipality_name != s.installation_name:
            who = _("{name} ({municipality}) · {role}").format(
                name=name, municipality=municipality, role=role
            )
        elif role.casefold() in name.casefold():  # "Regional hub (demo)": its role once
            who = name
        else:
            who = _("{name} · {role}").format(name=name, role=role)
        self.installation.setText(who)
        self.installation.setAccessibleName(who)
        self.installation.setToolTip(who)
        if s.last_backup is None and s.on_server:
            self.backup.setText(_("Backups: on the server, by its administrator"))
        elif s.last_backup is None:
            self.backup.setText(_("No backup yet"))
        else:
            when = self.texts.moment(s.last_backup)
            self.backup.setText(_("Last backup: {when}").format(when=when))
        if s.last_sync is None:
            self.sync.setText(_("Not synchronised yet"))
        else:
            when = self.texts.moment(s.last_sync)
            self.sync.setText(_("Last sync: {when}").format(when=when))
