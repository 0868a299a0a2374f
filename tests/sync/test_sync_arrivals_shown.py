"""Where the hub reads that a proposal reached it after its call closed: the Calls page's
received proposals, the Fund list, the proposal's review and decision dialog, the printed
proposal and the printed call. A proposal that came in time carries no mark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui import choose_row, show_window
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sync_helpers import Network
from test_sync_arrivals import submitted
from test_sync_calls import publish

from hubdesk import clock
from hubdesk.domain import Call
from hubdesk.i18n.formatting import format_date
from hubdesk.reports import generate_report
from hubdesk.services import calls, calls_received, fund
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.models.fund import ProposalTableModel
from hubdesk.ui.pages.calls import CallsPage


@pytest.fixture
def late(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    """A call the hub closed by hand after one proposal reached it and before another did."""
    call_id = publish(hub)
    net.deliver(hub, muni)
    on_time = submitted(muni, call_id, "Youth corner")
    net.deliver(muni, hub)
    calls.close_call(hub, call_id)
    late = submitted(muni, call_id, "Late corner")
    net.deliver(muni, hub)
    with hub.read() as session:
        call = session.get(Call, call_id)
        assert call is not None
        closed = clock.local_day(call.updated_at)
    reached = reached_day(hub, late)
    mark = (
        f"Reached the hub after the call closed (closed {format_date(closed)}, "
        f"reached the hub {format_date(reached)})"
    )
    return {"hub": hub, "call": call_id, "on_time": on_time, "late": late, "mark": mark}


def reached_day(hub: ServiceContext, proposal_id: str) -> Any:
    arrival = calls_received.arrivals_of(hub, [fund.get_proposal(hub, proposal_id)])[proposal_id]
    return arrival.reached_on


def test_the_calls_page_marks_the_proposal_that_came_late(
    qtbot: QtBot, late: dict[str, Any]
) -> None:
    page = CallsPage(late["hub"])
    show_window(qtbot, page)
    choose_row(page.calls_table, [c.id for c in page.calls].index(late["call"]))
    detail = page.detail.toPlainText()
    assert "Proposals received" in detail
    assert detail.index("Youth corner") < detail.index("Late corner")  # as they reached it
    assert detail.count(late["mark"]) == 1
    assert detail.index(late["mark"]) > detail.index("Late corner")


def test_the_review_dialog_and_the_list_mark_only_the_late_proposal(
    qtbot: QtBot, late: dict[str, Any]
) -> None:
    hub = late["hub"]
    dialog = ProposalDialog(hub, late["late"])
    show_window(qtbot, dialog)
    assert dialog.late.isVisible() and dialog.late.text() == late["mark"]
    on_time = ProposalDialog(hub, late["on_time"])
    show_window(qtbot, on_time)
    assert not on_time.late.isVisible()
    model = ProposalTableModel(hub, fund.ProposalFilter())
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index("Reached the hub")
    texts = {
        model.record(r).title: model.data(model.index(r, column)) for r in range(model.rowCount())
    }
    day = format_date(reached_day(hub, late["late"]), fmt="short")
    assert texts == {
        "Late corner": f"{day}, after the call closed",
        "Youth corner": format_date(reached_day(hub, late["on_time"]), fmt="short"),
    }


def pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.replace("\xa0", " ").split())


def test_the_printed_proposal_and_call_carry_the_mark(late: dict[str, Any], tmp_path: Path) -> None:
    hub = late["hub"]
    printed = pdf_text(generate_report(hub, "proposal", tmp_path / "late.pdf", lang="en",
                                       record_id=late["late"]))  # fmt: skip
    assert late["mark"] in printed
    in_time = pdf_text(generate_report(hub, "proposal", tmp_path / "in-time.pdf", lang="en",
                                       record_id=late["on_time"]))  # fmt: skip
    assert "after the call closed" not in in_time
    call = pdf_text(generate_report(hub, "call", tmp_path / "call.pdf", lang="en",
                                    record_id=late["call"]))  # fmt: skip
    assert "Proposals received" in call and late["mark"] in call
