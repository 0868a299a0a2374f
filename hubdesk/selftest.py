"""``hubdesk selftest``: prove that this copy of HubDesk works end to end, without touching the
person's data.

Written for the frozen build: PyInstaller leaves out whatever it cannot see being imported or
opened (catalogs, fonts, Alembic's migration scripts, Babel's locale data), and such a gap only
shows when the code path runs. So every step here runs the real code path a person would
(migrations, the demo build, a Macedonian PDF, a signed and encrypted bundle imported by a second
installation), in a throwaway folder, and a failure names the step and the missing piece.

No Qt here (DESIGN §2): the window is proven by starting the frozen program itself.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hubdesk.datafiles import RESOURCES
from hubdesk.i18n import LANGUAGES, N_, _

if TYPE_CHECKING:
    from hubdesk.services.context import ServiceContext
    from hubdesk.storage.db import Database

REPORT_LANGUAGE = "mk"
REPORT_KIND = "periodic"


class StepFailed(Exception):
    """A check inside a step did not hold; the message says what was expected."""


@dataclass
class Workspace:
    """What the steps hand on to each other: two installations in a temporary folder."""

    root: Path
    municipality: ServiceContext | None = None  # the demo municipality
    hub: ServiceContext | None = None  # the second installation, its peer
    bundle: Path | None = None
    exported: int = 0
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def open(self, name: str) -> Database:
        """A migrated database in ``root/name``, closed when the workspace is."""
        from hubdesk.storage.open import open_database

        db = open_database(self.root / name)
        self._closers.append(db.close)
        return db

    def installations(self) -> tuple[ServiceContext, ServiceContext]:
        """The municipality and its peer, for the steps that need both."""
        if self.municipality is None or self.hub is None:
            raise StepFailed(_("an earlier step did not set up both installations"))
        return self.municipality, self.hub

    def close(self) -> None:
        while self._closers:
            self._closers.pop()()


@dataclass(frozen=True)
class Step:
    key: str
    label: str  # N_() msgid, translated when shown
    run: Callable[[Workspace], str]  # returns a short detail for the step's line


@dataclass(frozen=True)
class StepResult:
    key: str
    label: str
    ok: bool
    detail: str
    seconds: float
    trace: str = ""


@dataclass
class SelftestReport:
    results: list[StepResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> StepResult | None:
        return next((r for r in self.results if not r.ok), None)

    def summary(self) -> str:
        """The one line a person or a build log reads."""
        failed = self.failed
        if failed is None:
            from hubdesk.i18n.formatting import format_number

            return _("Self-test passed: {count} steps in {seconds} s ({steps}).").format(
                count=len(self.results),
                seconds=format_number(self.seconds, decimals=1),  # "1,6 s" where it is written so
                steps=", ".join(r.key for r in self.results),
            )
        return _("Self-test failed at step '{step}' ({label}): {detail}").format(
            step=failed.key, label=_(failed.label), detail=failed.detail
        )


# --- the steps ------------------------------------------------------------------------------


def check_resources(ws: Workspace) -> str:
    """Every data file the program opens at run time, before anything needs it."""
    from hubdesk.i18n import catalog_available
    from hubdesk.reports.fonts import FILES, FONT_DIR
    from hubdesk.storage.migrate import MIGRATIONS_DIR

    wanted = [FONT_DIR / name for name in FILES.values()]
    wanted += [FONT_DIR / "LICENSE-DejaVu.txt", RESOURCES / "style.qss"]
    wanted += [MIGRATIONS_DIR / "env.py", MIGRATIONS_DIR / "script.py.mako"]
    missing = [str(path) for path in wanted if not path.is_file()]
    missing += [code for code in LANGUAGES if not catalog_available(code)]
    icons = list((RESOURCES / "icons").glob("*.svg"))
    versions = list((MIGRATIONS_DIR / "versions").glob("*.py"))
    if not icons:
        missing.append(str(RESOURCES / "icons"))
    if not versions:
        missing.append(str(MIGRATIONS_DIR / "versions"))
    if missing:
        raise StepFailed(_("missing: {files}").format(files=", ".join(missing)))
    return _("{fonts} fonts, {icons} icons, {catalogs} catalogs, {versions} migrations").format(
        fonts=len(FILES), icons=len(icons), catalogs=len(LANGUAGES), versions=len(versions)
    )


def check_languages(ws: Workspace) -> str:
    """Catalogs load as real translations and Babel knows every language's formats."""
    import datetime as dt
    import gettext

    from hubdesk.i18n import DEFAULT_LANGUAGE, translations
    from hubdesk.i18n.formatting import format_date, format_money

    for code in LANGUAGES:
        if code != DEFAULT_LANGUAGE and not isinstance(translations(code), gettext.GNUTranslations):
            raise StepFailed(_("the catalog of '{code}' did not load").format(code=code))
        if not format_money(123456, "EUR", code) or not format_date(dt.date(2024, 3, 5), code):
            raise StepFailed(_("no formats for '{code}'").format(code=code))
    check_region_zone()
    return _("{count} languages").format(count=len(LANGUAGES))


