"""``hubdesk export --to <folder>/`` when the folder (a USB stick) is not there.

The trailing separator says a folder was meant; the path used to lose it, and the bundle was
written as a file named like the stick next to where the stick was, "written" reported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = Callable[..., Any]


def test_a_missing_folder_written_as_a_folder_is_refused(
    hubdesk: Run, kumanovo: Any, tmp_path: Path, capsys: Any
) -> None:
    from hubdesk.cli import main

    card = tmp_path / "kumanovo-profile.json"
    assert hubdesk("profile", "export", "--to", str(card)).code == 0
    hub = str(tmp_path / "hub")
    assert main(["--data-dir", hub, "init", "--role", "hub", "--name", "Hub"]) == 0
    assert main(["--data-dir", hub, "profile", "export", "--to", str(tmp_path / "h.json")]) == 0
    assert hubdesk("peers", "add", "--yes", str(tmp_path / "h.json")).code == 0
    stick = tmp_path / "media" / "STICK"
    stick.parent.mkdir()  # the mount folder stays when the stick is taken out
    refused = hubdesk("export", "--to", f"{stick}/")
    assert refused.code != 0 and "does not exist" in refused.one_line_error()
    assert not stick.exists()
    stick.mkdir(parents=True)  # the stick is put back
    sent = hubdesk("export", "--to", f"{stick}/")
    assert sent.code == 0, sent.err
    [bundle] = stick.iterdir()
    assert main(["--data-dir", hub, "peers", "add", "--yes", str(card)]) == 0
    assert main(["--data-dir", hub, "import", str(bundle)]) == 0


def test_the_export_names_the_fields_kept_here_as_the_forms_do(
    hubdesk: Run, kumanovo: Any, tmp_path: Path, folder: Path
) -> None:
    """What stays on this PC is said in the forms' words ("E-mail"), as the window says it,
    never by the column names of the bundle ("email")."""
    from hubdesk.cli import main
    from hubdesk.services import team
    from hubdesk.services.installation import load_context
    from hubdesk.storage.open import open_database

    hub = str(tmp_path / "hub")
    assert main(["--data-dir", hub, "init", "--role", "hub", "--name", "Hub"]) == 0
    assert main(["--data-dir", hub, "profile", "export", "--to", str(tmp_path / "h.json")]) == 0
    assert hubdesk("peers", "add", "--yes", str(tmp_path / "h.json")).code == 0
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        cat = team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"})
        team.create_member(
            ctx,
            {"team_id": cat.id, "name": "Ana", "sector": "police", "role": "member",
             "gender": "female", "email": "ana@example.org"},
        )  # fmt: skip
    finally:
        db.close()
    sent = hubdesk("export", "--to", str(tmp_path / "out.hubdesk"))
    assert sent.code == 0, sent.err
    assert "Kept on this PC: Team members: E-mail, Notes, Phone" in sent.out


def test_a_profile_written_onto_a_folder_or_into_none_is_refused_by_its_name(
    hubdesk: Run, kumanovo: Any, tmp_path: Path
) -> None:
    """``profile export --to out`` where ``out`` is a folder named ``out.partial`` in its
    refusal and left that file behind; a folder not there was named by the temp file too."""
    folder = tmp_path / "out"
    folder.mkdir()
    refused = hubdesk("profile", "export", "--to", str(folder)).one_line_error()
    assert refused.startswith(f"hubdesk: {folder}:") and ".partial" not in refused
    missing = tmp_path / "nowhere" / "card.json"
    refused = hubdesk("profile", "export", "--to", str(missing)).one_line_error()
    assert refused.startswith(f"hubdesk: {missing.parent}:") and ".partial" not in refused
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) == ["out"]
    assert list(folder.iterdir()) == []
