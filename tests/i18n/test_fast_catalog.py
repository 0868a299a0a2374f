"""The marshal copy of a catalog says exactly what its .mo says, and only its own .mo."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path
from typing import Any

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


def test_the_copy_alone_is_the_catalog_as_the_installers_ship_it(tmp_path: Path) -> None:
    mo = tmp_path / "hubdesk.mo"
    shutil.copy(catalog_path("mk"), mo)
    write(mo)
    mo.unlink()
    alone = load(mo)
    assert alone._catalog == parsed(catalog_path("mk"))._catalog  # type: ignore[attr-defined]
    slow = parsed(catalog_path("mk"))
    assert [alone.plural(n) for n in range(30)] == [slow.plural(n) for n in range(30)]  # type: ignore[attr-defined]
    fast_path(mo).write_bytes(b"\x00not marshal")  # damaged, and no .mo to fall back on
    assert type(load(mo)) is gettext.NullTranslations


def test_a_compressed_copy_is_the_same_catalog_and_a_damaged_one_is_not_used(
    tmp_path: Path,
) -> None:
    """The installers ship each copy compressed with zlib, and no .mo beside it."""
    import zlib

    mo = tmp_path / "hubdesk.mo"
    shutil.copy(catalog_path("mk"), mo)
    copy = write(mo)
    copy.write_bytes(zlib.compress(copy.read_bytes(), 9))
    slow = parsed(catalog_path("mk"))
    assert load(mo)._catalog == slow._catalog  # type: ignore[attr-defined]  # beside its .mo
    mo.unlink()
    alone = load(mo)
    assert alone._catalog == slow._catalog  # type: ignore[attr-defined]
    assert [alone.plural(n) for n in range(30)] == [slow.plural(n) for n in range(30)]  # type: ignore[attr-defined]
    copy.write_bytes(copy.read_bytes()[:-100])  # cut short
    assert type(load(mo)) is gettext.NullTranslations


def test_a_language_whose_catalog_is_only_the_copy_is_available_and_translated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hubdesk.i18n as i18n

    folder = tmp_path / "mk" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(catalog_path("mk"), folder / "hubdesk.mo")
    write(folder / "hubdesk.mo")
    (folder / "hubdesk.mo").unlink()
    expected = parsed(catalog_path("mk")).gettext("Dashboard")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        assert i18n.catalog_available("mk") and not i18n.catalog_available("sq")
        shown = i18n.translations("mk").gettext("Dashboard")
        assert shown == expected != "Dashboard"
    finally:
        i18n.translations.cache_clear()


def test_a_build_never_leaves_a_catalog_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wheel test builds the checkout, which rewrote every catalog in place: a test
    reading Albanian at that moment read a few bytes and failed ("unpack requires a buffer")."""
    import importlib.util

    import babel.messages.mofile

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("hatch_build_copy", root / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    (tmp_path / "translations").mkdir()
    shutil.copy(root / "translations" / "sq.po", tmp_path / "translations" / "sq.po")
    target = tmp_path / "hubdesk" / "locale" / "sq" / "LC_MESSAGES" / "hubdesk.mo"
    target.parent.mkdir(parents=True)
    shutil.copy(catalog_path("sq"), target)
    before = target.read_bytes()

    def cut_short(fh: Any, *_args: Any, **_kwargs: Any) -> None:
        fh.write(before[:7])  # a few bytes written, then the build stops
        raise OSError("disk full")

    monkeypatch.setattr(babel.messages.mofile, "write_mo", cut_short)
    with pytest.raises(OSError):
        build.compile_catalogs(tmp_path)
    assert target.read_bytes() == before
