"""Exchanges between cities: each city's own part, and the hub's join of the parts.

A municipality holds only its own records and knows no other municipality, so it names the
other cities of an exchange as typed text (the form offers the names it typed before). Each city
records its own side, owned and synced like any of its records, and lists and counts the
exchanges it took part in from those parts.

The hub holds every city's parts and joins them into exchanges in its own view:

- **Automatically**: parts that name the same host (a hosting city is its own host; a visiting
  city's typed host name is matched to a municipality the hub holds, in either script) and
  whose dates overlap are one exchange.
- **By hand**: hub staff may join exchanges the cities recorded differently (another host
  spelling, dates a week apart) or separate a part joined by mistake. A hand decision is an
  ``ExchangeLink`` row, hub-local: the join is the hub's reading of what the cities wrote, it
  changes no city's record and travels nowhere (docs/architecture.md).

An exchange shows each city in it and whether that city confirmed it with its own part; one
recorded by a single city is "not confirmed by another city".
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import ExchangeLink, ExchangePart, Municipality
from hubdesk.domain.peers import ExchangeRole
from hubdesk.domain.search import fold
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.area import normalised, plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.listing import text_match
from hubdesk.services.rules import peers as rules
from hubdesk.services.team import require_municipality
from hubdesk.services.validation import Checker, unknown_fields

PART = N_("exchange")
PART_FIELDS = (
    "role", "kind", "host_name", "partner_names", "starts_on", "ends_on", "topic", "pillar",
    "themes", "participants", "participants_women", "learned", "follow_up",
)  # fmt: skip
TEXTS = ("learned", "follow_up")

NO_EXCHANGE = N_("No exchange has the id '{id}'.")
REGROUPED = N_(
    "These exchanges changed after you read the list: a colleague joined or separated their "
    "parts, or a city's bundle brought another part. Nothing was joined; look at them again "
    "as they are now."
)

# How a part was placed in its exchange, for the hub's list.
AUTO, HAND, SINGLE = "auto", "hand", "single"


# --- a city's own parts ------------------------------------------------------------------------


def _clean_names(values: Any) -> Any:
    if values is None or isinstance(values, str) or not isinstance(values, Iterable):
        return values
    return [n.strip() if isinstance(n, str) else n for n in values]


def check_part(data: Mapping[str, Any], current: ExchangePart | None) -> dict[str, Any]:
    unknown_fields(data, PART_FIELDS)
    data = dict(data)
    for name in ("participants", "participants_women"):
        if name in data and data[name] is None:
            data[name] = 0
    if "partner_names" in data:
        data["partner_names"] = _clean_names(data["partner_names"])
    if isinstance(data.get("host_name"), str):
        data["host_name"] = data["host_name"].strip()
    check = Checker()
    required = ("role", "kind", "topic", "starts_on")
    check.required(data, *(required if current is None else [k for k in required if k in data]))
    check.text(data, ExchangePart)
    plain_text(check, data, *TEXTS)
    check.choices(data, "partner_names")
    check.choices(data, "themes")
    check.date(data, "starts_on")
    check.date(data, "ends_on")
    check.count(data, "participants")
    check.count(data, "participants_women")
    stored: dict[str, Any] = {
        "role": None, "host_name": "", "partner_names": [], "participants": 0,
        "participants_women": 0, "starts_on": None, "ends_on": None,
    }  # fmt: skip
    if current is not None:
        stored = {k: getattr(current, k) for k in stored}
    values = {**stored, **{k: v for k, v in data.items() if v is not None or k == "ends_on"}}
    for name in ("partner_names", "themes"):
        if isinstance(values.get(name), tuple):
            values[name] = list(values[name])
    if values.get("host_name") is None:
        values["host_name"] = ""
    check.rules(rules.check_part(values, changed=data))
    check.done()
    out = normalised(data, (*TEXTS, "host_name"))
    for name in ("partner_names", "themes"):
        if name in out and out[name] is not None:
            out[name] = list(out[name])
    return out


def own_part(session: Session, ctx: ServiceContext, part_id: str) -> ExchangePart:
    return records.owned(session, ctx, ExchangePart, part_id, PART)


def create_part(ctx: ServiceContext, data: Mapping[str, Any]) -> ExchangePart:
    """Record this city's side of an exchange (hosted or visited)."""
    municipality_id = require_municipality(ctx)
    with ctx.transaction() as session:
        values = check_part(data, None)
        _not_itself(session, municipality_id, values)
        return records.create(
            session, ctx, ExchangePart, {**values, "municipality_id": municipality_id}
        )


