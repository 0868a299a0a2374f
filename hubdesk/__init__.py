"""HubDesk: offline records and reporting for municipal prevention teams and their regional hub."""

# Kept equal to pyproject.toml's version (tests/test_version.py checks). A literal, because
# reading package metadata at start-up costs old office PCs a noticeable moment.
__version__ = "0.1.0"
