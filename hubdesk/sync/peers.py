"""Whom this installation trusts: enrolling peers from their profiles, listing and revoking them.

Who may know whom follows the network: a municipality knows its hub and its own field laptops, a
field laptop knows its municipality, a hub knows every municipality. A field laptop set up on its
own records provisionally; when its municipality is enrolled it adopts that municipality's id, as
long as it holds nothing of its own yet. The same switch mends a laptop set up from the wrong
municipality's profile, and that municipality is then no longer its peer. A field laptop also
keeps the key of the hub (from its municipality's profile, or the hub's own profile), to verify
the hub's records it receives; a hub learnt from the wrong municipality's profile goes with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from hubdesk.domain import Installation, Municipality
from hubdesk.domain.enums import Role
from hubdesk.domain.sync import BundleLog, Peer, TrustedHub
from hubdesk.i18n import N_
from hubdesk.i18n.scripts import name_forms
from hubdesk.services.context import ServiceContext
from hubdesk.services.records import audit
from hubdesk.services.staff import require_admin
from hubdesk.storage.db import Database
from hubdesk.sync.codec import MODELS
from hubdesk.sync.errors import SyncError
from hubdesk.sync.profile import HubCard, Profile


@dataclass(frozen=True)
class Enrolment:
    """What enrolling a profile will do, shown to a person before they confirm."""

    profile: Profile
    already_enrolled: bool
    adopts_municipality: bool  # this field laptop will take the profile's municipality id
    # On a field laptop: the hub whose signed records it will verify, learnt from this profile
    # (the hub's own, or the one its municipality passes on); its fingerprint is shown too.
    learns_hub: HubCard | None = None
    # On a field laptop switching municipality: the names of the municipalities it was enrolled
    # with, which it stops trusting (it never exchanged a file with them).
    leaves: tuple[str, ...] = ()
    # ...and the hubs it learnt from them, whose decisions it stops accepting (its new
    # municipality passes on another hub, or none yet); or the hub it trusted, replaced by the
    # one this profile is or passes on (a hub set up anew).
    forgets_hubs: tuple[str, ...] = ()
    forgotten_hub_ids: tuple[str, ...] = ()


def check_enrolment(ctx: ServiceContext, profile: Profile) -> Enrolment:
    """Refuse profiles this installation must not trust; say what accepting one would do.
    On a hub's server only an administrator enrols: refused here, before the question (a
    staff login was shown the profile and asked to compare it, then refused)."""
    require_admin(ctx)
    if profile.installation_id == ctx.installation_id:
        raise SyncError(N_("This is this installation's own profile."), "own_profile")
    peer_role = profile.role
    adopts = False
    if ctx.role is Role.HUB:
        if peer_role is not Role.MUNICIPALITY:
            raise SyncError(N_("A hub enrols municipalities only."), "wrong_role")
    elif ctx.role is Role.MUNICIPALITY:
        if peer_role is Role.MUNICIPALITY:
            raise SyncError(
                N_("A municipality exchanges files with its hub and its own field laptops only."),
                "wrong_role",
            )
        if peer_role is Role.FIELD and profile.municipality_id != ctx.municipality_id:
            raise SyncError(  # the way out: a laptop that recorded nothing yet switches
                N_(
                    "This field laptop records for another municipality. If it was set up with "
                    "another municipality's profile by mistake, open this municipality's "
                    "profile on the laptop (a laptop that has recorded nothing yet switches to "
                    "it), then save the laptop's profile again and add that one here."
                ),
                "wrong_municipality",
            )
    else:  # a field laptop
        if peer_role is Role.HUB:
            return _check_hub_for_field(ctx, profile)
        if peer_role is not Role.MUNICIPALITY:
            raise SyncError(
                N_("A field laptop exchanges files with its municipality only."), "wrong_role"
            )
        provisional = _provisional(ctx)
        if profile.municipality_id != ctx.municipality_id or provisional:
            empty = _holds_nothing_of_its_own(ctx)
            if profile.municipality_id != ctx.municipality_id and not empty:
                raise SyncError(
                    N_(
                        "This field laptop already records for another municipality; "
                        "set up a new data folder for this one."
                    ),
                    "wrong_municipality",
                )
            adopts = empty
    with ctx.read() as session:
        existing = session.get(Peer, profile.installation_id)
        if existing is not None and ctx.role is not Role.HUB and existing.role != peer_role:
            raise SyncError(N_("This installation is enrolled with another role."), "mismatch")
        if ctx.role is Role.HUB:
            _refuse_second_office(session, profile)
        elif ctx.role is Role.MUNICIPALITY and peer_role is Role.HUB:
            _refuse_second_hub(session, profile)
        _refuse_known_keys(session, profile)
    if existing is not None:
        same_keys = (
            existing.signing_key == profile.signing_key
            and existing.age_recipient == profile.age_recipient
        )
        if not existing.revoked and existing.municipality_id != profile.municipality_id:
            # An installation's municipality is set once; a profile naming another is a new
            # claim the fingerprint does not catch (the keys are the same), and at a hub it
            # would move the office to a town whose own office is then refused.
            raise SyncError(
                N_(
                    "'{name}' is enrolled here for {enrolled}, and this profile names "
                    "{municipality}. An installation does not change its municipality; the "
                    "profile is refused."
                ),
                "wrong_municipality",
                name=existing.name,
                enrolled=existing.municipality_name or existing.name,
                municipality=str((profile.municipality or {}).get("name", "")),
            )
        if not existing.revoked and not same_keys:
            raise SyncError(
                N_(
                    "'{name}' is enrolled with other keys. If it really made new keys, "
                    "revoke it first and then add it again."
                ),
                "key_mismatch",
                name=existing.name,
            )
    leaves = tuple(p.name for p in _left_behind(ctx, profile)) if adopts else ()
    forgets = _hubs_left_behind(ctx, profile) if leaves else []
    learns = None
    if ctx.role is Role.FIELD and profile.hub is not None:
        _refuse_hub_posing(ctx, profile.hub, profile)
        named = {t.id for t in forgets}
        forgets += [t for t in _replaced_hubs(ctx, profile.hub) if t.id not in named]
        if not _trusts(ctx, profile.hub):
            learns = profile.hub
    return Enrolment(
        profile,
        existing is not None and not existing.revoked,
        adopts,
        learns,
        leaves,
        tuple(t.name for t in forgets),
        tuple(t.id for t in forgets),
    )


def _trusts(ctx: ServiceContext, card: HubCard) -> bool:
    return any(_same_hub(t, card) for t in _trusted_hubs(ctx))


def _same_hub(trusted: TrustedHub, card: HubCard) -> bool:
    return trusted.id == card.installation_id and trusted.signing_key == card.signing_key


def _replaced_hubs(ctx: ServiceContext, card: HubCard) -> list[TrustedHub]:
    """The hubs a field laptop stops trusting to follow ``card``: a laptop trusts one hub, and
    a hub set up anew (new keys, or a new installation after its PC was lost) is followed once
    a person opens its profile or the municipality's that passes it on, having been told which
    hub the laptop leaves and shown the new one's fingerprint to compare by phone."""
    return [t for t in _trusted_hubs(ctx) if not _same_hub(t, card)]


