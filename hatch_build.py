"""Build hook: compile the catalogs in translations/ into hubdesk/locale/ (not committed).

HubDesk's own messages (gettext .po -> .mo) and its translation of Qt's strings
(translations/qt/*.ts -> qt.qm, see tools/qt_catalog.py). Runs for wheels and editable installs
alike, so a fresh ``pip install`` always has them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
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
    return written + _qt_catalog_module(root).compile_all(root)


def _qt_catalog_module(root: Path) -> ModuleType:
    """tools/qt_catalog.py, loaded by path: the build environment has no HubDesk to import."""
    spec = importlib.util.spec_from_file_location("qt_catalog", root / "tools" / "qt_catalog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        compile_catalogs(Path(self.root))
