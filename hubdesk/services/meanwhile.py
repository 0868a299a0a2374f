"""A save refused because someone else changed the record after the form was read.

On a hub's server several staff may open the same call at once; a form sends only the fields
its person changed, so without this the second save would silently write over the first
person's values (DESIGN §7: an edit applies only to the record as it was read). The check runs
inside the unit of work, after the hub's writer turn (``storage/server_clock.py``), so no change
can land between the check and the write. The refusal names each field changed meanwhile and
who changed it, and carries the record's version now, so a form can let its person save again
knowingly. A delete asked for from a list read before the change is refused the same way.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry
from hubdesk.domain.base import Synced
from hubdesk.domain.staff import StaffMember
from hubdesk.i18n import N_
from hubdesk.services.errors import FieldError, ValidationError

CHANGED_MEANWHILE = N_(
    "{people} changed this record after you opened it. Nothing was saved, and what you typed "
    "is still here; the fields they changed are marked. Save again to write yours over theirs, "
    "or close without saving to keep theirs."
)
FIELD_CHANGED = N_("Changed by {people} after you opened this form.")
DELETE_CHANGED = N_(
    "{people} changed this record after you read it. Nothing was deleted; look at it again as "
    "it is now, and delete it then if it should still go."
)
# Publishing or closing what a person read in a list: nothing to keep typed, only to look again.
ACT_CHANGED = N_(
    "{people} changed this record after you read it, so nothing was done. Look at it again as "
    "it is now, and try again if it should still be done."
)
# When no staff login is known for the change (a PC's own file, or changes that arrived by
# sync), whole sentences of their own: "someone else" pasted into a sentence built around a
# person's name reads badly in languages that introduce the name ("izmijenila ga je osoba: …").
UNKNOWN_PERSON = {
    CHANGED_MEANWHILE: N_(
        "Someone else changed this record after you opened it. Nothing was saved, and what you "
        "typed is still here; the fields they changed are marked. Save again to write yours over "
        "theirs, or close without saving to keep theirs."
    ),
    FIELD_CHANGED: N_("Changed by someone else after you opened this form."),
    DELETE_CHANGED: N_(
        "Someone else changed this record after you read it. Nothing was deleted; look at it "
        "again as it is now, and delete it then if it should still go."
    ),
    ACT_CHANGED: N_(
        "Someone else changed this record after you read it, so nothing was done. Look at it "
        "again as it is now, and try again if it should still be done."
    ),
}


class ChangedMeanwhile(ValidationError):
    """The record's version is no longer the one the form read; ``version`` is the one now."""

    def __init__(self, errors: list[FieldError], version: int) -> None:
        super().__init__(errors)
        self.version = version


def require_unchanged(
    session: Session, record: Synced, seen: int | None, message: str = CHANGED_MEANWHILE
) -> None:
    """Refuse to change ``record`` unless it is still at ``seen`` (None: nothing was read);
    ``message`` says so (``DELETE_CHANGED`` when the change asked for is a delete)."""
    if seen is None or record.version == seen:
        return
    entries = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.table_name == type(record).__tablename__,  # type: ignore[attr-defined]
            AuditEntry.record_id == record.id,
            AuditEntry.version > seen,
        )
        .order_by(AuditEntry.id)
    ).all()
    # An imported change names the login that imported it, not its author.
    logins = {e.person for e in entries if e.person and e.action != "sync"}
    names = {
        m.login: m.name
        for m in session.scalars(select(StaffMember).where(StaffMember.login.in_(logins)))
    }
    people = ", ".join(sorted({names.get(login, login) for login in logins}))
    fields: dict[str, None] = {}
    for entry in entries:
        fields.update(dict.fromkeys(json.loads(entry.changes or "{}")))
    if people:
        errors = [FieldError("", message, {"people": people})]
        errors += [FieldError(name, FIELD_CHANGED, {"people": people}) for name in fields]
    else:
        errors = [FieldError("", UNKNOWN_PERSON[message])]
        errors += [FieldError(name, UNKNOWN_PERSON[FIELD_CHANGED]) for name in fields]
    raise ChangedMeanwhile(errors, record.version)