def _refuse_second_office(session: Session, profile: Profile) -> None:
    """A hub exchanges files with one office per municipality. The hub judges every row by the
    municipality its signer was enrolled for, and a profile names its municipality itself: a
    second installation naming a town the hub already hears from (phoned in as another town's
    new PC) would write that town's records. A town's new office is enrolled once the old one
    is revoked."""
    query = select(Peer).where(
        Peer.role == Role.MUNICIPALITY.value,
        Peer.municipality_id == profile.municipality_id,
        Peer.id != profile.installation_id,
        Peer.revoked_at.is_(None),
    )
    office = session.scalars(query).first()
    if office is not None:
        raise SyncError(
            N_(
                "This profile is for {municipality}, and '{name}' already exchanges files with "
                "this hub for {municipality}. If this installation takes its place, revoke "
                "'{name}' first."
            ),
            "municipality_taken",
            municipality=office.municipality_name or office.name,
            name=office.name,
        )


def _refuse_known_keys(session: Session, profile: Profile) -> None:
    """One signing key, one installation, and a revoked one never vouches again.

    A revocation is for keys that may be in someone else's hands (a stolen laptop), and such a
    hand signs a profile with the same key, a new decryption key of its own and, if it likes,
    a new installation id: only new signing keys come back after a revocation. And a key
    enrolled for one installation is not enrolled for a second: an office re-signing its own
    profile under a new id and another town's name would be that town's office here, with
    the very fingerprint the hub compared for its own town."""
    query = select(Peer).where(
        Peer.signing_key == profile.signing_key,
        Peer.revoked_at.is_not(None) | (Peer.id != profile.installation_id),
    )
    known = session.scalars(query).first()
    if known is not None and known.revoked:
        raise SyncError(
            N_("'{name}' was revoked; its keys cannot be enrolled again."),
            "revoked",
            name=known.name,
        )
    if known is not None:
        raise SyncError(
            N_(
                "This profile has the keys of '{name}', another installation enrolled here; "
                "each installation has keys of its own, so the profile is refused."
            ),
            "keys_taken",
            name=known.name,
        )


