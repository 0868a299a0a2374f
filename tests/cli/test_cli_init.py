"""``hubdesk init``: set up once, refuse bad input before touching the disk."""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hubdesk.cli import main
from hubdesk.storage.datadir import database_path
from hubdesk.storage.lock import instance_lock

Run = Callable[..., Any]
README = Path(__file__).resolve().parents[2] / "README.md"
PLACEHOLDERS = {"NAME": "Ohrid", "CC": "MK", "L": "mk"}


def installation(folder: Path) -> tuple[str, str, str, str | None]:
    conn = sqlite3.connect(database_path(folder))
    try:
        return conn.execute(
            "SELECT id, role, language, municipality_id FROM installation"
        ).fetchone()
    finally:
        conn.close()


def test_init_municipality_prints_id_and_role(hubdesk: Run, folder: Path) -> None:
    result = hubdesk(
        "init", "--role", "municipality", "--name", "Kumanovo", "--country", "mk", "--lang", "mk"
    )
    assert result.code == 0 and result.err == ""
    installation_id, role, language, municipality_id = installation(folder)
    # told in the installation's language, as every later command speaks
    assert f"ID на инсталацијата: {installation_id}" in result.out
    assert "Улога: Општина" in result.out
    assert str(folder) in result.out
    assert (role, language) == ("municipality", "mk")
    assert municipality_id is not None


def test_init_hub_needs_no_country(hubdesk: Run, folder: Path) -> None:
    result = hubdesk("init", "--role", "hub", "--name", "Regional hub")
    assert result.code == 0, result.err
    assert "Role: Regional hub" in result.out
    _, role, _, municipality_id = installation(folder)
    assert role == "hub" and municipality_id is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--role", "municipality", "--name", "Kumanovo"], ["country: Choose the"]),
        (["--role", "field", "--name", "Kumanovo"], ["country: Choose the"]),
        (
            ["--role", "municipality", "--name", "  ", "--country", "XX"],
            ["name: This field is required.", "country: 'XX' is not one of"],
        ),
        (["--role", "hub", "--name", "H" * 121], ["name: At most 120 characters (now 121)."]),
        # a hub has no country: set aside without a word, it was taken for one the hub keeps
        (["--role", "hub", "--name", "Hub", "--country", "MK"], ["--country: The hub has no"]),
        (["--role", "hub", "--name", "Hub\x07"], ["name: This text holds an invisible control"]),
        (
            ["--role", "municipality", "--name", "K", "--country", "MK", "--lang", "klingon"],
            ["--lang: Unknown language 'klingon'"],
        ),
    ],
)
def test_bad_input_is_one_line_and_creates_nothing(
    args: list[str], expected: list[str], hubdesk: Run, folder: Path
) -> None:
    line = hubdesk("init", *args).one_line_error()
    for text in expected:
        assert text in line
    assert not folder.exists()


def test_every_problem_is_reported_together(hubdesk: Run) -> None:
    line = hubdesk("init", "--role", "municipality", "--name", "", "--lang", "xx").one_line_error()
    assert "--name:" in line and "--country:" in line and "--lang:" in line


def test_init_twice_is_refused(hubdesk: Run, kumanovo: object, folder: Path) -> None:
    before = installation(folder)
    line = hubdesk("init", "--role", "hub", "--name", "Hub").one_line_error()
    assert "already belongs to 'Kumanovo'" in line
    assert installation(folder) == before


def test_init_waits_for_no_one_while_hubdesk_runs(hubdesk: Run, folder: Path) -> None:
    with instance_lock(folder):
        line = hubdesk(
            "init", "--role", "municipality", "--name", "K", "--country", "MK"
        ).one_line_error()
    assert "already running" in line
    assert not database_path(folder).exists()


def test_unusable_data_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code = main(["--data-dir", str(blocker / "data"), "init", "--role", "hub", "--name", "H"])
    err = capsys.readouterr().err
    assert code != 0 and len(err.splitlines()) == 1
    assert "Could not use the data folder" in err


