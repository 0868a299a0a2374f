"""How fast the window starts, how much memory it holds, and how fast a list filters, against
baselines run here and now.

Prints, for one run on this PC (offscreen, so it also runs without a display):
  a. cold start on a demo database of about 10,000 records, against a bare PySide6
     ``QMainWindow`` started the same way (a new process each, alternating, medians):
     - first frame: process start until the main window's first paint, seen by the same event
       filter on each main window (aim: at most 1.3x);
     - data shown: until the dashboard has painted its figures (aim: at most 2.5x the bare
       window's first frame), for three kinds of start: the next start after one that left
       its figures; the first start of the next day (with the figures a HubDesk of the day
       before read ahead); and a start with nothing kept (after a change made outside
       HubDesk, or the first in more than three days), which reads the figures live;
     - idle memory: resident set size (RSS) one second after the window is fully started (the
       bare window: one second after its first paint) (aim: at most 1.6x): the live figures
       drawn, or, on a start that shows its kept figures, those figures with the data left
       closed until a page asks for it;
     - the first page: then a click on Team, until its page is on screen (on a start that
       left the data closed, the data opens at this click: the wait that start moved there);
     - the longest the window's event loop was stalled between the first frame and the data
       (how long a click could wait), from a 10 ms timer that starts at the first paint.
     HubDesk's modules are compiled to bytecode first, as an installed HubDesk has them.
  b. filtering: the members list of 100,000 rows given a search text, until the count is
     known and the first screen of rows is painted, against the raw SQL ``LIKE`` query over
     the same columns with ``sqlite3`` (fetching every match). Medians, and their ratio (the
     aim is at most 3x).
  c. (``--parts hub``) the same cold start on a hub holding about a million records (the demo
     at ``--hub-scale 400``, bulk-inserted, then made the hub, which reads every municipality's
     rows; building it takes minutes), aim at most 3x, and the dashboard's queries on it (aim:
     at most 0.5 s).

    .venv/bin/python bench/bench_gui.py [--runs 5] [--rows 100000] [--parts start,filter]
    .venv/bin/python bench/bench_gui.py --parts hub --hub-scale 400 --runs 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Both starts are timed with the same instrument: a filter on the main window alone that prints
# "shown" at its first paint. (A filter on the whole application would put every event of every
# child widget through Python, a cost only the window with children would pay.) From then on a
# 10 ms timer notes the longest gap between its ticks: how long input would have waited.
FIRST_PAINT = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer

def rss_kib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("shown", flush=True)
            watched.removeEventFilter(self)
            self.last, self.stall = time.perf_counter(), 0.0
            self.ticker = QTimer()
            self.ticker.timeout.connect(self.tick)
            self.ticker.start(10)
            QTimer.singleShot(0, self.then)
        return False

    def tick(self):
        now = time.perf_counter()
        self.stall = max(self.stall, now - self.last)
        self.last = now

    def idle_then(self, quit):
        # memory of the idle window: one second after what was measured, then report and end
        def report():
            print("rss", rss_kib(), flush=True)
            quit()
        QTimer.singleShot(1000, report)

spy = FirstPaint()
spy.then = lambda: None
"""

BARE = (
    FIRST_PAINT
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 720)
window.installEventFilter(spy)
spy.then = lambda: spy.idle_then(app.quit)
window.show()
app.exec()
"""
)

HUBDESK = (
    FIRST_PAINT
    + """
from hubdesk.cli import collector_off_for_window
collector_off_for_window()  # what `hubdesk` does first when it opens the window
import hubdesk.app  # then, as the real entry point imports it (it then imports the window)
from hubdesk.ui import mainwindow
made, attach, place = (
    mainwindow.MainWindow.__init__, mainwindow.MainWindow.attach, mainwindow.MainWindow._place
)
shown_figures = []

def init(self, *args, **kwargs):
    made(self, *args, **kwargs)
    self.installEventFilter(spy)  # the frame: sidebar, title, "Opening..."

def figures_painted():
    # the event loop ran once more after the dashboard's figures were drawn: they are painted
    # (remembered from the last reading before the data is open, or read live)
    if not shown_figures:
        shown_figures.append(True)
        print("ready", flush=True)