def check_region_zone() -> None:
    """Days and times are the region's (``hubdesk.clock``), read from zone files the frozen
    Windows build must carry itself; noon UTC in July is 14:00 there."""
    import datetime as dt
    from zoneinfo import ZoneInfoNotFoundError

    from hubdesk import clock

    try:
        hour = clock.wall(dt.datetime(2024, 7, 1, 12, tzinfo=dt.UTC)).hour
    except ZoneInfoNotFoundError:
        hour = None
    if hour != 14:
        raise StepFailed(_("the time zone {zone} did not load").format(zone=clock.REGION_ZONE))


def initialise_database(ws: Workspace) -> str:
    """A new database created by the shipped migration scripts, up to the newest revision."""
    from hubdesk.storage.migrate import current_revision, head_revision

    db = ws.open("municipality")
    with db.engine.connect() as connection:
        current = current_revision(connection)
    head = head_revision()
    if current != head:
        raise StepFailed(
            _("schema at {current}, expected {head}").format(current=current, head=head)
        )
    return _("schema {revision}").format(revision=head)


def load_demo(ws: Workspace) -> str:
    from hubdesk.services.demo import build_demo
    from hubdesk.services.installation import load_context
    from hubdesk.sync.keys import ensure_keys

    folder = ws.root / "municipality"
    db = ws.open("municipality")
    summary = build_demo(db, seed=1, scale=1)
    if summary.records <= 0:
        raise StepFailed(_("the demo made no records"))
    ctx = load_context(db, folder)
    ensure_keys(folder)
    ws.municipality = ctx
    return _("{records} records").format(records=summary.records)


def print_report(ws: Workspace) -> str:
    from hubdesk.reports import generate_report

    if ws.municipality is None:
        raise StepFailed(_("an earlier step did not set up the municipality"))
    out = ws.root / f"report-{REPORT_LANGUAGE}.pdf"
    path = generate_report(ws.municipality, REPORT_KIND, out, lang=REPORT_LANGUAGE)
    data = Path(path).read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise StepFailed(_("{path} is not a complete PDF").format(path=path))
    return _("{kind} in {lang}, {size} bytes").format(
        kind=REPORT_KIND, lang=REPORT_LANGUAGE, size=len(data)
    )


def enrol_peer(ws: Workspace) -> str:
    """A second installation (a hub) that enrols the municipality and is enrolled by it."""
    from hubdesk.services.demo_hub import publish_demo_hub
    from hubdesk.services.installation import initialise
    from hubdesk.sync import keys, peers, profile

    muni = ws.municipality
    if muni is None or muni.data_dir is None:
        raise StepFailed(_("an earlier step did not set up the municipality"))
    folder = ws.root / "hub"
    hub = initialise(ws.open("hub"), role="hub", name="Self-test hub")
    hub.data_dir = folder
    # The demo's records answer the demo hub's call and questionnaire, which a hub holds.
    publish_demo_hub(hub)
    hub_keys = keys.ensure_keys(folder)
    hub_profile = profile.export_profile(hub, hub_keys, ws.root / "hub.profile")
    muni_profile = profile.export_profile(
        muni, keys.load_keys(muni.data_dir), ws.root / "municipality.profile"
    )
    peers.enrol(muni, profile.read_profile(hub_profile))
    peers.enrol(hub, profile.read_profile(muni_profile))
    ws.hub = hub
    return _("fingerprint {fingerprint}").format(fingerprint=hub_keys.public.fingerprint)


