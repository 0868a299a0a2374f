"""What the demo hub has published before any demo municipality's bundle reaches it.

A demo municipality holds the hub's published records as if it had received them (the open
call its proposals answer, the needs questionnaire its assessments answer); its records link
to them, and published records never travel back to the hub. So every hub that imports a demo
municipality (the hub demo, the self-test's peer, the benches) publishes them first, here.
"""

from __future__ import annotations

import datetime as dt

from hubdesk.services.context import ServiceContext
from hubdesk.services.demo_calls import publish_on_hub
from hubdesk.services.demo_needs import publish_needs_on_hub


def publish_demo_hub(ctx: ServiceContext, today: dt.date | None = None) -> None:
    publish_on_hub(ctx, today)  # before the proposals that answer its call arrive
    publish_needs_on_hub(ctx, today)  # before the assessments that answer its questionnaire
