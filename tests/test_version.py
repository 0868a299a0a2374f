"""The version the program shows is the version it is built and installed as."""

import tomllib
from importlib.metadata import version
from pathlib import Path

import hubdesk


def test_version_matches_pyproject_and_the_installed_metadata() -> None:
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert hubdesk.__version__ == declared == version("hubdesk")
