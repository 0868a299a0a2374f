"""Municipality ⇄ field laptop ⇄ hub with the ``hubdesk`` commands, by files only.

The laptop drafts a proposal in the field, the focal point submits it, the hub reviews and
approves it, and the decision arrives back at the municipality and on the laptop.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from proposal_filling import fill_sections

from hubdesk import cli
from hubdesk.commands import sync as sync_commands
from hubdesk.services import fund, proposal_sections
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database


@pytest.fixture(autouse=True)
def _sync_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make sure the sync commands are registered (the lead adds them to cli.py)."""
    original = cli.command_modules

    def modules() -> list[object]:
        found = original()
        return found if sync_commands in found else [*found, sync_commands]

    monkeypatch.setattr(cli, "command_modules", modules)


Hubdesk = Callable[..., str]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Hubdesk:
    def hubdesk(folder: Path, *args: str, expect: int = 0) -> str:
        capsys.readouterr()
        code = cli.main(["--data-dir", str(folder), *args])
        captured = capsys.readouterr()
        assert code == expect, captured.err
        assert "Traceback" not in captured.out + captured.err
        return captured.out + captured.err

    return hubdesk


def edit(folder: Path, action: Callable[..., object]) -> object:
    """Data entry goes through the services, as the window would do it."""
    db = open_database(folder)
    try:
        return action(load_context(db, folder))
    finally:
        db.close()


def test_proposal_round_trip_by_files(tmp_path: Path, run: Hubdesk) -> None:
    muni, laptop, hub = tmp_path / "kumanovo", tmp_path / "laptop", tmp_path / "hub"
    run(muni, "init", "--role", "municipality", "--name", "Kumanovo", "--country", "MK")
    run(hub, "init", "--role", "hub", "--name", "Regional hub")
    run(laptop, "init", "--role", "field", "--name", "CAT laptop", "--country", "MK")
    for folder in (muni, hub, laptop):
        assert "Fingerprint" in run(folder, "keys", "create")
        run(folder, "profile", "export", "--to", str(folder.parent / f"{folder.name}.json"))
    shown = json.loads(run(muni, "keys", "show", "--json"))
    out = run(laptop, "peers", "add", str(tmp_path / "kumanovo.json"), "--yes")
    assert shown["fingerprint"] in out and "record for this municipality" in out
    run(laptop, "profile", "export", "--to", str(tmp_path / "laptop.json"))  # now Kumanovo's
    run(muni, "peers", "add", str(tmp_path / "laptop.json"), "--yes")
    run(muni, "peers", "add", str(tmp_path / "hub.json"), "--yes")
    run(hub, "peers", "add", str(tmp_path / "kumanovo.json"), "--yes")
    refused = run(hub, "peers", "add", str(tmp_path / "laptop.json"), "--yes", expect=2)
    assert "municipalities only" in refused

    draft = {"title": "Youth corner", "summary": "A room for young people"}
    line = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 90_000}
    proposal = edit(laptop, lambda ctx: fund.create_proposal(ctx, draft).id)
    edit(laptop, lambda ctx: fund.add_budget_line(ctx, proposal, line))
    edit(laptop, lambda ctx: fill_sections(ctx, proposal))  # workplan and indicators travel too

    def carry(source: Path, target: Path, peer: str) -> str:
        file = tmp_path / f"{source.name}-to-{target.name}.hubdesk"
        run(source, "export", "--to", str(file), "--for", peer)
        preview = json.loads(run(target, "import", str(file), "--dry-run", "--json"))
        assert preview[0]["status"] == "preview"
        return run(target, "import", str(file))

    assert "new" in carry(laptop, muni, "Kumanovo")
    edit(muni, lambda ctx: fund.transition(ctx, proposal, "submitted"))
    carry(muni, hub, "Regional hub")
    # The hub reviews the sections the laptop wrote, relayed by the municipality.
    arrived = edit(hub, lambda ctx: proposal_sections.list_indicators(ctx, proposal))
    assert [i.name for i in arrived] == ["Young people taking part"]  # type: ignore[attr-defined]
    assert edit(hub, lambda ctx: fund.get_proposal(ctx, proposal).dnh_risks)
    edit(hub, lambda ctx: fund.transition(ctx, proposal, "under_review"))
    approval = {"outcome": "approved", "amount_approved_minor": 90_000}
    edit(hub, lambda ctx: fund.record_decision(ctx, proposal, approval))
    carry(hub, muni, "Kumanovo")
    assert edit(muni, lambda ctx: fund.get_proposal(ctx, proposal).status) == "approved"
    # The laptop enrolled Kumanovo before Kumanovo knew the hub: it cannot verify the hub's
    # decision yet and refuses it, until it is given the hub's own profile.
    relay = tmp_path / "relay.hubdesk"
    run(muni, "export", "--to", str(relay), "--for", "CAT laptop")
    assert "hub's key" in run(laptop, "import", str(relay), expect=1)
    hub_fingerprint = json.loads(run(hub, "keys", "show", "--json"))["fingerprint"]
    assert hub_fingerprint in run(laptop, "peers", "add", str(tmp_path / "hub.json"), "--yes")
    run(laptop, "import", str(relay))
    assert edit(laptop, lambda ctx: fund.get_proposal(ctx, proposal).status) == "approved"
    decision = edit(laptop, lambda ctx: fund.get_decision(ctx, proposal))
    assert decision is not None and decision.amount_approved_minor == 90_000  # type: ignore[attr-defined]

    peers = json.loads(run(hub, "peers", "list", "--json"))
    assert peers[0]["name"] == "Kumanovo" and peers[0]["last_in_at"] is not None
    again = run(hub, "import", str(tmp_path / "kumanovo-to-hub.hubdesk"))
    assert "already imported" in again


