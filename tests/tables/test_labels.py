"""Fields and values as the history panel shows them, in the current language."""

from __future__ import annotations

import pytest

from hubdesk import i18n
from hubdesk.services import history
from hubdesk.services.context import ServiceContext
from hubdesk.tables.labels import display_value, field_label


def test_fields_are_called_as_in_the_export() -> None:
    assert field_label("members", "joined_on") == "Joined on"
    assert field_label("members", "team_id") == "Team"
    assert field_label("fund_proposals", "cofunding_minor") == "Co-funding"
    assert field_label("teams", "mandate_ref") == "Mandate reference"
    assert field_label("members", "some_new_field") == "Some new field"


@pytest.mark.usefixtures("catalogs")
def test_labels_follow_the_language() -> None:
    with i18n.language("mk"):
        assert field_label("members", "name") == "Име и презиме"
        assert display_value("members", "sector", "education") == "Образование"
        assert display_value("meetings", "minutes_internal", True) == "Да"


def test_values_are_formatted(ctx: ServiceContext, cat: str) -> None:
    assert display_value("members", "sector", "education") == "Education"
    assert display_value("members", "gender", "unknown-code") == "unknown-code"
    assert display_value("members", "joined_on", "2023-05-01") == "1 May 2023"
    assert display_value("meetings", "pillars", ["cooperation", "city_voices"]) == (
        "National-local, local-local and multi-actor cooperation; Elevating city voices"
    )
    assert display_value("teams", "kind", "cat") == "Community Action Team"
    assert display_value("budget_lines", "unit_cost_minor", 150050, currency="MKD") == (
        "MKD\u00a01,500.50"
    )
    assert display_value("youth_activities", "participants_total", 1200) == "1,200"
    assert display_value("members", "notes", "") == "" and display_value("x", "y", None) == ""
    names = history.related_names(ctx)
    assert display_value("members", "team_id", cat, names=names) == "CAT Kumanovo"
    assert display_value("members", "team_id", "gone", names=names) == "gone"


def test_the_fund_money_reads_in_euros_whatever_the_currency() -> None:
    assert field_label("fund_tranches", "paid_eur_minor") == "Paid in euros"
    assert display_value("fund_tranches", "paid_eur_minor", 976, currency="MKD") == "€9.76"
    assert display_value("fund_tranches", "paid_minor", 60_000, currency="MKD") != "€600.00"
    assert display_value("fund_reports_due", "kind", "final") == "Final report"