def update_part(ctx: ServiceContext, part_id: str, data: Mapping[str, Any]) -> ExchangePart:
    with ctx.transaction() as session:
        part = own_part(session, ctx, part_id)
        values = check_part(data, part)
        _not_itself(session, part.municipality_id, values)
        records.change(session, ctx, part, values)
        return part


def _not_itself(session: Session, municipality_id: str, values: Mapping[str, Any]) -> None:
    """The city it visited or hosted is another one: a part naming the city itself as its
    host or partner was shown at the hub as hosted by it, and joined with its own exchanges
    of that day. Either script of the name is recognised ("Ниш" beside "Niš")."""
    own = session.get(Municipality, municipality_id)
    if own is None:
        return
    check = Checker()
    named = naming_itself(values, (own.name, own.name_other_script))
    if named is not None:
        check.add(named[0], ITSELF, name=named[1])
    check.done()


def naming_itself(values: Mapping[str, Any], own_names: Iterable[str]) -> tuple[str, str] | None:
    """The field and the name by which a part names its own city as the other one (either
    script); None when it names none. The import holds a bundle's parts to the same."""
    itself = {fold(name.strip()) for name in own_names if name and name.strip()}
    host = values.get("host_name") or ""
    if isinstance(host, str) and fold(host.strip()) in itself:
        return "host_name", host
    for partner in values.get("partner_names") or ():
        if isinstance(partner, str) and fold(partner.strip()) in itself:
            return "partner_names", partner
    return None


ITSELF = N_("{name} is this municipality itself; name the other city of the exchange.")


def delete_part(ctx: ServiceContext, part_id: str) -> None:
    with ctx.transaction() as session:
        records.tombstone(session, ctx, own_part(session, ctx, part_id))


def get_part(ctx: ServiceContext, part_id: str) -> ExchangePart:
    with ctx.read() as session:
        return records.live(session, ExchangePart, part_id, PART)


@dataclass(frozen=True)
class ExchangeFilter:
    search: str | None = None
    date_from: dt.date | None = None  # exchanges starting on or after this day
    date_to: dt.date | None = None  # ... and on or before it
    municipality_id: str | None = None  # at the hub: exchanges this city took part in


def list_parts(ctx: ServiceContext, f: ExchangeFilter = ExchangeFilter()) -> list[ExchangePart]:
    """The parts held here, newest first: a city's own (each one an exchange it took part
    in); at the hub every city's."""
    query = select(ExchangePart).where(~ExchangePart.deleted)
    municipality_id = ctx.municipality_id or f.municipality_id
    if municipality_id is not None:
        query = query.where(ExchangePart.municipality_id == municipality_id)
    query = query.where(text_match(f.search, ExchangePart.search_text))
    if f.date_from is not None:
        query = query.where(ExchangePart.starts_on >= f.date_from)
    if f.date_to is not None:
        query = query.where(ExchangePart.starts_on <= f.date_to)
    order = (ExchangePart.starts_on.desc(), ExchangePart.id)
    with ctx.read() as session:
        return list(session.scalars(query.order_by(*order)))


def known_names(ctx: ServiceContext) -> list[str]:
    """Names to offer when naming another city: those this installation typed before, and
    the municipalities it holds (at a municipality, only itself; at the hub, all)."""
    with ctx.read() as session:
        names: set[str] = set(
            session.scalars(select(Municipality.name).where(~Municipality.deleted))
        )
        for host, partners in session.execute(
            select(ExchangePart.host_name, ExchangePart.partner_names).where(~ExchangePart.deleted)
        ):
            names.update(n for n in (host, *partners) if n)
    return sorted(names, key=fold)


