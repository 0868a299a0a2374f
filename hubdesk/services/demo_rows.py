"""The plan of a demo database and the deterministic ids and stamps its rows are made with.

Everything is derived from the seed: ``random.Random`` seeded with a string is stable across
runs and Python versions, ids come from that generator, and version stamps are HLC stamps of the
moment a record was (notionally) last written, so the same seed gives the same rows, ids and
versions on every PC. Each team block has its own generator, so ``--scale 2`` holds exactly the
rows of ``--scale 1`` plus a second block.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from hubdesk import clock
from hubdesk.domain import SYNCED_MODELS
from hubdesk.domain.enums import CURRENCY_BY_COUNTRY, Country, Pillar
from hubdesk.domain.hlc import COUNTER_MAX, pack
from hubdesk.domain.money import to_minor
from hubdesk.services.demo_data import MUNICIPALITY_NAME

# The demo hub: status changes and decisions the hub made on the demo proposals are stamped with
# this installation id, so a hub started with ``hubdesk demo --role hub`` can claim them.
DEMO_HUB_INSTALLATION_ID = "6f1c1d0e-9b5a-4c3e-8d2f-0a7e4b9c2d15"
YEARS = 3
# Demo prices are written in denars; other currencies get the same sums at rounded rates.
DENARS_PER_EURO = 61.5
PER_EURO = {"MKD": DENARS_PER_EURO, "EUR": 1.0, "ALL": 100.0, "RSD": 117.0, "BAM": 1.96}
Row = dict[str, Any]
# Tables filled by the generator, parents before children (the municipality is made by
# ``initialise``; attached files are added afterwards through the service, which stores each
# file in the data folder: ``demo_attachments``).
TABLES: tuple[str, ...] = tuple(
    m.__tablename__  # type: ignore[attr-defined]
    for m in SYNCED_MODELS
    if m.__tablename__ not in ("municipalities", "attachments")  # type: ignore[attr-defined]
)


def seeded_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


@dataclass(frozen=True)
class DemoPlan:
    seed: int
    scale: int
    today: dt.date
    installation_id: str
    municipality_id: str
    name: str = MUNICIPALITY_NAME
    country: str = "MK"
    # The language the demo's hub writes its records in (its questionnaire's title): a demo
    # town's own, as its window names the demo hub; the hub demo's, where three towns hold
    # the one questionnaire the hub published.
    hub_language: str | None = None

    @property
    def currency(self) -> str:
        return CURRENCY_BY_COUNTRY[Country(self.country)]

    def money(self, denars: int) -> int:
        """An amount priced in denars, in this municipality's currency's minor units (at
        rounded 2025 rates), so that every demo municipality asks for comparable sums."""
        major = round(denars / DENARS_PER_EURO * PER_EURO[self.currency])
        return to_minor(major, self.currency)

    @property
    def start(self) -> dt.date:
        """First day of the three years the demo covers."""
        return self.today - dt.timedelta(days=YEARS * 365)

    @cached_property
    def cutoff(self) -> dt.datetime:
        """No record is written later than this: the evening before ``today``."""
        return dt.datetime.combine(self.today, dt.time(0), dt.UTC) - dt.timedelta(hours=3)


def plan_demo(
    seed: int,
    scale: int,
    today: dt.date,
    name: str = MUNICIPALITY_NAME,
    country: str = "MK",
    hub_language: str | None = None,
) -> DemoPlan:
    key = "" if (name, country) == (MUNICIPALITY_NAME, "MK") else f"{country}:{name}:"
    rng = random.Random(f"hubdesk-demo:{seed}:{key}installation")
    return DemoPlan(
        seed=seed,
        scale=scale,
        today=today,
        installation_id=seeded_uuid(rng),
        municipality_id=seeded_uuid(rng),
        name=name,
        country=country,
        hub_language=hub_language,
    )


def in_order(pillars: Iterable[str]) -> list[str]:
    """Pillar codes in their canonical order, as the services store them."""
    chosen = set(pillars)
    return [p.value for p in Pillar if p.value in chosen]


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """The UTC moment of ``hour:minute`` on the region's clocks that day: a demo meeting set for
    09:00 shows as 09:00 in winter and in summer, as the team would have typed it."""
    return clock.from_wall(dt.datetime.combine(day, dt.time(hour, minute)))


@dataclass
class Block:
    """One team and everything it records: the unit the demo is generated, scaled and
    inserted in."""

    plan: DemoPlan
    index: int
    rng: random.Random = field(init=False)
    rows: dict[str, list[Row]] = field(init=False)
    _counter: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"hubdesk-demo:{self.plan.seed}:{self.index}")
        self.rows = {table: [] for table in TABLES}

    def uid(self) -> str:
        return seeded_uuid(self.rng)

    def meta(self, moment: dt.datetime, author: str | None = None, record_id: str = "") -> Row:
        """Sync metadata of a record last written at ``moment`` by ``author`` (us by default)."""
        moment = min(moment, self.plan.cutoff)
        self._counter = (self._counter + 1) & COUNTER_MAX
        author = author or self.plan.installation_id
        return {
            "id": record_id or self.uid(),
            "origin": author,
            "version": pack(int(moment.timestamp() * 1000), self._counter),
            "base_version": None,
            "updated_by": author,
            "updated_at": moment,
            "deleted": False,
        }

    def add(self, table: str, moment: dt.datetime, fields: Row, **meta: Any) -> Row:
        row = {**self.meta(moment, **meta), **fields}
        self.rows[table].append(row)
        return row

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def later(self, day: dt.date, hours: tuple[int, int] = (9, 16)) -> dt.datetime:
        """A working-hours moment on ``day``."""
        return at(day, self.rng.randint(*hours), self.rng.randrange(0, 60, 5))
