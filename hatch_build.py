"""Build hook: compile the catalogs in translations/ into hubdesk/locale/ (not committed), and put
the top-level resources/ folder into the wheel as hubdesk/resources.

HubDesk's own messages (gettext .po -> .mo) and its translation of Qt's strings
(translations/qt/*.ts -> qt.qm, see tools/qt_catalog.py) are compiled for wheels and editable
installs alike, so a fresh ``pip install`` always has them. The resources are copied into standard
wheels only: an editable install reads the top-level folder where it is (``hubdesk.datafiles``),
and copying it would leave a stray ``hubdesk`` folder in site-packages beside the checkout's
package.
"""

from __future__ import annotations

import importlib.util
import os
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
        # Written beside and renamed over: a build of the checkout (the wheel test, an install)
        # rewrote each catalog in place while a running HubDesk or a test read it half-written.
        partial = target.with_name(target.name + ".partial")
        with partial.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        os.replace(partial, target)
        written.append(target)
        written.append(_module(root, "fast_catalog", "hubdesk/i18n/fast_catalog.py").write(target))
    return written + _module(root, "qt_catalog", "tools/qt_catalog.py").compile_all(root)


def _module(root: Path, name: str, path: str) -> ModuleType:
    """A module of the source tree that needs only the standard library, loaded by path: the
    build environment has no HubDesk to import."""
    spec = importlib.util.spec_from_file_location(name, root / path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        compile_catalogs(Path(self.root))
        if self.target_name == "wheel" and version == "standard":
            build_data["force_include"].update(resource_files(Path(self.root)))


def resource_files(root: Path) -> dict[str, str]:
    """Each file of resources/ and where it goes in the wheel (hubdesk/resources/...)."""
    source = root / "resources"
    return {
        str(path): f"hubdesk/resources/{path.relative_to(source).as_posix()}"
        for path in sorted(source.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