def export_to_peer(ws: Workspace) -> str:
    from hubdesk.sync.export import export_bundle

    muni, hub = ws.installations()
    result = export_bundle(muni, hub.installation_id, ws.root / "selftest.hubdesk")
    if result.records <= 0:
        raise StepFailed(_("the bundle carries no records"))
    ws.bundle, ws.exported = result.path, result.records
    return _("{records} records, {size} bytes").format(records=result.records, size=result.size)


def import_at_peer(ws: Workspace) -> str:
    """The peer imports the bundle whole, and a second import of the same file changes nothing."""
    from hubdesk.sync import proposal_import
    from hubdesk.sync.importer import ALREADY, IMPORTED, import_bundle

    _muni, hub = ws.installations()
    if ws.bundle is None:
        raise StepFailed(_("an earlier step did not export a bundle"))
    # The demo's proposals were reviewed and decided by the demo's hub, not by this peer, so
    # their histories cannot be judged step by step here (as in ``sync.hubdemo``); signatures,
    # scope and who may write what still are.
    with proposal_import.demo_history():
        first = import_bundle(hub, ws.bundle)
    totals = first.totals()
    if first.status != IMPORTED or first.problems or totals.created != ws.exported:
        raise StepFailed(first.summary())
    again = import_bundle(hub, ws.bundle)
    if again.status != ALREADY:
        raise StepFailed(_("importing the same bundle twice changed the data again"))
    return _("{created} records created").format(created=totals.created)


STEPS: tuple[Step, ...] = (
    Step("resources", N_("data files"), check_resources),
    Step("languages", N_("catalogs and formats"), check_languages),
    Step("initialise", N_("create the database"), initialise_database),
    Step("demo", N_("load the demo data"), load_demo),
    Step("report", N_("print a report in Macedonian"), print_report),
    Step("peer", N_("enrol a second installation"), enrol_peer),
    Step("export", N_("export a bundle"), export_to_peer),
    Step("import", N_("import the bundle at the peer"), import_at_peer),
)


def describe(exc: BaseException) -> str:
    """One line naming the error's kind too: 'FileNotFoundError: ... DejaVuSans.ttf' tells
    support which file the build left out."""
    text = getattr(exc, "message", None) or str(exc)
    text = " ".join(str(text).split())
    if isinstance(exc, StepFailed):
        return text
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


@contextlib.contextmanager
def workspace(keep: Path | None = None) -> Iterator[Workspace]:
    """A temporary folder, removed afterwards (kept, for support, when ``keep`` is given)."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        root = Path(tempfile.mkdtemp(prefix="hubdesk-selftest-", dir=keep))
    else:
        root = Path(tempfile.mkdtemp(prefix="hubdesk-selftest-"))
    ws = Workspace(root)
    try:
        yield ws
    finally:
        ws.close()  # databases closed before their files go (Windows holds open files)
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def run_selftest(
    steps: Sequence[Step] = STEPS,
    keep: Path | None = None,
    on_step: Callable[[StepResult], object] | None = None,
) -> SelftestReport:
    """Run ``steps`` in order and stop at the first that fails (later steps need its work)."""
    report = SelftestReport()
    started = time.perf_counter()
    with workspace(keep) as ws:
        for step in steps:
            began = time.perf_counter()
            try:
                detail, ok, trace = step.run(ws), True, ""
            except Exception as exc:
                detail, ok, trace = describe(exc), False, traceback.format_exc()
            result = StepResult(
                step.key, step.label, ok, detail, time.perf_counter() - began, trace
            )
            report.results.append(result)
            if on_step is not None:
                on_step(result)
            if not ok:
                break
    report.seconds = time.perf_counter() - started
    return report
