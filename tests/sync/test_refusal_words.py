"""A refused file is named in the reader's language: "The profile" was left in English inside
an Albanian or Serbian sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from hubdesk.i18n import language
from hubdesk.sync.errors import SyncError
from hubdesk.sync.profile import read_profile


@pytest.mark.parametrize(
    ("lang", "word"), [("sq", "Profili"), ("sr_Cyrl", "Профил"), ("mk", "Профилот")]
)
def test_a_profile_that_is_not_text_is_refused_in_one_language(
    tmp_path: Path, lang: str, word: str
) -> None:
    path = tmp_path / "profile.json"
    path.write_bytes(b'{"x": "\xff\xfe"}')
    with pytest.raises(SyncError) as caught:
        read_profile(path)
    with language(lang):
        message = caught.value.message
    assert message.startswith(word), message
    assert "profile" not in message.lower()
