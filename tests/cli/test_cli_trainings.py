"""``hubdesk trainings`` and ``hubdesk report trainings``, as a municipality scripts them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hub_demo_copy import hub_demo

from hubdesk import clock
from hubdesk.services import team
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database

YEAR = clock.today().year
Run = Callable[..., Any]
Outcome = Any  # conftest's Outcome: code, out, err, one_line_error()


def a_member(folder: Path, name: str) -> str:
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
        data = {"team_id": cat.id, "name": name, "sector": "education", "role": "member"}
        return team.create_member(ctx, {**data, "gender": "female"}).id
    finally:
        db.close()


def add(hubdesk: Run, *extra: str) -> Outcome:
    return hubdesk(
        "trainings", "add", "--title", "Hate speech in class", "--starts-on", f"{YEAR}-03-10",
        "--organiser", "Regional hub", "--trainer", "Elira Hoxha", "--theme", "hate_speech",
        "--count", "teacher:female=9", "--count", "teacher:male=3", "--inclusion", "roma=2",
        *extra,
    )  # fmt: skip


def test_add_list_show_and_sum_up(hubdesk: Run, kumanovo: Outcome, folder: Path) -> None:
    ana = a_member(folder, "Ana Petrovska")
    added = add(hubdesk, "--member", f"{ana}:trainer", "--json")
    assert added.code == 0, added.err
    training = json.loads(added.out)
    assert training["participants"] == 12 and training["inclusion"]["roma"] == 2
    assert training["by_profession"] == {"teacher": {"female": 9, "male": 3, "other": 0}}
    # Another course (one title and day is one training: a sheet matches trainings by them).
    police = ("--title", "Hate speech, for the police", "--count", "police:male=4")
    assert add(hubdesk, *police, "--train-the-trainer").code == 0

    listed = json.loads(hubdesk("trainings", "list", "--json", "--profession", "police").out)
    assert [t["participants"] for t in listed] == [16]
    shown = json.loads(hubdesk("trainings", "show", "--id", training["id"], "--json").out)
    assert shown["members"] == [{"id": ana, "name": "Ana Petrovska", "role": "trainer"}]
    text = hubdesk("trainings", "show", "--id", training["id"]).out
    assert "Teachers: Female 9, Male 3" in text and "Ana Petrovska (Trainer)" in text

    summary = json.loads(
        hubdesk(
            "trainings", "summary", "--year", str(YEAR), "--profession", "teacher", "--json"
        ).out
    )
    assert summary["by_profession"]["teacher"] == 24 and summary["trainings"] == 2
    assert [(r["trainer"], r["total"]) for r in summary["trained_by"]] == [("Elira Hoxha", 24)]
    stats = json.loads(hubdesk("stats", "--json").out)
    assert stats["trainings"] == 2


def test_bad_input_is_one_line_and_changes_nothing(hubdesk: Run, kumanovo: Outcome) -> None:
    for extra in (("--count", "teacher=3"), ("--count", "pilot:female=3"),
                  ("--inclusion", "giants=1"), ("--member", "nobody"),
                  ("--inclusion", "roma=99")):  # fmt: skip
        assert add(hubdesk, *extra).one_line_error()
    # a group given twice: 2 and then 3 teachers recorded 3, without a word
    for twice in (("--count", "teacher:female=2", "--count", "teacher:female=3"),
                  ("--inclusion", "roma=1", "--inclusion", "roma=2")):  # fmt: skip
        said = add(hubdesk, *twice).one_line_error()
        assert "is given twice" in said, said
    assert json.loads(hubdesk("trainings", "list", "--json").out) == []


def test_a_year_out_of_range_is_a_clear_message(hubdesk: Run, kumanovo: Outcome) -> None:
    for action in ("list", "summary"):
        for year in ("0", "99999"):
            outcome = hubdesk("trainings", action, "--year", year)
            assert "between 1900 and 2100" in outcome.one_line_error(), outcome.err


def test_a_trainer_leaving_is_warned_and_still_leaves(
    hubdesk: Run, kumanovo: Outcome, folder: Path
) -> None:
    ana = a_member(folder, "Ana Petrovska")
    assert add(hubdesk, "--member", f"{ana}:trainer").code == 0
    left = hubdesk("trainings", "leave", "--member", ana, "--on", f"{YEAR}-06-30")
    assert left.code == 0
    assert left.out.startswith("Warning: Ana Petrovska is one of the team's trainers")
    assert "leaving the team recorded for" in left.out
    # Leaving again "today" would rewrite the day she left: refused; another day corrects it.
    again = hubdesk("trainings", "leave", "--member", ana).one_line_error()
    assert "left the team on" in again and "already" in again
    corrected = hubdesk("trainings", "leave", "--member", ana, "--on", f"{YEAR}-07-15", "--json")
    assert json.loads(corrected.out)["left_on"] == f"{YEAR}-07-15"


def test_the_trainings_report_for_a_year_and_a_profession(
    hubdesk: Run, kumanovo: Outcome, tmp_path: Path
) -> None:
    assert add(hubdesk).code == 0
    for lang in ("en", "sq", "mk", "sr_Cyrl"):
        out = tmp_path / f"t-{lang}.pdf"
        made = hubdesk("report", "trainings", "--out", str(out), "--lang", lang,
                       "--year", str(YEAR), "--profession", "teacher")  # fmt: skip
        assert made.code == 0, made.err
        assert out.stat().st_size > 1000
    both = hubdesk("report", "trainings", "--out", str(tmp_path / "x.pdf"), "--year", "2025",
                   "--from", "2025-01-01")  # fmt: skip
    assert "--year" in both.one_line_error()
    pilots = hubdesk(
        "report", "trainings", "--out", str(tmp_path / "y.pdf"), "--profession", "pilot"
    )
    assert "Unknown profession" in pilots.one_line_error()


def test_the_hub_sums_up_one_municipality_named_as_the_lists_name_it(
    hubdesk: Run, folder: Path
) -> None:
    """``--municipality`` was taken as an id: the hub asking for "Elbasan" was told of no
    training and 0 participants, and a misspelt name was the same silent nought."""
    assert hubdesk("demo", "--role", "hub").code == 0
    everyone = json.loads(hubdesk("trainings", "summary", "--json").out)
    elbasan = json.loads(hubdesk("trainings", "summary", "--municipality", "Elbasan", "--json").out)
    assert 0 < elbasan["trainings"] < everyone["trainings"]
    assert {r["municipality"] for r in elbasan["trained_by"]} == {"Elbasan"}
    listed = json.loads(hubdesk("trainings", "list", "--municipality", "elbasan", "--json").out)
    assert len(listed) == elbasan["trainings"]
    typo = hubdesk("trainings", "summary", "--municipality", "Elbazan")
    assert "No municipality here is named 'Elbazan'" in typo.one_line_error()


def test_a_municipality_is_told_the_municipality_filter_is_the_hubs(
    hubdesk: Run, kumanovo: Outcome
) -> None:
    refused = hubdesk("trainings", "list", "--municipality", "Elbasan")
    assert "for the hub" in refused.one_line_error()


def test_a_municipality_is_found_by_its_name_in_either_script(hubdesk: Run, folder: Path) -> None:
    """The hub's English lines say "Kumanovo" of the town typed "Куманово"; that name was
    refused as no municipality, with a list of names in the other script."""
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    latin = hubdesk("trainings", "summary", "--municipality", "kumanovo", "--json")
    cyrillic = hubdesk("trainings", "summary", "--municipality", "Куманово", "--json")
    assert latin.code == 0, latin.err
    assert json.loads(latin.out) == json.loads(cyrillic.out)
    assert json.loads(latin.out)["trainings"] > 0
    typo = hubdesk("trainings", "summary", "--municipality", "Kumanov").one_line_error()
    assert "the names are: Elbasan, Kumanovo, Novi Pazar." in typo  # as this window names them
