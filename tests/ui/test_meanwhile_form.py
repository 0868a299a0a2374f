"""The common editor frame (ui/forms.py ``EditorDialog``) over a change a colleague made after
the form was opened (services/meanwhile.py): the save is refused, the fields they changed are
marked, what was typed stays, and a second Save writes over theirs knowingly.

The first test runs on SQLite and on PostgreSQL; the second needs ``--database postgresql``:
two staff, each with their own login, and the refusal names the colleague.
"""

from __future__ import annotations

from pathlib import Path

from gui import click, type_into
from pytestqt.qtbot import QtBot
from staff_logins import two_staff

from hubdesk.services import calls
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.call import NoteDialog


def opened(qtbot: QtBot, ctx: ServiceContext, note_id: str) -> NoteDialog:
    dialog = NoteDialog(ctx, note_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_editor_frame_marks_what_changed_meanwhile_and_saves_again_knowingly(
    qtbot: QtBot, hub_ctx: ServiceContext
) -> None:
    note = calls.create_note(hub_ctx, {"title": "Budgets", "body": "Round to the euro."})
    dialog = opened(qtbot, hub_ctx, note.id)
    title, body = dialog.fields.fields["title"], dialog.fields.fields["body"]
    type_into(qtbot, title.widget, "Budget lines")
    calls.update_note(hub_ctx, note.id, {"body": "Round to the cent."})  # another window
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.general_error.isVisible()
    assert "changed this record after you opened it" in dialog.general_error.text()
    assert body.error.isVisible() and "after you opened this form" in body.error.text()
    assert not title.error.isVisible()
    assert title.widget.text() == "Budget lines"  # what was typed stays
    assert calls.get_note(hub_ctx, note.id).title == "Budgets"  # nothing written
    click(qtbot, dialog.save_button)  # knowingly
    assert not dialog.isVisible()
    stored = calls.get_note(hub_ctx, note.id)
    assert (stored.title, stored.body) == ("Budget lines", "Round to the cent.")


def test_two_staff_the_second_save_is_refused_and_names_the_colleague(
    qtbot: QtBot, tmp_path: Path, server_url: str
) -> None:
    with two_staff(tmp_path, server_url, "vesna", "Vesna Ilić") as (admin, vesna):
        note = calls.create_note(admin, {"title": "Budgets", "body": "Round to the euro."})
        mine = opened(qtbot, admin, note.id)
        hers = opened(qtbot, vesna, note.id)
        type_into(qtbot, hers.fields.fields["title"].widget, "Budget lines")
        click(qtbot, hers.save_button)
        assert not hers.isVisible()
        type_into(qtbot, mine.fields.fields["body"].widget, "Round to the cent.")
        click(qtbot, mine.save_button)
        assert mine.isVisible()
        assert mine.general_error.text().startswith("Vesna Ilić changed this record")
        marked = mine.fields.fields["title"].error
        assert marked.isVisible() and marked.text().startswith("Changed by Vesna Ilić")
        assert calls.get_note(admin, note.id).body == "Round to the euro."
        click(qtbot, mine.save_button)
        assert not mine.isVisible()
        stored = calls.get_note(vesna, note.id)
        assert (stored.title, stored.body) == ("Budget lines", "Round to the cent.")
