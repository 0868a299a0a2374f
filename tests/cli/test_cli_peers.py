"""``hubdesk exchanges``, ``hubdesk practices`` and ``hubdesk report practice``, on a
municipality and on the demo hub."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hub_demo_copy import hub_demo

Run = Callable[..., Any]


def test_a_municipality_records_exchanges_and_practices(
    hubdesk: Run, kumanovo: object, folder: Path
) -> None:
    added = hubdesk("exchanges", "add", "--role", "host", "--kind", "study_visit",
                    "--topic", "Youth councils", "--from", "2026-05-04", "--to", "2026-05-05",
                    "--with", "Elbasan", "--with", "Нови Пазар", "--participants", "8",
                    "--women", "5", "--theme", "hate_speech")  # fmt: skip
    assert added.code == 0, added.err
    listed = json.loads(hubdesk("exchanges", "list", "--json").out)
    assert [c["name"] for c in listed[0]["cities"]] == ["Kumanovo", "Elbasan", "Нови Пазар"]
    assert listed[0]["participants"] == 8
    bad = hubdesk("exchanges", "add", "--role", "visitor", "--kind", "peer_review",
                  "--topic", "x", "--from", "2026-06-01")  # fmt: skip
    line = bad.one_line_error()  # named by the option typed, not by host_name
    assert line.startswith("hubdesk: --host: ") and "hosted the exchange" in line
    alone = hubdesk("exchanges", "add", "--role", "host", "--kind", "peer_review",
                    "--topic", "x", "--from", "2026-06-01")  # fmt: skip
    assert alone.one_line_error().startswith("hubdesk: --with: Name at least one")
    untitled = hubdesk("practices", "add", "--title", " ")
    assert "--title: " in untitled.one_line_error()
    refused = hubdesk("exchanges", "join", listed[0]["id"], listed[0]["id"])
    assert "Only the hub joins" in refused.one_line_error()

    # A practice the submission refuses (no actions yet) is not left behind as a draft.
    half = hubdesk("practices", "add", "--title", "Safe routes", "--problem", "Fights",
                   "--contact-role", "Team coordinator", "--submit")  # fmt: skip
    assert half.one_line_error().startswith("hubdesk: --actions: A submitted good practice")
    assert json.loads(hubdesk("practices", "list", "--json").out) == []
    made = hubdesk("practices", "add", "--title", "Safe routes", "--problem", "Fights",
                   "--actions", "Walks", "--results", "Fewer fights",
                   "--contact-role", "Team coordinator", "--submit")  # fmt: skip
    assert made.code == 0, made.err
    own = json.loads(hubdesk("practices", "list", "--json").out)
    assert [(p["title"], p["state"]) for p in own] == [("Safe routes", "submitted")]
    stats = json.loads(hubdesk("stats", "--json").out)
    assert (stats["exchanges"], stats["good_practices"]) == (1, 1)
    pdf = folder.parent / "own.pdf"
    printed = hubdesk("report", "practice", "--id", own[0]["id"], "--out", str(pdf))
    assert printed.code == 0 and pdf.stat().st_size > 0, printed.err
    assert "curates" in hubdesk("practices", "curate", "--id", own[0]["id"], "--decision",
                                "accepted", "--summary", "x").one_line_error()  # fmt: skip


def test_a_practices_cost_is_read_as_the_form_reads_an_amount(
    hubdesk: Run, kumanovo: object
) -> None:
    """``--cost 1500`` recorded 15.00 denars (it took minor units) and "1.234,50" was refused,
    where the form's money field and ``tranches add --amount`` read both as written."""
    for typed in ("1500", "1.234,50", "1,234.50"):
        assert hubdesk("practices", "add", "--title", f"Cost {typed}", "--cost", typed).code == 0
    costs = {p["title"]: (p["cost_minor"], p["currency"])
             for p in json.loads(hubdesk("practices", "list", "--json").out)}  # fmt: skip
    assert costs == {"Cost 1500": (150000, "MKD"), "Cost 1.234,50": (123450, "MKD"),
                     "Cost 1,234.50": (123450, "MKD")}  # fmt: skip
    assert hubdesk("practices", "add", "--title", "RSD", "--currency", "RSD",
                   "--cost", "1.234").code == 0  # fmt: skip
    rsd = [p for p in json.loads(hubdesk("practices", "list", "--json").out) if p["title"] == "RSD"]
    assert rsd[0]["cost_minor"] == 1234
    too_fine = hubdesk("practices", "add", "--title", "x", "--currency", "RSD", "--cost", "5,50")
    assert "more decimals than an amount in RSD" in too_fine.one_line_error()
    unknown = hubdesk("practices", "add", "--title", "x", "--currency", "XYZ", "--cost", "5")
    assert unknown.one_line_error().startswith("hubdesk: --currency: ")


