"""Submitting a quarter to the hub, and the hub's answer (issue 13 §5).

The municipality submits a quarter that has ended; the hub accepts it or returns it with a
comment; the municipality may reopen a submitted or accepted quarter, with a reason, and must
then submit it again. Each step is one ``PeriodSubmission`` row (see ``domain/periods.py``);
what locks a quarter's records is in ``period_lock.py``.

The overviews are plain functions returning data, for the window, the dashboard and the
command line alike.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import (
    ActionItem,
    Installation,
    Meeting,
    Municipality,
    PeriodSubmission,
    YouthActivity,
)
from hubdesk.domain.enums import Role
from hubdesk.domain.periods import LOCKING, PeriodAction, Quarter
from hubdesk.i18n import N_, _, current_language
from hubdesk.i18n.scripts import name_for_language, name_forms
from hubdesk.services import records, rules
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.period_lock import newest_events
from hubdesk.services.rules.periods import within_years

A = PeriodAction
DUE = "due"  # an ended quarter never submitted: not an action, a state of the overview
OPEN = "open"  # the current quarter: nothing to do yet
STATE_LABELS: dict[str, str] = {
    DUE: N_("due"),
    OPEN: N_("in progress"),
    # Said the same on both sides: the municipality's PC does not know when the hub reads it.
    A.SUBMITTED: N_("submitted, waiting for the hub"),
    A.ACCEPTED: N_("accepted"),
    A.RETURNED: N_("returned"),
    A.REOPENED: N_("reopened"),
}
# States that ask the municipality to (re)submit the quarter.
TO_SUBMIT = frozenset({DUE, A.RETURNED, A.REOPENED})
MUNICIPALITY = N_("municipality")


def state_label(state: str) -> str:
    return _(STATE_LABELS.get(state, state))


@dataclass(frozen=True)
class QuarterState:
    """One quarter of one municipality as the overviews show it."""

    quarter: str
    state: str  # DUE, OPEN or the action of its newest event
    at: dt.datetime | None = None  # when that event happened
    comment: str = ""

    @property
    def label(self) -> str:
        return state_label(self.state)

    @property
    def locked(self) -> bool:
        return self.state in LOCKING

    @property
    def to_submit(self) -> bool:
        return self.state in TO_SUBMIT


@dataclass(frozen=True)
class MunicipalityPeriods:
    municipality_id: str
    name: str
    quarters: list[QuarterState] = field(default_factory=list)
    # The name in the country's other script and the country, so the hub's window can show
    # "Kumanovo" beside "Elbasan" in Albanian and "Куманово" in Macedonian (i18n/scripts.py).
    name_other_script: str = ""
    country: str | None = None

    def counts(self) -> dict[str, int]:
        return dict(Counter(q.state for q in self.quarters))


def parse_quarter(text: str) -> Quarter:
    """The quarter a person typed, or a ValidationError saying how to write one. A year out
    of the rule book's range is refused here, before its days are read: "hubdesk periods
    submit --quarter 9999-Q4" ended in a traceback (no date in the year 10000)."""
    try:
        quarter = Quarter.parse(text)
    except ValueError:
        quarter = None
    if quarter is None or not within_years(quarter):
        raise ValidationError.single(
            "quarter", N_("Write the quarter as year and quarter, e.g. 2026-Q3.")
        )
    return quarter


# --- the municipality's steps ------------------------------------------------------------------


def _own(ctx: ServiceContext) -> str:
    if ctx.role is not Role.MUNICIPALITY or ctx.municipality_id is None:
        raise PermissionDenied(
            N_("Only the municipality's own PC submits or reopens its quarters.")
        )
    return ctx.municipality_id


def submit(ctx: ServiceContext, quarter_text: str, comment: str = "") -> PeriodSubmission:
    """Send an ended quarter to the hub; its records are locked from now on."""
    municipality_id = _own(ctx)
    quarter = parse_quarter(quarter_text)
    if quarter.last_day >= clock.today():
        raise ValidationError.single(
            "quarter",
            N_("The quarter {quarter} has not ended yet; submit it once it is over."),
            quarter=str(quarter),
        )
    with ctx.transaction() as session:
        state = _state(session, municipality_id, quarter)
        if state == A.SUBMITTED:
            raise ValidationError.single(
                "quarter",
                N_("The quarter {quarter} is already submitted; the hub has not answered yet."),
                quarter=str(quarter),
            )
        if state == A.ACCEPTED:
            raise ValidationError.single(
                "quarter",
                N_("The hub already accepted the quarter {quarter}."),
                quarter=str(quarter),
            )
        _refuse_before_start(session, ctx, municipality_id, quarter)
        return _write(session, ctx, municipality_id, quarter, A.SUBMITTED, comment)


