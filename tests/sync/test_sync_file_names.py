"""Bundle files with names no text may hold: a name written in another encoding on a USB stick
(Python reads it back with lone surrogates) or with a control character. The bundle goes in
and out all the same, and the history keeps a name a database stores and a person reads."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Network

from hubdesk.services.context import ServiceContext
from hubdesk.services.file_names import storable
from hubdesk.sync import overview
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="a name in another encoding is a byte string on Linux"
)


def _odd(folder: Path, name: bytes) -> Path:
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + name))


def test_a_bundle_whose_name_is_no_text_goes_in_and_out(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    """The import stopped with a UnicodeEncodeError traceback writing the name to its log
    (the export, after the file was written)."""
    sent = _odd(net.root, b"kumanovo-\xe8a\xe8ak.hubdesk")  # "čačak" in Windows-1250
    export_bundle(muni, hub.installation_id, sent)
    import_bundle(hub, sent)
    assert sent.name == "kumanovo-\udce8a\udce8ak.hubdesk"
    shown = "kumanovo-?a?ak.hubdesk"
    assert [r.file_name for r in overview.history(muni)] == [shown]
    assert [r.file_name for r in overview.history(hub)] == [shown]
    answer = _odd(net.root, b"hub\x1b[2J.hubdesk")  # would clear a terminal listing it
    export_bundle(hub, muni.installation_id, answer)
    import_bundle(muni, answer)
    assert overview.history(muni)[0].file_name == "hub?[2J.hubdesk"


def test_a_storable_name_is_cut_at_its_column() -> None:
    assert storable("a" * 300) == "a" * 260
    assert storable("Zapisnik – mart.hubdesk") == "Zapisnik – mart.hubdesk"
