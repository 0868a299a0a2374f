"""``hubdesk needs ...``, ``hubdesk report needs --year`` and the ``needs_assessments`` key of
``hubdesk stats --json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hubdesk.domain.enums import Pillar

Run = Any  # the ``hubdesk`` fixture of tests/cli/conftest.py
YEAR = 2026


def test_a_municipality_answers_from_options_and_a_file(
    hubdesk: Run, kumanovo: Any, tmp_path: Path
) -> None:
    shown = hubdesk("needs", "questions", "--year", str(YEAR))
    assert shown.code == 0 and "youth_engagement" in shown.out
    answered = hubdesk(
        "needs", "answer", "--year", str(YEAR), "--score", "cooperation=3",
        "--needs", "cooperation=A referral mechanism", "--structures", "youth_council",
    )  # fmt: skip
    assert answered.code == 0, answered.err
    answers = {f"score_{p.value}": 2 for p in Pillar}
    answers["priorities_city_voices"] = "Written input to the ministry"
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    again = hubdesk("needs", "answer", "--year", str(YEAR), "--file", str(path), "--submit")
    assert again.code == 0, again.err
    data = json.loads(hubdesk("needs", "show", "--year", str(YEAR), "--json").out)
    assert data["status"] == "submitted" and data["score_cooperation"] == 2
    assert data["needs_cooperation"] == "A referral mechanism"
    assert data["priorities_city_voices"] == "Written input to the ministry"
    assert data["structures"] == ["youth_council"]
    listed = json.loads(hubdesk("needs", "list", "--json").out)
    assert [a["year"] for a in listed] == [YEAR]
    stats = json.loads(hubdesk("stats", "--json").out)
    assert stats["needs_assessments"] == 1
    mapped = json.loads(hubdesk("needs", "map", "--year", str(YEAR), "--json").out)
    assert mapped["answered"] == 1
    assert mapped["municipalities"][0]["pillars"]["cooperation"]["trend"] == "new"
    out = tmp_path / "needs.pdf"
    report = hubdesk("report", "needs", "--year", str(YEAR), "--out", str(out), "--lang", "mk")
    assert report.code == 0, report.err and out.is_file()


def test_bad_answers_are_refused_on_one_line(hubdesk: Run, kumanovo: Any, tmp_path: Path) -> None:
    misspelt = tmp_path / "misspelt.json"  # a nested score was dropped and "saved" printed
    misspelt.write_text(json.dumps({"score": {"peer_learning": 3}}), encoding="utf-8")
    not_json = tmp_path / "answers.json"
    not_json.write_bytes(b"\x9b\x00 scores")
    line = hubdesk("needs", "answer", "--year", str(YEAR), "--file", str(misspelt))
    assert "no answer is: score." in line.one_line_error()
    line = hubdesk("needs", "answer", "--year", str(YEAR), "--file", str(not_json))
    assert "is not a JSON file of answers" in line.one_line_error()
    for args in (
        ("--score", "cooperation=7"),
        ("--score", "castle=2"),
        ("--score", "cooperation=many"),
        ("--structures", "castle"),
        ("--file", str(tmp_path / "missing.json")),
    ):
        result = hubdesk("needs", "answer", "--year", str(YEAR), *args)
        assert result.one_line_error()
    assert json.loads(hubdesk("needs", "list", "--json").out) == []
    # Answers a submission refuses (every pillar needs its score) are not left saved.
    half = hubdesk("needs", "answer", "--year", str(YEAR), "--score", "cooperation=2", "--submit")
    assert half.one_line_error()
    assert json.loads(hubdesk("needs", "list", "--json").out) == []
    refused = hubdesk("needs", "submit", "--year", str(YEAR))
    assert refused.one_line_error()
    hubdesk("needs", "answer", "--year", str(YEAR), "--score", "cooperation=2")
    incomplete = hubdesk("needs", "submit", "--year", str(YEAR))
    assert incomplete.one_line_error()
    assert hubdesk("needs", "publish", "--year", str(YEAR), "--title", "Mine").one_line_error()
    bad_year = hubdesk("report", "needs", "--year", "99", "--out", str(tmp_path / "x.pdf"))
    assert bad_year.one_line_error()


def test_the_hub_publishes_and_reads_the_map(hubdesk: Run, tmp_path: Path, folder: Path) -> None:
    assert hubdesk("init", "--role", "hub", "--name", "Regional hub").code == 0
    path = tmp_path / "questions.json"
    questions = {p.value: {"question": f"How is {p.value}?", "levels": ["a", "b", "c", "d"]}
                 for p in Pillar}  # fmt: skip
    path.write_text(json.dumps(questions), encoding="utf-8")
    done = hubdesk("needs", "publish", "--year", str(YEAR), "--title", "CNA", "--file", str(path))
    assert done.code == 0, done.err
    shown = json.loads(hubdesk("needs", "questions", "--year", str(YEAR), "--json").out)
    assert shown["title"] == "CNA" and shown["questions"]["cooperation"]["levels"][3] == "d"
    # a second version for the year only when asked for, as the window asks first
    again = hubdesk("needs", "publish", "--year", str(YEAR), "--title", "CNA 2")
    assert "Add --replace" in again.one_line_error(), again.err
    title = json.loads(hubdesk("needs", "questions", "--year", str(YEAR), "--json").out)["title"]
    assert title == "CNA"
    short = {**questions, "cooperation": {"question": "Q", "levels": ["a"]}}
    path.write_text(json.dumps(short), encoding="utf-8")
    bad = hubdesk("needs", "publish", "--year", str(YEAR), "--title", "Bad", "--file",
                  str(path), "--replace")  # fmt: skip
    assert bad.one_line_error()
    from hubdesk.services import needs
    from hubdesk.services.installation import load_context
    from hubdesk.storage.open import open_database

    db = open_database(folder)
    try:  # refused, it left no draft behind
        assert [q.title for q in needs.list_questionnaires(load_context(db, None), YEAR)] == ["CNA"]
    finally:
        db.close()
    text = hubdesk("needs", "map", "--year", str(YEAR))
    assert text.code == 0 and "0" in text.out
    assert hubdesk(
        "needs", "answer", "--year", str(YEAR), "--score", "cooperation=2"
    ).one_line_error()


def test_a_field_laptop_answers_but_does_not_submit(
    hubdesk: Run, kumanovo: Any, tmp_path: Path, capsys: Any
) -> None:
    from hubdesk.cli import main

    card = tmp_path / "kumanovo-profile.json"
    assert hubdesk("profile", "export", "--to", str(card)).code == 0
    laptop = str(tmp_path / "laptop")
    setup = ["init", "--role", "field", "--name", "Field laptop 1", "--from-profile", str(card)]
    assert main(["--data-dir", laptop, *setup]) == 0
    capsys.readouterr()
    answer = ["needs", "answer", "--year", str(YEAR), "--score", "cooperation=3"]
    assert main(["--data-dir", laptop, *answer, "--submit"]) != 0
    err = capsys.readouterr().err
    assert "own PC submits" in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert main(["--data-dir", laptop, "needs", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing was saved half-way
    assert main(["--data-dir", laptop, *answer]) == 0
    assert main(["--data-dir", laptop, "needs", "submit", "--year", str(YEAR)]) != 0
    assert "own PC submits" in capsys.readouterr().err


def test_the_map_names_the_pillars_and_lines_up_each_town(
    hubdesk: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map's head was the pillars' codes (peer_learning capacity_building ...), untranslated
    and not over their columns; the towns were named as typed whatever the language."""
    from hubdesk.services import needs_map

    assert hubdesk("init", "--role", "hub", "--name", "Regional hub").code == 0

    def row(name: str, other: str, country: str, score: int | None) -> needs_map.MapRow:
        cells = {p.value: needs_map.Cell(score, None) for p in Pillar}
        return needs_map.MapRow(name, name, other, country, score is not None, cells)

    rows = [row("Куманово", "Kumanovo", "MK", 3), row("Elbasan", "", "AL", None)]
    monkeypatch.setattr(needs_map, "needs_map", lambda _ctx, year: needs_map.NeedsMap(year, rows))
    lines = hubdesk("needs", "map", "--year", str(YEAR)).out.splitlines()
    assert lines[1:6] == [f"  {n}  {p.label}" for n, p in enumerate(Pillar, 1)]
    assert lines[6:] == [
        "          1    2    3    4    5",
        "Kumanovo  3•   3•   3•   3•   3•",
        "Elbasan   ––   ––   ––   ––   ––",
    ]
