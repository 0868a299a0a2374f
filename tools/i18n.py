"""HubDesk's translation pipeline: extract, update, check, generate Cyrillic, hand work out.

Run from the project folder:

    .venv/bin/python tools/i18n.py extract            # sources -> translations/hubdesk.pot
    .venv/bin/python tools/i18n.py update [--fuzzy]   # .pot -> every .po (and sr_Cyrl.po)
    .venv/bin/python tools/i18n.py check [--strict]   # untranslated / fuzzy / placeholders
    .venv/bin/python tools/i18n.py generate-cyrillic  # sr_Latn.po -> sr_Cyrl.po
    .venv/bin/python tools/i18n.py todo LANG          # untranslated messages as JSON
    .venv/bin/python tools/i18n.py merge FILE.json    # {lang: {msgid: text or [forms]}} in
    .venv/bin/python tools/i18n.py compile            # .po -> hubdesk/locale/*/hubdesk.mo

Every file is written the same way for the same content (sorted, no line numbers, no dates,
no tool versions), so running the pipeline twice changes nothing and diffs show only real
changes in wording.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hubdesk.i18n.placeholders import describe, same_placeholders  # noqa: E402
from hubdesk.i18n.translit import to_cyrillic  # noqa: E402

TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "hubdesk.pot"
BABEL_CFG = ROOT / "babel.cfg"
PROJECT = "HubDesk"
# The name with a case ending glued on ("HubDeska", "HubDeskom"): people search for and
# recognise "HubDesk", and Serbian Cyrillic showed "HubDeska" as a Latin word in its text.
# The languages that decline say "programa HubDesk"; Albanian's "HubDesk-ut" keeps the name.
DECLINED_NAME = re.compile(rf"\b{PROJECT}[^\W\d_]+")

SLAVIC = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"


@dataclass(frozen=True)
class Lang:
    code: str
    team: str
    nplurals: int
    plural: str
    source: str | None = None  # generated from this catalog, never edited by hand


LANGS: dict[str, Lang] = {
    lang.code: lang
    for lang in (
        Lang("en", "English", 2, "(n != 1)"),
        Lang("sq", "Albanian", 2, "(n != 1)"),
        Lang("bs", "Bosnian", 3, SLAVIC),
        Lang("hr", "Croatian", 3, SLAVIC),
        Lang("sr_Latn", "Serbian (Latin)", 3, SLAVIC),
        Lang("sr_Cyrl", "Serbian (Cyrillic)", 3, SLAVIC, source="sr_Latn"),
        Lang("cnr", "Montenegrin", 3, SLAVIC),
        # CLDR's Macedonian rule (one: 1, 21, 31 ... but not 11), as gettext tools now use it.
        Lang("mk", "Macedonian", 2, "(n%10==1 && n%100!=11 ? 0 : 1)"),
    )
}


def po_path(code: str) -> Path:
    return TRANSLATIONS / f"{code}.po"


def plural_forms(lang: Lang) -> str:
    return f"nplurals={lang.nplurals}; plural={lang.plural};"


# --- reading and writing ------------------------------------------------------------------


def render(catalog: Catalog, lang: Lang | None) -> str:
    """The text of a .po (or, without ``lang``, the .pot) with a header that never churns."""
    if lang is None:
        comment = f"Messages of {PROJECT}, extracted by tools/i18n.py extract. Do not edit."
        headers = []
    elif lang.source:
        comment = (
            f"{PROJECT}: {lang.team}. GENERATED from {lang.source}.po by "
            "tools/i18n.py generate-cyrillic; never edit by hand."
        )
        headers = [("Language", lang.code), ("Language-Team", lang.team)]
    else:
        comment = f"{PROJECT}: {lang.team}. Terms: translations/GLOSSARY.md."
        headers = [("Language", lang.code), ("Language-Team", lang.team)]
    headers = [
        ("Project-Id-Version", PROJECT),
        *headers,
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    if lang is not None:
        headers.append(("Plural-Forms", plural_forms(lang)))
    head = [f"# {comment}", 'msgid ""', 'msgstr ""']
    head += [f'"{name}: {value}\\n"' for name, value in headers]
    buf = io.BytesIO()
    write_po(
        buf,
        catalog,
        width=0,
        omit_header=True,
        sort_output=True,
        ignore_obsolete=True,
        include_previous=True,
        include_lineno=False,
    )
    return "\n".join(head) + "\n\n" + buf.getvalue().decode("utf-8")


def write_if_changed(path: Path, text: str) -> bool:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def load(path: Path, lang: Lang | None = None) -> Catalog:
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=None, domain="hubdesk")
    if lang is not None:
        catalog.locale = lang.code
        catalog.mime_headers = [("Plural-Forms", plural_forms(lang))]
    return catalog


def new_catalog(lang: Lang) -> Catalog:
    catalog = Catalog(locale=lang.code, project=PROJECT, domain="hubdesk")
    catalog.mime_headers = [("Plural-Forms", plural_forms(lang))]
    return catalog


# --- the steps ------------------------------------------------------------------------------


def extract_template() -> Catalog:
    """Every msgid marked in the sources, with file names (no line numbers) and comments."""
    with BABEL_CFG.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(BABEL_CFG))
    tops = {pattern.split("/")[0] for pattern, _method in method_map}

    def wanted_dir(path: str) -> bool:
        parts = Path(path).relative_to(ROOT).parts
        return parts[0] in tops and not any(p.startswith((".", "__")) for p in parts)

    template = Catalog(project=PROJECT, domain="hubdesk")
    # Babel warns about _(variable) calls ("Empty msgid"); translating a msgid held in a
    # variable is how HubDesk translates enum labels and errors, so the warning is noise.
    with contextlib.redirect_stderr(io.StringIO()):
        found = list(
            extract_from_dir(
                ROOT, method_map, options_map, keywords={}, directory_filter=wanted_dir
            )
        )
    for filename, _lineno, message, comments, context in found:
        # babel writes a location without a line number when it is None; its hints say int.
        locations = [(filename, None)]
        template.add(message, None, locations, auto_comments=comments, context=context)  # type: ignore[arg-type]
    for entry in template:
        entry.locations = sorted(set(entry.locations))
    return template


def extract() -> bool:
    return write_if_changed(POT, render(extract_template(), None))


def generate_cyrillic(target: Lang) -> str:
    """The text of a generated catalog: its source catalog with every translation converted."""
    assert target.source is not None
    source = load(po_path(target.source), LANGS[target.source])
    generated = new_catalog(target)
    for message in source:
        if not message.id:
            continue
        clone = message.clone()
        if isinstance(message.string, (list, tuple)):
            clone.string = tuple(to_cyrillic(s, messages=True) for s in message.string)
        elif message.string:
            clone.string = to_cyrillic(message.string, messages=True)
        generated[message.id] = clone
    return render(generated, target)


def update(fuzzy_matching: bool = False) -> list[str]:
    """Bring every catalog in line with the .pot; translations and comments are kept.

    Guessing a translation from a similar msgid (``fuzzy_matching``) is off by default: with
    many short labels the guesses are mostly wrong ("Deleted" from "Delete"), and every guess
    is an entry someone must review before ``check`` passes. A new msgid simply starts empty.
    """
    template = load(POT)
    changed = []
    for lang in LANGS.values():
        if lang.source:
            continue
        path = po_path(lang.code)
        catalog = load(path, lang) if path.is_file() else new_catalog(lang)
        catalog.update(template, no_fuzzy_matching=not fuzzy_matching)
        if write_if_changed(path, render(catalog, lang)):
            changed.append(lang.code)
    for lang in LANGS.values():
        if lang.source and write_if_changed(po_path(lang.code), generate_cyrillic(lang)):
            changed.append(lang.code)
    return changed


@dataclass
class Report:
    code: str
    total: int = 0
    translated: int = 0
    fuzzy: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def forms_of(message: Message) -> list[str]:
    string = message.string
    return list(string) if isinstance(string, (list, tuple)) else [string or ""]


def msgid_key(message: Message) -> str:
    """The singular msgid, prefixed by its context as gettext does (``button\x04Open``)."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return f"{message.context}\x04{msgid}" if message.context else msgid


