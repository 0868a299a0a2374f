"""Trimming Qt's ICU data (installer/icu_trim.py): which items go, and that Qt still sorts and
changes case in HubDesk's languages with what stays.

The rule is tested on a realistic item list; the trimmed library itself is tested by loading it
in place of PySide6's own (the frozen-build tests check the bundle carries it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from installer_helpers import ROOT, load

T = load("icu_trim")

ITEMS = [
    "coll/root.res", "coll/mk.res", "coll/ja.res", "coll/ucadata.icu", "coll/res_index.res",
    "coll/pool.res", "coll/hr.res", "coll/sr_Latn.res", "coll/bs_Cyrl.res", "coll/sq.res",
    "coll/en_US_POSIX.res", "coll/zh.res", "coll/ko.res", "coll/de.res", "coll/de_.res",
    "coll/sv.res", "coll/tr.res", "confusables.cfu", "brkitr/cjdict.dict", "brkitr/line.brk",
    "translit/Latin_Cyrillic.res",
    "rbnf/mk.res", "curr/mk.res", "lang/sq.res", "region/hr.res", "unit/sr_Latn.res",
    "zone/bs.res", "root.res", "pool.res", "res_index.res", "en.res", "en_GB.res", "sq.res",
    "sq_XK.res", "sr_Latn_ME.res", "mk.res", "ja.res", "de_AT.res", "fil.res",
    "supplementalData.res", "likelySubtags.res", "metadata.res", "zoneinfo64.res", "uprops.icu",
    "unames.icu", "nfkc.nrm", "uts46.nrm", "cnvalias.icu", "ibm-5347_P100-1998.cnv", "gb18030.cnv",
]  # fmt: skip


def test_collation_core_data_and_the_regions_locales_stay() -> None:
    removed = set(T.items_to_remove(ITEMS))
    kept = set(ITEMS) - removed
    # HubDesk's languages sort in their own order, every other one in the root order.
    assert {
        "coll/root.res", "coll/ucadata.icu", "coll/res_index.res", "coll/pool.res",
        "coll/mk.res", "coll/hr.res", "coll/sr_Latn.res", "coll/bs_Cyrl.res", "coll/sq.res",
        "coll/en_US_POSIX.res",
    } <= kept  # fmt: skip
    assert {
        "root.res",
        "pool.res",
        "res_index.res",
        "en.res",
        "sq_XK.res",
        "sr_Latn_ME.res",
    } <= kept
    assert {"supplementalData.res", "likelySubtags.res", "metadata.res", "zoneinfo64.res"} <= kept
    assert {"uprops.icu", "nfkc.nrm", "cnvalias.icu"} <= kept


def test_names_rules_dictionaries_and_converters_go() -> None:
    removed = set(T.items_to_remove(ITEMS))
    for tree in ("brkitr/", "translit/", "rbnf/", "curr/", "lang/", "region/", "unit/", "zone/"):
        assert {i for i in ITEMS if i.startswith(tree)} <= removed, tree
    assert {"ja.res", "de_AT.res", "fil.res"} <= removed
    assert {"ibm-5347_P100-1998.cnv", "gb18030.cnv"} <= removed
    # The other languages' collation: Qt's file dialog in such a system locale sorts in the
    # root order (the sorting test below shows it still works). Items like de_.res (the
    # phone-book variant) go with their language, since icupkg refuses one without the other.
    assert {"coll/ja.res", "coll/zh.res", "coll/ko.res", "coll/de.res", "coll/de_.res"} <= removed
    assert {"coll/sv.res", "coll/tr.res"} <= removed
    # Qt calls no ICU function that reads character names, confusables or IDNA tables.
    assert {"unames.icu", "confusables.cfu", "uts46.nrm"} <= removed


def test_hubdesk_calls_no_qt_service_that_needs_the_dropped_data() -> None:
    """Time-zone display names and legacy-charset codecs are what Qt would read the dropped
    items for; HubDesk formats with Babel and decodes files with Python's codecs."""
    needing = ("QTimeZone", "QStringDecoder", "QStringEncoder", "QStringConverter")
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "hubdesk").rglob("*.py")
        for name in needing
        if name in path.read_text(encoding="utf-8")
    ]
    assert found == []


