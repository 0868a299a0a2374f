"""Where the dashboard's kept figures are, and the one thing every start reads from them
before its frame: their language.

Kept apart from ``dashboard_cache``, whose figures' classes (dataclasses made when the module
is imported) are needed only once the frame is on screen: a command's first words and the
window's frame come sooner without them.
"""

from __future__ import annotations

import json
from pathlib import Path

FILENAME = "dashboard.json"


def cache_path(data_dir: Path) -> Path:
    return data_dir / FILENAME


def kept_language(data_dir: Path) -> str | None:
    """The language the figures were kept in (the installation's, when a command kept them),
    or None: for a window's first start here, which has no language of its own yet."""
    try:
        language = json.loads(cache_path(data_dir).read_text(encoding="utf-8"))["language"]
    except Exception:
        return None
    return language if isinstance(language, str) else None
