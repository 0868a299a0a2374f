"""Fixtures for spreadsheet tests: a team with members, and small stand-in catalogs."""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterator

import pytest
from tables_helpers import MK, SQ, DictTranslations, add_member

from hubdesk import i18n
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.tables import mapping, parsing


@pytest.fixture
def catalogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Macedonian and Albanian catalogs with the messages these tests need."""
    fake = {"mk": DictTranslations(MK), "sq": DictTranslations(SQ)}
    monkeypatch.setattr(
        i18n, "translations", lambda code: fake.get(code, gettext.NullTranslations())
    )
    mapping.clear_cache()
    parsing.clear_cache()
    yield
    mapping.clear_cache()
    parsing.clear_cache()


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    mapping.clear_cache()
    parsing.clear_cache()
    yield


@pytest.fixture
def cat(ctx: ServiceContext) -> str:
    return team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id


@pytest.fixture
def roster(ctx: ServiceContext, cat: str) -> list[str]:
    """Three members, one with every field filled, one in Cyrillic, one who has left."""
    return [
        add_member(
            ctx,
            cat,
            "Ana Petrovska",
            role="focal_point",
            joined_on=dt.date(2023, 1, 5),
            trainings="Conflict-sensitive communication\nYouth participation",
            email="ana@example.org",
            phone="+389 70 111 222",
            consent_on=dt.date(2023, 1, 5),
            notes="Prefers calls in the morning",
        ),
        add_member(
            ctx,
            cat,
            "Бојан Стојановски",
            organisation="СОУ „Гоце Делчев“",
            sector="education",
            gender="male",
            joined_on=dt.date(2022, 9, 1),
        ),
        add_member(
            ctx,
            cat,
            "Elira Dauti",
            organisation="Civil society network",
            sector="civil_society",
            joined_on=dt.date(2021, 3, 1),
            left_on=dt.date(2024, 6, 30),
        ),
    ]
