"""A file that is not JSON is said to be so in the person's language, with where it breaks."""

from __future__ import annotations

import pytest

from hubdesk import i18n
from hubdesk.sync import strictjson
from hubdesk.sync.errors import SyncError


@pytest.mark.parametrize(("lang", "words"), [("en", "at line 2, column 3"), ("mk", "2")])
def test_broken_json_is_told_where_without_pythons_words(lang: str, words: str) -> None:
    """A Macedonian profile read: "Профилот не е исправен JSON: Expecting value: line 1
    column 1 (char 0)"."""
    with i18n.language(lang), pytest.raises(SyncError) as refused:
        strictjson.loads(b'{"a": 1,\n  x}', "The profile")
    said = refused.value.message
    assert refused.value.reason == "bad_json" and words in said
    assert "Expecting" not in said and "char" not in said
