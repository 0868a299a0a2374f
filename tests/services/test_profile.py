"""Editing who this installation is: its name (and its municipality's), its country if allowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from hubdesk.domain import AuditEntry, Municipality
from hubdesk.domain.enums import Role
from hubdesk.i18n import language
from hubdesk.services import installation, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.installation import get_installation, get_profile, update_profile
from hubdesk.services.rules.base import CONTROL_CHARACTER
from hubdesk.storage.open import open_database
from hubdesk.sync import keys, peers, profile
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle


def municipality_record(ctx: ServiceContext) -> Municipality:
    with ctx.read() as session:
        record = session.get(Municipality, ctx.municipality_id)
        assert record is not None
        return record


def test_rename_a_municipality_stamps_and_audits_its_record(ctx: ServiceContext) -> None:
    before = municipality_record(ctx)
    shown = update_profile(ctx, {"name": "  Kumanovo Municipality "})
    assert shown.name == "Kumanovo Municipality" and shown.municipality_name == shown.name
    this = get_installation(ctx.db)
    assert this is not None and this.name == "Kumanovo Municipality"
    after = municipality_record(ctx)
    assert after.name == "Kumanovo Municipality"
    assert after.version > before.version and after.base_version == before.version
    assert after.updated_by == ctx.installation_id
    with ctx.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(
                AuditEntry.record_id == ctx.municipality_id, AuditEntry.action == "update"
            )
        ).one()
    assert json.loads(entry.changes) == {"name": ["Kumanovo", "Kumanovo Municipality"]}
    # The same name again changes nothing and stamps nothing.
    update_profile(ctx, {"name": "Kumanovo Municipality"})
    assert municipality_record(ctx).version == after.version


def test_the_new_name_reaches_the_hub(ctx: ServiceContext, hub_ctx: ServiceContext) -> None:
    assert ctx.data_dir is not None and hub_ctx.data_dir is not None
    for side in (ctx, hub_ctx):
        keys.ensure_keys(side.data_dir)  # type: ignore[arg-type]
    for a, b in ((ctx, hub_ctx), (hub_ctx, ctx)):
        path = a.data_dir / "me.json"  # type: ignore[operator]
        profile.export_profile(a, keys.load_keys(a.data_dir), path)  # type: ignore[arg-type]
        peers.enrol(b, profile.read_profile(path))
    update_profile(ctx, {"name": "Opština Kumanovo"})
    bundle = export_bundle(ctx, hub_ctx.installation_id, ctx.data_dir / "out.hubdesk")
    import_bundle(hub_ctx, bundle.path)
    with hub_ctx.read() as session:
        seen = session.get(Municipality, ctx.municipality_id)
    assert seen is not None and seen.name == "Opština Kumanovo"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "   "}, "name", "This field is required."),
        ({"name": "x" * 121}, "name", "At most 120 characters (now 121)."),
        ({"name": 7}, "name", "Enter text here."),
        # pasted with an invisible character: the hub would refuse every bundle naming it
        ({"name": "Kumanovo\u200b"}, "name", CONTROL_CHARACTER),
        ({"name": "Kuma\tnovo"}, "name", CONTROL_CHARACTER),
        ({"country": "XX"}, "country", "'XX' is not one of the allowed choices."),
        ({"country": ""}, "country", "This field is required."),
        ({"currency": "EUR"}, "currency", "'currency' cannot be set here."),
    ],
)
def test_bad_input_changes_nothing(
    ctx: ServiceContext, data: dict[str, object], field: str, message: str
) -> None:
    before = municipality_record(ctx)
    with pytest.raises(ValidationError) as caught:
        update_profile(ctx, data)
    assert caught.value.by_field() == {field: message}
    after = municipality_record(ctx)
    assert (after.name, after.country, after.version) == ("Kumanovo", "MK", before.version)


def test_country_and_currency_change_while_nothing_is_recorded(ctx: ServiceContext) -> None:
    """A wrong country picked at set-up can be put right before the first record."""
    assert installation.country_lock(ctx) is None
    shown = update_profile(ctx, {"name": "Kumanovo", "country": "AL"})
    assert (shown.country, shown.currency) == ("AL", "ALL")
    record = municipality_record(ctx)
    assert (record.country, record.currency) == ("AL", "ALL")


def test_country_is_fixed_once_records_exist(ctx: ServiceContext) -> None:
    team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"})
    with pytest.raises(ValidationError) as caught:
        update_profile(ctx, {"name": "Kumanovo City", "country": "RS"})
    message = caught.value.by_field()["country"]
    assert "their amounts are in MKD" in message
    # The whole change is refused: the name did not change either.
    assert get_profile(ctx).name == "Kumanovo"
    assert (municipality_record(ctx).country, municipality_record(ctx).currency) == ("MK", "MKD")
    # The same country again is no change and is accepted with the new name.
    assert update_profile(ctx, {"name": "Kumanovo City", "country": "MK"}).name == "Kumanovo City"
    lock = installation.country_lock(ctx)
    assert lock is not None
    with language("hr"):
        assert lock.text  # translated when read, in whatever language is current


def test_hub_renames_itself_only(hub_ctx: ServiceContext) -> None:
    shown = update_profile(hub_ctx, {"name": "Western Balkans hub"})
    assert shown.name == "Western Balkans hub" and shown.role is Role.HUB
    assert shown.municipality_name is None and not shown.names_municipality
    with pytest.raises(ValidationError) as caught:
        update_profile(hub_ctx, {"country": "AL"})
    assert caught.value.field == "country"
    # its profile would be judged damaged by every municipality it is given to
    with pytest.raises(ValidationError) as caught:
        update_profile(hub_ctx, {"name": "Western\u2060Balkans hub"})
    assert caught.value.by_field() == {"name": CONTROL_CHARACTER}
    assert get_profile(hub_ctx).name == "Western Balkans hub"


def test_field_laptop_renames_itself_not_its_municipality(tmp_path: Path) -> None:
    folder = tmp_path / "laptop"
    folder.mkdir()
    db = open_database(folder)
    try:
        laptop = installation.initialise(db, role="field", name="Laptop 1", country="MK")
        before = municipality_record(laptop)
        shown = update_profile(laptop, {"name": "Ana's laptop"})
        assert shown.name == "Ana's laptop" and not shown.names_municipality
        assert shown.municipality_name == "Laptop 1"  # the municipality's record, untouched
        assert municipality_record(laptop).version == before.version
        with pytest.raises(ValidationError) as caught:
            update_profile(laptop, {"country": "AL"})
        assert "field laptop follows it" in caught.value.by_field()["country"]
    finally:
        db.close()
