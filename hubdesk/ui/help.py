"""Help ▸ Guide to this page (F1) and Help ▸ About, for the main window.

The guide is a small window beside the main one, not a modal dialog: a person reads it while
trying what it says. It follows the page shown and the language chosen while it is open. It is
made on first use (:mod:`hubdesk.ui.guide_dialog`): the menu is part of the window's frame,
which should not wait for the guides' texts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from hubdesk.i18n import _

if TYPE_CHECKING:
    from hubdesk.ui.guide_dialog import GuideDialog
    from hubdesk.ui.mainwindow import MainWindow


class HelpMenu:
    """The window's Help menu; the guide window is made on first use."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.menu = QMenu(window)
        window.menuBar().addMenu(self.menu)
        self.guide_action = QAction(window)
        self.about_action = QAction(window)
        self.menu.addAction(self.guide_action)
        self.menu.addSeparator()
        self.menu.addAction(self.about_action)
        self.menu.setEnabled(False)  # nothing to explain before the data is open
        self.dialog: GuideDialog | None = None

    def make_actions(self) -> dict[str, QAction]:
        """Bound once the data is open (a shortcut builds PySide's ``Qt`` namespace, which the
        window's frame does not wait for)."""
        from PySide6.QtGui import QKeySequence

        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(lambda _c=False: self.show_guide())
        self.about_action.triggered.connect(lambda _c=False: self.show_about())
        self.menu.setEnabled(True)
        return {"guide": self.guide_action, "about": self.about_action}

    def show_guide(self) -> GuideDialog:
        """The guide to the page on screen, in front."""
        if self.dialog is None:
            from hubdesk.ui.guide_dialog import GuideDialog

            self.dialog = GuideDialog(self.window)
        self.dialog.show_topic(self.window.shown_page().help_topic)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def follow(self, topic: str) -> None:
        """The person went to another page: an open guide turns to that page's."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.show_topic(topic)

    def show_about(self) -> None:
        from hubdesk.ui.about import AboutDialog

        AboutDialog(self.window.data_dir, self.window).exec()

    def retranslate(self) -> None:
        self.menu.setTitle(_("Help"))
        self.guide_action.setText(_("Guide to this page"))
        self.about_action.setText(_("About HubDesk and licences…"))
        if self.dialog is not None:
            self.dialog.retranslate()
