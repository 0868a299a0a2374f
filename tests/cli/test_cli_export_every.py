"""``hubdesk export --all``: the hub writes a bundle for each of its municipalities in one go."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hub_demo_copy import hub_demo

Run = Callable[..., Any]  # the ``hubdesk`` fixture of tests/cli/conftest.py


def test_the_hub_writes_a_bundle_for_each_city(hubdesk: Run, tmp_path: Path, folder: Path) -> None:
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    stick = tmp_path / "stick"
    # Taken out, or mistyped: nothing is written anywhere, and no number is used up.
    gone = hubdesk("export", "--all", "--to", f"{stick}/")
    assert "is not there" in gone.one_line_error()
    a_file = tmp_path / "members.xlsx"  # a file named where a folder was meant
    a_file.write_bytes(b"kept")
    named = hubdesk("export", "--all", "--to", str(a_file)).one_line_error()
    assert "is a file, not a folder" in named and a_file.read_bytes() == b"kept"
    assert (
        "--for or --all" in hubdesk("export", "--all", "--for", "x", "--to", "y").one_line_error()
    )
    stick.mkdir()
    done = hubdesk("export", "--all", "--to", str(stick))
    assert done.code == 0, done.err
    written = sorted(p.name for p in stick.iterdir())
    assert len(written) == 3 and all(name.endswith("-1.hubdesk") for name in written)
    assert done.out.count("Bundle 1 for") == 3
    again = hubdesk("export", "--all", "--to", str(stick))
    assert again.out.count("Bundle 2 for") == 3


def test_ctrl_c_after_a_bundle_says_which_were_not_written(
    hubdesk: Run, tmp_path: Path, folder: Path, monkeypatch: Any
) -> None:
    """Ctrl+C at the second city said "cancelled; nothing was changed" although the first
    city's bundle was written and counted as sent: the bundles written are listed, those not
    written named, and the exit is a cancel's."""
    from hubdesk.sync import export_every

    hub_demo(folder).close()
    stick = tmp_path / "stick"
    stick.mkdir()
    real = export_every.export_bundle
    calls: list[str] = []

    def pressed_at_the_second(ctx: Any, peer_id: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(peer_id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(ctx, peer_id, *args, **kwargs)

    monkeypatch.setattr(export_every, "export_bundle", pressed_at_the_second)
    done = hubdesk("export", "--all", "--to", str(stick))
    assert done.code == 130
    assert len(list(stick.iterdir())) == 1 and done.out.count("Bundle 1 for") == 1
    line = done.one_line_error()
    assert "Not written, cancelled:" in line and "nothing was changed" not in line
    assert len(line.rsplit(": ", 1)[1].split(", ")) == 2  # the two cities not reached
