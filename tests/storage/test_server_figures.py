"""The same hub's figures on its file and on a server: the dashboard and every hub report.

A hub that moves to a server (``hubdesk server move``) must print the same numbers it printed
the day before: counting, grouping by month or quarter, sums of money and the suppression of
small counts all run in the database, whose SQL differs. Runs with ``--database postgresql``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from reportlab.platypus import Paragraph, Table
from sqlalchemy import select

from hubdesk.cli import main
from hubdesk.domain import Municipality
from hubdesk.reports import SPECS
from hubdesk.reports.base import Request
from hubdesk.reports.data.scope import Period
from hubdesk.reports.lang import ReportLanguage
from hubdesk.services.dashboard_cache import plain
from hubdesk.services.dashboard_summary import summary
from hubdesk.services.installation import load_context
from hubdesk.storage import server
from hubdesk.storage.datadir import database_path
from hubdesk.storage.open import open_database
from hubdesk.storage.transfer import copy_into_server


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, pg_pool: Any) -> Iterator[Any]:
    if pg_pool is None:
        pytest.skip("needs --database postgresql")
    folder = tmp_path_factory.mktemp("hub")
    assert main(["--data-dir", str(folder), "demo", "--role", "hub"]) == 0
    local = open_database(folder)
    url = pg_pool.server.create("figures_hub")
    target = server.open_server_database(server.parse_url(url))
    copy_into_server(database_path(folder), target)
    yield load_context(local, folder), load_context(target, None)
    local.close()
    target.close()


def texts(flowables: list[Any]) -> list[Any]:
    """What a reader sees of a story: paragraphs, and each table's rows. The rows are compared
    as a set: a list ordered by a name follows each database's collation (ICU on the server,
    code points in SQLite), and the figures, not the order of the names, must agree."""
    out: list[Any] = []
    for item in flowables:
        if isinstance(item, Paragraph):
            out.append(item.getPlainText())
        elif isinstance(item, Table):
            rows = [tuple(repr(texts(c if isinstance(c, list) else [c])) for c in row)
                    for row in item._cellvalues]  # fmt: skip
            out.append(sorted(rows))
        elif isinstance(item, str):
            out.append(item)
        else:
            out += texts(getattr(item, "_content", None) or [])
    return out


def test_the_dashboard_shows_the_same_figures(both: Any) -> None:
    on_file, on_server = both
    today = dt.date.today()
    assert plain(summary(on_server, today)) == plain(summary(on_file, today))


CASES = [(kind, False) for kind, spec in SPECS.items() if spec.record is None]
CASES += [("trainings", False)]  # the hub's whole region, or one municipality
CASES += [(kind, True) for kind, spec in SPECS.items() if spec.record == "municipality"]


@pytest.mark.parametrize(("kind", "one_town"), CASES)
def test_each_report_prints_the_same(both: Any, kind: str, one_town: bool) -> None:
    on_file, on_server = both
    today = dt.date.today()
    period = Period(dt.date(today.year - 2, 1, 1), today)
    stories = []
    with on_file.read() as session:
        town = session.scalars(select(Municipality.id).order_by(Municipality.id)).first()
    record = town if one_town else None
    for ctx in (on_file, on_server):
        request = Request(ctx, ReportLanguage("en", False), period, record, False, today, True)
        stories.append(texts(SPECS[kind].build(request).story))
    assert stories[1] == stories[0]
