"""``hubdesk import FILE`` tells what the import did as its dry run tells what it would do: a
meeting deleted here that comes back, and where the conflicts it logged are reviewed."""

from __future__ import annotations

import datetime as dt

import pytest
from sync_helpers import Network, seed

from hubdesk.cli import main
from hubdesk.services import actions, meetings
from hubdesk.services.context import ServiceContext


@pytest.mark.sqlite_only("the command opens the office's own database file")
def test_the_import_tells_what_came_back_and_where_to_review_conflicts(
    net: Network, muni: ServiceContext, field: ServiceContext, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = seed(muni)["meeting"]
    net.deliver(muni, field)
    item = {"meeting_id": meeting, "title": "Call the school", "due_on": dt.date(2024, 4, 1)}
    actions.create_action_item(field, item)
    meetings.delete_meeting(muni, meeting)
    sent = net.send(field, muni)
    folder = str(muni.data_dir)
    capsys.readouterr()

    assert main(["--data-dir", folder, "import", "--dry-run", str(sent.path)]) == 0
    preview = capsys.readouterr().out.splitlines()
    assert main(["--data-dir", folder, "import", str(sent.path)]) == 0
    done = capsys.readouterr().out.splitlines()

    told = [line for line in preview if line.startswith("  ")]
    assert (
        "  1 meeting deleted on this PC comes back: it was changed on another PC meanwhile." in told
    )
    assert done[1:-1] == told  # the areas and the sentences, as the dry run said them
    assert "Imported bundle" in done[0]
    assert done[-1] == "1 conflict waits for you to review it: 'hubdesk conflicts list'."
    assert not any("conflicts list" in line for line in preview)  # nothing logged yet
