"""The Import… button of a list page: the import wizard for the page's kind of record.

The Trainings, Community and Engagements pages each add one next to Export… and call its
``retranslate``; the page reloads after a good import.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from hubdesk.i18n import N_, _
from hubdesk.ui.listpage import ListPage

TIPS: dict[str, str] = {
    "trainings": N_("Add or update trainings from a spreadsheet"),
    "community_activities": N_("Add or update community activities from a spreadsheet"),
    "engagements": N_("Add or update engagements from a spreadsheet"),
}


class ImportButton(QPushButton):
    """Opens the import wizard for ``kind``; shown only where records are written (a
    municipality's own PC, never the hub's)."""

    def __init__(self, page: ListPage, kind: str) -> None:
        super().__init__(page)
        self.setObjectName("importButton")
        self.page, self.kind = page, kind
        self.clicked.connect(lambda _c=False: self.open_wizard())
        self.setVisible(page.ctx.municipality_id is not None)
        page.toolbar.insertWidget(page.toolbar.indexOf(page.export_button), self)
        self.retranslate()

    def open_wizard(self) -> None:
        from hubdesk.ui.import_wizard import open_import_wizard

        if open_import_wizard(self.page.ctx, self.kind, self.page):
            self.page.after_change()

    def retranslate(self) -> None:
        self.setText(_("Import…"))
        self.setToolTip(_(TIPS[self.kind]))