def _refuse_second_hub(session: Session, profile: Profile) -> None:
    """A municipality exchanges files with one hub: every hub it enrols may sign decisions on
    its proposals, and its profile passes only one on to its field laptops (which would then
    refuse every bundle carrying the other's records). A new hub is enrolled once the old one
    is revoked."""
    query = select(Peer).where(
        Peer.role == Role.HUB.value, Peer.id != profile.installation_id, Peer.revoked_at.is_(None)
    )
    hub = session.scalars(query).first()
    if hub is not None:
        raise SyncError(
            N_(
                "This municipality exchanges files with the hub '{name}'. If the new hub takes "
                "its place, revoke '{name}' first."
            ),
            "hub_taken",
            name=hub.name,
        )


def _hubs_left_behind(ctx: ServiceContext, profile: Profile) -> list[TrustedHub]:
    """The hubs a field laptop switching municipality learnt from the wrong municipality's
    profile and its own does not pass on: kept, they would still vouch for decisions (and the
    right hub's would be refused). A hub enrolled from its own profile stays: a person chose it."""
    passed_on = profile.hub
    return [
        t
        for t in _trusted_hubs(ctx)
        if t.learnt_from == Role.MUNICIPALITY.value
        and (
            passed_on is None
            or t.id != passed_on.installation_id
            or t.signing_key != passed_on.signing_key
        )
    ]


def _left_behind(ctx: ServiceContext, profile: Profile) -> list[Peer]:
    """The municipalities a field laptop was enrolled with that are not the one it switches
    to (set up from the wrong profile): left enrolled, it would send them its records and
    take their files."""
    with ctx.read() as session:
        query = select(Peer).where(
            Peer.role == Role.MUNICIPALITY.value, Peer.id != profile.installation_id
        )
        return list(session.scalars(query.order_by(Peer.name)))


def _trusted_hubs(ctx: ServiceContext) -> list[TrustedHub]:
    with ctx.read() as session:
        return list(session.scalars(select(TrustedHub)))


def _check_hub_for_field(ctx: ServiceContext, profile: Profile) -> Enrolment:
    """A field laptop never exchanges bundles with the hub; it only keeps the hub's key, to
    verify the hub's records its municipality relays."""
    card = HubCard(
        profile.installation_id, profile.name, profile.signing_key, profile.age_recipient
    )
    _refuse_hub_posing(ctx, card)
    replaced = _replaced_hubs(ctx, card)
    return Enrolment(
        profile,
        _trusts(ctx, card),
        False,
        card,
        forgets_hubs=tuple(t.name for t in replaced),
        forgotten_hub_ids=tuple(t.id for t in replaced),
    )