def test_init_makes_keys_and_shows_their_fingerprint(hubdesk: Run, folder: Path) -> None:
    from hubdesk.sync.keys import load_keys

    result = hubdesk("init", "--role", "hub", "--name", "Regional hub")
    assert result.code == 0, result.err
    assert f"Key fingerprint: {load_keys(folder).public.fingerprint}" in result.out


def test_field_laptop_from_the_municipality_profile(
    hubdesk: Run,
    kumanovo: object,
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from hubdesk.sync.keys import load_keys

    card = tmp_path / "kumanovo-profile.json"
    assert hubdesk("profile", "export", "--to", str(card)).code == 0
    laptop = tmp_path / "laptop"
    capsys.readouterr()
    code = main(
        ["--data-dir", str(laptop), "init", "--role", "field", "--name", "Field laptop 1",
         "--from-profile", str(card)]
    )  # fmt: skip
    assert code == 0
    # Trusted at once: which municipality, and its fingerprint to compare by phone.
    told = capsys.readouterr().out
    office = load_keys(folder).public.fingerprint
    assert "records for 'Kumanovo'" in told and f"by phone: {office}" in told
    _, role, _, municipality_id = installation(laptop)
    assert role == "field" and municipality_id == installation(folder)[3]


def test_from_profile_is_only_for_a_field_laptop(hubdesk: Run, tmp_path: Path) -> None:
    line = hubdesk(
        "init", "--role", "hub", "--name", "Hub", "--from-profile", str(tmp_path / "x.json")
    ).one_line_error()
    assert "--role field" in line


def test_a_field_laptop_from_the_hubs_profile_is_told_which_profile_it_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "--country: Choose the municipality's country.", which nobody needed."""
    hub = tmp_path / "hub"
    assert main(["--data-dir", str(hub), "init", "--role", "hub", "--name", "Hub"]) == 0
    card = tmp_path / "hub-profile.json"
    assert main(["--data-dir", str(hub), "profile", "export", "--to", str(card)]) == 0
    capsys.readouterr()
    laptop = tmp_path / "laptop"
    code = main(["--data-dir", str(laptop), "init", "--role", "field", "--name", "L",
                 "--from-profile", str(card)])  # fmt: skip
    err = capsys.readouterr().err
    assert code != 0 and "set up from its municipality's profile" in err and "country" not in err
    assert not list(laptop.glob("hubdesk.sqlite*"))


def test_a_command_speaks_the_installations_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Macedonian office's command line answered in English although every message is
    translated; HUBDESK_LANG chooses another language, and the caller's comes back after."""
    from hubdesk import i18n

    folder = tmp_path / "mk"
    assert main(["--data-dir", str(folder), "init", "--role", "municipality", "--name",
                 "Куманово", "--country", "MK", "--lang", "mk"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "periods", "submit", "--quarter", "1926-Q1"]) != 0
    assert "Кварталот 1926-Q1 е пред првите записи" in capsys.readouterr().err
    assert i18n.current_language() == "en"
    monkeypatch.setenv("HUBDESK_LANG", "sq")
    assert main(["--data-dir", str(folder), "periods", "submit", "--quarter", "1926-Q1"]) != 0
    assert "Tremujori 1926-Q1 është para" in capsys.readouterr().err


def test_a_language_hubdesk_does_not_speak_in_hubdesk_lang_is_said_and_left_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """HUBDESK_LANG=mk_MK (not a code HubDesk knows) silently turned a Macedonian office's
    command line to English."""
    folder = tmp_path / "mk"
    assert main(["--data-dir", str(folder), "init", "--role", "municipality", "--name",
                 "Куманово", "--country", "MK", "--lang", "mk"]) == 0  # fmt: skip
    capsys.readouterr()
    monkeypatch.setenv("HUBDESK_LANG", "mk_MK")
    assert main(["--data-dir", str(folder), "periods", "submit", "--quarter", "1926-Q1"]) != 0
    err = capsys.readouterr().err
    assert "Кварталот 1926-Q1 е пред првите записи" in err
    assert "HUBDESK_LANG" in err and "„mk_MK“" in err and "sr_Cyrl" in err


def test_help_and_refusals_before_the_data_speak_the_commands_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command's help and a refusal that comes before the data is read (a folder not set up)
    were in English, although translated, whatever HUBDESK_LANG said: they speak the language
    the command will, the installation's or HUBDESK_LANG's, and the caller's comes back after."""
    from hubdesk import i18n

    folder = tmp_path / "mk"
    assert main(["--data-dir", str(folder), "init", "--role", "municipality", "--name",
                 "Куманово", "--country", "MK", "--lang", "mk"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "stats", "--help"]) == 0
    assert "испечати еден JSON-објект, за скрипти" in capsys.readouterr().out
    assert i18n.current_language() == "en"

    monkeypatch.setenv("HUBDESK_LANG", "sr_Cyrl")
    assert main(["--data-dir", str(tmp_path / "none"), "stats"]) == 2
    assert "HubDesk још није подешен у" in capsys.readouterr().err
    assert i18n.current_language() == "en"


def test_a_data_folder_whose_path_is_too_long_for_sqlite_is_told_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """About 240 Cyrillic letters: "Could not open the database in ...: unable to open
    database file", SQLite's words for a path over 512 bytes."""
    folder = tmp_path / ("ж" * 120) / ("ш" * 120)
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "init", "--role", "hub", "--name", "Hub"]) != 0
    err = capsys.readouterr().err
    assert "path is too long" in err and "unable to open" not in err
    assert not list(folder.glob("hubdesk.sqlite*"))


