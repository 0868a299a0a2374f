"""The build workflow (.github/workflows/build.yml), read as GitHub would: no runner here is
Windows, so the Windows job is checked for what can be checked without running it: a valid
workflow by GitHub's published schema, and each job in the order the installer issue asks for
(tests, then PyInstaller, then the frozen program's checks, then the packaging tool)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from installer_helpers import ROOT
from ruamel.yaml import YAML

WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"


def steps(job: str) -> list[str]:
    """The job's steps as text (name, uses and run), in order."""
    data: Any = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    return [
        " ".join(str(step.get(key, "")) for key in ("name", "uses", "run"))
        for step in data["jobs"][job]["steps"]
    ]


def position(job_steps: list[str], needle: str) -> int:
    found = [i for i, text in enumerate(job_steps) if needle in text]
    assert found, f"no step with {needle!r}"
    return found[0]


def test_workflows_are_valid_by_githubs_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         *map(str, sorted(WORKFLOW.parent.glob("*.yml")))],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("job", "order"),
    [
        ("windows", ["pytest", "PyInstaller", "selftest", "HUBDESK_QUIT_AFTER", "makensis"]),
        ("linux", ["dev test", "build-linux.sh", "pytest -m slow"]),
    ],
)
def test_each_job_tests_first_then_freezes_then_checks_then_packages(
    job: str, order: list[str]
) -> None:
    job_steps = steps(job)
    places = [position(job_steps, needle) for needle in order]
    assert places == sorted(places), dict(zip(order, places, strict=True))


def test_the_windows_job_runs_on_windows_and_keeps_both_artefacts() -> None:
    data: Any = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    windows = data["jobs"]["windows"]
    assert windows["runs-on"].startswith("windows")
    uploads = [s for s in windows["steps"] if "upload-artifact" in str(s.get("uses", ""))]
    paths = uploads[0]["with"]["path"]
    assert "-setup.exe" in paths and "-portable.zip" in paths


def test_the_linux_job_installs_what_the_build_needs() -> None:
    text = " ".join(steps("linux"))
    for package in ("dpkg-dev", "nsis", "icu-devtools", "gcc"):
        assert package in text, package