def placed(self, key, page):
    place(self, key, page)
    if key == "dashboard" and page.loading:  # read live: drawn when the reading arrives
        page.loaded.connect(lambda: QTimer.singleShot(0, figures_painted))
    elif key == "dashboard":  # drawn while it was made, from the figures remembered
        QTimer.singleShot(0, figures_painted)

def first_page(window):
    # the person's first click, on Team: how long until its page is on screen (on a start
    # that waits on its kept figures, the data opens at this click)
    started = time.perf_counter()
    window.sidebar.setCurrentRow(mainwindow.PAGE_KEYS.index("team"))

    def check():
        team = window.pages.get("team")
        if team is not None and window.stack.currentWidget() is team:
            print("page", round((time.perf_counter() - started) * 1000), flush=True)
            QTimer.singleShot(0, window.close)
        else:
            QTimer.singleShot(5, check)

    check()

def settled(window):
    # fully started: the data open and the live reading drawn, or the window waiting on its
    # kept figures for a page to ask for the data
    figures_painted()
    spy.tick()  # a loop blocked since the last tick counts too
    print("stall", round(spy.stall * 1000), flush=True)
    print("settled", flush=True)
    spy.ticker.stop()
    spy.idle_then(lambda: first_page(window))

def attached(self, ctx, *more, **named):
    attach(self, ctx, *more, **named)
    if waiting:
        return  # the data opened at the first click: measured by first_page
    page = self.pages.get("dashboard")
    if page is not None and getattr(page, "loading", False):
        page.loaded.connect(lambda: QTimer.singleShot(0, lambda: settled(self)))  # a worker's
    else:
        QTimer.singleShot(0, lambda: settled(self))  # filled during attach

waiting = []

def on_request(self, *args):
    waiting.append(True)
    request(self, *args)
    QTimer.singleShot(0, lambda: settled(self))

def closed(self, event):
    close_event(self, event)
    self.preferences.set_page("dashboard")  # each start opens where the first did
    self.preferences.sync()

request, close_event = mainwindow.MainWindow.open_on_request, mainwindow.MainWindow.closeEvent
mainwindow.MainWindow._place = placed
mainwindow.MainWindow.__init__ = init
mainwindow.MainWindow.attach = attached
mainwindow.MainWindow.open_on_request = on_request
mainwindow.MainWindow.closeEvent = closed
from hubdesk.cli import main  # the real entry point, as `hubdesk --data-dir DIR`
sys.exit(main(["--data-dir", sys.argv[1]]))
"""
)

SEARCH = "ana"  # matches about one name in twenty of the generated members


@dataclass
class Marks:
    """What one start printed: seconds to each mark, and the values it reported."""

    times: dict[str, float] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)


def time_process(code: str, *args: str) -> Marks:
    """Seconds from starting the process to each line it prints ("shown", "ready"); lines
    with a number ("rss 81234", "stall 40") are values. A start that fails stops the bench
    with the end of what the process wrote to stderr (Python's fault handler is on, so a crash
    shows every thread's stack)."""
    env = {**os.environ, "PYTHONFAULTHANDLER": "1"}
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
        assert process.stdout is not None
        watchdog = threading.Timer(300, process.kill)  # a hung start must not hang the bench
        watchdog.start()
        marks = Marks()
        try:
            for line in process.stdout:
                name, _space, value = line.strip().partition(" ")
                if value:
                    marks.values[name] = float(value)
                else:
                    marks.times[name] = time.perf_counter() - started
        finally:
            watchdog.cancel()
        code_ = process.wait()
        if code_ != 0 or "shown" not in marks.times:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-4000:]
            raise AssertionError(f"start failed ({code_}, {marks}):\n{tail}")
    return marks


