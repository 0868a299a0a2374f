"""What a report kind receives and returns, and what it declares about itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from hubdesk.reports.data.scope import Period
from hubdesk.reports.lang import ReportLanguage
from hubdesk.services.context import ServiceContext


@dataclass(frozen=True)
class Request:
    ctx: ServiceContext
    tr: ReportLanguage
    period: Period
    record_id: str | None
    include_contacts: bool
    today: dt.date
    period_given: bool  # False when the period is the default (this year so far)
    profession: str | None = None  # the trainings report's --profession
    theme: str | None = None  # the regional and donor reports: only records of this theme


@dataclass
class Built:
    """A report ready to lay out: its story and what header, footer and metadata say."""

    title: str  # msgid
    owner: str  # municipality (or hub) name, for the header and the PDF author
    scope: str  # what the header's second line says: the period, a meeting's date ...
    story: list[Flowable] = field(default_factory=list)
    draft: bool = False  # not final yet (a proposal still being written): marked on every page


@dataclass(frozen=True)
class ReportSpec:
    kind: str
    title: str  # msgid
    description: str  # msgid, for --help and the Reports page
    build: Callable[[Request], Built]
    record: str | None = None  # msgid of what --id names, when the report is about one record
    record_required: bool = False
    uses_period: bool = True
    hub_only: bool = False
    # At the hub, no record means the whole region (the window offers "All municipalities").
    region_wide: bool = False
