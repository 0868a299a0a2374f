"""The rule books of an engagement, a help desk request and a message on one.

Who may write which (the hub its answers, the city its question and follow-ups) is judged by
the services and by sync's scope, not here; what is in each record is judged here, the same way
for a form, the command line and a bundle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hubdesk.domain.enums import Pillar, Role, Theme
from hubdesk.domain.helpdesk import (
    Engagement,
    EngagementKind,
    EngagementLevel,
    HelpdeskMessage,
    HelpdeskRequest,
    HelpdeskTopic,
    Urgency,
)
from hubdesk.i18n import N_
from hubdesk.services.rules.base import (
    COMMENT_MAX,
    Problem,
    Rule,
    apply,
    choice,
    codes,
    from_schema,
    order,
    required,
    text,
)

ENGAGEMENT: tuple[Rule, ...] = (
    *from_schema(Engagement),
    required("counterpart"),
    required("engaged_on"),
    choice("level", EngagementLevel),
    choice("kind", EngagementKind),
    codes("pillars", Pillar),
    codes("themes", Theme),
    # a follow-up comes after the engagement it follows up
    order("engaged_on", "follow_up_on", N_("The follow-up cannot be before the engagement.")),
)

REQUEST: tuple[Rule, ...] = (
    *(rule for rule in from_schema(HelpdeskRequest) if rule.fields != ("question",)),
    required("subject"),
    required("question"),
    required("asked_on"),
    text("question", COMMENT_MAX, multiline=True),
    choice("topic", HelpdeskTopic),
    choice("urgency", Urgency),
    # a closing day moved before the question (or far ahead, which ``sync/dated.py`` refuses)
    # would misstate how long the city waited
    order("asked_on", "closed_on", N_("A request cannot be closed before the day it was asked.")),
)

MESSAGE: tuple[Rule, ...] = (
    *(rule for rule in from_schema(HelpdeskMessage) if rule.fields != ("body",)),
    required("body"),
    text("body", COMMENT_MAX, multiline=True),
    choice("author_role", Role),
)


def check_engagement(
    values: Mapping[str, Any], changed: Iterable[str] | None = None
) -> list[Problem]:
    return apply(ENGAGEMENT, values, changed)


def check_request(values: Mapping[str, Any], changed: Iterable[str] | None = None) -> list[Problem]:
    return apply(REQUEST, values, changed)


def check_message(values: Mapping[str, Any]) -> list[Problem]:
    return apply(MESSAGE, values)
