"""The marshal copy of a catalog says exactly what its .mo says, and only its own .mo."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest

from hubdesk.i18n import LANGUAGES, catalog_path
from hubdesk.i18n.fast_catalog import fast_path, load, write

TRANSLATED = [code for code in LANGUAGES if code != "en"]


def parsed(mo: Path) -> gettext.GNUTranslations:
    with mo.open("rb") as fh:
        return gettext.GNUTranslations(fh)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_and_plural_form_is_the_mo_files(code: str) -> None:
    mo = catalog_path(code)
    assert fast_path(mo).is_file(), "the build writes the copy beside every catalog"
    slow, fast = parsed(mo), load(mo)
    assert fast._catalog == slow._catalog  # type: ignore[attr-defined]
    for key in slow._catalog:  # type: ignore[attr-defined]
        if isinstance(key, tuple):  # a plural message: every count picks the same form
            msgid = key[0]
            for n in (0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 111, 1001):
                assert fast.ngettext(msgid, msgid, n) == slow.ngettext(msgid, msgid, n)


def test_a_copy_of_another_catalog_or_a_damaged_one_is_not_used(tmp_path: Path) -> None:
    mo = tmp_path / "hubdesk.mo"
    shutil.copy(catalog_path("sq"), mo)
    write(mo)
    shutil.copy(catalog_path("mk"), mo)  # the .mo changed; its copy is the Albanian one
    assert load(mo).gettext("Dashboard") == parsed(catalog_path("mk")).gettext("Dashboard")
    fast_path(mo).write_bytes(b"\x00not marshal")
    assert load(mo).gettext("Dashboard") == parsed(mo).gettext("Dashboard")
    fast_path(mo).unlink()
    assert load(mo).gettext("Dashboard") == parsed(mo).gettext("Dashboard") != "Dashboard"
