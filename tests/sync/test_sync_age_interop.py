"""A hub without HubDesk can open a bundle with the standard ``age`` tool and its identity file.

The Debian package ``age`` is installed when it is missing and the tests run as root (as in CI);
elsewhere the test is skipped and says why.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from typing import Any

import debian
import pytest
from sync_helpers import Network

from hubdesk.services.context import ServiceContext
from hubdesk.sync import keys


def _install_age() -> str | None:
    found = shutil.which("age")
    if found or not debian.may_install():
        return found
    debian.install("age")
    return shutil.which("age")


@pytest.fixture(scope="session")
def age_tool() -> str:
    path = _install_age()
    if path is None:
        pytest.skip("the 'age' command is not installed and cannot be installed here (needs root "
                    "and apt-get): the interoperability test did not run")  # fmt: skip
    return path


def test_standard_age_decrypts_a_bundle(
    age_tool: str,
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    seeded: dict[str, Any],
) -> None:
    sent = net.send(muni, hub)
    assert hub.data_dir is not None
    identity = keys.keys_dir(hub.data_dir) / keys.AGE_FILE
    done = subprocess.run(
        [age_tool, "--decrypt", "-i", str(identity), str(sent.path)],
        capture_output=True,
        timeout=60,
        check=True,
    )
    with zipfile.ZipFile(io.BytesIO(done.stdout)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        members = json.loads(archive.read("records/members.json"))
    assert manifest["recipient"]["installation_id"] == hub.installation_id
    assert manifest["counts"]["members"] == len(members["rows"]) == 1
    # With the wrong identity the standard tool refuses too.
    assert muni.data_dir is not None
    wrong = keys.keys_dir(muni.data_dir) / keys.AGE_FILE
    failed = subprocess.run(
        [age_tool, "--decrypt", "-i", str(wrong), str(sent.path)], capture_output=True, timeout=60
    )
    assert failed.returncode != 0 and not failed.stdout