def _refuse_before_start(
    session: Session, ctx: ServiceContext, municipality_id: str, quarter: Quarter
) -> None:
    """A quarter that ended before the municipality's first record and before HubDesk was set
    up here holds nothing of it: "1926-Q3" is a mistyped year, and the hub would read an
    empty quarter as a report. The window offers the quarters since the first record only."""
    start = started(session, ctx, municipality_id)
    if start is None or quarter >= Quarter.of(start):
        return
    raise ValidationError.single(
        "quarter",
        N_(
            "The quarter {quarter} is before this municipality's first records here "
            "({first}); check the year."
        ),
        quarter=str(quarter),
        first=str(Quarter.of(start)),
    )


def started(session: Session, ctx: ServiceContext, municipality_id: str) -> dt.date | None:
    """From when the municipality's own PC reports its quarters: its first period-bound
    record, or the day HubDesk was set up here if that is earlier (a town whose records are
    trainings and help desk questions still reports its quarters)."""
    days = [day for day in (first_day(session, municipality_id),) if day is not None]
    installation = session.get(Installation, ctx.installation_id)
    if installation is not None and installation.created_at is not None:
        days.append(clock.local_day(installation.created_at))
    return min(days, default=None)


def reopen(ctx: ServiceContext, quarter_text: str, reason: str) -> PeriodSubmission:
    """Unlock a submitted or accepted quarter to correct it; the hub sees the reason, and the
    quarter must be submitted again."""
    municipality_id = _own(ctx)
    quarter = parse_quarter(quarter_text)
    with ctx.transaction() as session:
        if _state(session, municipality_id, quarter) not in LOCKING:
            raise ValidationError.single(
                "quarter",
                N_("The quarter {quarter} is neither submitted nor accepted; it is open already."),
                quarter=str(quarter),
            )
        return _write(session, ctx, municipality_id, quarter, A.REOPENED, reason)


# --- the hub's answers -------------------------------------------------------------------------


def accept(
    ctx: ServiceContext, municipality_id: str, quarter_text: str, comment: str = ""
) -> PeriodSubmission:
    """The hub accepts a submitted quarter: it stays locked until the municipality reopens it."""
    return _answer(ctx, municipality_id, quarter_text, A.ACCEPTED, comment)


def return_quarter(
    ctx: ServiceContext, municipality_id: str, quarter_text: str, comment: str
) -> PeriodSubmission:
    """The hub returns a submitted quarter with a comment: it is open again, to be corrected
    and submitted again."""
    return _answer(ctx, municipality_id, quarter_text, A.RETURNED, comment)


def _answer(
    ctx: ServiceContext, municipality_id: str, quarter_text: str, action: str, comment: str
) -> PeriodSubmission:
    if not ctx.is_hub:
        raise PermissionDenied(N_("Only the regional hub accepts or returns a quarter."))
    quarter = parse_quarter(quarter_text)
    if quarter.last_day >= clock.today():
        raise ValidationError.single(
            "quarter",
            N_("The quarter {quarter} has not ended yet; it is answered once it is over."),
            quarter=str(quarter),
        )
    with ctx.transaction() as session:
        known = session.get(Municipality, municipality_id)
        if known is None or known.deleted:
            raise NotFoundError(MUNICIPALITY, municipality_id)
        state = _state(session, municipality_id, quarter)
        if state != A.SUBMITTED:
            raise ValidationError.single(
                "quarter",
                N_(
                    "Only a submitted quarter is accepted or returned; {quarter} of {name} "
                    "is '{state}'."
                ),
                quarter=str(quarter),
                name=_shown(known),
                state=state_label(state or DUE),
            )
        waiting = newest_events(session, municipality_id)[(municipality_id, str(quarter))]
        return _write(session, ctx, municipality_id, quarter, action, comment, waiting.id)


def _state(session: Session, municipality_id: str, quarter: Quarter) -> str | None:
    event = newest_events(session, municipality_id).get((municipality_id, str(quarter)))
    return None if event is None else event.action


def _write(
    session: Session,
    ctx: ServiceContext,
    municipality_id: str,
    quarter: Quarter,
    action: str,
    comment: str,
    answers: str | None = None,
) -> PeriodSubmission:
    values = {
        "municipality_id": municipality_id,
        "quarter": str(quarter),
        "action": action,
        "at": dt.datetime.now(dt.UTC),
        "comment": (comment or "").strip(),
        "answers": answers,
    }
    problems = rules.check("period_submissions", values)
    if problems:
        raise ValidationError(problems)
    return records.create(session, ctx, PeriodSubmission, values)


# --- overviews ---------------------------------------------------------------------------------


def first_day(session: Session, municipality_id: str) -> dt.date | None:
    """When the municipality started: the day of its earliest period-bound record."""
    days: list[dt.date] = []
    meeting = session.scalar(
        select(func.min(Meeting.starts_at)).where(
            Meeting.municipality_id == municipality_id, ~Meeting.deleted
        )
    )
    if meeting is not None:
        days.append(clock.local_day(meeting))
    activity = session.scalar(
        select(func.min(YouthActivity.starts_on)).where(
            YouthActivity.municipality_id == municipality_id, ~YouthActivity.deleted
        )
    )
    done = session.scalar(
        select(func.min(ActionItem.done_on)).where(
            ActionItem.municipality_id == municipality_id, ~ActionItem.deleted
        )
    )
    days.extend(day for day in (activity, done) if day is not None)
    return min(days, default=None)