def _refuse_hub_posing(ctx: ServiceContext, card: HubCard, named_by: Profile | None = None) -> None:
    """The hub a field laptop trusts is never an installation it exchanges files with (its
    municipality, or the profile passing the card on): with its own keys as "the hub's", a
    municipality would sign hub decisions its laptop believes, and the fingerprint the laptop
    compares would be one it already knows."""
    with ctx.read() as session:
        known = [(p.name, p.id, p.signing_key) for p in session.scalars(select(Peer))]
    if named_by is not None:
        known.append((named_by.name, named_by.installation_id, named_by.signing_key))
    for name, installation_id, signing_key in known:
        if card.installation_id == installation_id or card.signing_key == signing_key:
            raise SyncError(
                N_(
                    "The hub this profile names has the keys of '{name}', which is not the "
                    "hub; the profile is refused."
                ),
                "not_the_hub",
                name=name,
            )


def trust_hub(session: Session, card: HubCard, learnt_from: Role) -> None:
    """Remember ``card`` as the hub whose signed records this field laptop accepts."""
    stored = session.get(TrustedHub, card.installation_id)
    if stored is None:
        stored = TrustedHub(id=card.installation_id)
        session.add(stored)
    stored.name = card.name[:200]
    stored.signing_key = card.signing_key
    stored.fingerprint = card.fingerprint
    stored.learnt_from = learnt_from.value
    stored.learnt_at = dt.datetime.now(dt.UTC)
    session.flush()


def _provisional(ctx: ServiceContext) -> bool:
    """True while the field laptop's municipality record is the one it made itself at setup."""
    with ctx.read() as session:
        own = session.get(Municipality, ctx.municipality_id) if ctx.municipality_id else None
        return own is None or own.origin == ctx.installation_id


def _holds_nothing_of_its_own(ctx: ServiceContext) -> bool:
    with ctx.read() as session:
        for name, model in MODELS.items():
            query = select(func.count()).select_from(model)
            if name == "municipalities":
                query = query.where(model.id != ctx.municipality_id)
            if session.scalar(query):
                return False
        sent = session.scalar(select(func.count()).select_from(BundleLog))
        return not sent


def enrol(ctx: ServiceContext, profile: Profile) -> Peer:
    """Trust ``profile`` (after a person compared its fingerprint) and remember it."""
    require_admin(ctx)  # on a hub's server: whom the hub trusts is for its administrators
    plan = check_enrolment(ctx, profile)
    now = dt.datetime.now(dt.UTC)
    municipality = profile.municipality or {}
    if ctx.role is Role.FIELD and profile.role is Role.HUB:
        assert plan.learns_hub is not None
        with ctx.transaction() as session:
            _forget_hubs(session, plan)
            trust_hub(session, plan.learns_hub, Role.HUB)
            return Peer(
                id=profile.installation_id, role=profile.role.value, name=profile.name
            )  # not stored: the laptop sends nothing to the hub
    with ctx.transaction() as session:
        _forget_hubs(session, plan)
        if plan.learns_hub is not None:
            trust_hub(session, plan.learns_hub, Role.MUNICIPALITY)
        if plan.adopts_municipality:
            _adopt(session, ctx, profile)
            left = [p.id for p in _left_behind(ctx, profile)]
            session.execute(delete(Peer).where(Peer.id.in_(left)))  # nothing was exchanged
        peer = session.get(Peer, profile.installation_id)
        if peer is None:
            peer = Peer(id=profile.installation_id, enrolled_at=now)
            session.add(peer)
        elif peer.revoked:
            # New keys after a revocation: start the exchange afresh.
            peer.enrolled_at, peer.revoked_at = now, None
            peer.last_in_sequence = peer.acked_out_sequence = peer.acked_audit_mark = 0
        peer.role = profile.role.value
        peer.name = profile.name[:200]
        peer.municipality_id = profile.municipality_id
        peer.municipality_name = str(municipality.get("name", ""))
        peer.country = municipality.get("country")
        peer.signing_key = profile.signing_key
        peer.age_recipient = profile.age_recipient
        peer.fingerprint = profile.fingerprint
        peer.next_out_sequence = peer.next_out_sequence or 1
        for name in ("last_in_sequence", "acked_out_sequence", "acked_audit_mark"):
            if getattr(peer, name) is None:
                setattr(peer, name, 0)
        session.flush()
        return peer


