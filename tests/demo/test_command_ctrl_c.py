"""Ctrl+C during ``hubdesk demo``: before the data is saved nothing is left; after it, the
demo is finished whole and the person is told so (it had said "nothing was changed" and left a
demo without its attached files and hub, which the folder then refused to build again)."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest
from test_command import Run, folder_state, run  # noqa: F401 (the fixture)

from hubdesk.commands import demo as demo_command


@pytest.fixture(autouse=True)
def in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUBDESK_LANG", "en")  # the words looked for, whatever the demo speaks


def ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)


def test_ctrl_c_after_the_data_was_saved_finishes_the_demo_and_says_so(
    run: Run,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = demo_command.add_demo_attachments

    def pressed_meanwhile(muni: Any) -> None:
        ctrl_c()
        real(muni)

    monkeypatch.setattr(demo_command, "add_demo_attachments", pressed_meanwhile)
    folder = tmp_path / "demo"
    code, out, err = run("--data-dir", str(folder), "demo")
    assert code == 0, err
    assert "nothing was changed" not in err
    assert "Ctrl+C came after the demo data was saved, so the demo was finished" in err
    assert "(seed 1, scale 1)" in out  # and the summary, as ever
    _installation, counts = folder_state(folder)
    assert counts["attachments"] > 0  # finished whole


def test_ctrl_c_while_the_data_is_built_leaves_the_folder_empty(
    run: Run,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meter = demo_command.ProgressLine
    presses: list[bool] = []

    class PressedHalfWay(meter):  # type: ignore[misc,valid-type]
        def __call__(self, done: int, total: int) -> bool:
            if done == total // 2 and not presses:
                presses.append(True)
                ctrl_c()
            return super().__call__(done, total)

    monkeypatch.setattr(demo_command, "ProgressLine", PressedHalfWay)
    folder = tmp_path / "demo"
    code, out, err = run("--data-dir", str(folder), "demo")
    assert code == 130 and out == ""
    assert "nothing was changed" in err
    # built again at once: nothing of the first attempt is in the way
    assert run("--data-dir", str(folder), "demo")[0] == 0
