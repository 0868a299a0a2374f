"""The sidebar's pages: their keys, titles and icons, which the frame draws at once, and how
each page is made on its first visit (its module imported only then)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtWidgets import QWidget

from hubdesk.i18n import N_, pN_
from hubdesk.ui.page import Page, PageFactory

if TYPE_CHECKING:
    from hubdesk.services.context import ServiceContext

__all__ = ["PAGES", "PAGE_KEYS", "PageSpec"]


# Each loader imports its page module on the first visit (the frame needs none of them) and is
# type-checked to return a PageFactory: a page class that lacks a Page method fails mypy here.


def _dashboard() -> PageFactory:
    from hubdesk.ui.pages.dashboard import DashboardPage

    return DashboardPage


def _team() -> PageFactory:
    from hubdesk.ui.pages.team import TeamPage

    return TeamPage


def _meetings() -> PageFactory:
    from hubdesk.ui.pages.meetings import MeetingsPage

    return MeetingsPage


def _youth() -> PageFactory:
    from hubdesk.ui.pages.youth import YouthPage

    return YouthPage


def _trainings() -> PageFactory:
    from hubdesk.ui.pages.trainings import TrainingsPage

    return TrainingsPage


def _community() -> PageFactory:
    from hubdesk.ui.pages.community import CommunityPage

    return CommunityPage


def _fund() -> PageFactory:
    from hubdesk.ui.pages.fund import FundPage

    return FundPage


def _periods() -> PageFactory:
    from hubdesk.ui.pages.periods import PeriodsPage

    return PeriodsPage


def _calls() -> PageFactory:
    from hubdesk.ui.pages.calls import CallsPage

    return CallsPage


def _exchanges() -> PageFactory:
    from hubdesk.ui.pages.exchanges import ExchangesPage

    return ExchangesPage


def _practices() -> PageFactory:
    from hubdesk.ui.pages.practices import PracticesPage

    return PracticesPage


def _engagements() -> PageFactory:
    from hubdesk.ui.pages.engagements import EngagementsPage

    return EngagementsPage


def _helpdesk() -> PageFactory:
    from hubdesk.ui.pages.helpdesk import HelpdeskPage

    return HelpdeskPage


def _sync() -> PageFactory:
    from hubdesk.ui.pages.sync import SyncPage

    return SyncPage


def _needs() -> PageFactory:
    from hubdesk.ui.pages.needs import NeedsPage

    return NeedsPage


def _reports() -> PageFactory:
    from hubdesk.ui.pages.reports import ReportsPage

    return ReportsPage


def _settings() -> PageFactory:
    from hubdesk.ui.pages.settings import SettingsPage

    return SettingsPage


class PageSpec(NamedTuple):
    """A sidebar entry: what the frame draws at once, and how to make the page later."""

    key: str
    title: str  # msgid
    icon: str
    load: Callable[[], PageFactory]

    def build(self, ctx: ServiceContext, parent: QWidget) -> Page:
        page = self.load()(ctx, parent)
        assert isinstance(page, Page) and isinstance(page, QWidget), self.key
        return page


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", N_("Dashboard"), "dashboard", _dashboard),
    PageSpec("team", N_("Team"), "team", _team),
    PageSpec("meetings", N_("Meetings"), "meetings", _meetings),
    PageSpec("youth", N_("Youth"), "youth", _youth),
    PageSpec("trainings", N_("Trainings"), "trainings", _trainings),
    PageSpec("community", N_("Community"), "community", _community),
    PageSpec("fund", N_("Fund"), "fund", _fund),
    PageSpec("periods", N_("Quarters"), "periods", _periods),
    PageSpec("calls", N_("Calls"), "calls", _calls),
    PageSpec("exchanges", N_("Exchanges"), "exchanges", _exchanges),
    PageSpec("practices", N_("Practices"), "practices", _practices),
    # The sidebar's short names; the pages' titles say "Engagements", "Help Desk" in full.
    PageSpec("engagements", pN_("sidebar", "Contacts"), "engagements", _engagements),
    PageSpec("helpdesk", pN_("sidebar", "Help Desk"), "helpdesk", _helpdesk),
    PageSpec("needs", N_("Needs"), "needs", _needs),
    PageSpec("sync", N_("Sync"), "sync", _sync),
    PageSpec("reports", N_("Reports"), "reports", _reports),
    PageSpec("settings", N_("Settings"), "settings", _settings),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)
