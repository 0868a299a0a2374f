"""Fixtures: a municipality, its hub and its field laptop, each in its own data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Network, seed

from hubdesk.services.context import ServiceContext


@pytest.fixture
def net(tmp_path: Path) -> Iterator[Network]:
    network = Network(tmp_path / "net")
    network.root.mkdir()
    yield network
    network.close()


@pytest.fixture
def muni(net: Network, ctx: ServiceContext) -> ServiceContext:
    """Kumanovo (the shared ``ctx`` fixture) with sync keys."""
    return net.install("Kumanovo", "municipality", ctx=ctx)


@pytest.fixture
def hub(net: Network, hub_ctx: ServiceContext, muni: ServiceContext) -> ServiceContext:
    """The regional hub, enrolled with Kumanovo both ways."""
    hub = net.install("Hub", "hub", ctx=hub_ctx)
    net.introduce(muni, hub)
    return hub


@pytest.fixture
def field(net: Network, muni: ServiceContext) -> ServiceContext:
    """Kumanovo's field laptop, set up on its own, then enrolled with Kumanovo both ways."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    return laptop


@pytest.fixture
def seeded(muni: ServiceContext) -> dict[str, Any]:
    return seed(muni)
