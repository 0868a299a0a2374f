"""The dashboard: the team's year at a glance. Every tile and bar opens the list behind it.

The figures are read on a worker thread (``dashboard_summary.summary``, a handful of aggregate
queries), never on the GUI thread: the page is drawn at once with "…" in its tiles and a line
saying the figures are being read, and fills itself when they arrive; the window answers input
meanwhile. Shown again, or told that records changed, it reads again the same way (the old
figures stay until the new ones are in). A reading that fails or is stopped says so in that
line, in words, and F5 (or showing the page again) tries again.

Extra tiles (open calls, reports due...) are service functions listed in
``hubdesk.services.dashboard_summary.EXTRA_TILES``; this page draws whatever they return in a
second row of tiles, with no change here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hubdesk import clock
from hubdesk.domain.enums import APPROVED_ANY, Role
from hubdesk.i18n import N_, _
from hubdesk.services import dashboard_cache
from hubdesk.services.dashboard_figures import (
    ActionItemCounts,
    FundByStatus,
    Kpis,
    MonthOfMeetings,
    QuarterOfYouth,
    Summary,
    SummaryStopped,
    TileFigure,
)
from hubdesk.services.dashboard_texts import FigureTexts, tile_values
from hubdesk.ui.charts import chart_view
from hubdesk.ui.focus_order import tab_in_order
from hubdesk.ui.pages.dashboard_charts import CHARTS, youth_chart
from hubdesk.ui.pages.dashboard_parts import Tile
from hubdesk.ui.start_guide import StartGuide
from hubdesk.ui.workers import Job, Progress, start_job

if TYPE_CHECKING:  # the page can draw remembered figures before the database layer is loaded
    from hubdesk.services.context import ServiceContext

Reading = tuple[Summary, FigureTexts]  # what a worker hands the page: figures, their texts
EXTRA_TILES_PER_ROW = 6
REREAD_AFTER_MS = 1500  # a hidden dashboard waits this long after the last change to read
A_YEAR_BEFORE = object()  # in a tile's criteria: the day a year before the figures' day
THE_DAY = object()  # and the figures' day itself (activities planned after it are not counted)
NEW_DAY_AFTER_MS = 5000  # how long after midnight a window left open reads the new day's
AHEAD_AFTER_MS = 5000  # the data quiet this long after a reading, the next days' are read too

# Youth chart split: (code, msgid)
YOUTH_SPLITS: tuple[tuple[str, str], ...] = (
    ("gender", N_("by gender")),
    ("age", N_("by age band")),
)


def ms_to_midnight() -> int:
    """Milliseconds until a moment past the region's next midnight."""
    now = clock.now_wall()
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time())
    return int((midnight - now).total_seconds() * 1000) + NEW_DAY_AFTER_MS


def same_figures(shown: Summary, new: Summary) -> bool:
    """Whether ``new`` would draw exactly what is on screen (captions as they read now)."""
    return dashboard_cache.plain(shown) == dashboard_cache.plain(new)


def stopped_text() -> str:
    return _("Reading the figures was stopped. Press F5 to read them again.")


