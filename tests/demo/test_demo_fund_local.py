"""The hub demo's proposals read as their municipality writes: titles and summaries of Elbasan
in Albanian, of Novi Pazar in Serbian (Latin), of Kumanovo in Macedonian."""

from __future__ import annotations

import datetime as dt

from hubdesk.services.demo import generate_block
from hubdesk.services.demo_rows import plan_demo


def test_proposal_titles_and_summaries_are_in_the_municipalitys_language() -> None:
    today = dt.date(2026, 12, 4)
    cyrillic = {"MK": True, "AL": False, "RS": False}
    for name, country, letters in (
        ("Куманово", "MK", "љњќѓѕџ"),
        ("Elbasan", "AL", "ëç"),
        ("Нови Пазар", "RS", "čćšžđ"),
    ):
        block = generate_block(plan_demo(1, 1, today, name, country), 0)
        rows = block.rows["fund_proposals"]
        texts = [row[f] for row in rows for f in ("title", "summary", "problem")]
        assert all(any("а" <= ch <= "я" for ch in t) is cyrillic[country] for t in texts), texts
        assert any(ch in letters for t in texts for ch in t), (country, texts)
        assert len({row["title"] for row in rows}) == len(rows)


def test_history_decisions_and_partners_are_in_the_municipalitys_language() -> None:
    from hubdesk.services.demo_data import PARTNERS
    from hubdesk.services.demo_fund_local import WORDS

    assert all(len(words.partners) == len(PARTNERS) for words in WORDS.values())
    today = dt.date(2026, 12, 4)
    for name, country, word in (("Elbasan", "AL", "Propozimi"), ("Нови Пазар", "RS", "Predlog")):
        block = generate_block(plan_demo(1, 1, today, name, country), 0)
        comments = [row["comment"] for row in block.rows["proposal_status_changes"]]
        assert comments and any(word in c for c in comments), comments
        assert not any("а" <= ch <= "я" for c in comments for ch in c), comments
        partners = [row["partners"] for row in block.rows["fund_proposals"]]
        assert not any("а" <= ch <= "я" for p in partners for ch in p), partners
        lines = [row["description"] for row in block.rows["budget_lines"]]
        assert lines and not any("а" <= ch <= "я" for t in lines for ch in t), lines


def test_every_budget_line_has_its_translation() -> None:
    from hubdesk.services.demo_fund_local import LINES
    from hubdesk.services.demo_fund_texts import TEMPLATES

    assert all(len(v) == sum(len(t.lines) for t in TEMPLATES) for v in LINES.values())
