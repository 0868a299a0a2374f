"""Build hook: compile the gettext catalogs in translations/ into hubdesk/locale/ (not committed),
and put the top-level resources/ folder into the wheel as hubdesk/resources.

The catalogs are compiled for wheels and editable installs alike, so a fresh ``pip install``
always has them. The resources are copied into standard wheels only: an editable install reads
the top-level folder where it is (``hubdesk.datafiles``), and copying it would leave a stray
``hubdesk`` folder in site-packages beside the checkout's package.
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


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
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