def test_a_redirected_output_in_a_code_page_without_cyrillic_still_gets_every_word(
    tmp_path: Path,
) -> None:
    """As on Windows, where a file or a pipe gets the ANSI code page (cp1252 on a Western PC):
    the Macedonian summary once stopped the command with UnicodeEncodeError. The output is
    UTF-8 instead."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "HUBDESK_DATA_DIR": str(tmp_path / "d")}
    env.pop("HUBDESK_LANG", None)
    setup = ["init", "--role", "municipality", "--name", "Kumanovo", "--country", "mk"]
    done = subprocess.run(
        [sys.executable, "-m", "hubdesk", *setup, "--lang", "mk"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "Улога: Општина" in done.stdout.decode("utf-8")


def readme_init_commands() -> list[list[str]]:
    """Each ``hubdesk init`` the README shows, as a person types it from there: every
    ``{a,b}`` choice spelled out, the ``[optional]`` parts left out, the placeholders filled
    in (the field laptop set up from a profile is tried in its own test)."""
    commands = []
    for shown in re.findall(r"`hubdesk init ([^`]+)`", README.read_text(encoding="utf-8")):
        if "--from-profile" in shown:
            continue
        words = re.sub(r"\[[^\]]*\]", "", shown).split()
        choices = [w[1:-1].split(",") if w.startswith("{") else [w] for w in words]
        for chosen in itertools.product(*choices):
            commands.append(["init", *(PLACEHOLDERS.get(w, w) for w in chosen)])
    return commands


def test_every_init_the_readme_shows_works_as_written(tmp_path: Path) -> None:
    commands = readme_init_commands()
    roles = {command[command.index("--role") + 1] for command in commands}
    assert roles == {"municipality", "field", "hub"}, commands
    for number, command in enumerate(commands):
        assert main(["--data-dir", str(tmp_path / str(number)), *command]) == 0, command


def test_a_field_laptop_follows_its_municipality_country_not_the_one_typed(
    hubdesk: Run, kumanovo: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "kumanovo-profile.json"
    assert hubdesk("profile", "export", "--to", str(card)).code == 0
    laptop = tmp_path / "laptop"
    args = ["--data-dir", str(laptop), "init", "--role", "field", "--name", "Field laptop 1"]
    capsys.readouterr()
    assert main([*args, "--country", "AL", "--from-profile", str(card)]) == 2
    assert "--country: The municipality sets its country" in capsys.readouterr().err
    assert not laptop.exists()
    assert main([*args, "--country", "mk", "--from-profile", str(card)]) == 0  # the same one
