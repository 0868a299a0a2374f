"""The hub's database server goes away in the middle of an import.

Runs with ``--database postgresql``, on a server of the test's own that it stops and starts:
the import is one transaction, so the person is told in one line and nothing of it is kept;
once the server is back the same bundle imports whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pg import Server
from sqlalchemy import func, select
from sync_helpers import Network, seed

from hubdesk.domain import Member
from hubdesk.domain.sync import BundleLog
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.migrate import migrate
from hubdesk.sync import importer
from hubdesk.sync.importer import import_bundle


@pytest.fixture
def hub(own_server: Server, tmp_path: Path) -> Iterator[ServiceContext]:
    database = Database(own_server.create("hub"))
    migrate(database)
    ctx = initialise(database, role="hub", name="Regional hub")
    ctx.data_dir = tmp_path / "hub"
    ctx.data_dir.mkdir()
    yield ctx
    database.close()


def count(ctx: ServiceContext, model: Any) -> int:
    with ctx.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_an_import_cut_off_by_the_server_keeps_nothing_and_can_be_done_again(
    hub: ServiceContext, own_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    network = Network(tmp_path)
    try:
        town = network.install("kumanovo", "municipality", "MK")
        network.install("hub", "hub", ctx=hub)
        network.introduce(town, hub)
        seed(town)
        bundle = network.send(town, hub).path
        write_log = importer._log

        def server_goes_away(*args: Any) -> None:  # every row merged, the log not yet written
            own_server.halt()
            write_log(*args)

        monkeypatch.setattr(importer, "_log", server_goes_away)
        with pytest.raises(StorageError, match=r"connection to the database server .* was lost"):
            import_bundle(hub, bundle)
        own_server.start()
        assert (count(hub, Member), count(hub, BundleLog)) == (0, 0)
        monkeypatch.setattr(importer, "_log", write_log)
        assert import_bundle(hub, bundle).status == "imported"
        assert count(hub, Member) > 0 and count(hub, BundleLog) == 1
    finally:
        network.close()
