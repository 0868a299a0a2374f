"""Setting up this installation (municipality, field laptop or hub) and loading who we are."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hubdesk.domain import SYNCED_MODELS, Installation, Municipality
from hubdesk.domain.enums import CURRENCY_BY_COUNTRY, Country, Role
from hubdesk.domain.hlc import HybridLogicalClock
from hubdesk.i18n import LANGUAGES, N_, _
from hubdesk.i18n.scripts import other_form_to_store, other_script_form
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import FieldError, PermissionDenied
from hubdesk.services.rules import municipality as municipality_rules
from hubdesk.services.rules.base import text
from hubdesk.services.validation import Checker, unknown_fields
from hubdesk.storage.db import Database
from hubdesk.storage.server_errors import NOT_ON_STAFF, NoRights
from hubdesk.storage.server_rights import connected_login


class NotInitialisedError(Exception):
    def __init__(self) -> None:
        super().__init__(
            _(
                "HubDesk is not set up in this data folder yet. "
                "Run 'hubdesk init' or 'hubdesk demo'."
            )
        )


class AlreadyInitialisedError(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(
            _("This data folder already belongs to '{name}'; nothing was changed.").format(
                name=name
            )
        )


def get_installation(db: Database) -> Installation | None:
    with db.sessions() as session:
        return session.scalars(select(Installation)).first()


NAME_LIMIT = 120


def _check_name(check: Checker, name: str) -> None:
    """The rule book's text rule, at set-up and at a rename alike: the length, and no control
    character. The name travels in every bundle and profile, where the other side refuses one
    (a name pasted with a zero-width space in it stopped every bundle to the hub)."""
    found = text("name", NAME_LIMIT, multiline=False).row({"name": name.strip()})
    if found is not None:
        check.errors.append(found)


def check_setup(*, role: str, name: str, country: str | None, language: str) -> None:
    """Refuse bad set-up input; callers run it before creating anything on disk."""
    data = {"role": role, "name": name, "country": country, "language": language}
    check = Checker()
    check.required(data, "role", "name")
    check.choice(data, "role", Role)
    check.choice(data, "country", Country)
    if isinstance(name, str):
        _check_name(check, name)
    if role in (Role.MUNICIPALITY, Role.FIELD) and not country:
        check.add("country", N_("Choose the municipality's country."))
    if role == Role.HUB and country:
        # Set up without it (the assistant has no country field for a hub): a country given
        # and dropped without a word would be taken for one the hub keeps.
        check.add("country", N_("The hub has no country of its own."))
    if language not in LANGUAGES:
        check.add(
            "language",
            N_("Unknown language '{code}'. Choose one of: {codes}."),
            code=language,
            codes=", ".join(LANGUAGES),
        )
    check.done()


def initialise(
    db: Database,
    *,
    role: str,
    name: str,
    country: str | None = None,
    language: str = "en",
    installation_id: str | None = None,
    municipality_id: str | None = None,
) -> ServiceContext:
    """Make this data folder a municipality's, a field laptop's or the hub's.

    A municipality (and a field laptop, which records for its municipality) gets its own
    municipality record; a hub has none.
    """
    existing = get_installation(db)
    if existing is not None:
        raise AlreadyInitialisedError(existing.name)
    check_setup(role=role, name=name, country=country, language=language)

    ctx = ServiceContext(
        db=db,
        installation_id=installation_id or str(uuid.uuid4()),
        role=Role(role),
        municipality_id=None,
        clock=HybridLogicalClock(),
    )
    with ctx.transaction() as session:
        if ctx.role is not Role.HUB:
            assert country is not None
            municipality = records.create(
                session,
                ctx,
                Municipality,
                {
                    "id": municipality_id or str(uuid.uuid4()),
                    "name": name.strip(),
                    "name_other_script": other_script_form(name, country),
                    "country": country,
                    "currency": CURRENCY_BY_COUNTRY[Country(country)],
                },
            )
            ctx.municipality_id = municipality.id
        session.add(
            Installation(
                id=ctx.installation_id,
                role=role,
                name=name.strip(),
                municipality_id=ctx.municipality_id,
                language=language,
                hlc_last=ctx.clock.last,
            )
        )
    if not db.is_sqlite:
        from hubdesk.services.staff import add_first_admin

        add_first_admin(ctx)
    return ctx


def load_context(db: Database, data_dir: Path | None = None) -> ServiceContext:
    try:
        installation = get_installation(db)
    except NoRights:  # a login off a server hub's staff list may read nothing there
        raise PermissionDenied(NOT_ON_STAFF, login=connected_login(db)) from None
    if installation is None:
        raise NotInitialisedError()
    ctx = ServiceContext(
        db=db,
        installation_id=installation.id,
        role=Role(installation.role),
        municipality_id=installation.municipality_id,
        clock=HybridLogicalClock(last=installation.hlc_last),
        data_dir=data_dir,
    )
    from hubdesk.services.staff import identify

    identify(ctx)
    name_keys(ctx)
    return ctx


def name_keys(ctx: ServiceContext) -> None:
    """Write beside this PC's keys which installation they belong to, once, so that a restore
    over a lost database can refuse another installation's backup (``storage/key_owner.py``),
    and keep its name current after a rename. A hub's server database has no keys in its folder
    but on the sync PC, which names them.

    The database keeps the public half of the signing key too, once, so that its backups say
    whose keys it belongs to (``storage/restore_keys.py``) even beside keys that name nobody.
    Keys other than the ones it keeps (another PC's, copied in) are not named for it: named,
    they would pass a restore of its backup by their name alone. Keys this PC made anew for it
    are kept instead (``keep_new_keys``). A key that cannot be read is left to the sync to
    report."""
    from sqlalchemy.exc import DBAPIError

    from hubdesk.storage.datadir import KEY_FILES, KEYS_DIR
    from hubdesk.storage.key_owner import KeyOwner, name_owner, read_owner

    if ctx.data_dir is None:
        return
    if not all((ctx.data_dir / KEYS_DIR / name).exists() for name in KEY_FILES):
        return
    with ctx.read() as session:
        this = session.get(Installation, ctx.installation_id)
        town = session.get(Municipality, ctx.municipality_id) if ctx.municipality_id else None
        if this is None:
            return
        owner = KeyOwner(this.id, this.name, town.name if town is not None else None)
        kept = this.signing_key
    named = read_owner(ctx.data_dir)
    if kept is not None and named is not None and named.id == owner.id:
        # The usual start: named for it and kept already. Only a rename is followed; reading
        # the key would load the cryptography library into every window for nothing.
        name_owner(ctx.data_dir, owner)
        return
    from hubdesk.storage.key_match import UnreadableKey, folder_signing_key

    try:
        key = folder_signing_key(ctx.data_dir)
    except UnreadableKey:
        key = None
    if kept is not None and key is not None and key != kept:
        return  # not the keys this installation signs with
    name_owner(ctx.data_dir, owner)
    if kept is not None or key is None or not ctx.db.is_sqlite:
        return
    try:
        with ctx.transaction() as session:
            this = session.get(Installation, ctx.installation_id)
            if this is not None and this.signing_key is None:
                this.signing_key = key
    except DBAPIError:
        return  # a busy database: the next opening writes it (a safeguard, not needed to work)


def keep_new_keys(ctx: ServiceContext) -> None:
    """This PC has just made a new signing key for its installation (its keys were lost): the
    database keeps that one from now on, and the keys are named for it (``name_keys``), so
    its backups restore beside them."""
    from hubdesk.storage.key_match import UnreadableKey, folder_signing_key

    if ctx.data_dir is None or not ctx.db.is_sqlite:
        return
    try:
        key = folder_signing_key(ctx.data_dir)
    except UnreadableKey:
        return
    with ctx.transaction() as session:
        this = session.get(Installation, ctx.installation_id)
        if this is not None:
            this.signing_key = key
    name_keys(ctx)


def own_municipality(ctx: ServiceContext) -> Municipality | None:
    if ctx.municipality_id is None:
        return None
    with ctx.read() as session:
        return session.get(Municipality, ctx.municipality_id)


def set_language(ctx: ServiceContext, language: str) -> None:
    """Remember the UI language chosen on this PC."""
    from hubdesk.i18n import check_language

    check_language(language)
    with ctx.transaction() as session:
        installation = session.get(Installation, ctx.installation_id)
        assert installation is not None
        installation.language = language


# --- the profile a person can edit in Settings ------------------------------------------------

PROFILE_FIELDS = ("name", "name_other_script", "country")


@dataclass(frozen=True)
class InstallationProfile:
    """Who this installation is, as Settings shows and edits it."""

    name: str
    role: Role
    municipality_name: str | None
    # The municipality's name in its country's other script ("" where it writes one script).
    name_other_script: str | None
    country: str | None
    currency: str | None
    # The name is also the municipality's (a municipality's own PC); a field laptop only names
    # itself, because the municipality record belongs to the municipality.
    names_municipality: bool


def get_profile(ctx: ServiceContext) -> InstallationProfile:
    with ctx.read() as session:
        this = session.get(Installation, ctx.installation_id)
        if this is None:
            raise NotInitialisedError()
        municipality = (
            session.get(Municipality, ctx.municipality_id) if ctx.municipality_id else None
        )
        return InstallationProfile(
            name=this.name,
            role=ctx.role,
            municipality_name=municipality.name if municipality else None,
            name_other_script=municipality.name_other_script if municipality else None,
            country=municipality.country if municipality else None,
            currency=municipality.currency if municipality else None,
            names_municipality=ctx.role is Role.MUNICIPALITY and municipality is not None,
        )


def country_lock(ctx: ServiceContext) -> FieldError | None:
    """Why this installation's country cannot change now, or None when it still can.

    The currency follows the country, and every amount already recorded (budget lines,
    approvals, spending) is stored in the currency of its day; changing it under them would
    turn 50,000 denars into 50,000 euros in every report, here and at the hub.
    """
    if ctx.role is Role.HUB:
        return FieldError("country", N_("The hub has no country of its own."))
    if ctx.role is Role.FIELD:
        return FieldError(
            "country",
            N_("The municipality sets its country; this field laptop follows it."),
        )
    with ctx.read() as session:
        municipality = (
            session.get(Municipality, ctx.municipality_id) if ctx.municipality_id else None
        )
        for model in SYNCED_MODELS:
            if model is Municipality:
                continue
            if session.scalar(select(model.id).limit(1)) is not None:
                currency = municipality.currency if municipality else ""
                return FieldError(
                    "country",
                    N_(
                        "The country cannot change once records exist: their amounts are in "
                        "{currency}, and another country would change the currency under them."
                    ),
                    {"currency": currency},
                )
    return None


def update_profile(ctx: ServiceContext, data: Mapping[str, Any]) -> InstallationProfile:
    """Rename this installation (and, on a municipality's PC, the municipality with it).

    The municipality's new name goes through ``records`` so it is stamped, audited and reaches
    the hub and the field laptops with the next bundle. Nothing changes unless all is valid.
    """
    unknown_fields(data, PROFILE_FIELDS)
    check = Checker()
    if "name" in data:
        check.required(data, "name")
        name = data["name"]
        if check.ok("name") and not isinstance(name, str):
            check.add("name", N_("Enter text here."))
        elif check.ok("name"):
            _check_name(check, name)
    before = get_profile(ctx)
    country = data.get("country", before.country)
    if "name_other_script" in data:
        other = data["name_other_script"]
        if not isinstance(other, str):
            check.add("name_other_script", N_("Enter text here."))
        elif check.ok("name"):
            values = {"name": data.get("name", before.name), "name_other_script": other.strip()}
            check.rules(municipality_rules.check(values, ["name_other_script"]))
    if country != before.country:
        check.required(data, "country")
        check.choice(data, "country", Country)
        lock = country_lock(ctx)
        if check.ok("country") and lock is not None:
            check.errors.append(lock)
    check.done()

    with ctx.transaction() as session:
        this = session.get(Installation, ctx.installation_id)
        assert this is not None
        if "name" in data:
            this.name = data["name"].strip()
        if before.names_municipality:
            municipality = records.live(session, Municipality, str(ctx.municipality_id))
            changes: dict[str, Any] = {"name": this.name}
            changes["name_other_script"] = other_form_to_store(
                this.name,
                data.get("name_other_script"),
                country,
                (municipality.name, municipality.name_other_script),
            )
            if country != before.country:
                changes["country"] = country
                changes["currency"] = CURRENCY_BY_COUNTRY[Country(country)]
            records.change(session, ctx, municipality, changes)
    return get_profile(ctx)
