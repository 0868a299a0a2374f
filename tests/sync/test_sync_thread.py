"""The comment thread by bundle: both sides write, the field laptop reads and writes through its
municipality, and nobody can put words in another side's mouth (forged bundles are refused
whole, the receiver's database unchanged)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hub_demo_copy import hub_demo
from sync_helpers import Network, dump
from test_sync_forgery import Rows, add_row, cell, forge, refused, set_cells

from hubdesk.domain import ProposalComment, hlc
from hubdesk.services import fund, thread
from hubdesk.services.context import ServiceContext
from hubdesk.sync import authority, keys

TABLE = "proposal_comments"


def said(ctx: ServiceContext, proposal: str) -> list[tuple[str, str, str]]:
    return [(e.author_role, e.author_name, e.body) for e in thread.proposal_thread(ctx, proposal)]


@pytest.fixture
def world(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> dict[str, Any]:
    """Kumanovo, its hub and a field laptop enrolled after the hub; the hub has asked a question
    on the submitted proposal and everybody holds it."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    net.deliver(muni, hub)
    thread.add_comment(hub, seeded["proposal"], "Who will run the youth corner?", "Elira (hub)")
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, **seeded}


def test_the_thread_goes_back_and_forth_and_reaches_the_laptop(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    proposal = world["proposal"]
    question = ("hub", "Elira (hub)", "Who will run the youth corner?")
    assert said(laptop, proposal) == [question]
    thread.add_comment(muni, proposal, "The youth council, with two staff.", "Ana Petrovska")
    thread.add_comment(laptop, proposal, "Photos of the room are on their way.", "")
    net.deliver(laptop, muni)
    net.deliver(muni, hub)
    answers = [
        ("municipality", "Ana Petrovska", "The youth council, with two staff."),
        ("field", "Field laptop", "Photos of the room are on their way."),
    ]
    assert said(hub, proposal) == [question, *answers]
    fund.transition(hub, proposal, "under_review", "Thank you, we start the review.", "Elira")
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    for ctx in (muni, laptop, hub):
        entries = thread.proposal_thread(ctx, proposal)
        assert [(e.author_role, e.body) for e in entries][-1] == (
            "hub",
            "Thank you, we start the review.",
        )
        assert entries[-1].status == "under_review"
    with laptop.read() as session:  # the laptop checked the hub's signature itself
        key = authority.hub_keys(session)[hub.installation_id]
        for row in session.query(ProposalComment).filter_by(author_role="hub"):
            values = {c: getattr(row, c) for c in authority.CODECS[TABLE].columns}
            assert authority.signature_valid(key, TABLE, values)
    # The hub's words never travel back to it: Kumanovo's next bundle has only its own.
    net.deliver(laptop, muni)
    back = net.send(muni, hub)
    assert back.counts.get(TABLE, 0) == 0


def test_laptop_forging_a_hub_comment_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    thread.add_comment(laptop, world["proposal"], "Something to send.")

    def change(tables: dict[str, Rows]) -> None:
        add_row(tables[TABLE], author_role="hub", updated_by=hub.installation_id,
                origin=hub.installation_id, body="Approved, no need to wait.")  # fmt: skip

    refused(muni, forge(net, laptop, muni, change), "forged_author", "signature")


@pytest.mark.parametrize("how", ["altered", "unsigned", "disowned"])
def test_municipality_altering_a_hub_comment_for_its_laptop_is_refused(
    world: dict[str, Any], how: str
) -> None:
    net, muni, laptop = world["net"], world["muni"], world["laptop"]

    def change(tables: dict[str, Rows]) -> None:
        data = tables[TABLE]
        version = cell(data, "version") + 1
        if how == "altered":  # the hub's words changed, its signature kept
            set_cells(data, 0, body="No questions, go ahead.", version=version)
        elif how == "unsigned":
            set_cells(data, 0, hub_signature=None, version=version)
        else:  # passed off as the municipality's own
            set_cells(data, 0, author_role="municipality", updated_by=muni.installation_id,
                      version=version)  # fmt: skip

    refused(laptop, forge(net, muni, laptop, change), "forged_author")
    assert said(laptop, world["proposal"])[0][2] == "Who will run the youth corner?"


def test_municipality_sending_a_hub_comment_to_the_hub_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    thread.add_comment(muni, world["proposal"], "Answer follows.")

    def change(tables: dict[str, Rows]) -> None:
        add_row(tables[TABLE], author_role="hub", body="The hub agrees to everything.")

    refused(hub, forge(net, muni, hub, change), "out_of_scope")


def test_hub_writing_a_municipalitys_comment_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    thread.add_comment(hub, world["proposal"], "One more question.")

    def change(tables: dict[str, Rows]) -> None:
        add_row(tables[TABLE], author_role="municipality", hub_signature=None,
                body="We withdraw the proposal.")  # fmt: skip

    refused(muni, forge(net, hub, muni, change), "out_of_scope")


def test_hub_taking_over_a_municipalitys_comment_is_refused(world: dict[str, Any]) -> None:
    """Even signed by the hub, a municipality's comment cannot become the hub's: the row as
    stored here is the municipality's, which a hub may not write."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    theirs = thread.add_comment(muni, world["proposal"], "We can co-fund 20 %.", "Ana")
    net.deliver(muni, hub)
    assert hub.data_dir is not None
    own = keys.load_keys(hub.data_dir)

    def change(tables: dict[str, Rows]) -> None:
        data = tables[TABLE]
        columns = data["columns"]
        set_cells(data, 0, id=theirs.id, origin=muni.installation_id, author_role="hub",
                  body="We cannot co-fund.", base_version=theirs.version,
                  version=max(cell(data, "version"), theirs.version) + 1)  # fmt: skip
        values = dict(zip(columns, data["rows"][0], strict=False))
        with hub.read() as session:
            stored = session.get(ProposalComment, theirs.id)
            assert stored is not None
            values["written_at"] = stored.written_at
        set_cells(data, 0, hub_signature=authority.sign_row(own, TABLE, values))

    refused(muni, forge(net, hub, muni, change), "out_of_scope")


def test_a_bad_comment_in_a_bundle_is_refused_by_the_rule_book(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    thread.add_comment(muni, world["proposal"], "Fine.")

    def change(tables: dict[str, Rows]) -> None:
        set_cells(tables[TABLE], 0, body="x" * 5001)

    before = dump(hub.db)
    path = forge(net, muni, hub, change)
    from hubdesk.sync.errors import SyncError
    from hubdesk.sync.importer import import_bundle

    with pytest.raises(SyncError):
        import_bundle(hub, path)
    assert dump(hub.db) == before


def test_demo_hub_holds_and_signs_its_own_comments(tmp_path: Any) -> None:
    """``hubdesk demo --role hub``: the municipalities' comments arrive by bundle, the hub's
    own are claimed as written by it and signed when it next exports."""
    import datetime as dt

    from hubdesk.services.installation import load_context

    folder = tmp_path / "hub"
    db = hub_demo(folder, today=dt.date(2025, 6, 1))
    try:
        hub = load_context(db, folder)
        with hub.read() as session:
            roles = {c.author_role for c in session.query(ProposalComment)}
            languages = {c.author_name for c in session.query(ProposalComment)}
        assert roles == {"municipality", "hub"}
        assert {"Ана Петровска", "Arta Hoxha", "Милица Јовановић"} <= languages
        assert authority.sign_hub_rows(hub) > 0
        with hub.read() as session:
            key = keys.load_keys(folder).public.signing_key
            for row in session.query(ProposalComment).filter_by(author_role="hub"):
                values = {c: getattr(row, c) for c in authority.CODECS[TABLE].columns}
                assert authority.signature_valid(key, TABLE, values)
    finally:
        db.close()


def test_a_reply_comes_after_what_it_answers_whatever_the_clocks(
    world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kumanovo's PC runs two hours slow: its answer to the hub's question is stamped before
    the question by its own clock, yet every PC reads it after the question it answers, each
    still shown at the moment its PC gave it."""
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    proposal = world["proposal"]
    slow = dt.timedelta(hours=2)
    monkeypatch.setattr(thread, "utcnow", lambda: dt.datetime.now(dt.UTC) - slow)
    monkeypatch.setattr(muni.clock, "wall", lambda: hlc.wall_ms() - 7_200_000)
    thread.add_comment(muni, proposal, "The youth council, with two staff.", "Ana Petrovska")
    monkeypatch.undo()
    net.deliver(muni, hub)
    net.deliver(muni, laptop)
    for pc in (muni, hub, laptop):
        entries = thread.proposal_thread(pc, proposal)
        assert [e.body for e in entries] == [
            "Who will run the youth corner?",
            "The youth council, with two staff.",
        ]
        assert entries[0].written_at > entries[1].written_at  # the moment its PC gave it


def _rewrite(data: Rows, comment: Any, **values: Any) -> None:
    """Leave only ``comment`` in the table, changed by ``values`` as a newer version."""
    row = data["columns"].index("id")
    data["rows"] = [r for r in data["rows"] if r[row] == comment.id]
    set_cells(data, 0, base_version=comment.version, version=comment.version + 1, **values)


@pytest.mark.parametrize("how", [{"body": "Nobody will run it."}, {"deleted": True}])
def test_a_municipality_cannot_change_or_delete_its_comment_the_hub_holds(
    world: dict[str, Any], how: dict[str, Any]
) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    words = "The youth council, with two staff."
    comment = thread.add_comment(muni, world["proposal"], words, "Ana")
    net.deliver(muni, hub)
    path = forge(net, muni, hub, lambda tables: _rewrite(tables[TABLE], comment, **how))
    refused(hub, path, "locked_comment", "written once")
    assert said(hub, world["proposal"])[-1] == ("municipality", "Ana", words)


def test_a_laptop_cannot_change_its_comment_the_office_holds(world: dict[str, Any]) -> None:
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    comment = thread.add_comment(laptop, world["proposal"], "Photos are on their way.", "")
    net.deliver(laptop, muni)
    path = forge(net, laptop, muni, lambda tables: _rewrite(tables[TABLE], comment, body="None."))
    refused(muni, path, "locked_comment")


def test_the_hub_cannot_rewrite_its_signed_comment_a_municipality_holds(
    world: dict[str, Any],
) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    [question] = thread.proposal_thread(hub, world["proposal"])
    assert hub.data_dir is not None
    own = keys.load_keys(hub.data_dir)
    with hub.read() as session:
        comment = session.get(ProposalComment, question.id)
        assert comment is not None

    def change(tables: dict[str, Rows]) -> None:
        data = tables[TABLE]
        _rewrite(data, comment, body="No questions, go ahead.")
        values = dict(zip(data["columns"], data["rows"][0], strict=False))
        values["written_at"] = comment.written_at
        set_cells(data, 0, hub_signature=authority.sign_row(own, TABLE, values))

    refused(muni, forge(net, hub, muni, change), "locked_comment")
    assert said(muni, world["proposal"])[0][2] == "Who will run the youth corner?"