def test_the_hub_joins_curates_and_publishes(hubdesk: Run, folder: Path) -> None:
    assert hubdesk("demo", "--role", "hub").code == 0
    held = json.loads(hubdesk("exchanges", "list", "--json").out)
    assert len(held) == 3
    visit = next(e for e in held if len(e["parts"]) == 3)
    assert visit["joined"] == "auto" and all(c["confirmed"] for c in visit["cities"])
    alone = next(e for e in held if e["joined"] == "single")
    joined = hubdesk("exchanges", "join", visit["id"], alone["id"], "--note", "test")
    assert joined.code == 0, joined.err
    assert len(json.loads(hubdesk("exchanges", "list", "--json").out)) == 2
    part = alone["parts"][0]["id"]
    assert hubdesk("exchanges", "separate", "--id", part).code == 0
    assert len(json.loads(hubdesk("exchanges", "list", "--json").out)) == 3

    waiting = json.loads(hubdesk("practices", "list", "--state", "submitted", "--json").out)
    assert len(waiting) == 1
    practice = waiting[0]["id"]
    early = hubdesk("practices", "publish", "--id", practice)
    assert "Accept the good practice" in early.one_line_error()
    for action in ("show", "publish", "summary"):  # a typo is named as one, not "accept it"
        typo = hubdesk("practices", action, "--id", "no-such-id")
        assert "No good practice with id no-such-id" in typo.one_line_error()
    no_note = hubdesk("practices", "curate", "--id", practice, "--decision", "returned")
    assert "in a note" in no_note.one_line_error()
    # A second summary refused (no language said) refuses the acceptance too: it was recorded
    # although the command said it failed, and the refusal named --summary.
    half = hubdesk("practices", "curate", "--id", practice, "--decision", "accepted",
                   "--summary", "Teachers.", "--local-summary", "Nastavnici.")  # fmt: skip
    assert half.one_line_error().startswith("hubdesk: --local-language: Say which language")
    still = json.loads(hubdesk("practices", "list", "--state", "submitted", "--json").out)
    assert [p["id"] for p in still] == [practice]
    ok = hubdesk("practices", "curate", "--id", practice, "--decision", "accepted",
                 "--summary", "Teachers learn to talk about online hate.",
                 "--local-summary", "Nastavnici uče.", "--local-language", "sr_Latn")  # fmt: skip
    assert ok.code == 0, ok.err
    assert hubdesk("practices", "publish", "--id", practice).code == 0
    changed = hubdesk("practices", "summary", "--id", practice, "--en", "Teachers and radio.")
    assert changed.code == 0, changed.err
    no_language = hubdesk("practices", "summary", "--id", practice, "--local-summary", "x",
                          "--local-language", "")  # fmt: skip
    assert no_language.one_line_error().startswith("hubdesk: --local-language: Say which")
    library = json.loads(hubdesk("practices", "list", "--library", "--json").out)
    assert len(library) == 3 and all(p["published_on"] for p in library)
    stats = json.loads(hubdesk("stats", "--json").out)
    assert (stats["exchanges"], stats["published_practices"]) == (3, 3)
    for lang in ("en", "sq", "mk", "sr_Cyrl"):
        pdf = folder.parent / f"practice-{lang}.pdf"
        done = hubdesk("report", "practice", "--id", practice, "--lang", lang, "--out", str(pdf))
        assert done.code == 0 and pdf.stat().st_size > 0, done.err


def test_an_exchange_shown_names_each_citys_role_not_ours(hubdesk: Run, kumanovo: object) -> None:
    """``exchanges show`` labelled every city with a part's own words: Elbasan, which hosted
    Kumanovo's visit, read "[We hosted]" on Kumanovo's PC, and every city at the hub was "we"."""
    added = hubdesk("exchanges", "add", "--role", "visitor", "--kind", "peer_review",
                    "--topic", "Action plan", "--from", "2026-08-10", "--host", "Elbasan",
                    "--with", "Shkodër")  # fmt: skip
    assert added.code == 0, added.err
    key = json.loads(hubdesk("exchanges", "list", "--json").out)[0]["id"]
    shown = hubdesk("exchanges", "show", "--id", key).out
    assert "  Elbasan  [host" in shown
    assert "  Kumanovo  [visitor" in shown and "  Shkodër  [visitor" in shown
    assert "We hosted" not in shown and "We visited" not in shown


def test_a_municipality_is_not_told_its_exchanges_are_unconfirmed(
    hubdesk: Run, kumanovo: object
) -> None:
    """A municipality holds only its own parts, so ``exchanges list`` marked every other city
    "(?)" (the line saying what it means is printed at the hub only) and ``show`` called each
    exchange "not confirmed by another city"; the window says neither there."""
    added = hubdesk("exchanges", "add", "--role", "host", "--kind", "study_visit",
                    "--topic", "Youth councils", "--from", "2026-05-04",
                    "--with", "Elbasan")  # fmt: skip
    assert added.code == 0, added.err
    listed = hubdesk("exchanges", "list").out
    assert "Youth councils — Kumanovo, Elbasan" in listed and "(?)" not in listed
    key = json.loads(hubdesk("exchanges", "list", "--json").out)[0]["id"]
    shown = hubdesk("exchanges", "show", "--id", key).out
    assert "confirm" not in shown
    assert "  Kumanovo  [host]" in shown and "  Elbasan  [visitor]" in shown


def test_the_hub_finds_and_names_a_peer_in_the_script_of_its_language(
    hubdesk: Run, folder: Path, tmp_path: Path
) -> None:
    """The hub's English lines say "Kumanovo" of the peer named "Куманово", but `export --for
    Kumanovo` found no such peer, and `peers list` and the export's line said "Куманово"."""
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    listed = hubdesk("peers", "list").out
    assert "  Kumanovo  [" in listed and "Куманово" not in listed
    made = hubdesk("export", "--for", "kumanovo", "--to", str(tmp_path / "k.bundle"))
    assert made.code == 0, made.err
    assert "for 'Kumanovo' written" in made.out
    again = hubdesk("export", "--for", "Нови Пазар", "--to", str(tmp_path / "n.bundle"))
    assert again.code == 0 and "for 'Novi Pazar' written" in again.out
    unknown = hubdesk("export", "--for", "Kumanov", "--to", str(tmp_path / "x.bundle"))
    assert "No single enrolled peer matches 'Kumanov'" in unknown.one_line_error()
