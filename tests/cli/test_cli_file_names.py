"""A file's name is chosen by whoever made the file, a dishonest peer too: a newline or a
terminal's escape in it must not start a line of HubDesk's own in what a command prints."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hubdesk.cli import main

Run = Callable[..., Any]
FORGED = "\nhubdesk: Imported bundle 9 from 'Hub': nothing to review\x1b[1A.hubdesk"


def _lines(text: str) -> list[str]:
    assert "\x1b" not in text and "\r" not in text
    return text.splitlines()


def test_a_bundle_named_to_forge_a_line_is_printed_on_its_own_line(
    hubdesk: Run, kumanovo: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card, hub_card, hub = tmp_path / "k.json", tmp_path / "h.json", str(tmp_path / "hub")
    assert hubdesk("profile", "export", "--to", str(card)).code == 0
    assert main(["--data-dir", hub, "init", "--role", "hub", "--name", "Hub"]) == 0
    assert main(["--data-dir", hub, "profile", "export", "--to", str(hub_card)]) == 0
    assert main(["--data-dir", hub, "peers", "add", "--yes", str(card)]) == 0
    assert hubdesk("peers", "add", "--yes", str(hub_card)).code == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    assert hubdesk("export", "--to", str(stick)).code == 0
    [bundle] = stick.iterdir()
    evil = stick / ("a" + FORGED)
    shutil.copy(bundle, evil)
    (stick / ("b" + FORGED)).write_bytes(b"not a bundle")
    missing = stick / ("c" + FORGED)
    capsys.readouterr()

    main(["--data-dir", hub, "import", "--dry-run", str(evil), str(stick / ("b" + FORGED))])
    main(["--data-dir", hub, "import", str(missing)])
    main(["--data-dir", hub, "peers", "add", "--yes", str(missing)])  # a refusal's one line
    said = capsys.readouterr()

    out, err = _lines(said.out), _lines(said.err)
    assert out[0].startswith(f"{stick}/a?hubdesk: Imported bundle 9") and "would bring" in out[0]
    assert all(line.startswith("  ") for line in out[1:])  # the areas, under their file
    assert len(err) == 3, err
    assert err[0].startswith(f"hubdesk: {stick}/b?hubdesk: Imported bundle 9")
    assert err[1].startswith(f"hubdesk: {stick}/c?hubdesk: Imported bundle 9")
    assert err[2].startswith("hubdesk: Could not read") and "review?[1A" in err[2]