def test_refusal_is_one_line(tmp_path: Path, run: Hubdesk) -> None:
    muni = tmp_path / "kumanovo"
    run(muni, "init", "--role", "municipality", "--name", "Kumanovo", "--country", "MK")
    run(muni, "keys", "create")
    bogus = tmp_path / "bogus.hubdesk"
    bogus.write_bytes(b"hello")
    out = run(muni, "import", str(bogus), expect=1)
    assert len(out.strip().splitlines()) == 1 and "not a HubDesk bundle" in out
    assert " age" not in out  # the encryption library is no word for the person
    listed = json.loads(run(muni, "import", str(bogus), "--json", expect=1))
    assert listed[0]["reason"] == "not_age"
    assert "--for" in run(muni, "export", "--to", str(tmp_path), expect=2)


def test_conflict_review_and_revocation_on_the_command_line(tmp_path: Path, run: Hubdesk) -> None:
    from hubdesk.services import team

    muni, laptop = tmp_path / "kumanovo", tmp_path / "laptop"
    run(muni, "init", "--role", "municipality", "--name", "Kumanovo", "--country", "MK")
    run(laptop, "init", "--role", "field", "--name", "Laptop", "--country", "MK")
    for folder in (muni, laptop):
        run(folder, "keys", "create")
    run(muni, "profile", "export", "--to", str(tmp_path / "m.json"))
    run(laptop, "peers", "add", str(tmp_path / "m.json"), "--yes")
    run(laptop, "profile", "export", "--to", str(tmp_path / "l.json"))
    run(muni, "peers", "add", str(tmp_path / "l.json"), "--yes")
    cat = edit(muni, lambda ctx: team.create_team(ctx, {"name": "CAT", "kind": "cat"}).id)
    run(muni, "export", "--to", str(tmp_path / "1.hubdesk"))  # the only peer: no --for needed
    run(laptop, "import", str(tmp_path / "1.hubdesk"))
    edit(muni, lambda ctx: team.update_team(ctx, cat, {"name": "CAT office"}))
    edit(laptop, lambda ctx: team.update_team(ctx, cat, {"name": "CAT field"}))
    run(laptop, "export", "--to", str(tmp_path / "2.hubdesk"))
    assert "conflicts: 1," in run(muni, "import", str(tmp_path / "2.hubdesk"))
    listed = json.loads(run(muni, "conflicts", "list", "--json"))
    assert len(listed) == 1 and listed[0]["differs"] == ["name"]
    loser = listed[0]["other"]["name"]
    run(muni, "conflicts", "keep-other", str(listed[0]["id"]))
    assert edit(muni, lambda ctx: team.get_team(ctx, cat).name) == loser
    assert "No conflicts" in run(muni, "conflicts", "list")
    out = run(muni, "peers", "revoke", "Laptop")
    assert "refused from now on" in out
    refused = run(muni, "import", str(tmp_path / "2.hubdesk"), expect=1)
    assert "revoked" in refused
