"""Where data lives: --data-dir, then HUBDESK_DATA_DIR, then portable, then the per-user folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hubdesk.storage import datadir
from hubdesk.storage.datadir import (
    DB_FILENAME,
    ENV_VAR,
    PORTABLE_DATA,
    PORTABLE_MARKER,
    backups_dir,
    database_path,
    is_portable,
    program_dir,
    resolve_data_dir,
)


@pytest.fixture
def program(tmp_path: Path) -> Path:
    folder = tmp_path / "program"
    folder.mkdir()
    return folder


@pytest.fixture
def portable_program(program: Path) -> Path:
    (program / PORTABLE_MARKER).write_text("")
    return program


def user_dir() -> Path:
    """The per-user folder under the test's own XDG_DATA_HOME (set by conftest)."""
    return Path(os.environ["XDG_DATA_HOME"]) / "HubDesk"


def test_option_beats_everything(tmp_path: Path, portable_program: Path) -> None:
    environ = {ENV_VAR: str(tmp_path / "from-env")}
    chosen = resolve_data_dir(tmp_path / "from-option", environ, portable_program)
    assert chosen == tmp_path / "from-option"


def test_environment_beats_portable(tmp_path: Path, portable_program: Path) -> None:
    environ = {ENV_VAR: str(tmp_path / "from-env")}
    assert resolve_data_dir(None, environ, portable_program) == tmp_path / "from-env"


def test_portable_beats_the_user_folder(portable_program: Path) -> None:
    assert resolve_data_dir(None, {}, portable_program) == portable_program / PORTABLE_DATA
    assert is_portable(portable_program)


@pytest.mark.skipif(sys.platform != "linux", reason="XDG paths are Linux's")
def test_per_user_folder_otherwise(program: Path) -> None:
    assert resolve_data_dir(None, {}, program) == user_dir()
    assert not is_portable(program)


def test_empty_environment_variable_is_ignored(program: Path) -> None:
    assert resolve_data_dir(None, {ENV_VAR: ""}, program) == resolve_data_dir(None, {}, program)


def test_relative_and_home_paths_become_absolute(
    tmp_path: Path, program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_data_dir("rel", {}, program) == tmp_path / "rel"
    assert resolve_data_dir("~/hd", {}, program) == Path(os.environ["HOME"]) / "hd"


def test_frozen_program_dir_is_the_executables_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "HubDesk.exe"))
    assert program_dir() == tmp_path
    (tmp_path / PORTABLE_MARKER).write_text("")
    assert datadir.resolve_data_dir(None, {}) == tmp_path / PORTABLE_DATA


def test_files_inside_the_data_folder(tmp_path: Path) -> None:
    assert database_path(tmp_path) == tmp_path / DB_FILENAME
    assert backups_dir(tmp_path) == tmp_path / "backups"


# --- end to end: the real command in its own process -------------------------------------------


def run_hubdesk(args: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
    result = subprocess.run(
        args, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    env["HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / ".local" / "share")
    return env


INIT = ["init", "--role", "hub", "--name", "Regional hub"]


def test_cli_honours_data_dir_option(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    target = tmp_path / "chosen"
    run_hubdesk([sys.executable, "-m", "hubdesk", "--data-dir", str(target), *INIT], env)
    assert database_path(target).is_file()
    assert not (Path(env["XDG_DATA_HOME"]) / "HubDesk").exists()


def test_cli_honours_the_environment_variable(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    env[ENV_VAR] = str(tmp_path / "from-env")
    run_hubdesk([sys.executable, "-m", "hubdesk", *INIT], env)
    assert database_path(tmp_path / "from-env").is_file()
    assert not (Path(env["XDG_DATA_HOME"]) / "HubDesk").exists()


def test_cli_option_beats_the_environment_variable(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    env[ENV_VAR] = str(tmp_path / "from-env")
    option = tmp_path / "from-option"
    run_hubdesk([sys.executable, "-m", "hubdesk", "--data-dir", str(option), *INIT], env)
    assert database_path(option).is_file()
    assert not (tmp_path / "from-env").exists()


def test_portable_program_keeps_its_data_beside_itself(tmp_path: Path) -> None:
    """A launcher on a "USB stick" with the marker beside it: the data goes onto the stick."""
    stick = tmp_path / "stick"
    stick.mkdir()
    launcher = stick / "hubdesk-launcher.py"
    launcher.write_text("from hubdesk.cli import main\nraise SystemExit(main())\n")
    (stick / PORTABLE_MARKER).write_text("")
    env = clean_env(tmp_path)
    run_hubdesk([sys.executable, str(launcher), *INIT], env, cwd=tmp_path)
    assert database_path(stick / PORTABLE_DATA).is_file()
    assert not (Path(env["XDG_DATA_HOME"]) / "HubDesk").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="XDG paths are Linux's")
def test_cli_falls_back_to_the_per_user_folder(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    run_hubdesk([sys.executable, "-m", "hubdesk", *INIT], env, cwd=tmp_path)
    assert database_path(Path(env["XDG_DATA_HOME"]) / "HubDesk").is_file()
