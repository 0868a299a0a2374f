"""Which sections a proposal must have before it goes to the hub, and the one message naming
the empty ones.

Required, because the hub cannot review a proposal without them:

- **the need it answers**: the call funds answers to a city's needs; without the need the
  reviewer cannot judge relevance, the first criterion of every round;
- **the workplan** (at least one activity): what is done when, and by whom;
- **at least one indicator**: with a baseline and a target, so the implementation report has
  something to be measured against;
- **beneficiaries** and **sustainability**: who gains, and what remains after the grant;
- **partners' roles**, but only when the proposal names partners: a proposal carried by the
  municipality alone has no roles to describe;
- **every question of the Do No Harm screening** (risks, sensitive groups, stigma and
  securitisation, data protection, mitigation): the hub funds nothing that has not been
  screened, and "no risk identified" is an answer a person writes, while an empty field is not.

Not required: the English summary (staff may not write English; the print says so by leaving
the English line out), objectives and target groups (they predate the sections and older
proposals may carry their substance in the summary).

The check runs only at the transition to "submitted", so proposals submitted before these
sections existed stay valid data and go on through review, decision and implementation as they
are; one the hub sends back for changes fills the sections before it is submitted again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.domain import FundProposal, ProposalActivity, ProposalIndicator
from hubdesk.i18n import N_, _

# The proposal's own texts a reviewer needs, with the name a person reads (in form order).
REQUIRED_TEXTS: tuple[tuple[str, str], ...] = (
    ("need", N_("Need addressed")),
    ("beneficiaries", N_("Beneficiaries")),
    ("sustainability", N_("Sustainability")),
    ("partner_roles", N_("Partners' roles")),
    ("dnh_risks", N_("Risks to participants and communities")),
    ("dnh_sensitive_groups", N_("Sensitive groups involved")),
    ("dnh_stigma", N_("How stigma and securitisation are avoided")),
    ("dnh_data_protection", N_("Data protection")),
    ("dnh_mitigation", N_("Mitigation")),
)
# Every text the sections add to a proposal (the English summary too), in form order.
SECTION_TEXTS: tuple[str, ...] = (*(name for name, _msgid in REQUIRED_TEXTS), "summary_en")
WORKPLAN = N_("Workplan")
INDICATORS = N_("Indicators")
MISSING = N_("Before submitting, fill in these sections: {sections}.")


@dataclass(frozen=True)
class SectionNames:
    """Section names kept untranslated and joined in whatever language reads the message (a
    ``FieldError`` is translated when read, and so are its parameters through this)."""

    msgids: tuple[str, ...]

    def __format__(self, spec: str) -> str:
        return ", ".join(_(msgid) for msgid in self.msgids)

    def __str__(self) -> str:
        return format(self)


def _count(
    session: Session, model: type[ProposalActivity | ProposalIndicator], proposal_id: str
) -> int:
    query = (
        select(func.count())
        .select_from(model)
        .where(model.proposal_id == proposal_id, ~model.deleted)
    )
    return int(session.scalar(query) or 0)


def missing_sections(session: Session, proposal: FundProposal) -> list[str]:
    """The names (msgids) of the required sections the proposal leaves empty, in form order."""
    missing: list[str] = []
    for field, msgid in REQUIRED_TEXTS[:1]:
        if not (getattr(proposal, field) or "").strip():
            missing.append(msgid)
    if not _count(session, ProposalActivity, proposal.id):
        missing.append(WORKPLAN)
    if not _count(session, ProposalIndicator, proposal.id):
        missing.append(INDICATORS)
    for field, msgid in REQUIRED_TEXTS[1:]:
        if field == "partner_roles" and not (proposal.partners or "").strip():
            continue
        if not (getattr(proposal, field) or "").strip():
            missing.append(msgid)
    return missing
