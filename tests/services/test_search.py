"""Searching lists: case-insensitive in Latin and Cyrillic, across the scripts, on every write."""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import select

from hubdesk.domain import Meeting, Member
from hubdesk.domain.search import SEARCH_FIELDS, fold, search_text
from hubdesk.services import meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.migrate import upgrade


def found(ctx: ServiceContext, term: str) -> list[str]:
    members = team.list_members(ctx, team.MemberFilter(search=term, active=None))
    return sorted(m.name for m in members)


def add(ctx: ServiceContext, team_id: str, name: str, organisation: str) -> str:
    data = {
        "team_id": team_id,
        "name": name,
        "organisation": organisation,
        "sector": "local_government",
        "role": "member",
        "gender": "female",
    }
    return team.create_member(ctx, data).id


@pytest.fixture
def cat(ctx: ServiceContext) -> str:
    return team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id


def test_fold_makes_case_unicode_form_and_script_alike() -> None:
    assert fold("Куманово") == fold("КУМАНОВО") == fold("kumanovo") == "kumanovo"
    assert fold("Ѓорче") == fold("ЃОРЧЕ") == fold("Gjorče") == "gjorče"
    assert fold("Ђорђе Њежић") == fold("ĐORĐE NJEŽIĆ") == "đorđe nježić"
    assert fold("ÇAJUPI Hoxhë") == "çajupi hoxhë"
    assert fold(unicodedata.normalize("NFD", "Čedomir")) == "čedomir"  # typed with an accent
    assert fold("Čedomir") != fold("Cedomir")  # Latin diacritics are letters of their own


def test_members_are_found_case_insensitively_in_both_scripts(
    ctx: ServiceContext, cat: str
) -> None:
    add(ctx, cat, "Ѓорче Петров", "Општина Куманово")
    add(ctx, cat, "Čedomir Hoxhë", "Shkolla Naim Frashëri")
    add(ctx, cat, "Ana Petrovska", "Red Cross")
    assert found(ctx, "куманово") == ["Ѓорче Петров"]
    assert found(ctx, "KUMANOVO") == ["Ѓорче Петров"]  # Latin letters find Cyrillic
    assert found(ctx, "ЃОРЧЕ") == ["Ѓорче Петров"]
    assert found(ctx, "čEDOMIR") == found(ctx, "ČEDOMIR") == ["Čedomir Hoxhë"]
    assert found(ctx, "HOXHË") == found(ctx, "frashëri") == ["Čedomir Hoxhë"]
    assert found(ctx, "cedomir") == []
    assert found(ctx, "petrov") == ["Ana Petrovska", "Ѓорче Петров"]
    assert found(ctx, "50%") == [] and found(ctx, "_") == []  # LIKE's wildcards are text
    assert team.count_members(ctx, team.MemberFilter(search="ПЕТРОВ", active=None)) == 2


def test_the_search_follows_every_change(ctx: ServiceContext, cat: str) -> None:
    member_id = add(ctx, cat, "Ана Стојанова", "Центар за социјална работа")
    team.update_member(ctx, member_id, {"organisation": "Црвен крст"})
    assert found(ctx, "социјална") == []
    assert found(ctx, "ЦРВЕН") == ["Ана Стојанова"]
    team.update_member(ctx, member_id, {"name": "Ана Стојановска"})
    assert found(ctx, "стојановска") == ["Ана Стојановска"]


def test_count_and_page_come_from_one_query(ctx: ServiceContext, cat: str) -> None:
    for n in range(7):
        add(ctx, cat, f"Марија {n}", "Училиште")
    add(ctx, cat, "Besnik Rexhepi", "Police")
    f = team.MemberFilter(search="марија", active=None)
    number, rows = team.search_members(ctx, f, Page(offset=0, limit=3, order_by="name"))
    assert number == 7 == team.count_members(ctx, f)
    assert [m.name for m in rows] == ["Марија 0", "Марија 1", "Марија 2"]
    number, rows = team.search_members(ctx, f, Page(offset=6, limit=3, order_by="name"))
    assert (number, [m.name for m in rows]) == (7, ["Марија 6"])
    number, rows = team.search_members(ctx, f, Page(offset=9, limit=3, order_by="name"))
    assert (number, rows) == (7, [])  # past the end the count is still true
    assert team.search_members(ctx, team.MemberFilter(search="nobody"), Page(limit=3)) == (0, [])


