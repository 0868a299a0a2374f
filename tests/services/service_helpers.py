"""Helpers shared by the service tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hubdesk.services.errors import ValidationError


def refused(field: str, call: Callable[..., object], *args: Any) -> ValidationError:
    """Check ``call(*args)`` is refused on ``field``, saying which case failed if not."""
    try:
        call(*args)
    except ValidationError as error:
        assert field in error.by_field(), (args, error.by_field())
        assert error.message
        return error
    pytest.fail(f"accepted: {args!r}")