@dataclass
class Start:
    """Medians of interleaved starts: the bare window and HubDesk on one data folder."""

    bare_shown: float
    bare_rss: float  # KiB
    shown: float
    ready: float
    settled: float  # the data open and the live reading drawn, or waiting on the kept figures
    rss: float  # KiB
    stall: float  # ms, the worst of the runs
    page: float  # ms until the first page clicked (Team) is on screen

    def report(self, title: str, data_aim: float) -> None:
        print(title)
        print(f"   bare QMainWindow first frame: {self.bare_shown * 1000:6.0f} ms")
        print(f"   HubDesk first frame:          {self.shown * 1000:6.0f} ms")
        print(f"   HubDesk dashboard data shown: {self.ready * 1000:6.0f} ms")
        print(
            f"   HubDesk fully open:           {self.settled * 1000:6.0f} ms "
            "(figures read live and drawn, or the window waiting on its kept figures)"
        )
        print(f"   then the first page clicked:  {self.page:6.0f} ms "
              "(the data opened then, on a start that waits on its kept figures)")  # fmt: skip
        print(f"   bare idle RSS:                {self.bare_rss / 1024:6.1f} MiB")
        print(f"   HubDesk idle RSS:             {self.rss / 1024:6.1f} MiB")
        print(f"   longest stall of the event loop after the frame: {self.stall:.0f} ms")
        ratios = (
            ("first frame", self.shown / self.bare_shown, 1.3),
            ("data shown", self.ready / self.bare_shown, data_aim),
            ("idle memory", self.rss / self.bare_rss, 1.6),
        )
        for name, ratio, aim in ratios:
            verdict = "held" if ratio <= aim else "NOT held"
            print(f"   ratio, {name + ':':12} {ratio:5.2f}x (aim <= {aim}x, {verdict})")


def compile_like_installed() -> None:
    """Compile HubDesk's modules to bytecode, as an installed HubDesk has them (pip and the
    installer compile every module; run from source, Python writes them at the first start).
    Without this, a shell that sets ``PYTHONDONTWRITEBYTECODE`` (as CI machines often do)
    would make every timed start compile about a hundred and fifty modules from source, a cost
    no person's start pays and the bare window, all of whose modules come compiled, never has."""
    import compileall

    import hubdesk

    compileall.compile_dir(Path(hubdesk.__file__).parent, quiet=1)


def starts(folder: Path, runs: int, before_each: Callable[[], None] | None = None) -> Start:
    """``before_each``: what the data folder keeps before each start (by default what the
    start before left)."""
    compile_like_installed()
    time_process(BARE)  # warm the disk cache for both, fairly
    time_process(HUBDESK, str(folder))
    bare, ours = [], []
    for _run in range(runs):
        bare.append(time_process(BARE))
        if before_each is not None:
            before_each()
        ours.append(time_process(HUBDESK, str(folder)))
    med = statistics.median
    return Start(
        bare_shown=med(m.times["shown"] for m in bare),
        bare_rss=med(m.values["rss"] for m in bare),
        shown=med(m.times["shown"] for m in ours),
        ready=med(m.times["ready"] for m in ours),
        settled=med(m.times["settled"] for m in ours),
        rss=med(m.values["rss"] for m in ours),
        stall=max(m.values["stall"] for m in ours),
        page=med(m.values["page"] for m in ours),
    )


def cold_start(folder: Path, runs: int) -> tuple[Start, int]:
    from hubdesk.services.demo import build_demo
    from hubdesk.storage.open import open_database

    db = open_database(folder)
    summary = build_demo(db, seed=1, scale=4)
    db.close()
    return starts(folder, runs), summary.records


def left_the_day_before(folder: Path) -> bytes:
    """The figures a HubDesk that ran yesterday left (``dashboard_cache``): yesterday's, and the
    next days' it read ahead once the data was quiet, in the window's language."""
    from hubdesk import clock, i18n
    from hubdesk.services import dashboard_cache, dashboard_file
    from hubdesk.services.installation import load_context
    from hubdesk.storage.open import open_database

    language = dashboard_file.kept_language(folder) or "en"
    yesterday = clock.today() - dt.timedelta(days=1)
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        with i18n.language(language):
            dashboard_cache.read(ctx, yesterday)
            dashboard_cache.read_ahead(ctx, yesterday)
    finally:
        db.close()
    kept = dashboard_file.cache_path(folder).read_bytes()
    assert dashboard_cache.recall(folder, language, clock.today()) is not None
    return kept


