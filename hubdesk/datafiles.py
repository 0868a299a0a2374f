"""Where the program's data files (icons, fonts with their licences, the style sheet) are.

They live in the project's top-level ``resources/`` folder. A wheel and the frozen build carry
them inside the package as ``hubdesk/resources``; a source checkout and an editable install read
the top-level folder. The package folder is looked at first, so an installed copy never reads a
checkout that happens to lie next to it.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGED = PACKAGE_DIR / "resources"
TOP_LEVEL = PACKAGE_DIR.parent / "resources"
# A file every copy of the resources has, so an empty leftover folder is not taken for them.
MARKER = "style.qss"


def resources_dir() -> Path:
    """The resources folder of this copy of HubDesk (the packaged one when there is one)."""
    if (PACKAGED / MARKER).is_file():
        return PACKAGED
    return TOP_LEVEL


RESOURCES = resources_dir()
FONTS = RESOURCES / "fonts"
ICONS = RESOURCES / "icons"
STYLE_SHEET = RESOURCES / MARKER