def _forget_hubs(session: Session, plan: Enrolment) -> None:
    """The hubs the plan named to the person as no longer trusted (a hub kept under the same
    id with new keys is updated in place by ``trust_hub``)."""
    learnt = plan.learns_hub.installation_id if plan.learns_hub is not None else None
    gone = [hub_id for hub_id in plan.forgotten_hub_ids if hub_id != learnt]
    if gone:
        session.execute(delete(TrustedHub).where(TrustedHub.id.in_(gone)))


def _adopt(session: Session, ctx: ServiceContext, profile: Profile) -> None:
    """Replace the provisional municipality with the profile's, exactly as its owner holds it."""
    assert profile.municipality is not None
    provisional = ctx.municipality_id
    if provisional is not None and provisional != profile.municipality_id:
        session.execute(delete(Municipality).where(Municipality.id == provisional))
    session.execute(delete(Municipality).where(Municipality.id == profile.municipality_id))
    session.flush()
    record = Municipality(**profile.municipality)
    session.add(record)
    session.flush()
    audit(session, ctx, record, "sync", {"id": (provisional, record.id)})
    session.execute(
        update(Installation)
        .where(Installation.id == ctx.installation_id)
        .values(municipality_id=record.id)
    )
    ctx.clock.observe(record.version)
    ctx.municipality_id = record.id


def list_peers(ctx: ServiceContext, include_revoked: bool = True) -> list[Peer]:
    query = select(Peer).order_by(Peer.role, Peer.name)
    if not include_revoked:
        query = query.where(Peer.revoked_at.is_(None))
    with ctx.read() as session:
        return list(session.scalars(query))


def find_peer(ctx: ServiceContext, text: str) -> Peer:
    """A peer by installation id, id prefix or exact name (case-insensitive, in either script
    of its country: the hub's English lines say "Kumanovo" of the peer named "Куманово")."""
    wanted = text.strip().casefold()
    peers = list_peers(ctx)
    matches = [p for p in peers if p.id == text.strip()]
    if not matches:
        matches = [p for p in peers if wanted in name_forms(p.name, "", p.country)]
    if not matches and len(wanted) >= 4:
        matches = [p for p in peers if p.id.startswith(wanted)]
    if len(matches) != 1:
        raise SyncError(
            N_("No single enrolled peer matches '{text}'; see 'hubdesk peers list'."),
            "unknown_peer",
            text=text,
        )
    return matches[0]


def revoke(ctx: ServiceContext, peer_id: str) -> Peer:
    """Stop trusting a peer (a lost laptop, say): its bundles are refused from now on."""
    require_admin(ctx)
    with ctx.transaction() as session:
        peer = session.get(Peer, peer_id)
        if peer is None:
            raise SyncError(N_("No enrolled peer has the id {id}."), "unknown_peer", id=peer_id)
        if peer.revoked_at is None:
            peer.revoked_at = dt.datetime.now(dt.UTC)
        return peer


def municipality_profile(path: Path) -> Profile:
    """The profile a field laptop is set up from: a municipality's, or SyncError saying so
    (before anything else about the set-up is judged)."""
    from hubdesk.sync.profile import read_profile

    candidate = read_profile(path)
    if candidate.role is not Role.MUNICIPALITY or candidate.municipality is None:
        raise SyncError(
            N_("A field laptop is set up from its municipality's profile."), "wrong_role"
        )
    return candidate


def init_field_from_profile(
    db: Database, data_dir: Path, profile_path: Path, *, name: str, language: str = "en"
) -> ServiceContext:
    """``hubdesk init --role field --from-profile FILE``: set up a field laptop that records for
    the municipality whose profile ``FILE`` is, and enrol that municipality in one step.

    The profile is read and checked before anything is written; the laptop then holds the
    municipality's record exactly as the municipality does, so nothing conflicts later.
    """
    from hubdesk.services.installation import initialise
    from hubdesk.sync.keys import ensure_keys

    candidate = municipality_profile(profile_path)
    assert candidate.municipality is not None
    ctx = initialise(
        db,
        role=Role.FIELD.value,
        name=name,
        country=candidate.municipality["country"],
        language=language,
        municipality_id=candidate.municipality_id,
    )
    ctx.data_dir = data_dir
    ensure_keys(data_dir)
    enrol(ctx, candidate)
    return ctx
