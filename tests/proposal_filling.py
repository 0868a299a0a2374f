"""Fill the sections a proposal needs before it can be submitted (issue 13), for tests whose
subject is something else: the workflow, sync, reports, the window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hubdesk.services import fund, proposal_sections
from hubdesk.services.context import ServiceContext

SECTIONS: dict[str, str] = {
    "need": "Young people have nowhere to meet across communities.",
    "beneficiaries": "About 80 young people aged 15 to 24.",
    "sustainability": "The youth centre keeps the programme in its budget.",
    "dnh_risks": "Peer pressure and online insults.",
    "dnh_sensitive_groups": "Minors; parents sign a consent form.",
    "dnh_stigma": "Open to all; no talk of 'at-risk' youth; no police in workshops.",
    "dnh_data_protection": "Counts only; sign-in sheets are destroyed after the report.",
    "dnh_mitigation": "A trained companion at every activity.",
}
ACTIVITY: dict[str, Any] = {"title": "Workshops", "starts_on": dt.date(2026, 3, 1)}
INDICATOR: dict[str, Any] = {"name": "Young people taking part", "target": 80}


def fill_sections(ctx: ServiceContext, proposal_id: str, **extra: str) -> None:
    """Every required section of the proposal filled (partners' roles too, where it names
    partners), with one workplan activity and one indicator."""
    proposal = fund.get_proposal(ctx, proposal_id)
    texts = {**SECTIONS, **extra}
    if proposal.partners.strip():
        texts.setdefault("partner_roles", "The youth council runs the workshops.")
    fund.update_proposal(ctx, proposal_id, texts)
    proposal_sections.add_activity(ctx, proposal_id, ACTIVITY)
    proposal_sections.add_indicator(ctx, proposal_id, INDICATOR)