# --- the hub's join ----------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    """One city in an exchange: its name as the hub holds it (or as typed, when the hub knows
    no municipality of that name), its role, and whether its own part confirms it."""

    name: str
    municipality_id: str | None
    role: str  # ExchangeRole
    confirmed: bool


@dataclass
class Exchange:
    key: str  # the hand key, or the smallest part id of an automatic join
    how: str  # AUTO, HAND or SINGLE
    parts: list[ExchangePart] = field(default_factory=list)
    cities: list[City] = field(default_factory=list)
    note: str = ""
    decided_by: list[str] = field(default_factory=list)  # staff who joined it by hand

    @property
    def starts_on(self) -> dt.date:
        return min(p.starts_on for p in self.parts)

    @property
    def ends_on(self) -> dt.date:
        return max(p.ends_on or p.starts_on for p in self.parts)

    @property
    def lead(self) -> ExchangePart:
        """The host's part when the host recorded it (its words describe the exchange)."""
        hosts = [p for p in self.parts if p.role == ExchangeRole.HOST]
        return min(hosts or self.parts, key=lambda p: (p.starts_on, p.id))

    @property
    def participants(self) -> int:
        """Each part counts its own city's participants, so they add up."""
        return sum(p.participants for p in self.parts)

    @property
    def host(self) -> City | None:
        return next((c for c in self.cities if c.role == ExchangeRole.HOST), None)

    @property
    def confirmed(self) -> bool:
        """Recorded by more than one city."""
        return len({p.municipality_id for p in self.parts}) > 1

    def unconfirmed_cities(self) -> list[City]:
        return [c for c in self.cities if not c.confirmed]

    def has_city(self, municipality_id: str) -> bool:
        return any(c.municipality_id == municipality_id for c in self.cities)


class Directory:
    """The municipalities the hub holds, found by name in either script (folded)."""

    def __init__(self, municipalities: Iterable[Municipality]) -> None:
        self.names: dict[str, str] = {}
        self.by_fold: dict[str, str] = {}
        for m in municipalities:
            self.names[m.id] = m.name
            for name in (m.name, m.name_other_script):
                if name:
                    self.by_fold.setdefault(fold(name.strip()), m.id)

    def find(self, name: str) -> str | None:
        return self.by_fold.get(fold(name.strip()))

    def name(self, municipality_id: str) -> str:
        return self.names.get(municipality_id, municipality_id)


def _host_key(part: ExchangePart, directory: Directory) -> str:
    if part.role == ExchangeRole.HOST:
        return part.municipality_id
    found = directory.find(part.host_name)
    return found if found is not None else "name:" + fold(part.host_name.strip())


def _auto_groups(parts: Sequence[ExchangePart], directory: Directory) -> list[list[ExchangePart]]:
    """Same host and overlapping dates (a chain of overlaps is one exchange)."""
    by_host: dict[str, list[ExchangePart]] = defaultdict(list)
    for part in parts:
        by_host[_host_key(part, directory)].append(part)
    groups: list[list[ExchangePart]] = []
    for host_parts in by_host.values():
        host_parts.sort(key=lambda p: (p.starts_on, p.id))
        current: list[ExchangePart] = []
        end: dt.date | None = None
        for part in host_parts:
            if current and end is not None and part.starts_on <= end:
                current.append(part)
                end = max(end, part.ends_on or part.starts_on)
            else:
                if current:
                    groups.append(current)
                current, end = [part], part.ends_on or part.starts_on
        if current:
            groups.append(current)
    return groups


def _cities(parts: Sequence[ExchangePart], directory: Directory) -> list[City]:
    """Every city an exchange's parts name, each once, the host first."""
    found: dict[str, dict[str, Any]] = {}

    def add(name: str, municipality_id: str | None, role: str, confirmed: bool) -> None:
        key = municipality_id or "name:" + fold(name.strip())
        entry = found.setdefault(
            key, {"name": name, "id": municipality_id, "role": role, "confirmed": False}
        )
        if role == ExchangeRole.HOST:
            entry["role"] = role
        entry["confirmed"] = entry["confirmed"] or confirmed

    # A host name the hub cannot match is the hosting city's own part, when one is joined in
    # (staff joined them by hand because the visitor spelled the host differently).
    hosts = {p.municipality_id for p in parts if p.role == ExchangeRole.HOST}
    for part in parts:
        own = part.municipality_id
        add(directory.name(own), own, part.role, True)
        if part.role == ExchangeRole.VISITOR:
            host = directory.find(part.host_name)
            if host is None and len(hosts) == 1:
                host = next(iter(hosts))
            add(directory.name(host) if host else part.host_name, host, ExchangeRole.HOST, False)
        for name in part.partner_names:
            other = directory.find(name)
            add(directory.name(other) if other else name, other, ExchangeRole.VISITOR, False)
    cities = [City(e["name"], e["id"], e["role"], e["confirmed"]) for e in found.values()]
    return sorted(cities, key=lambda c: (c.role != ExchangeRole.HOST, fold(c.name)))


