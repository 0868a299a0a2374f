"""Message boxes whose buttons HubDesk translates itself.

Qt ships no Albanian, Macedonian, Serbian or Bosnian translations, so its standard buttons would
say "Cancel" in an otherwise Macedonian window. Every question here builds its own buttons
through ``_()``. Pages call these through the module (``dialogs.confirm(...)``) so that tests can
answer them without a person.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from hubdesk.i18n import _
from hubdesk.ui.path_text import whole_paths


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(whole_paths(text))  # a path never breaks after "C:"
    return box


def confirm(
    parent: QWidget | None, title: str, text: str, yes: str | None = None, no: str | None = None
) -> bool:
    """Ask before doing something that cannot be taken back; the safe answer is the default."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes_button = box.addButton(yes or _("Yes"), QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no or _("No"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def confirm_delete(parent: QWidget | None, what: str) -> bool:
    return confirm(
        parent,
        _("Delete"),
        _(
            "Delete {what}? It disappears from lists and reports here and on the PCs you "
            "share data with."
        ).format(what=what),
        yes=_("Delete"),
        no=_("Cancel"),
    )


def may_close(parent: QWidget, changed: bool, save: Callable[[], object]) -> bool:
    """Closing a dialog (Escape, Cancel, the window's cross): with changes, asked first. True
    when it may close now: Discard. Save runs ``save``, which closes the dialog itself when it
    succeeds and leaves it open, with what was typed, when refused; Cancel stays."""
    if not changed:
        return True
    answer = ask_unsaved(parent)
    if answer is Unsaved.SAVE:
        save()
    return answer is Unsaved.DISCARD


def ask_unsaved(parent: QWidget | None) -> Unsaved:
    """Save, discard or stay: what a person wants when leaving a form with changes."""
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        _("Unsaved changes"),
        _("You have changed this form. Save the changes?"),
    )
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Unsaved.SAVE
    if clicked is discard:
        return Unsaved.DISCARD
    return Unsaved.CANCEL


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    ways: Sequence[str],
    out: str,
    detail: str | None = None,
) -> int | None:
    """Several ways on and a safe way out, which is the default (and Escape): the index of
    the way chosen, None for the way out. ``detail`` is said below the question."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    if detail:
        box.setInformativeText(whole_paths(detail))
    buttons = [box.addButton(way, QMessageBox.ButtonRole.ActionRole) for way in ways]
    out_button = box.addButton(out, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(out_button)
    box.setEscapeButton(out_button)
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, button in enumerate(buttons) if clicked is button), None)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def tell_unreadable(parent: QWidget | None, text: str) -> None:
    """The data could not be read just now (a hub's server out of reach, a staff login
    removed): why, with what the window showed kept as it was."""
    show_error(parent, _("HubDesk cannot reach its data"), text)


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
