"""The demo's quarters: what each demo municipality submitted and how the hub answered.

The records are generated first and the quarters' steps are rows beside them (the bulk insert
goes round the services, so nothing is refused while the demo is made). Every demo municipality
had its older quarters accepted; the recent ones differ so that the hub's overview shows every
state: Kumanovo (the plain ``hubdesk demo``) has one quarter submitted and waiting for the hub
and the last one due; Elbasan had one returned and has the last one due; Novi Pazar reopened
one to correct it and submitted the last one. Comments are in each municipality's own language.
"""

from __future__ import annotations

import datetime as dt

from hubdesk.domain.periods import PeriodAction, Quarter
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID, Block, at

A = PeriodAction
# Per country: the steps of the quarter before last and of the last one, with their comments.
RECENT: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {
    "MK": ([(A.SUBMITTED, "")], []),
    "AL": (
        [
            (A.SUBMITTED, ""),
            (A.RETURNED, "Mungojnë numrat e pjesëmarrësve sipas gjinisë te dy aktivitete."),
        ],
        [],
    ),
    "RS": (
        [
            (A.SUBMITTED, ""),
            (A.ACCEPTED, "Уредно, хвала."),
            (A.REOPENED, "Недостаје записник са једног састанка."),
        ],
        [(A.SUBMITTED, "")],
    ),
}
ACCEPTED_NOTE = {"MK": "Во ред, благодариме.", "AL": "Në rregull, faleminderit.", "RS": "Уредно."}
HUB_ACTIONS = (A.ACCEPTED, A.RETURNED)
SUBMITTED_AFTER = 8  # days after a quarter's end its first step is written


def entered_by(day: dt.date) -> dt.date:
    """The last day a record of ``day``'s quarter may be entered: the day before the quarter
    is submitted, after which the services (and the hub's import) lock its records."""
    return Quarter.of(day).last_day + dt.timedelta(days=SUBMITTED_AFTER - 1)


def build_periods(block: Block) -> None:
    """The quarters' steps, once per demo (with the first team's block)."""
    if block.index != 0:
        return
    plan = block.plan
    last = Quarter.of(plan.today).previous()
    before_last, recent = RECENT.get(plan.country, RECENT["MK"])
    quarter = Quarter.of(plan.start)
    while quarter < last.previous():
        _steps(
            block, quarter, [(A.SUBMITTED, ""), (A.ACCEPTED, ACCEPTED_NOTE.get(plan.country, ""))]
        )
        quarter = quarter.next()
    _steps(block, last.previous(), before_last)
    _steps(block, last, recent)


def _steps(block: Block, quarter: Quarter, steps: list[tuple[str, str]]) -> None:
    plan = block.plan
    waiting: str | None = None  # the submission a hub answer answers
    for number, (action, comment) in enumerate(steps):
        moment = at(quarter.last_day + dt.timedelta(days=SUBMITTED_AFTER + 7 * number), 10)
        hub = action in HUB_ACTIONS
        row = block.add(
            "period_submissions",
            moment,
            {
                "municipality_id": plan.municipality_id,
                "quarter": str(quarter),
                "action": str(action),
                "at": min(moment, plan.cutoff),
                "comment": comment,
                "answers": waiting if hub else None,
                "hub_signature": None,
            },
            author=DEMO_HUB_INSTALLATION_ID if hub else None,
        )
        waiting = row["id"] if action == A.SUBMITTED else None