def test_meetings_are_searched_in_both_scripts(ctx: ServiceContext, cat: str) -> None:
    meetings.create_meeting(
        ctx,
        {
            "team_id": cat,
            "starts_at": dt.datetime(2024, 3, 1, 10, tzinfo=dt.UTC),
            "place": "Сала на Општина Куманово",
            "kind": "regular",
            "agenda": "Безбедност во училиштата",
        },
    )
    listed = meetings.list_meetings(ctx, meetings.MeetingFilter(search="BEZBEDNOST"))
    assert [m.place for m in listed] == ["Сала на Општина Куманово"]
    assert meetings.list_meetings(ctx, meetings.MeetingFilter(search="школо")) == []


def test_every_searchable_record_keeps_its_text(ctx: ServiceContext, cat: str) -> None:
    add(ctx, cat, "Ѓорче Петров", "Општина")
    with ctx.read() as session:
        member = session.scalars(select(Member)).one()
        assert member.search_text == "gjorče petrov\nopština"
        assert member.search_text == search_text("members", vars(member))
        assert session.scalars(select(Meeting)).all() == []
    assert set(SEARCH_FIELDS) == {
        "members",
        "meetings",
        "action_items",
        "youth_activities",
        "fund_proposals",
        "engagements",
        "trainings",
        "exchange_parts",
        "good_practices",
    }


def test_the_migration_fills_the_search_text_of_existing_rows(tmp_path: Path) -> None:
    path = database_path(tmp_path)
    db = Database.at(path)
    upgrade(db, "0006")
    stamp = "2024-03-01 10:00:00.000000"
    ids = ("0" * 8 + "-0000-4000-8000-" + "0" * 11 + str(n) for n in range(1, 10))
    inst, muni, cat, member, meeting = (next(ids) for _ in range(5))
    meta = f"'{inst}', 7, NULL, '{inst}', '{stamp}', 0"
    sync = "origin, version, base_version, updated_by, updated_at, deleted"
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            f"INSERT INTO municipalities (id, name, country, currency, {sync}) "
            f"VALUES ('{muni}', 'Куманово', 'MK', 'MKD', {meta})"
        )
        conn.exec_driver_sql(
            f"INSERT INTO teams (id, municipality_id, name, kind, {sync}) "
            f"VALUES ('{cat}', '{muni}', 'CAT', 'cat', {meta})"
        )
        conn.exec_driver_sql(
            "INSERT INTO members (id, team_id, municipality_id, name, organisation, sector, "
            f"role, gender, trainings, email, phone, notes, {sync}) VALUES ('{member}', "
            f"'{cat}', '{muni}', 'ЃОРЧЕ Петров', 'Shkolla Frashëri', 'education', 'member', "
            f"'male', '', '', '', '', {meta})"
        )
        conn.exec_driver_sql(
            "INSERT INTO meetings (id, team_id, municipality_id, starts_at, place, kind, "
            f"pillars, agenda, minutes, minutes_internal, {sync}) VALUES ('{meeting}', "
            f"'{cat}', '{muni}', '{stamp}', 'Општина', 'regular', '', 'Dnevni RED', "
            f"'Записник', 0, {meta})"
        )
    upgrade(db)
    db.close()
    conn = sqlite3.connect(path)
    try:
        texts = dict(conn.execute("SELECT name, search_text FROM members"))
        assert texts == {"ЃОРЧЕ Петров": "gjorče petrov\nshkolla frashëri"}
        [meeting_text] = conn.execute("SELECT search_text FROM meetings").fetchone()
        assert meeting_text == "opština\ndnevni red\nzapisnik"
    finally:
        conn.close()
