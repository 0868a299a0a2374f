"""Peer learning in ``hubdesk stats``: exchanges and good practices.

``exchanges`` counts exchanges, not parts: at the hub the cities' parts as it joins them (an
exchange both sides recorded is one), at a municipality its own parts (one per exchange it took
part in). ``good_practices`` counts a city's own practices (at the hub: those received) and
``published_practices`` the practices in the library.
"""

from __future__ import annotations

from hubdesk.services import exchanges, practices
from hubdesk.services.context import ServiceContext


def peer_counts(ctx: ServiceContext) -> dict[str, int]:
    counted = practices.practice_counts(ctx)
    return {
        "exchanges": exchanges.count_exchanges(ctx),
        "good_practices": counted.own,
        "published_practices": counted.published,
    }