def join_parts(
    parts: Sequence[ExchangePart],
    links: Mapping[str, ExchangeLink],
    municipalities: Iterable[Municipality],
) -> list[Exchange]:
    """The exchanges the parts make (see the module docstring), newest first."""
    directory = Directory(municipalities)
    hand: dict[str, list[ExchangePart]] = defaultdict(list)
    automatic: list[ExchangePart] = []
    for part in parts:
        link = links.get(part.id)
        (hand[link.exchange_key] if link is not None else automatic).append(part)
    exchanges: list[Exchange] = []
    for key, group in hand.items():
        notes = sorted({links[p.id].note for p in group if links[p.id].note})
        people = sorted({links[p.id].decided_by for p in group if links[p.id].decided_by})
        exchanges.append(Exchange(key, HAND, group, note="; ".join(notes), decided_by=people))
    for group in _auto_groups(automatic, directory):
        how = AUTO if len(group) > 1 else SINGLE
        exchanges.append(Exchange(min(p.id for p in group), how, group))
    for exchange in exchanges:
        exchange.parts.sort(key=lambda p: (p.role != ExchangeRole.HOST, p.starts_on, p.id))
        exchange.cities = _cities(exchange.parts, directory)
    exchanges.sort(key=lambda e: (e.starts_on, e.key), reverse=True)
    return exchanges


def hub_only(ctx: ServiceContext) -> None:
    if not ctx.is_hub:
        raise PermissionDenied(
            N_(
                "Only the hub joins the cities' parts of an exchange; "
                "here each part is a city's own."
            )
        )


def _load(
    session: Session,
) -> tuple[list[ExchangePart], dict[str, ExchangeLink], list[Municipality]]:
    parts = list(session.scalars(select(ExchangePart).where(~ExchangePart.deleted)))
    links = {link.part_id: link for link in session.scalars(select(ExchangeLink))}
    municipalities = list(session.scalars(select(Municipality).where(~Municipality.deleted)))
    return parts, links, municipalities


def list_exchanges(ctx: ServiceContext, f: ExchangeFilter = ExchangeFilter()) -> list[Exchange]:
    """The exchanges as the hub joins them (at a municipality: one per own part), each once
    with every city in it, filtered by the dates the exchange starts and by a city in it."""
    with ctx.read() as session:
        parts, links, municipalities = _load(session)
    if not ctx.is_hub:
        links = {}
        parts = [p for p in parts if p.municipality_id == ctx.municipality_id]
    exchanges = join_parts(parts, links, municipalities)
    if not ctx.is_hub:  # a city's own parts are its exchanges: never joined with each other
        exchanges = [e for p in parts for e in join_parts([p], {}, municipalities)]
        exchanges.sort(key=lambda e: (e.starts_on, e.key), reverse=True)
    term = fold((f.search or "").strip())
    out = []
    for e in exchanges:
        if f.date_from is not None and e.starts_on < f.date_from:
            continue
        if f.date_to is not None and e.starts_on > f.date_to:
            continue
        if f.municipality_id is not None and not e.has_city(f.municipality_id):
            continue
        found = any(term in (p.search_text or "") for p in e.parts)
        if term and not found and not any(term in fold(c.name) for c in e.cities):
            continue
        out.append(e)
    return out


def get_exchange(ctx: ServiceContext, key: str) -> Exchange:
    return _find(list_exchanges(ctx), key)


