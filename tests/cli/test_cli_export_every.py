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
