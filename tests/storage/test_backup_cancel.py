"""A backup the person asked for shows how far it is and stops when they press Cancel: in the
copy of the database, in its check or among the attached files, with nothing of it kept and
the earlier backups as they were."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from attachment_samples import pdf_bytes, write

from hubdesk.services import attachments, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.storage import backup, stopping
from hubdesk.storage.backup import automatic_backup, list_backups
from hubdesk.storage.backup_check import check_backup
from hubdesk.storage.errors import BackupCancelled


def meetings_with_minutes(ctx: ServiceContext, uploads: Path) -> str:
    """A team's meetings on most days of a month, the last with two attached files; its id."""
    cat = team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"})
    for day in range(1, 30):
        start = dt.datetime(2024, 3, day, 9, tzinfo=dt.UTC)
        meeting = meetings.create_meeting(
            ctx, {"team_id": cat.id, "starts_at": start, "kind": "regular"}
        )
    for name in ("minutes.pdf", "agenda.pdf"):
        attachments.add_file(ctx, "meeting", meeting.id, write(uploads, name, pdf_bytes(name)))
    return meeting.id


@pytest.fixture
def folder(ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with records and two attached files, copied a page at a time and checked
    with a look at Cancel every few SQLite steps, so that each stage reports often."""
    meetings_with_minutes(ctx, tmp_path / "in")
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 1)
    monkeypatch.setattr(stopping, "CHECK_POLL", 100)
    assert ctx.data_dir is not None
    return ctx.data_dir


class Person:
    """The progress dialog: records what it was told and answers False (Cancel) once ``stop``
    says so."""

    def __init__(self, stop: object = None) -> None:
        self.told: list[tuple[int, int]] = []
        self.stop = stop

    def __call__(self, done: int, total: int) -> bool:
        self.told.append((done, total))
        return not (callable(self.stop) and self.stop(done, self.told))


def test_progress_goes_forward_to_the_end(ctx: ServiceContext, folder: Path) -> None:
    person = Person()
    made = automatic_backup(ctx.db, folder, "manual", step=person)
    assert check_backup(made) == []
    done = [d for d, _total in person.told]
    assert done == sorted(done) and done[-1] == stopping.PROGRESS_TOTAL
    assert {total for _done, total in person.told} == {stopping.PROGRESS_TOTAL}
    copying = [d for d in done if d < backup.COPIED]
    assert len(set(copying)) > 5  # the copy told its progress as it went, not once at the end
    assert done.count(backup.COPIED) > 1  # the check looked at Cancel while it ran
    assert [d for d in done if d > backup.CHECKED][-2:] == [950, 1000]  # one file each


def stopped_at(ctx: ServiceContext, folder: Path, stop: object) -> Person:
    earlier = automatic_backup(ctx.db, folder, "daily")
    person = Person(stop)
    with pytest.raises(BackupCancelled, match="nothing of it was kept"):
        automatic_backup(ctx.db, folder, "manual", step=person)
    assert list_backups(folder) == [earlier] and check_backup(earlier) == []
    assert sorted(p.name for p in (folder / "backups").iterdir()) == [earlier.name]
    return person


def test_cancel_while_the_database_is_copied(ctx: ServiceContext, folder: Path) -> None:
    person = stopped_at(ctx, folder, lambda done, told: 0 < done < backup.COPIED)
    assert all(d < backup.COPIED for d, _total in person.told)


def test_cancel_while_the_copy_is_checked(ctx: ServiceContext, folder: Path) -> None:
    # The copy's end says COPIED once; the check's looks at Cancel say it again.
    def in_the_check(done: int, told: list[tuple[int, int]]) -> bool:
        return [d for d, _total in told].count(backup.COPIED) == 2

    person = stopped_at(ctx, folder, in_the_check)
    assert max(d for d, _total in person.told) == backup.COPIED


def test_cancel_among_the_attached_files(ctx: ServiceContext, folder: Path) -> None:
    person = stopped_at(ctx, folder, lambda done, told: done > backup.CHECKED)
    assert person.told[-1][0] == 950  # stopped after the first file


def test_a_step_that_answers_nothing_never_stops_a_backup(
    ctx: ServiceContext, folder: Path
) -> None:
    """The command line's progress prints and returns None: only False is a Cancel."""
    made = automatic_backup(ctx.db, folder, "manual", step=lambda done, total: None)
    assert check_backup(made) == []
