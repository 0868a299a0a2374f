"""HubDesk: offline records and reporting for municipal prevention teams and their regional hub."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hubdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