def _quarters_of(
    session: Session,
    municipality_id: str,
    events: dict[tuple[str, str], PeriodSubmission],
    today: dt.date | None = None,
    start: dt.date | None = None,
) -> list[QuarterState]:
    """``start``: the day the quarters begin (default: the first period-bound record, all
    the hub knows of a town)."""
    current = Quarter.of(today or clock.today())
    mine = {q: e for (m, q), e in events.items() if m == municipality_id}
    names: set[Quarter] = {Quarter.parse(q) for q in mine}
    start = start or first_day(session, municipality_id)
    if start is not None:
        quarter = Quarter.of(start)
        while quarter < current:
            names.add(quarter)
            quarter = quarter.next()
    out: list[QuarterState] = []
    for quarter in sorted(names, reverse=True):
        event = mine.get(str(quarter))
        if event is not None:
            out.append(QuarterState(str(quarter), event.action, event.at, event.comment))
        else:
            out.append(QuarterState(str(quarter), OPEN if quarter >= current else DUE))
    return out


def own_quarters(ctx: ServiceContext, today: dt.date | None = None) -> list[QuarterState]:
    """The municipality's quarters, newest first: every ended one since it started, each with
    its state (due, received, accepted, returned, reopened), as they stand on ``today``."""
    if ctx.municipality_id is None:
        return []
    with ctx.read() as session:
        events = newest_events(session, ctx.municipality_id)
        start = started(session, ctx, ctx.municipality_id)
        return _quarters_of(session, ctx.municipality_id, events, today, start)


def to_submit(ctx: ServiceContext, today: dt.date | None = None) -> int:
    """How many quarters wait for the municipality to (re)submit them on ``today``: the
    dashboard's tile (which also reads ahead, for the next days' starts)."""
    return sum(1 for q in own_quarters(ctx, today) if q.to_submit)


def hub_overview(ctx: ServiceContext) -> list[MunicipalityPeriods]:
    """Per municipality the hub knows, its quarters and their states, by name."""
    with ctx.read() as session:
        events = newest_events(session)
        towns = session.scalars(
            select(Municipality).where(~Municipality.deleted).order_by(Municipality.name)
        ).all()
        if ctx.municipality_id is not None:
            towns = [t for t in towns if t.id == ctx.municipality_id]
        return [
            MunicipalityPeriods(
                town.id,
                town.name,
                _quarters_of(session, town.id, events),
                town.name_other_script,
                town.country,
            )
            for town in towns
        ]


def answers_waiting(ctx: ServiceContext) -> int:
    """The hub's count of submitted quarters waiting for its answer: those of
    ``hub_overview`` in state "submitted", without working out every town's due quarters
    (which reads each town's first record, the tile's cost on a large hub)."""
    with ctx.read() as session:
        events = newest_events(session)
        towns = set(session.scalars(select(Municipality.id).where(~Municipality.deleted)))
    return sum(
        1 for (town, _quarter), event in events.items()
        if town in towns and event.action == A.SUBMITTED
    )  # fmt: skip


def history(ctx: ServiceContext, municipality_id: str, quarter_text: str) -> list[PeriodSubmission]:
    """Every step of one quarter, oldest first: who submitted, answered, reopened, and why."""
    quarter = str(parse_quarter(quarter_text))
    with ctx.read() as session:
        query = select(PeriodSubmission).where(
            PeriodSubmission.municipality_id == municipality_id,
            PeriodSubmission.quarter == quarter,
            ~PeriodSubmission.deleted,
        )
        return sorted(session.scalars(query), key=lambda e: (e.version, e.updated_by))


def _shown(town: Municipality) -> str:
    return name_for_language(town.name, town.name_other_script, current_language(), town.country)


def shown_name(ctx: ServiceContext, municipality_id: str) -> str:
    """A municipality's name in the script of the language of the moment, as the hub's
    window names it: the command line said "Куманово" in English."""
    with ctx.read() as session:
        town = session.get(Municipality, municipality_id)
        return municipality_id if town is None else _shown(town)


def find_municipality(ctx: ServiceContext, name_or_id: str) -> str:
    """The id of the municipality named (or with the id) ``name_or_id``, for the command line.
    A name is found in either of its country's scripts: a hub's English lines say "Kumanovo"
    of the town typed "Куманово", and that name was refused as no municipality."""
    wanted = name_or_id.strip()
    with ctx.read() as session:
        towns = session.scalars(select(Municipality).where(~Municipality.deleted)).all()
    for town in towns:
        forms = name_forms(town.name, town.name_other_script, town.country)
        if wanted == town.id or wanted.casefold() in forms:
            return town.id
    # "No municipality with id Kumanov" said neither that a name was looked for nor which
    # names there are.
    raise ValidationError.single(
        "municipality",
        N_("No municipality here is named '{name}'; the names are: {names}."),
        name=wanted,
        names=", ".join(sorted(map(_shown, towns))) or "–",
    )
