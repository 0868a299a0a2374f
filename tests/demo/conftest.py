"""One demo database per test module (building it is the slow part)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from demo_support import Demo, make_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    built = make_demo(tmp_path_factory.mktemp("demo"))
    yield built
    built.db.close()
