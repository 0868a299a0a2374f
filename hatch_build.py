"""Build hook: compile the gettext catalogs in translations/ into hubdesk/locale/ (not committed).

Runs for wheels and editable installs alike, so a fresh ``pip install`` always has them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogs(root: Path) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted((root / "translations").glob("*.po")):
        lang = po_path.stem
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=None, domain="hubdesk")
        target = root / "hubdesk" / "locale" / lang / "LC_MESSAGES" / "hubdesk.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(target)
    return written


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        compile_catalogs(Path(self.root))
