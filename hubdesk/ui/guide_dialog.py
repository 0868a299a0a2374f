"""The guide to a page: a small window beside the main one (Help ▸ Guide to this page).

Made on first use, so the window's frame never waits for it (see :mod:`hubdesk.ui.help`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hubdesk.i18n import _
from hubdesk.ui.guides import GUIDES


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
