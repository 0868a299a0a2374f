"""A second staff PC for the two-process tests of a hub on a server (test_server_staff.py).

Run as ``python staff_pc.py URL [DATA_FOLDER]``; it loads the hub's context at once (so its
clock is as it was then), prints ``ready``, and then runs one command per line of stdin, printing
one line of result each (this PC's clock set 5 s late): ``review PROPOSAL_ID`` (start the
hub's review), ``hold MEMBER_ID NAME`` (rename in a unit of work left
open until the next line, ``commit``), and with the hub's data folder (its keys):
``export PEER_ID TARGET`` (prints the bundle's number), ``import PATH`` (prints the status).
"""

from __future__ import annotations

import sys
from pathlib import Path

from hubdesk.domain import Member
from hubdesk.domain.hlc import wall_ms
from hubdesk.services import fund_workflow, records
from hubdesk.services.installation import load_context
from hubdesk.services.team import MEMBER
from hubdesk.storage.db import Database
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle


def main() -> None:
    db = Database(sys.argv[1])
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    ctx = load_context(db, folder)
    ctx.clock.wall = lambda: wall_ms() - 5000  # this PC's clock is late
    print("ready", flush=True)
    for line in sys.stdin:
        command, *args = line.split()
        try:
            if command == "review":
                fund_workflow.transition(ctx, args[0], "under_review")
                print("moved", flush=True)
            elif command == "hold":
                with ctx.transaction() as session:
                    member = records.live(session, Member, args[0], MEMBER)
                    records.change(session, ctx, member, {"name": args[1]})
                    session.flush()
                    print("holding", flush=True)
                    sys.stdin.readline()  # "commit"
                print("committed", flush=True)
            elif command == "export":
                result = export_bundle(ctx, args[0], Path(args[1]))
                print(f"sequence {result.sequence}", flush=True)
            elif command == "import":
                print(import_bundle(ctx, Path(args[0])).status, flush=True)
            elif command == "quit":
                break
        except Exception as exc:  # reported to the test, which decides
            print(f"refused {type(exc).__name__}: {' '.join(str(exc).split())}", flush=True)
    db.close()


if __name__ == "__main__":
    main()
