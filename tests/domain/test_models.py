"""Model helpers and column types: what every service and report relies on."""

from __future__ import annotations

import datetime as dt
import gettext

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import StatementError

from hubdesk import i18n
from hubdesk.domain import BudgetLine, Installation, YouthActivity
from hubdesk.domain.base import CodeList, UTCDateTime
from hubdesk.domain.enums import (
    COUNT_COLUMNS,
    AgeBand,
    Gender,
    Labelled,
    ProposalStatus,
    count_column,
    label,
)
from hubdesk.storage.db import Database

DIALECT = sqlite.dialect()


# --- youth grid --------------------------------------------------------------------------------


def test_grid_helpers_read_the_fifteen_columns() -> None:
    activity = YouthActivity(n_female_u15=3, n_male_15_19=4, n_other_30p=1)
    assert len(COUNT_COLUMNS) == 15 == len(set(COUNT_COLUMNS))
    assert all(hasattr(YouthActivity, column) for column in COUNT_COLUMNS)
    assert count_column("female", "u15") == "n_female_u15"
    assert count_column(Gender.OTHER, AgeBand.FROM_30) == "n_other_30p"
    assert activity.count("female", "u15") == 3
    assert activity.count(Gender.MALE, AgeBand.FROM_15_TO_19) == 4
    assert activity.count("male", "u15") == 0  # unset cells count as nobody
    grid = activity.grid()
    assert len(grid) == 15 and grid[("other", "30p")] == 1
    assert set(grid) == {(g.value, b.value) for g in Gender for b in AgeBand}
    assert activity.grid_total() == 8 == sum(grid.values())


def test_count_column_refuses_unknown_codes() -> None:
    with pytest.raises(ValueError):
        count_column("female", "40_49")


# --- budget line -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "unit_cost", "total"), [(1, 0, 0), (2, 50_000, 100_000), (12, 1_250, 15_000)]
)
def test_budget_line_total_is_quantity_times_unit_cost(
    quantity: int, unit_cost: int, total: int
) -> None:
    assert BudgetLine(quantity=quantity, unit_cost_minor=unit_cost).total_minor == total


# --- UTCDateTime -------------------------------------------------------------------------------


def test_utc_datetime_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="naive"):
        UTCDateTime().process_bind_param(dt.datetime(2025, 5, 1, 12), DIALECT)


def test_utc_datetime_stores_utc_and_returns_aware_utc() -> None:
    skopje = dt.timezone(dt.timedelta(hours=2))
    stored = UTCDateTime().process_bind_param(dt.datetime(2025, 5, 1, 12, tzinfo=skopje), DIALECT)
    assert stored == dt.datetime(2025, 5, 1, 10)  # UTC, without a zone for SQLite
    loaded = UTCDateTime().process_result_value(stored, DIALECT)
    assert loaded == dt.datetime(2025, 5, 1, 10, tzinfo=dt.UTC)
    assert loaded is not None and loaded.utcoffset() == dt.timedelta(0)
    assert UTCDateTime().process_bind_param(None, DIALECT) is None
    assert UTCDateTime().process_result_value(None, DIALECT) is None


def test_utc_datetime_round_trip_through_the_database(db: Database) -> None:
    skopje = dt.timezone(dt.timedelta(hours=2))
    moment = dt.datetime(2025, 5, 1, 12, 30, tzinfo=skopje)
    with db.transaction() as session:
        session.add(Installation(id="i", role="hub", name="Hub", created_at=moment))
    with db.sessions() as session:
        loaded = session.scalars(select(Installation.created_at)).one()
    assert loaded == moment and loaded.tzinfo == dt.UTC


def test_naive_datetime_never_reaches_the_database(db: Database) -> None:
    with pytest.raises(StatementError), db.transaction() as session:
        session.add(
            Installation(id="i", role="hub", name="Hub", created_at=dt.datetime(2025, 1, 1))
        )
    with db.sessions() as session:
        assert session.scalars(select(Installation)).all() == []


# --- CodeList ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "codes", [[], ["peer_learning"], ["peer_learning", "youth_engagement", "city_voices"]]
)
def test_code_list_round_trip(codes: list[str]) -> None:
    column = CodeList()
    stored = column.process_bind_param(codes, DIALECT)
    assert stored == ",".join(codes)
    assert column.process_result_value(stored, DIALECT) == codes


def test_code_list_reads_empty_and_missing_as_no_codes() -> None:
    column = CodeList()
    assert column.process_bind_param(None, DIALECT) == ""
    assert column.process_result_value(None, DIALECT) == []
    assert column.process_result_value("", DIALECT) == []


# --- enum labels -------------------------------------------------------------------------------


def labelled_enums() -> list[type[Labelled]]:
    found: list[type[Labelled]] = []
    pending = list(Labelled.__subclasses__())
    while pending:
        enum = pending.pop()
        found.append(enum)
        pending.extend(enum.__subclasses__())
    return found


def test_every_enum_member_has_a_label() -> None:
    enums = labelled_enums()
    assert {e.__name__ for e in enums} >= {"Role", "Pillar", "ProposalStatus", "BudgetCategory"}
    for enum in enums:
        assert set(enum.labels()) == {m.value for m in enum}, enum.__name__
        for member in enum:
            assert isinstance(member.label, str) and member.label.strip(), member
            assert label(member.value, enum) == member.label


class Shouting(gettext.NullTranslations):
    """A stand-in catalog that 'translates' by shouting, so the test does not depend on how far
    the real catalogs are translated."""

    def gettext(self, message: str) -> str:
        return message.upper()

    def pgettext(self, context: str, message: str) -> str:
        return message.upper()


def test_labels_are_translated_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    real = i18n.translations
    monkeypatch.setattr(
        i18n, "translations", lambda code: Shouting() if code == "mk" else real(code)
    )
    for enum in labelled_enums():
        for member in enum:
            english = member.label
            with i18n.language("mk"):
                assert member.label == english.upper(), member
            assert member.label == english  # back in English
    assert label(ProposalStatus.UNDER_REVIEW) == "Under review"


def test_label_of_an_unknown_code_is_refused() -> None:
    with pytest.raises(ValueError):
        label("nonsense", ProposalStatus)