class DashboardPage(QWidget):
    help_topic: ClassVar[str] = "dashboard"
    open_list = Signal(str, dict)  # page key, filter criteria
    open_page = Signal(str)  # page key (the first steps of an empty installation)
    loaded = Signal()  # a reading ended: the figures are shown, or the notice says why not

    def __init__(
        self,
        ctx: ServiceContext | None,
        parent: QWidget | None = None,
        *,
        remembered: dashboard_cache.Kept | None = None,
    ) -> None:
        """The page of ``ctx``; or, before the data is open, the figures ``remembered`` from
        the last reading (``dashboard_cache``) for an installation of that role, drawn at once
        (``attach`` gives the context later, and the window then reads them again)."""
        super().__init__(parent)
        self.ctx = ctx
        self.summary: Summary | None = None
        self.reread = QTimer(self)  # a hidden page reads again after a run of changes
        self.reread.setSingleShot(True)
        self.reread.setInterval(REREAD_AFTER_MS)
        self.reread.timeout.connect(self.refresh)
        self.job: Job[Reading] | None = None
        self.ahead = QTimer(self)  # then the next days' figures, for their first starts
        self.ahead.setSingleShot(True)
        self.ahead.setInterval(AHEAD_AFTER_MS)
        self.ahead.timeout.connect(self._read_ahead)
        self.ahead_job: Job[None] | None = None
        self.midnight = QTimer(self)  # a window left open overnight reads the new day's
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self._new_day)
        self.texts = FigureTexts(remembered.texts if remembered else None)
        self.problem: Callable[[], str] | None = None  # why the last reading gave no figures
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.notice = QLabel(self)
        self.notice.setObjectName("dashboardNotice")
        self.notice.setWordWrap(True)
        self.tiles: dict[str, Tile] = {}
        self.extra_tiles: dict[str, Tile] = {}
        tiles = QGridLayout()
        self.tile_grid = tiles
        targets: dict[str, tuple[str, dict[str, Any]]] = {
            "members": ("team", {"active": True}),
            "meetings": ("meetings", {"date_from": A_YEAR_BEFORE}),
            "attendance": ("meetings", {"date_from": A_YEAR_BEFORE}),
            "overdue": ("meetings", {"view": "overdue"}),
            "youth": ("youth", {"date_from": A_YEAR_BEFORE, "date_to": THE_DAY}),
            "fund": ("fund", {}),
        }
        for index, (key, (page, criteria)) in enumerate(targets.items()):
            tile = Tile(self)
            tile.clicked.connect(
                lambda _c=False, k=key, p=page, c=criteria: self.open_list.emit(
                    p, self._dated(self._tile_criteria(k, c))
                )
            )
            self.tiles[key] = tile
            tiles.addWidget(tile, 0, index)
        self.youth_split = QComboBox(self)
        for code, _msgid in YOUTH_SPLITS:
            self.youth_split.addItem("", code)
        self.youth_split.currentIndexChanged.connect(lambda _i: youth_chart(self))
        self.views = {
            name: chart_view(self) for name in ("sectors", "meetings", "items", "youth", "fund")
        }
        charts = QGridLayout()
        charts.addWidget(self.views["sectors"], 0, 0)
        charts.addWidget(self.views["meetings"], 0, 1, 1, 2)
        youth_box = QVBoxLayout()
        youth_box.setSpacing(0)
        youth_box.addWidget(self.youth_split, 0, Qt.AlignmentFlag.AlignRight)
        youth_box.addWidget(self.views["youth"], 1)
        charts.addLayout(youth_box, 1, 0)
        charts.addWidget(self.views["items"], 1, 1)
        charts.addWidget(self.views["fund"], 1, 2)
        for column in range(3):
            charts.setColumnStretch(column, 1)
        content = QWidget(self)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(tiles)
        body.addLayout(charts, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # No Tab stop of its own (it came after the last chart, saying only "scroll area"):
        # it scrolls to each tile and chart Tab reaches.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(content)
        self.figures = scroll
        if ctx is not None:
            role = ctx.role
        else:
            assert remembered is not None, "a context, or remembered figures to draw"
            role = Role(remembered.role)
        self.start = StartGuide(role, self)
        self.start.open_page.connect(self.open_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addWidget(self.start, 1)
        layout.addWidget(scroll, 1)
        self.start.setVisible(False)  # until the figures say whether anything is recorded
        self._order_tabs()
        self.retranslate()
        if remembered is not None:
            self._show(remembered.figures, None, at_once=True)
        else:
            self.refresh()

    def attach(self, ctx: ServiceContext) -> None:
        """The data is open: the page can read its figures (the window asks it to, as it
        does whenever a page is shown again)."""
        self.ctx = ctx

    def data_changed(self, what: str) -> None:
        """Records changed on another page: read them again now if on screen; if not, a
        moment after the last of a run of changes, so the figures remembered for the next
        start (``dashboard_cache``) are the new ones and it can show them at once. The window
        reads them again anyway when the page is shown."""
        if self.isVisible():
            self.refresh()
        elif self.ctx is not None:
            self.reread.start()

    # --- reading the figures (on a worker) -------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self.job is not None

    def refresh(self) -> None:
        """Read the figures again on a worker; the page fills itself when they arrive. A
        reading still running is stopped: only the newest one is shown."""
        self.cancel_load(quietly=True)
        ctx, today = self.ctx, clock.today()
        assert ctx is not None, "attach() the data before reading"

        def work(progress: Progress) -> Reading:
            # the texts too (Babel's work here, not on the GUI thread), and both remembered
            return dashboard_cache.read(ctx, today, keep_going=lambda: progress(0, 0))

        self.problem = None
        self.job = start_job(work, self._arrived, self._failed)
        self._show_notice()

    def cancel_load(self, quietly: bool = False) -> None:
        """Stop the reading under way (the window is closing, or a newer one starts). Unless
        ``quietly``, the page says the figures were not read."""
        self.reread.stop()
        self.ahead.stop()
        if self.ahead_job is not None:
            self.ahead_job.cancel_requested.set()
            self.ahead_job = None
        job, self.job = self.job, None
        if job is None:
            return
        job.cancel_requested.set()
        job.signals.done.disconnect(self._arrived)
        job.signals.failed.disconnect(self._failed)
        if not quietly:
            self.problem = stopped_text
            self._show_notice()
            self.loaded.emit()

    def _is_current(self) -> bool:
        return self.job is not None and self.sender() is self.job.signals

    @Slot(object)
    def _arrived(self, reading: Reading) -> None:
        if not self._is_current():
            return  # an older reading, overtaken by a newer one
        figures, self.texts = reading
        self._show(figures, self.job)

    def _read_ahead(self) -> None:
        """The next days' figures from the same data, kept for those days' first starts
        (``dashboard_cache.read_ahead``). Nothing on screen changes; if they cannot be read,
        those starts read live, as they would have anyway."""
        ctx, shown = self.ctx, self.summary
        if ctx is None or shown is None or self.job is not None:
            return  # a reading under way starts the wait again when it is done
        day = shown.today

        def work(progress: Progress) -> None:
            dashboard_cache.read_ahead(ctx, day, keep_going=lambda: progress(0, 0))

        self.ahead_job = start_job(work, self._ahead_ended, self._ahead_ended)

    @Slot(object)
    def _ahead_ended(self, _outcome: object) -> None:
        if self.ahead_job is not None and self.sender() is self.ahead_job.signals:
            self.ahead_job = None

    def _show(self, figures: Summary, job: Job[Reading] | None, at_once: bool = False) -> None:
        """Draw ``figures`` (unless they are the ones on screen, as after a start that showed
        the remembered figures); the reading ``job`` counts as done after the last chart.
        ``at_once``: every chart now (at start, before any worker runs, a turn of the event
        loop per chart would only wait for the worker)."""
        if self.summary is not None and same_figures(self.summary, figures):
            self.summary = figures
            self._draw_charts(job, [])
            return
        self.summary = figures
        self.start.setVisible(figures.empty)  # nothing to chart yet: say where to start
        self.figures.setVisible(not figures.empty)
        self._tiles()
        # One chart per turn of the event loop: drawing all five at once held input for a
        # few hundred milliseconds on a slow PC. The reading counts as done after the last.
        charts = list(self._charts())
        if at_once:
            for draw in charts:
                draw()
            charts = []
        self._draw_charts(job, charts)

    def _charts(self) -> tuple[Callable[[], None], ...]:
        return tuple(partial(draw, self) for draw in CHARTS)

    def _draw_charts(self, job: Job[Reading] | None, pending: list[Callable[[], None]]) -> None:
        if self.job is not job:
            return  # a newer reading started meanwhile; it draws its own
        if pending:
            pending.pop(0)()
            QTimer.singleShot(0, self, lambda: self._draw_charts(job, pending))
            return
        self.job = None
        self._show_notice()
        self.loaded.emit()
        if job is not None:  # a live reading: the next days' once the data stays quiet
            self.ahead.start()
            self.midnight.start(ms_to_midnight())

    def _new_day(self) -> None:
        """Overdue items, the twelve months and the quarters move with the date: read again
        (now if on screen; else as after a change, so the next start finds them)."""
        if self.ctx is None or (self.summary is not None and self.summary.today == clock.today()):
            self.midnight.start(ms_to_midnight())  # woken early (a clock set back): wait on
            return
        self.data_changed("day")

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        if not self._is_current():
            return
        self.job = None
        if isinstance(error, SummaryStopped):
            self.problem = stopped_text
        else:
            reason = str(error) or type(error).__name__
            self.problem = lambda: _(
                "The figures could not be read: {reason}. Press F5 to try again."
            ).format(reason=reason)
        self._show_notice()
        self.loaded.emit()

    def _show_notice(self) -> None:
        if self.problem is not None:
            text = self.problem()
        elif self.job is not None:
            text = _("Reading the figures…")
        else:
            text = ""
        self.notice.setText(text)
        self.notice.setProperty("problem", self.problem is not None)
        self.notice.setVisible(bool(text))

    # --- tiles -----------------------------------------------------------------------------------

    def _tiles(self) -> None:
        if self.summary is None:
            for tile in self.tiles.values():
                tile.show_value("…", "", False)
            return
        values = tile_values(self.kpis, self.texts)
        for key, (number, caption, alert) in values.items():
            self.tiles[key].show_value(number, caption, alert)
        self._extra_tiles(self.summary.extra)

    def _extra_tiles(self, figures: dict[str, TileFigure]) -> None:
        """The tiles other services add (``dashboard_summary.EXTRA_TILES``), in a second row."""
        for key, figure in figures.items():
            tile = self.extra_tiles.get(key)
            if tile is None:
                tile = self.extra_tiles[key] = Tile(self)
                tile.setObjectName("tile")
                tile.clicked.connect(lambda _c=False, k=key: self._open_extra(k))
                index = len(self.extra_tiles) - 1
                self.tile_grid.addWidget(
                    tile, 1 + index // EXTRA_TILES_PER_ROW, index % EXTRA_TILES_PER_ROW
                )
            tile.show_value(self.texts.number(figure.value), figure.caption(), figure.alert)
        for key, tile in self.extra_tiles.items():
            tile.setVisible(key in figures)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab as the page is read: the tiles row by row (the second row's, made once the
        figures came, had come after every chart), then the charts row by row, the youth
        chart's split just before it (it had come before the first row of charts)."""
        views = self.views
        tab_in_order(
            [
                *self.tiles.values(),
                *self.extra_tiles.values(),
                views["sectors"],
                views["meetings"],
                self.youth_split,
                views["youth"],
                views["items"],
                views["fund"],
            ]
        )

    def _tile_criteria(self, key: str, criteria: dict[str, Any]) -> dict[str, Any]:
        """The list as the tile counted it: the fund tile in euros (a region's several
        currencies) counts the proposals the hub approved, the other fund tile every one."""
        kpis = self.summary.kpis if self.summary is not None else None
        if key == "fund" and kpis is not None and kpis.fund_in_euros:
            return {"status": APPROVED_ANY}
        return criteria

    def _open_extra(self, key: str) -> None:
        figure = self.summary.extra.get(key) if self.summary else None
        if figure is not None and figure.page is not None:
            self.open_list.emit(figure.page, dict(figure.criteria))

    # --- charts ----------------------------------------------------------------------------------

    def _dated(self, criteria: dict[str, Any]) -> dict[str, Any]:
        """``criteria`` with the year counted back from the day of the figures shown (a
        window left open overnight shows the day it read until it reads again)."""
        day = self.summary.today if self.summary is not None else clock.today()
        year_ago = day - dt.timedelta(days=365)
        return {
            k: year_ago if v is A_YEAR_BEFORE else day if v is THE_DAY else v
            for k, v in criteria.items()
        }

    def _youth_split_texts(self) -> None:
        for index, (_code, msgid) in enumerate(YOUTH_SPLITS):
            self.youth_split.setItemText(index, _(msgid))
        self.youth_split.setAccessibleName(_("Split young people"))

    # The figures as the charts read them (the summary's parts).

    @property
    def kpis(self) -> Kpis:
        assert self.summary is not None
        return self.summary.kpis

    @property
    def sectors(self) -> dict[str, int]:
        return self.summary.sectors if self.summary else {}

    @property
    def months(self) -> list[MonthOfMeetings]:
        return self.summary.months if self.summary else []

    @property
    def items(self) -> ActionItemCounts:
        return self.summary.items if self.summary else ActionItemCounts(0, 0, 0)

    @property
    def quarters(self) -> list[QuarterOfYouth]:
        return self.summary.quarters if self.summary else []

    @property
    def fund(self) -> FundByStatus:
        return self.summary.fund if self.summary else FundByStatus()

    def retranslate(self) -> None:
        self.title.setText(_("Dashboard"))
        self.start.retranslate()
        self._show_notice()
        self._tiles()
        self._youth_split_texts()
        if self.summary is None:
            return  # the charts are drawn when the figures arrive
        for draw in self._charts():
            draw()
