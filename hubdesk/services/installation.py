"""Setting up this installation (municipality, field laptop or hub) and loading who we are."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select

from hubdesk.domain import Installation, Municipality
from hubdesk.domain.enums import CURRENCY_BY_COUNTRY, Country, Role
from hubdesk.domain.hlc import HybridLogicalClock
from hubdesk.i18n import LANGUAGES, N_, _
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.services.validation import Checker
from hubdesk.storage.db import Database


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


def check_setup(*, role: str, name: str, country: str | None, language: str) -> None:
    """Refuse bad set-up input; callers run it before creating anything on disk."""
    data = {"role": role, "name": name, "country": country, "language": language}
    check = Checker()
    check.required(data, "role", "name")
    check.choice(data, "role", Role)
    check.choice(data, "country", Country)
    if isinstance(name, str) and len(name.strip()) > NAME_LIMIT:
        check.add(
            "name",
            N_("At most {limit} characters (now {count})."),
            limit=NAME_LIMIT,
            count=len(name.strip()),
        )
    if role in (Role.MUNICIPALITY, Role.FIELD) and not country:
        check.add("country", N_("Choose the municipality's country."))
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
    return ctx


def load_context(db: Database, data_dir: Path | None = None) -> ServiceContext:
    installation = get_installation(db)
    if installation is None:
        raise NotInitialisedError()
    return ServiceContext(
        db=db,
        installation_id=installation.id,
        role=Role(installation.role),
        municipality_id=installation.municipality_id,
        clock=HybridLogicalClock(last=installation.hlc_last),
        data_dir=data_dir,
    )


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