def join_exchanges(
    ctx: ServiceContext,
    keys: Sequence[str],
    note: str = "",
    seen: Sequence[Collection[str]] | None = None,
) -> Exchange:
    """Join two or more exchanges into one by hand (every part of each goes with it).

    ``seen`` (from the hub's list): the parts of each exchange as the person read them, in the
    order of ``keys``. On a hub's server a colleague may have joined or separated them since,
    or a bundle brought another part; then nothing is joined (the person decided on other
    exchanges than these). The grouping is read again after the writer turn, in the unit of
    work that writes the join, so no colleague's decision lands in between."""
    hub_only(ctx)
    check = Checker()
    plain_text(check, {"note": note}, "note")
    check.done()
    key = str(uuid.uuid4())
    with ctx.transaction() as session:
        now = _grouped(session)
        chosen = [_find(now, k) for k in keys]
        if seen is not None and [{p.id for p in e.parts} for e in chosen] != [set(s) for s in seen]:
            raise ValidationError.single("exchange", REGROUPED)
        if len({e.key for e in chosen}) < 2:
            raise ValidationError.single("exchange", N_("Choose at least two exchanges to join."))
        _place(session, ctx, {p.id for e in chosen for p in e.parts}, key, note)
    return get_exchange(ctx, key)


def separate_part(ctx: ServiceContext, part_id: str, note: str = "") -> Exchange:
    """Take one part out of its exchange: it stands alone, by hand, whatever its dates say."""
    hub_only(ctx)
    key = str(uuid.uuid4())
    with ctx.transaction() as session:
        if len(_find(_grouped(session), part_id).parts) < 2:
            raise ValidationError.single(
                "exchange", N_("This part is already an exchange of its own.")
            )
        _place(session, ctx, {part_id}, key, note)
    return get_exchange(ctx, key)


def automatic(ctx: ServiceContext, part_id: str) -> Exchange:
    """Forget the hand decision about a part: it is joined automatically again."""
    hub_only(ctx)
    with ctx.transaction() as session:
        link = session.get(ExchangeLink, part_id)
        if link is not None:
            session.delete(link)
    return get_exchange(ctx, part_id)


def _place(
    session: Session, ctx: ServiceContext, part_ids: Iterable[str], key: str, note: str
) -> None:
    for part_id in part_ids:
        link = session.get(ExchangeLink, part_id)
        if link is None:
            link = ExchangeLink(part_id=part_id, exchange_key=key)
            session.add(link)
        link.exchange_key, link.note = key, note.strip()
        link.decided_at, link.decided_by = dt.datetime.now(dt.UTC), ctx.person or ""


def _grouped(session: Session) -> list[Exchange]:
    """Every exchange as the hub joins them now, read in the unit of work that changes them."""
    return join_parts(*_load(session))


def _find(found: Sequence[Exchange], key: str) -> Exchange:
    for exchange in found:
        if exchange.key == key or any(p.id == key for p in exchange.parts):
            return exchange
    raise ValidationError.single("exchange", NO_EXCHANGE, id=key)


# --- counts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CityCount:
    name: str
    municipality_id: str | None
    hosted: int
    visited: int
    unconfirmed: int  # of these, exchanges no other city confirmed

    @property
    def total(self) -> int:
        return self.hosted + self.visited


def exchanges_per_city(
    ctx: ServiceContext, f: ExchangeFilter = ExchangeFilter()
) -> list[CityCount]:
    """For each municipality held here, the exchanges it took part in (hosted, visited), with
    those only one city recorded; an exchange counts once for every city in it."""
    exchanges = list_exchanges(ctx, f)
    counts: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for e in exchanges:
        for city in e.cities:
            if city.municipality_id is None:
                continue
            row = counts.setdefault(city.municipality_id, [0, 0, 0])
            names[city.municipality_id] = city.name
            row[0 if city.role == ExchangeRole.HOST else 1] += 1
            row[2] += 0 if e.confirmed else 1
    out = [CityCount(names[m], m, *row) for m, row in counts.items()]
    return sorted(out, key=lambda c: fold(c.name))


def count_exchanges(ctx: ServiceContext, f: ExchangeFilter = ExchangeFilter()) -> int:
    return len(list_exchanges(ctx, f))
