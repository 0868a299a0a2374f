"""``hubdesk import <stick>/*.hubdesk``: the shell lists "…-10" before "…-9".

Imported in that order the newer bundle went in first and the older one was refused (exit 1),
though nothing was wrong; bundles chosen together now go in by the numbers in their names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hubdesk.sync.export import in_number_order

Run = Callable[..., Any]


def test_numbers_in_names_are_compared_as_numbers() -> None:
    names = ["K-to-Hub-2026-12-05-10.hubdesk", "K-to-Hub-2026-12-05-9.hubdesk", "a 2.hubdesk"]
    assert [p.name for p in in_number_order([Path(n) for n in names])] == [
        "K-to-Hub-2026-12-05-9.hubdesk",
        "K-to-Hub-2026-12-05-10.hubdesk",
        "a 2.hubdesk",
    ]


def test_a_stick_of_ten_bundles_goes_in_whatever_order_the_shell_lists(
    hubdesk: Run, kumanovo: Any, tmp_path: Path, capsys: Any
) -> None:
    from hubdesk.cli import main

    card, hub_card = tmp_path / "k.json", tmp_path / "h.json"
    assert hubdesk("profile", "export", "--to", str(card)).code == 0
    hub = str(tmp_path / "hub")
    assert main(["--data-dir", hub, "init", "--role", "hub", "--name", "Hub"]) == 0
    assert main(["--data-dir", hub, "profile", "export", "--to", str(hub_card)]) == 0
    assert main(["--data-dir", hub, "peers", "add", "--yes", str(card)]) == 0
    assert hubdesk("peers", "add", "--yes", str(hub_card)).code == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    for _ in range(10):
        assert hubdesk("export", "--to", str(stick)).code == 0
    listed = sorted(str(p) for p in stick.iterdir())  # what "stick/*.hubdesk" expands to
    assert listed[0].endswith("-1.hubdesk") and listed[1].endswith("-10.hubdesk")
    capsys.readouterr()
    assert main(["--data-dir", hub, "import", *listed]) == 0, capsys.readouterr().err