def check_catalog(lang: Lang, template: Catalog) -> Report:
    """Everything wrong with one catalog; ``stale`` lists msgids that differ from the .pot."""
    report = Report(lang.code)
    catalog = load(po_path(lang.code))
    if catalog.plural_forms != plural_forms(lang):
        report.problems.append(
            f"Plural-Forms '{catalog.plural_forms}' should be '{plural_forms(lang)}'"
        )
    wanted = {msgid_key(m) for m in template if m.id}
    have = {msgid_key(m) for m in catalog if m.id}
    report.stale = sorted(wanted ^ have)
    report.untranslated = sorted(wanted - have)
    report.total = len(wanted | have)
    for message in catalog:
        if not message.id:
            continue
        key = msgid_key(message)
        forms = forms_of(message)
        source = message.id[1] if isinstance(message.id, (list, tuple)) else message.id
        if message.fuzzy:
            report.fuzzy.append(key)
        if message.pluralizable and len(forms) != lang.nplurals:
            report.problems.append(f"{len(forms)} plural forms, not {lang.nplurals}: {key!r}")
        if not all(forms):
            if any(forms):
                report.problems.append(f"some plural forms are empty: {key!r}")
            report.untranslated.append(key)
            continue
        if message.fuzzy:
            continue  # a guess, reported as fuzzy above and never compiled
        report.translated += 1
        for form in forms:
            for word in DECLINED_NAME.findall(form):
                report.problems.append(f"'{word}': write the name as {PROJECT}: {key!r}")
            if not same_placeholders(source, form):
                report.problems.append(
                    f"placeholders {describe(form)} instead of {describe(source)}: {key!r}"
                )
    if lang.code == "en":  # the source language: an empty translation shows the msgid
        report.translated, report.untranslated = report.total - len(report.fuzzy), []
    if lang.source and po_path(lang.code).read_text(encoding="utf-8") != generate_cyrillic(lang):
        report.problems.append(f"differs from generate-cyrillic of {lang.source}.po: regenerate")
    return report


