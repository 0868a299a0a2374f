"""tools/i18n.py on a throwaway copy of the translations folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog


@pytest.fixture
def work(tool: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tool pointed at a copy of translations/ holding a tiny template."""
    folder = tmp_path / "translations"
    folder.mkdir()
    monkeypatch.setattr(tool, "TRANSLATIONS", folder)
    monkeypatch.setattr(tool, "POT", folder / "hubdesk.pot")
    template = Catalog(project="HubDesk")
    template.add("Municipality", locations=[("hubdesk/a.py", None)])
    template.add("No {kind} with id {id}.", locations=[("hubdesk/b.py", None)])
    template.add(("{n} member", "{n} members"), locations=[("hubdesk/c.py", None)])
    tool.POT.write_text(tool.render(template, None), encoding="utf-8")
    return folder


def set_string(tool: ModuleType, code: str, msgid: str, text: object, fuzzy: bool = False) -> None:
    lang = tool.LANGS[code]
    cat = tool.load(tool.po_path(code), lang)
    cat[msgid].string = text
    if fuzzy:
        cat[msgid].flags.add("fuzzy")
    tool.po_path(code).write_text(tool.render(cat, lang), encoding="utf-8")


def test_update_creates_every_catalog_with_its_plural_forms(tool: ModuleType, work: Path) -> None:
    tool.update()
    for code, lang in tool.LANGS.items():
        cat = tool.load(tool.po_path(code))
        assert cat.num_plurals == lang.nplurals
        assert len(cat["{n} member"].string) == lang.nplurals
        assert "Language: " + code in tool.po_path(code).read_text(encoding="utf-8")


def test_update_is_idempotent_and_keeps_translations(tool: ModuleType, work: Path) -> None:
    tool.update()
    set_string(tool, "mk", "Municipality", "Општина")
    assert tool.update() == []
    assert tool.load(tool.po_path("mk"))["Municipality"].string == "Општина"
    before = {p.name: p.read_text(encoding="utf-8") for p in work.iterdir()}
    tool.update()
    assert {p.name: p.read_text(encoding="utf-8") for p in work.iterdir()} == before


def test_output_has_no_dates_line_numbers_or_versions(tool: ModuleType, work: Path) -> None:
    tool.update()
    for path in work.iterdir():
        text = path.read_text(encoding="utf-8")
        for churn in ("POT-Creation-Date", "PO-Revision-Date", "Generated-By", ".py:"):
            assert churn not in text, (path.name, churn)


def test_without_fuzzy_matching_a_changed_msgid_starts_empty(tool: ModuleType, work: Path) -> None:
    tool.update()
    set_string(tool, "hr", "Municipality", "Općina")
    template = tool.load(tool.POT)
    del template["Municipality"]
    template.add("Municipalities", locations=[("hubdesk/a.py", None)])
    tool.POT.write_text(tool.render(template, None), encoding="utf-8")
    tool.update()
    message = tool.load(tool.po_path("hr"))["Municipalities"]
    assert not message.fuzzy and not message.string


def test_a_changed_msgid_becomes_fuzzy_and_fails_check(
    tool: ModuleType, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tool.update()
    set_string(tool, "hr", "Municipality", "Općina")
    template = tool.load(tool.POT)
    del template["Municipality"]
    template.add("Municipalities", locations=[("hubdesk/a.py", None)])
    tool.POT.write_text(tool.render(template, None), encoding="utf-8")
    tool.update(fuzzy_matching=True)
    message = tool.load(tool.po_path("hr"))["Municipalities"]
    assert message.fuzzy and message.string == "Općina"
    report = tool.check_catalog(tool.LANGS["hr"], tool.load(tool.POT))
    assert report.fuzzy == ["Municipalities"]


def test_placeholder_mismatch_is_an_error(tool: ModuleType, work: Path) -> None:
    tool.update()
    set_string(tool, "sq", "No {kind} with id {id}.", "Nuk ka {lloj} me id {id}.")
    report = tool.check_catalog(tool.LANGS["sq"], tool.load(tool.POT))
    assert len(report.problems) == 1 and "{lloj}" in report.problems[0]


def test_plural_forms_must_keep_the_count(tool: ModuleType, work: Path) -> None:
    tool.update()
    set_string(tool, "bs", "{n} member", ("{n} član", "{n} člana", "članova"))
    report = tool.check_catalog(tool.LANGS["bs"], tool.load(tool.POT))
    assert any("{n}" in p for p in report.problems)


def test_untranslated_is_counted_but_allowed(tool: ModuleType, work: Path) -> None:
    tool.update()
    report = tool.check_catalog(tool.LANGS["mk"], tool.load(tool.POT))
    assert (report.total, report.translated, len(report.untranslated)) == (3, 0, 3)
    assert report.problems == [] and report.fuzzy == []
    english = tool.check_catalog(tool.LANGS["en"], tool.load(tool.POT))
    assert english.percent == 100.0


def test_generated_cyrillic_follows_latin_and_hand_edits_are_caught(
    tool: ModuleType, work: Path
) -> None:
    tool.update()
    set_string(tool, "sr_Latn", "{n} member", ("{n} član", "{n} člana", "{n} članova"))
    tool.main(["generate-cyrillic"])
    cat = tool.load(tool.po_path("sr_Cyrl"))
    assert cat["{n} member"].string == ("{n} члан", "{n} члана", "{n} чланова")
    assert "Language: sr_Cyrl" in tool.po_path("sr_Cyrl").read_text(encoding="utf-8")
    path = tool.po_path("sr_Cyrl")
    path.write_text(path.read_text(encoding="utf-8").replace('члан"', 'clan"'), "utf-8")
    report = tool.check_catalog(tool.LANGS["sr_Cyrl"], tool.load(tool.POT))
    assert any("generate-cyrillic" in p for p in report.problems)


def test_todo_and_merge_round_trip(tool: ModuleType, work: Path, tmp_path: Path) -> None:
    tool.update()
    todo = tool.todo("sr_Latn")
    assert todo["Municipality"] == ""
    assert todo["{n} member"] == {"msgid_plural": "{n} members", "forms": ["", "", ""]}
    answer = {
        "sr_Latn": {
            "Municipality": "Opština",
            "{n} member": {"forms": ["{n} član", "{n} člana", "{n} članova"]},
        }
    }
    (tmp_path / "answer.json").write_text(json.dumps(answer), encoding="utf-8")
    assert tool.main(["merge", str(tmp_path / "answer.json")]) == 0
    assert tool.load(tool.po_path("sr_Cyrl"))["Municipality"].string == "Општина"
    assert set(tool.todo("sr_Latn")) == {"No {kind} with id {id}."}


def test_merge_refuses_the_generated_catalog(tool: ModuleType, work: Path) -> None:
    tool.update()
    with pytest.raises(SystemExit):
        tool.merge({"sr_Cyrl": {"Municipality": "Општина"}})


def test_extract_is_stable(tool: ModuleType) -> None:
    """Two extractions of the same sources give byte-identical templates."""
    first = tool.render(tool.extract_template(), None)
    assert tool.render(tool.extract_template(), None) == first
    assert "#: hubdesk/domain/enums.py" in first and '"Plural-Forms' not in first


def test_shipped_catalogs_are_already_updated(
    tool: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Updating a copy of the shipped folder changes nothing: the pipeline is idempotent."""
    copy = tmp_path / "copy"
    shutil.copytree(tool.TRANSLATIONS, copy)
    monkeypatch.setattr(tool, "TRANSLATIONS", copy)
    monkeypatch.setattr(tool, "POT", copy / "hubdesk.pot")
    assert tool.update() == []
