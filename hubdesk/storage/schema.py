"""The schema revisions this HubDesk knows, without importing Alembic.

Start-up only needs to know whether the database is at the newest revision; importing Alembic
to find that out costs an old office PC a noticeable part of a second. The list must name every
migration in ``migrations/versions`` in order; a test compares it with Alembic's own view.
"""

from __future__ import annotations

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0014")


def head_revision() -> str:
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    return set(REVISIONS)


# What ``schema_shape.digest`` gives for the schema each revision's migrations make. A test
# rebuilds them from the migrations; a new migration needs its digest here (the test prints it).
SCHEMA_DIGESTS: dict[str, str] = {
    "0001": "3e42505604c5ba105dec844575b29f5d5eebc491ce72fe4a560a0a409f4034ef",
    "0002": "01d4d4a2d85378793b538c08e462cd3c6802c01206341f57ffa8e936a4ac97db",
    "0003": "3afa622c4aa1d8abe4e0adf8661fad3dac613bf3267486421d6b69542646c172",
    "0004": "c27de050e169bbaf39e33de0a22483403de0ef0e712237dd8337afe405da45ca",
    "0005": "60404da024141dd9aa1885588e1742fc4059c398f86c1aadbb9d45d3fc1c056c",
    "0006": "cfeb78b025cf84b9548b44bf81def97aa1780d66f907c97e6156102577592cd0",
    "0007": "30081057e7b9629b528ea18dfc3c5fca781ad98e82f5866dc502f0cce4c73ed7",
    "0014": "ff469662847a96ebc38f66a93518c7d6d778b1f9abf50b08dacac901da5125e0",
}