def report_other_starts(folder: Path, runs: int, data_aim: float) -> None:
    """The first start of a day, after HubDesk ran the day before; and a start with nothing
    kept, whose figures are read live before they show."""
    from hubdesk.services.dashboard_cache import AHEAD_DAYS, AHEAD_MOST

    kept = left_the_day_before(folder)
    path = folder / "dashboard.json"

    def next_day() -> None:
        # the figures read ahead the day before, and no backup of today yet: this start
        # makes the day's backup (reading and hashing every attached file) while it idles
        import shutil

        from hubdesk.storage.backup import DAILY, backup_day, backup_reason, list_backups

        path.write_bytes(kept)
        for made in list_backups(folder):
            if backup_day(made) == dt.date.today() and backup_reason(made) == DAILY:
                shutil.rmtree(made) if made.is_dir() else made.unlink()

    for label, before_each in (
        ("first start of the next day (its backup made meanwhile)", next_day),
        (
            "with nothing kept (after a change outside HubDesk, or none for over "
            f"{AHEAD_DAYS} to {AHEAD_MOST} days, as the reading ahead allowed)",
            lambda: path.unlink(missing_ok=True),
        ),
    ):
        other = starts(folder, runs, before_each)
        ratio = other.ready / other.bare_shown
        verdict = "held" if ratio <= data_aim else "NOT held"
        memory = other.rss / other.bare_rss
        print(
            f"   {label}: data shown {other.ready * 1000:.0f} ms vs bare "
            f"{other.bare_shown * 1000:.0f} ms = {ratio:.2f}x (aim <= {data_aim}x, {verdict}); "
            f"idle memory {memory:.2f}x; first page {other.page:.0f} ms"
        )


def hub_start(folder: Path, scale: int, runs: int) -> tuple[Start, int, float]:
    """A hub holding the demo's records at a large scale (bulk-inserted by the demo builder,
    then the installation made the hub, which sees every municipality's rows): the cold
    start, and the dashboard's queries in this process (median of several runs)."""
    from hubdesk.services.dashboard_summary import summary
    from hubdesk.services.demo import build_demo
    from hubdesk.services.installation import load_context
    from hubdesk.storage import planner_stats
    from hubdesk.storage.open import open_database

    started = time.perf_counter()
    db = open_database(folder)
    records = build_demo(db, seed=1, scale=scale).records
    db.close()
    raw = sqlite3.connect(folder / "hubdesk.sqlite")
    with raw:
        raw.execute("UPDATE installation SET role = 'hub', municipality_id = NULL")
    raw.close()
    print(f"   (built: {records:,} records in {time.perf_counter() - started:.0f} s)")
    db = open_database(folder)
    # A real hub's records came by imports, and each import that grew a table by a tenth left
    # its planner statistics (``planner_stats``); the bulk-inserted demo has none until now.
    planner_stats.analyse(db)
    ctx = load_context(db, folder)
    timings = []
    for _run in range(max(runs, 3)):
        begun = time.perf_counter()
        summary(ctx)
        timings.append(time.perf_counter() - begun)
    db.close()
    return starts(folder, runs), records, statistics.median(timings)


