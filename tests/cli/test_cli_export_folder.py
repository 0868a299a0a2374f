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