def pyside_icu_data() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not sys.platform.startswith("linux") or not found:
        pytest.skip("PySide6 carries no ICU data library here (only Linux wheels do)")
    return found[0]


def test_the_data_symbol_is_found_in_the_library() -> None:
    symbol, data = T.data_symbol(pyside_icu_data())
    assert symbol.startswith("icudt") and symbol.endswith("_dat")
    assert data[2:4] == b"\xda\x27"  # an ICU data header's magic number
    assert len(data) > 10_000_000


SORTS = textwrap.dedent(
    """
    import functools, sys
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder

    def order(language, words):
        collator = QCollator(QLocale(language))
        return " ".join(sorted(words, key=functools.cmp_to_key(collator.compare)))

    print(order("hr", ["Dom", "Ćevapi", "apple", "Banana", "čaj"]))
    print(order("mk", ["Ѓорѓи", "Дејан", "Бојан", "ана"]))
    print(order("sq", ["Zana", "Ëngjëll", "Edi", "Çela", "Dritë"]))
    print(order("bs", ["Džemal", "Dino", "Emir", "Ćazim", "Čedo"]))
    print(order("sr_Latn", ["Ljubica", "Lazar", "Njegoš", "Nada", "Đorđe", "Dragan"]))
    print(order("sr_Cyrl", ["Ђорђе", "Драган", "Љубица", "Лазар"]))
    print(order("en", ["beta", "Alpha", "alpha", "Beta"]))
    print(order("sv", ["Öberg", "Zorn", "Ahl", "Åberg"]))  # no Swedish data: the root order
    print(QLocale("mk").toUpper("ѓорѓи ќе"), QLocale("tr").toUpper("i"))
    print("decoder" if QStringDecoder("windows-1251").isValid() else "no-decoder")
    """
)


@pytest.mark.skipif(shutil.which("icupkg") is None and not Path("/usr/sbin/icupkg").exists(),
                    reason="icu-devtools is not installed")  # fmt: skip
def test_qt_sorts_and_cases_our_languages_with_the_trimmed_data(tmp_path: Path) -> None:
    library = tmp_path / pyside_icu_data().name
    shutil.copyfile(pyside_icu_data(), library)
    trimmed = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "icu_trim.py"), str(tmp_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "MB ->" in trimmed.stdout
    assert library.stat().st_size < 8_000_000
    # Loaded first, the trimmed library stands in for PySide6's own (same soname).
    run = subprocess.run(
        [sys.executable, "-c", SORTS],
        capture_output=True, text=True, check=True, env={**os.environ, "LD_PRELOAD": str(library)},
    )  # fmt: skip
    assert run.stdout.splitlines() == [
        "apple Banana čaj Ćevapi Dom",  # č, ć after c; case ignored at first level
        "ана Бојан Дејан Ѓорѓи",  # Ѓ after Д in Macedonian
        "Çela Dritë Edi Ëngjëll Zana",  # Ç after C, Ë after E in Albanian
        "Čedo Ćazim Dino Džemal Emir",  # dž after d in Bosnian
        "Dragan Đorđe Lazar Ljubica Nada Njegoš",  # đ after dž, lj after l, nj after n
        "Драган Ђорђе Лазар Љубица",  # ђ after д, љ after л in Cyrillic
        "alpha Alpha beta Beta",  # lower case first at the third level
        "Åberg Ahl Öberg Zorn",  # Å, Ö with A, O as in the root order, not at the end
        "ЃОРЃИ ЌЕ İ",  # Turkish dotted capital: locale-aware case still works
        "no-decoder",  # proof that the trimmed data was the one loaded
    ]
