"""A field laptop follows a hub set up anew from the Sync page: the question before enrolling
the new hub's profile names the hub the laptop stops trusting and the one it will trust."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui import click
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_sync_guide import make_page, system_dialog
from test_sync_laptop_switch import profile_of

from hubdesk.domain.sync import TrustedHub
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage.open import open_database
from hubdesk.sync import peers, profile
from hubdesk.ui.pages import sync as sync_page


def test_the_laptop_is_told_which_hub_it_leaves_for_the_new_one(
    qtbot: QtBot,
    ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old_db, new_db, laptop_db = (open_database(tmp_path / n) for n in ("old", "new", "laptop"))
    try:
        old = initialise(old_db, role="hub", name="Old hub", country=None)
        old.data_dir = tmp_path / "old"
        new = initialise(new_db, role="hub", name="New hub", country=None)
        new.data_dir = tmp_path / "new"
        laptop = initialise(laptop_db, role="field", name="Laptop", country="MK")
        laptop.data_dir = tmp_path / "laptop"
        peers.enrol(laptop, profile.read_profile(profile_of(old, tmp_path / "old.json")))
        page = make_page(qtbot, laptop)
        click(qtbot, page.details_button)
        new_file = profile_of(new, tmp_path / "new.json")
        system_dialog(monkeypatch, sync_page, "getOpenFileName", (str(new_file), ""))
        click(qtbot, page.add_peer_button)
        [question] = answers.asked
        assert "no longer accept decisions signed by 'Old hub'" in question
        # The hub's own profile: its fingerprint is asked for once, as the peer's.
        assert "Add 'New hub'" in question
        card = profile.read_profile(new_file)
        assert question.count(sync_page.unbroken(card.fingerprint)) == 1
        assert "accept decisions signed by the hub" not in question
        with laptop.read() as session:
            assert [h.name for h in session.scalars(select(TrustedHub))] == ["New hub"]
    finally:
        for db in (old_db, new_db, laptop_db):
            db.close()
