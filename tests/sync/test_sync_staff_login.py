"""The hub's sync PC run with a plain staff login, under the rights the server gives it.

An import and an export move the exchange counters of a peer and append to the bundle log and
the audit trail; a staff login may do exactly that (``storage/server_rights.py``), so a staff
member at the sync PC (the keys are in its data folder) imports and exports, while enrolling or
changing a peer stays an administrator's. Runs with ``--database postgresql``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pg import add_login
from sqlalchemy import select, text
from sync_helpers import Network, seed

from hubdesk.domain import FundProposal
from hubdesk.domain.sync import Peer
from hubdesk.services import fund_workflow, staff
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database
from hubdesk.storage.server_errors import NoRights
from hubdesk.sync import peers, profile


@pytest.fixture
def amina(hub: ServiceContext) -> Iterator[ServiceContext]:
    """Amina, plain staff, working at the hub's sync PC (its data folder holds the keys)."""
    if hub.db.is_sqlite:
        pytest.skip("staff logins exist only on a hub's server database")
    url = add_login(hub.db.engine.url.render_as_string(hide_password=False), "amina")
    staff.add_staff(hub, {"login": "amina", "name": "Amina Hoxha", "role": "hub_staff"})
    db = Database(url)
    yield load_context(db, hub.data_dir)
    db.close()


def status(ctx: ServiceContext, proposal_id: str) -> str:
    with ctx.read() as session:
        return str(
            session.scalar(select(FundProposal.status).where(FundProposal.id == proposal_id))
        )


def test_a_staff_login_imports_and_exports_at_the_sync_pc(
    net: Network, muni: ServiceContext, hub: ServiceContext, amina: ServiceContext
) -> None:
    ids = seed(muni)
    assert net.deliver(muni, amina).status == "imported"
    fund_workflow.transition(amina, ids["proposal"], "under_review")
    assert net.deliver(amina, muni).status == "imported"
    assert status(muni, ids["proposal"]) == "under_review"
    with amina.read() as session:
        (peer,) = session.scalars(select(Peer))
        assert (peer.last_in_sequence, peer.next_out_sequence) == (1, 2)
    # Whom the hub trusts is for its administrators, in HubDesk and on the server.
    with pytest.raises(PermissionDenied, match="administrators"):
        peers.enrol(amina, profile.read_profile(net.profile_of(muni)))
    with pytest.raises(NoRights), amina.db.engine.begin() as connection:
        connection.execute(text("UPDATE sync_peers SET signing_key = 'forged'"))