def check(strict: bool) -> int:
    """Print a table per language; non-zero on any error (and, with ``strict``, on gaps)."""
    template = load(POT)
    failed = False
    if {m.id for m in extract_template() if m.id} != {m.id for m in template if m.id}:
        print("hubdesk.pot is out of date with the sources: run extract, then update.")
        failed = strict
    print(f"{'lang':8} {'total':>6} {'done':>6} {'%':>6} {'fuzzy':>6} {'todo':>6} {'errors':>6}")
    for lang in LANGS.values():
        r = check_catalog(lang, template)
        print(
            f"{r.code:8} {r.total:6} {r.translated:6} {r.percent:6.1f} {len(r.fuzzy):6} "
            f"{len(r.untranslated):6} {len(r.problems):6}"
        )
        if r.stale:
            print(f"    {r.code}: {len(r.stale)} msgids differ from hubdesk.pot: run update")
        for problem in r.problems:
            print(f"    {r.code}: {problem}")
        for key in r.fuzzy:
            print(f"    {r.code}: fuzzy (review it, then drop the flag): {key!r}")
        gaps = bool(r.untranslated or r.stale)
        failed = failed or bool(r.problems or r.fuzzy) or (strict and gaps)
    return 1 if failed else 0


def todo(code: str) -> dict[str, object]:
    """Untranslated or fuzzy messages of one catalog in the shape ``merge`` reads back.

    A plain message maps to its text; a plural one to ``{"msgid_plural": ..., "forms": [...]}``.
    """
    lang = LANGS[code]
    out: dict[str, object] = {}
    for message in load(po_path(code), lang):
        if not message.id or not (message.fuzzy or not all(forms_of(message))):
            continue
        if isinstance(message.id, (list, tuple)):
            out[msgid_key(message)] = {"msgid_plural": message.id[1], "forms": forms_of(message)}
        else:
            out[msgid_key(message)] = forms_of(message)[0]
    return out


