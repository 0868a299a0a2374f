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
    "coll/pool.res", "brkitr/cjdict.dict", "brkitr/line.brk", "translit/Latin_Cyrillic.res",
    "rbnf/mk.res", "curr/mk.res", "lang/sq.res", "region/hr.res", "unit/sr_Latn.res",
    "zone/bs.res", "root.res", "pool.res", "res_index.res", "en.res", "en_GB.res", "sq.res",
    "sq_XK.res", "sr_Latn_ME.res", "mk.res", "ja.res", "de_AT.res", "fil.res",
    "supplementalData.res", "likelySubtags.res", "metadata.res", "zoneinfo64.res", "uprops.icu",
    "unames.icu", "nfkc.nrm", "uts46.nrm", "cnvalias.icu", "ibm-5347_P100-1998.cnv", "gb18030.cnv",
]  # fmt: skip


def test_collation_core_data_and_the_regions_locales_stay() -> None:
    removed = set(T.items_to_remove(ITEMS))
    kept = set(ITEMS) - removed
    assert {i for i in ITEMS if i.startswith("coll/")} <= kept  # every language sorts
    assert {
        "root.res",
        "pool.res",
        "res_index.res",
        "en.res",
        "sq_XK.res",
        "sr_Latn_ME.res",
    } <= kept
    assert {"supplementalData.res", "likelySubtags.res", "metadata.res", "zoneinfo64.res"} <= kept
    assert {"uprops.icu", "unames.icu", "nfkc.nrm", "uts46.nrm", "cnvalias.icu"} <= kept


def test_names_rules_dictionaries_and_converters_go() -> None:
    removed = set(T.items_to_remove(ITEMS))
    for tree in ("brkitr/", "translit/", "rbnf/", "curr/", "lang/", "region/", "unit/", "zone/"):
        assert {i for i in ITEMS if i.startswith(tree)} <= removed, tree
    assert {"ja.res", "de_AT.res", "fil.res"} <= removed
    assert {"ibm-5347_P100-1998.cnv", "gb18030.cnv"} <= removed


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
        "ЃОРЃИ ЌЕ İ",  # Turkish dotted capital: locale-aware case still works
        "no-decoder",  # proof that the trimmed data was the one loaded
    ]
