"""What an import does after its commit cannot make it look failed."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError
from sync_helpers import Network, seed

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.storage import planner_stats
from hubdesk.sync.importer import import_bundle


def test_statistics_failing_after_the_commit_leave_the_import_imported(
    net: Network, muni: ServiceContext, hub: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server went away during the ANALYZE that follows a large import: the records were
    committed, and the command said 'what you were doing was not saved'."""
    seed(muni)

    def gone(*_args: object) -> bool:
        raise OperationalError("ANALYZE", {}, Exception("server closed the connection"))

    monkeypatch.setattr(planner_stats, "refresh_after_import", gone)
    result = import_bundle(hub, net.send(muni, hub).path)
    assert result.status == "imported" and result.totals().created > 0
    assert team.list_teams(hub)  # there, and said to be there
