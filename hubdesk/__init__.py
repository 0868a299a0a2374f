"""HubDesk: offline records and reporting for municipal prevention teams and their regional hub."""

import sys

# Kept equal to pyproject.toml's version (tests/test_version.py checks). A literal, because
# reading package metadata at start-up costs old office PCs a noticeable moment.
__version__ = "0.1.0"


def uses_pyside(module: object) -> bool:
    """Whether a module's source names PySide6, read as bytes and forgotten."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # no source to read (a frozen build, an extension): as PySide decides
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def lighten_pyside_imports() -> None:
    """Make PySide's check of every module imported after it cheap.

    For its ``from __feature__`` support, PySide asks of each newly imported module whether its
    source mentions PySide6, with ``inspect.getsource``: that splits the file into lines and
    keeps them in ``linecache`` for the life of the process. SQLAlchemy, the models and the
    services are imported after PySide (the frame comes first), so run from source that cost
    about 20 MiB that stays and a few hundred milliseconds of the start (measured with
    bench/bench_gui.py). The same question answered from the file's bytes, kept nowhere, gives
    the same answer. If PySide no longer has the check, nothing is changed.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010  (PySide private)


# Also here, the first module of HubDesk any program imports: one that loaded PySide6 before
# HubDesk (a test run, a tool) has its hook lightened before HubDesk's own modules arrive.
lighten_pyside_imports()