def merge(data: dict[str, dict[str, object]]) -> list[str]:
    """Put translations in: ``{lang: {msgid: text | [forms] | {"forms": [...]}}}``; a message
    with a context is keyed ``"context\x04msgid"``, as ``todo`` writes it.

    A merged translation is a reviewed one, so its fuzzy flag goes; empty texts are skipped.
    """
    changed = []
    for code, entries in data.items():
        lang = LANGS[code]
        if lang.source:
            raise SystemExit(f"{code}.po is generated from {lang.source}.po; merge into that")
        catalog = load(po_path(code), lang)
        for msgid, value in entries.items():
            # "context\x04msgid" (as ``todo`` writes it) names a message with a context
            context, _glue, text_id = msgid.rpartition("\x04")
            message = catalog.get(text_id, context=context or None)
            if message is None:
                raise SystemExit(f"{code}: no such msgid in the catalog: {msgid!r}")
            text = value["forms"] if isinstance(value, dict) else value
            if isinstance(text, list):
                if len(text) != lang.nplurals or not message.pluralizable:
                    raise SystemExit(f"{code}: wrong number of forms for {msgid!r}")
                if all(text):
                    message.string = tuple(text)
                    message.flags.discard("fuzzy")
            elif isinstance(text, str) and text:
                if message.pluralizable:
                    raise SystemExit(f"{code}: {msgid!r} needs {lang.nplurals} plural forms")
                message.string = text
                message.flags.discard("fuzzy")
                message.previous_id = []
        if write_if_changed(po_path(code), render(catalog, lang)):
            changed.append(code)
    for lang in LANGS.values():
        if lang.source and write_if_changed(po_path(lang.code), generate_cyrillic(lang)):
            changed.append(lang.code)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/i18n.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    sub.add_parser("extract", help="sources -> translations/hubdesk.pot")
    up = sub.add_parser("update", help="hubdesk.pot -> every .po, then sr_Cyrl.po")
    up.add_argument("--fuzzy", action="store_true", help="pre-fill from similar msgids, as fuzzy")
    ck = sub.add_parser("check", help="report untranslated, fuzzy and placeholder problems")
    ck.add_argument("--strict", action="store_true", help="also fail on untranslated/stale")
    sub.add_parser("generate-cyrillic", help="sr_Latn.po -> sr_Cyrl.po")
    td = sub.add_parser("todo", help="untranslated messages of LANG as JSON")
    td.add_argument("lang", choices=[c for c, lang in LANGS.items() if not lang.source])
    mg = sub.add_parser("merge", help="merge translations from a JSON file")
    mg.add_argument("file", type=Path)
    sub.add_parser("compile", help="compile .po into hubdesk/locale (as installing does)")
    args = parser.parse_args(argv)

    if args.step == "extract":
        print("hubdesk.pot " + ("written" if extract() else "unchanged"))
    elif args.step == "update":
        changed = update(fuzzy_matching=args.fuzzy)
        print("updated: " + (", ".join(changed) or "nothing"))
    elif args.step == "check":
        return check(args.strict)
    elif args.step == "generate-cyrillic":
        for lang in LANGS.values():
            if lang.source:
                written = write_if_changed(po_path(lang.code), generate_cyrillic(lang))
                print(f"{lang.code}.po " + ("written" if written else "unchanged"))
    elif args.step == "todo":
        print(json.dumps(todo(args.lang), ensure_ascii=False, indent=1))
    elif args.step == "merge":
        changed = merge(json.loads(args.file.read_text(encoding="utf-8")))
        print("updated: " + (", ".join(changed) or "nothing"))
    elif args.step == "compile":
        import hatch_build

        print(f"{len(hatch_build.compile_catalogs(ROOT))} catalogs compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
