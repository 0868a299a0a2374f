"""The rule book of a comment in a proposal's thread. Who may write it (the hub's own comments,
the municipality's, on which proposal) is judged by the service and by sync's scope, not here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hubdesk.domain import ProposalComment
from hubdesk.domain.enums import Role
from hubdesk.services.rules.base import (
    COMMENT_MAX,
    Problem,
    Rule,
    apply,
    choice,
    from_schema,
    required,
    text,
)

COMMENT: tuple[Rule, ...] = (
    *(rule for rule in from_schema(ProposalComment) if rule.fields != ("body",)),
    required("body"),
    text("body", COMMENT_MAX, multiline=True),
    choice("author_role", Role),
)


def check_comment(values: Mapping[str, Any]) -> list[Problem]:
    return apply(COMMENT, values)
