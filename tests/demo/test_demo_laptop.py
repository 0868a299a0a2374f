"""The demo municipality's first bundle to a field laptop set up from its profile.

``hubdesk demo`` holds its demo hub's records (the call its proposal answers, the questionnaire
its assessment answers, the hub's decisions) as if hub bundles had brought them. A municipality
relays to its laptops only hub records that carry the hub's signature, and the laptop verifies
them with the hub's key its municipality's profile passes on: unsigned, and with no hub to pass
on, the demo's hub records stayed behind while the records answering them went, and the laptop
refused the whole bundle ("it refers to a record the hub published that this PC does not hold").
"""

from __future__ import annotations

from pathlib import Path

from test_command import Run, folder_state, run  # noqa: F401  (the fixture)


def test_a_laptop_set_up_from_the_demo_takes_its_first_bundle(
    run: Run,  # noqa: F811
    tmp_path: Path,
) -> None:
    office, laptop = str(tmp_path / "office"), str(tmp_path / "laptop")
    office_card, laptop_card = tmp_path / "office.json", tmp_path / "laptop.json"
    bundle = tmp_path / "first.hubdesk"
    steps = [
        (office, "demo"),
        (office, "profile", "export", "--to", str(office_card)),
        (laptop, "init", "--role", "field", "--name", "Laptop", "--from-profile", str(office_card)),
        (laptop, "profile", "export", "--to", str(laptop_card)),
        (office, "peers", "add", "--yes", str(laptop_card)),
        (office, "export", "--for", "Laptop", "--to", str(bundle)),
    ]
    for folder, *args in steps:
        code, _out, err = run("--data-dir", folder, *args)
        assert code == 0, (args, err)
    code, _out, err = run("--data-dir", laptop, "import", str(bundle))
    assert code == 0, err  # refused whole: the assessment's questionnaire was not sent
    _id, office_counts = folder_state(tmp_path / "office")
    _id, laptop_counts = folder_state(tmp_path / "laptop")
    for table in ("calls", "needs_assessments", "period_submissions", "tranches", "reviews"):
        assert laptop_counts[table] == office_counts[table] > 0, table
