"""Help ▸ Guide to this page (F1) and Help ▸ About, for the main window.

The guide is a small window beside the main one, not a modal dialog: a person reads it while
trying what it says. It follows the page shown and the language chosen while it is open.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hubdesk.i18n import _
from hubdesk.ui.guides import GUIDES

if TYPE_CHECKING:
    from hubdesk.ui.mainwindow import MainWindow


def guide_html(topic: str) -> str:
    """The guide to ``topic`` in the language chosen now: a paragraph, a list, a paragraph."""
    guide = GUIDES[topic]
    steps = "".join(f"<li>{escape(_(step))}</li>" for step in guide.steps)
    return f"<p>{escape(_(guide.intro))}</p><ul>{steps}</ul><p>{escape(_(guide.next))}</p>"


class GuideDialog(QDialog):
    """The guide to one page; ``show_topic`` turns it to another."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide")
        self.topic = "dashboard"
        self.heading = QLabel(self)
        self.heading.setObjectName("pageTitle")
        self.text = QTextBrowser(self)
        self.text.setObjectName("guideText")
        self.text.setOpenLinks(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(460, 460)

    def show_topic(self, topic: str) -> None:
        self.topic = topic
        self.retranslate()

    def retranslate(self) -> None:
        title = _(GUIDES[self.topic].title)
        self.setWindowTitle(_("Guide: {page}").format(page=title))
        self.heading.setText(title)
        self.text.setHtml(guide_html(self.topic))
        self.text.setAccessibleName(_("Guide to this page"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))


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
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(lambda _c=False: self.show_guide())
        self.about_action.triggered.connect(lambda _c=False: self.show_about())
        self.menu.setEnabled(True)
        return {"guide": self.guide_action, "about": self.about_action}

    def show_guide(self) -> GuideDialog:
        """The guide to the page on screen, in front."""
        if self.dialog is None:
            self.dialog = GuideDialog(self.window)
        window = self.window
        self.dialog.show_topic(window.page_api(window.current_key()).help_topic)
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

        data_dir = self.window.context().data_dir
        assert data_dir is not None  # attach() makes sure
        AboutDialog(data_dir, self.window).exec()

    def retranslate(self) -> None:
        self.menu.setTitle(_("Help"))
        self.guide_action.setText(_("Guide to this page"))
        self.about_action.setText(_("About HubDesk and licences…"))
        if self.dialog is not None:
            self.dialog.retranslate()