def fill_members(folder: Path, rows: int) -> Path:
    """A municipality with one team of ``rows`` members, written directly (fixture data)."""
    from hubdesk.domain.search import search_text
    from hubdesk.services import team
    from hubdesk.services.installation import initialise
    from hubdesk.storage.open import open_database

    db = open_database(folder)
    ctx = initialise(db, role="municipality", name="Bench", country="MK")
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    db.close()
    first = ("Ana", "Besnik", "Elena", "Driton", "Marija", "Arben", "Sara", "Goran", "Lirije")
    last = ("Petrovska", "Rexhepi", "Stojanova", "Ismaili", "Trajkovska", "Ademi", "Nikolova")
    sectors = ("education", "police", "health", "youth", "civil_society", "media")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    path = folder / "hubdesk.sqlite"
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO members (id, origin, version, base_version, updated_by, updated_at,"
            " deleted, team_id, municipality_id, name, organisation, sector, role, gender,"
            " trainings, email, phone, notes, search_text) VALUES (?, ?, ?, NULL, ?, ?, 0, ?,"
            " ?, ?, ?, ?, 'member', 'female', '', '', '', '', ?)",
            (
                (
                    str(uuid.uuid4()),
                    ctx.installation_id,
                    n + 1,
                    ctx.installation_id,
                    now,
                    cat.id,
                    ctx.municipality_id,
                    name,
                    organisation,
                    sectors[n % 6],
                    search_text("members", {"name": name, "organisation": organisation}),
                )
                for n in range(rows)
                for name, organisation in [
                    (f"{first[n % 9]}{n % 7 or ''} {last[n % 7]} {n}", f"Organisation {n % 500}")
                ]
            ),
        )
    conn.close()
    return path


def filtering(folder: Path, rows: int, runs: int) -> tuple[float, float, int]:
    from hubdesk.app import application
    from hubdesk.services import team
    from hubdesk.services.installation import load_context
    from hubdesk.storage.open import open_database
    from hubdesk.ui.pages.team import TeamPage

    path = fill_members(folder, rows)
    raw = sqlite3.connect(path)
    pattern = f"%{SEARCH}%"
    query = (
        "SELECT * FROM members WHERE NOT deleted AND municipality_id = ?"
        " AND (name LIKE ? OR organisation LIKE ?)"
    )
    app = application()
    db = open_database(folder)
    ctx = load_context(db, folder)
    page = TeamPage(ctx)
    page.resize(1100, 700)
    page.show()
    app.processEvents()
    ours, baseline, matches = [], [], 0
    for _run in range(runs):
        started = time.perf_counter()
        matches = len(raw.execute(query, (ctx.municipality_id, pattern, pattern)).fetchall())
        baseline.append(time.perf_counter() - started)

        page.search.setText(SEARCH)
        started = time.perf_counter()
        page.apply_filter()  # what the search box does after its pause
        page.table.repaint()  # the first screen of rows, read and painted
        ours.append(time.perf_counter() - started)
        assert page.model.rowCount() == matches, (page.model.rowCount(), matches)
        page.search.clear()
        page.model.set_filter(team.MemberFilter())
    page.close()
    db.close()
    raw.close()
    return statistics.median(baseline), statistics.median(ours), matches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--parts", default="start,filter", help="start, filter, hub")
    parser.add_argument("--hub-scale", type=int, default=400)
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    with tempfile.TemporaryDirectory(prefix="hubdesk-bench-gui-") as folder:
        if "start" in parts:
            start, records = cold_start(Path(folder) / "start", args.runs)
            start.report(
                f"a. cold start, demo database of {records:,} records (medians of {args.runs})",
                2.5,
            )
            report_other_starts(Path(folder) / "start", args.runs, 2.5)
        if "filter" in parts:
            raw, ours, matches = filtering(Path(folder) / "filter", args.rows, args.runs)
            print(f"b. text filter '{SEARCH}' on {args.rows:,} members ({matches:,} match)")
            print(f"   raw sqlite3 LIKE, all matches: {raw * 1000:7.1f} ms (median of {args.runs})")
            print(f"   HubDesk list filtered+painted: {ours * 1000:7.1f} ms")
            print(f"   ratio: {ours / raw:.2f}x (aim <= 3x)")
        if "hub" in parts:
            print(f"c. cold start on a hub (the demo at scale {args.hub_scale}, made the hub)")
            hub, records, queries = hub_start(Path(folder) / "hub", args.hub_scale, args.runs)
            hub.report(f"   {records:,} records (medians of {args.runs})", 3.0)
            report_other_starts(Path(folder) / "hub", args.runs, 3.0)
            verdict = "held" if queries <= 0.5 else "NOT held"
            print(f"   dashboard queries: {queries * 1000:.0f} ms (aim <= 500 ms, {verdict})")


if __name__ == "__main__":
    main()
