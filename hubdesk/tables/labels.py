"""Field names and values as a person reads them: for the history panel and import problems.

The labels are the export's column headers wherever a field is exported, so a field is called
the same in the table, the spreadsheet and the history. Values arrive as the audit trail keeps
them (codes, ISO dates, integer minor units) and leave formatted for the current language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Boolean, Date

from hubdesk.domain.base import CodeList, UTCDateTime
from hubdesk.domain.enums import Labelled, Pillar, ProposalStatus, TeamKind
from hubdesk.domain.fund_money import ReportKind
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date, format_datetime, format_money, format_number
from hubdesk.services.history import model_for
from hubdesk.tables.columns import COLUMNS, Column

# Fields no export shows as a column of their own (ids of related records, texts, amounts).
EXTRA_LABELS: dict[str, str] = {
    "team_id": N_("Team"),
    "meeting_id": N_("Meeting"),
    "member_id": N_("Member"),
    "members": N_("Team members"),  # the members a training names
    "owner_member_id": N_("Owner"),
    "proposal_id": N_("Proposal"),
    "deleted": N_("Deleted"),
    "problem": N_("Problem"),
    "objectives": N_("Objectives"),
    "results": N_("Results"),
    "cofunding_minor": N_("Co-funding"),
    "unit_cost_minor": N_("Unit cost"),
    "spent_minor": N_("Spent"),
    "amount_approved_minor": N_("Amount approved"),
    "conditions": N_("Conditions"),
    "comments": N_("Comments"),
    "decided_on": N_("Decided on"),
    "mandate_ref": N_("Mandate reference"),
    "name_other_script": N_("Name in the other script"),
    "established_on": N_("Established on"),
    "text": N_("Text"),
    "count": N_("Number of guests"),
    "submission": N_("Times submitted"),  # a proposal's or a good practice's count
    # The fund's money flow (decision in euros, tranches, reports due).
    "eur_rate": N_("Euro rate"),
    "amount_approved_eur_minor": N_("Amount approved in euros"),
    "interim_report_due": N_("Interim report due"),
    "final_report_due": N_("Final report due"),
    "planned_on": N_("Planned for"),
    "amount_eur_minor": N_("In euros"),
    "paid_on": N_("Paid on"),
    "paid_minor": N_("Amount paid"),
    "paid_eur_minor": N_("Paid in euros"),
    "submitted_on": N_("Submitted on"),
}
OTHER_ENUMS: dict[tuple[str, str], type[Labelled]] = {
    ("teams", "kind"): TeamKind,
    ("fund_decisions", "outcome"): ProposalStatus,
    ("proposal_status_changes", "from_status"): ProposalStatus,
    ("proposal_status_changes", "to_status"): ProposalStatus,
    ("fund_reports_due", "kind"): ReportKind,
    ("fund_reports", "kind"): ReportKind,
}


def _column(table_name: str, field: str) -> Column | None:
    for column in COLUMNS.get(table_name, ()):
        if field in (column.field, column.key):
            return column
    return None


def field_label(table_name: str, field: str) -> str:
    """What ``field`` of a record in ``table_name`` is called, in the current language."""
    return known_label(table_name, field) or field.replace("_", " ").capitalize()


def known_label(table_name: str, field: str) -> str | None:
    """The translated name of ``field`` (the export's header), or None when it has none."""
    column = _column(table_name, field)
    if column is not None:
        return column.title()
    if field in EXTRA_LABELS:
        return _(EXTRA_LABELS[field])
    return None


def _enum(table_name: str, field: str) -> type[Labelled] | None:
    column = _column(table_name, field)
    if column is not None and column.enum is not None:
        return column.enum
    return OTHER_ENUMS.get((table_name, field))


def _label(enum: type[Labelled], code: Any) -> str:
    try:
        return enum(code).label
    except ValueError:
        return str(code)


def display_value(
    table_name: str,
    field: str,
    value: Any,
    *,
    currency: str | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """``value`` of ``field`` written for a person; "" for no value.

    Amounts in minor units need the record's ``currency`` to be shown as money; ids of
    related records are shown by name when ``names`` (``history.related_names``) has them.
    """
    if value is None or value == "" or value == []:
        return ""
    if names and isinstance(value, str) and field.endswith("_id") and value in names:
        return names[value]
    enum = _enum(table_name, field)
    if enum is not None:
        codes = value if isinstance(value, list) else [value]
        return "; ".join(_label(enum, code) for code in codes)
    try:
        column_type = model_for(table_name).__table__.columns[field].type  # type: ignore[attr-defined]
    except (LookupError, KeyError):
        column_type = None
    if isinstance(column_type, CodeList):
        return "; ".join(_label(Pillar, code) for code in value)
    if isinstance(column_type, Boolean) or isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(column_type, UTCDateTime) and isinstance(value, str):
        return format_datetime(dt.datetime.fromisoformat(value), time_fmt="short")
    if isinstance(column_type, Date) and isinstance(value, str):
        return format_date(dt.date.fromisoformat(value))
    if field.endswith("_eur_minor") and isinstance(value, int):
        return format_money(value, "EUR")  # the euro side of the fund's money, whatever the record
    if field.endswith("_minor") and isinstance(value, int) and currency:
        return format_money(value, currency)
    if isinstance(value, int):
        return format_number(value)
    return str(value)
