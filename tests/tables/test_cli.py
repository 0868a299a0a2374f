"""``hubdesk table export|import``: what a person types, and one clear line when it is wrong."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

from hubdesk import cli
from hubdesk.commands import table
from hubdesk.i18n import _, language, ngettext
from hubdesk.services import team
from hubdesk.services.context import ServiceContext


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    def one_line_error(self) -> str:
        assert self.code != 0, self.out
        assert "Traceback" not in self.out + self.err
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        return lines[0]


Run = Callable[..., Outcome]


@pytest.fixture
def hubdesk(
    ctx: ServiceContext, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Run:
    """``hubdesk(*args)`` in the ctx fixture's data folder, with the table commands."""
    registered = cli.command_modules()
    if table not in registered:
        modules: list[ModuleType] = [*registered, table]
        monkeypatch.setattr(cli, "command_modules", lambda: modules)

    def run(*args: str) -> Outcome:
        capsys.readouterr()
        code = cli.main(["--data-dir", str(ctx.data_dir), *args])
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


def test_export_members_to_xlsx_and_csv(
    hubdesk: Run, ctx: ServiceContext, roster: list[str], tmp_path: Path, catalogs: None
) -> None:
    out = tmp_path / "members.xlsx"
    result = hubdesk("table", "export", "members", "--out", str(out), "--lang", "mk")
    assert result.code == 0, result.err
    assert "3 rows written to" in result.out
    header = [c.value for c in next(openpyxl.load_workbook(out).active.iter_rows())]
    assert header[2] == "Име и презиме" and "Е-пошта" not in header
    from hubdesk.services.installation import set_language

    set_language(ctx, "mk")  # Kumanovo's window speaks Macedonian
    result = hubdesk("table", "export", "members", "--out", str(tmp_path / "m.csv"), "--private")
    assert result.code == 0
    text = (tmp_path / "m.csv").read_text(encoding="utf-8-sig")
    assert "ana@example.org" in text
    # Without --lang, the installation's language, as a report (it was English).
    assert "Име и презиме" in text.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "people", "--out", "x.xlsx"], "Unknown table 'people'"),
        (["export", "members", "--out", "x.docx"], "use a name ending in .xlsx or .csv"),
        (["export", "members", "--out", "x.xlsx", "--lang", "de"], "Unknown language 'de'"),
        (["export", "members", "--out", "/no/such/folder/x.xlsx"], "does not exist"),
        (["import", "meetings", "x.xlsx"], "HubDesk imports only these tables"),
        (["import", "members", "missing.xlsx"], "There is no file"),
    ],
)
def test_bad_input_is_one_clear_line(
    hubdesk: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    line = hubdesk("table", *args).one_line_error()
    assert message in line and line.startswith("hubdesk: ")


def test_an_unreadable_file_is_one_clear_line(hubdesk: Run, tmp_path: Path) -> None:
    broken = tmp_path / "roster.xlsx"
    broken.write_bytes(b"\x00garbage")
    line = hubdesk("table", "import", "members", str(broken)).one_line_error()
    assert "cannot be read as a spreadsheet" in line


def test_a_file_problem_is_told_in_the_installations_language(
    hubdesk: Run, ctx: ServiceContext, tmp_path: Path
) -> None:
    """What is wrong with the file came in English in a Macedonian office, while every line
    after the file was read came in Macedonian: the language was known only after reading."""
    from hubdesk.services.installation import set_language

    set_language(ctx, "mk")
    broken = tmp_path / "roster.xlsx"
    broken.write_bytes(b"\x00garbage")
    line = hubdesk("table", "import", "members", str(broken)).one_line_error()
    assert "cannot be read as a spreadsheet" not in line
    with language("mk"):
        expected = _(
            "'{name}' cannot be read as a spreadsheet; it may be damaged or of another kind."
        )
    assert expected.format(name="roster.xlsx") in line


def write_csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def test_import_dry_run_then_for_real_with_refused_rows(
    hubdesk: Run, ctx: ServiceContext, cat: str, tmp_path: Path
) -> None:
    sheet = write_csv(
        tmp_path / "roster.csv",
        "Ime i prezime;Organizacija;Sektor;Uloga;Pol",
        "Marko Marković;Policija;police;member;M",
        ";Škola;education;member;Ž",
        "Sara Kovač;NVO;astronauts;member;Ž",
    )
    dry = hubdesk("table", "import", "members", str(sheet), "--dry-run")
    assert dry.code == 1 and "Traceback" not in dry.err
    assert "Row 3: Name: This field is required." in dry.out
    assert "Row 4: Sector: 'astronauts' is not one of the allowed choices." in dry.out
    assert "3 rows: 1 new, 0 updated, 0 unchanged, 0 already there, 2 refused." in dry.out
    assert "Dry run: nothing was changed." in dry.out
    assert team.list_members(ctx) == []

    refused = tmp_path / "refused.csv"
    real = hubdesk("table", "import", "members", str(sheet), "--refused", str(refused))
    assert real.code == 1 and "Import finished." in real.out
    assert [m.name for m in team.list_members(ctx)] == ["Marko Marković"]
    assert "Sara Kovač" in refused.read_text(encoding="utf-8-sig")

    again = hubdesk("table", "import", "members", str(sheet), "--update")
    assert "1 unchanged" in again.out


def test_import_with_a_mapping_override_and_a_team(
    hubdesk: Run, ctx: ServiceContext, cat: str, tmp_path: Path
) -> None:
    team.create_team(ctx, {"name": "Youth council", "kind": "other"})
    sheet = write_csv(
        tmp_path / "roster.csv",
        "Who,Where,Sector,Role,Gender",
        "Ana,School,education,member,female",
    )
    missing = hubdesk("table", "import", "members", str(sheet)).one_line_error()
    assert "No column is read into: Name" in missing
    no_team = hubdesk("table", "import", "members", str(sheet), "--map", "Who=name")
    assert "Row 2: Team: Choose the team these rows belong to." in no_team.out
    result = hubdesk(
        "table",
        "import",
        "members",
        str(sheet),
        "--map",
        "Who=name",
        "--map",
        "where=Organisation",
        "--team",
        "youth council",
    )
    assert result.code == 0, result.out + result.err
    (member,) = team.list_members(ctx)
    assert (member.name, member.organisation) == ("Ana", "School")
    unknown = hubdesk("table", "import", "members", str(sheet), "--map", "Nope=name")
    assert "no column 'Nope'" in unknown.one_line_error()
    bad_team = hubdesk(
        "table", "import", "members", str(sheet), "--map", "Who=name", "--team", "Chess"
    )
    assert "There is no team 'Chess'" in bad_team.one_line_error()


def test_a_public_export_hides_small_counts(
    hubdesk: Run, ctx: ServiceContext, tmp_path: Path
) -> None:
    import datetime as dt

    from hubdesk.services import youth

    youth.create_activity(
        ctx,
        {
            "title": "Debate",
            "activity_type": "workshop",
            "starts_on": dt.date(2024, 3, 1),
            "participants_total": 20,
            "n_female_15_19": 17,
            "n_male_15_19": 3,
        },
    )
    out = tmp_path / "public.csv"
    result = hubdesk("table", "export", "youth_activities", "--out", str(out), "--public")
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8-sig")
    assert "<5" in text and ",3," not in text and ";3;" not in text
    both = hubdesk("table", "export", "members", "--out", str(out), "--public", "--private")
    assert both.code != 0 and "--private or --public" in both.err


def test_import_engagements_from_a_csv(hubdesk: Run, ctx: ServiceContext, tmp_path: Path) -> None:
    from hubdesk.services import engagements

    sheet = write_csv(
        tmp_path / "kontakti.csv",
        "Institucija;Nivo;Vrsta;Datum;Praćenje",
        "Ministarstvo pravde;national;meeting;12.02.2024;12.03.2024",
        "Ministarstvo pravde;regional;meeting;13.02.2024;12.01.2024",
    )
    result = hubdesk("table", "import", "engagements", str(sheet))
    assert result.code == 1 and "Traceback" not in result.err
    assert "Row 3: Follow up on: The follow-up cannot be before the engagement." in result.out
    (saved,) = engagements.list_engagements(ctx)
    assert (saved.counterpart, saved.level, saved.follow_up_on) == (
        "Ministarstvo pravde",
        "national",
        dt.date(2024, 3, 12),
    )


def test_a_bad_refused_path_is_refused_before_anything_is_imported(
    hubdesk: Run, ctx: ServiceContext, cat: str, tmp_path: Path
) -> None:
    sheet = write_csv(
        tmp_path / "roster.csv",
        "Name;Organisation;Sector;Role in the team;Gender",
        "Marko Marković;Policija;police;member;M",
        "Sara Kovač;NVO;astronauts;member;Ž",
    )
    before = sheet.read_bytes()
    for target, message in [
        (tmp_path / "no" / "such" / "r.xlsx", "does not exist"),
        (tmp_path / "r.docx", "use a name ending in .xlsx or .csv"),
        (sheet, "is the file being imported"),
        (tmp_path / "." / "roster.csv", "is the file being imported"),
    ]:
        outcome = hubdesk("table", "import", "members", str(sheet), "--refused", str(target))
        line = outcome.one_line_error()
        assert outcome.code == 2 and message in line, line
        assert team.list_members(ctx) == []
    assert sheet.read_bytes() == before


def test_rows_with_control_characters_are_saved_with_a_placeholder(
    hubdesk: Run, ctx: ServiceContext, cat: str, tmp_path: Path
) -> None:
    sheet = write_csv(
        tmp_path / "roster.csv",
        "Name;Organisation;Sector;Role in the team;Gender",
        "Marko Marković;Policija;police;member;M",
        "Bell\x07 Person;NVO;police;member;Ž",
        "Esc\x1b[31m Person;NVO;police;member;Ž",
    )
    refused = tmp_path / "refused.xlsx"
    outcome = hubdesk("table", "import", "members", str(sheet), "--refused", str(refused))
    assert outcome.code == 1 and "Traceback" not in outcome.err, outcome.err
    assert "Rows not imported are in" in outcome.out
    rows = list(openpyxl.load_workbook(refused).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["Bell\ufffd Person", "Esc\ufffd[31m Person"]
    assert "control character" in str(rows[1][-1])
    assert [m.name for m in team.list_members(ctx)] == ["Marko Marković"]


def test_refused_rows_that_cannot_be_saved_after_the_import_say_the_import_stands(
    hubdesk: Run,
    ctx: ServiceContext,
    cat: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hubdesk.tables import importer

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("the disk is on fire")

    monkeypatch.setattr(importer, "write_table", broken)
    sheet = write_csv(
        tmp_path / "roster.csv",
        "Name;Organisation;Sector;Role in the team;Gender",
        "Marko Marković;Policija;police;member;M",
        "Sara Kovač;NVO;astronauts;member;Ž",
    )
    outcome = hubdesk(
        "table", "import", "members", str(sheet), "--refused", str(tmp_path / "r.xlsx")
    )
    assert outcome.code == 1 and "Import finished." in outcome.out
    assert outcome.one_line_error() == (
        f"hubdesk: The rows not imported could not be saved: Cannot write to "
        f"{tmp_path / 'r.xlsx'}: the disk is on fire"
    )
    assert [m.name for m in team.list_members(ctx)] == ["Marko Marković"]


def test_a_training_sheet_is_told_what_is_not_imported(
    hubdesk: Run, ctx: ServiceContext, tmp_path: Path
) -> None:
    """A total of 25 participants was left out and the training saved with none, with no
    word on the command line (the window's wizard says why)."""
    sheet = write_csv(
        tmp_path / "trainings.csv",
        "Title,Starts on,Participants in total",
        "Mediation,1.12.2026,25",
    )
    dry = hubdesk("table", "import", "trainings", str(sheet), "--dry-run")
    assert "Participants in total -> (not imported)" in dry.out
    assert "The number of participants is the sum of the columns by profession" in dry.out


def test_an_import_names_the_rows_the_sheet_hides(
    hubdesk: Run, ctx: ServiceContext, cat: str, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Ime i prezime", "Organizacija", "Sektor", "Uloga", "Pol"])
    sheet.append(["Marko Marković", "Policija", "police", "member", "M"])
    sheet.append(["Sara Kovač", "NVO", "civil_society", "member", "Ž"])
    sheet.row_dimensions[3].hidden = True
    path = tmp_path / "filtered.xlsx"
    book.save(path)
    dry = hubdesk("table", "import", "members", str(path), "--dry-run")
    assert "1 row is hidden in the sheet (row 3); it is imported like the others." in dry.out
    assert "2 rows: 2 new" in dry.out


def test_a_long_sheet_says_how_far_its_import_is(
    hubdesk: Run, ctx: ServiceContext, cat: str, tmp_path: Path
) -> None:
    """A 2,500-row roster: the checking and the writing each count up to 100% on stderr (a
    line per tenth in a log); a short sheet says nothing of the kind."""
    rows = [f"Person {n};School;education;member;F" for n in range(2_500)]
    sheet = write_csv(tmp_path / "long.csv", "Ime i prezime;Organizacija;Sektor;Uloga;Pol", *rows)
    done = hubdesk("table", "import", "members", str(sheet))
    assert done.code == 0, done.err
    lines = done.err.splitlines()
    assert lines[0] == "Checking the rows: 0%" and "Checking the rows: 100%" in lines
    assert lines[-1] == "Writing the rows: 100%" and len(lines) == 22
    short = write_csv(
        tmp_path / "short.csv", "Ime i prezime;Organizacija;Sektor;Uloga;Pol", rows[0]
    )
    assert hubdesk("table", "import", "members", str(short), "--dry-run").err == ""


def test_counts_are_written_as_the_installations_language_writes_numbers(
    hubdesk: Run, ctx: ServiceContext, cat: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Macedonian office read "1234 ред: ново: 1234" under every other command's "2.629
    записи", and a sheet too long to import was "more than 50000 rows"."""
    from hubdesk.services.installation import set_language
    from hubdesk.tables import sheet as sheet_module

    set_language(ctx, "mk")
    rows = [f"Person {n};School;education;member;F" for n in range(1_234)]
    sheet = write_csv(tmp_path / "long.csv", "Ime i prezime;Organizacija;Sektor;Uloga;Pol", *rows)
    dry = hubdesk("table", "import", "members", str(sheet), "--dry-run")
    assert dry.code == 0, dry.err
    with language("mk"):
        summary = ngettext(
            "{rows} row: {create} new, {update} updated, {unchanged} unchanged, "
            "{exists} already there, {refused} refused.",
            "{rows} rows: {create} new, {update} updated, {unchanged} unchanged, "
            "{exists} already there, {refused} refused.",
            1_234,
        )
        too_long = _("The sheet has more than {limit} rows.")
    counts = {"create": "1.234", "update": "0", "unchanged": "0", "exists": "0", "refused": "0"}
    assert summary.format(rows="1.234", **counts) in dry.out
    monkeypatch.setattr(sheet_module, "MAX_ROWS", 1_000)
    line = hubdesk("table", "import", "members", str(sheet), "--dry-run").one_line_error()
    assert too_long.format(limit="1.000") in line


def test_two_columns_under_one_header_are_told_apart_by_their_letters(
    hubdesk: Run, ctx: ServiceContext, cat: str, tmp_path: Path
) -> None:
    """A second "Organizacija" column (a note someone headed the same) is left out, and the
    report says so and how to read it: by its letter, since its header names two columns."""
    sheet = write_csv(
        tmp_path / "roster.csv",
        "Ime i prezime;Organizacija;Sektor;Uloga;Pol;Organizacija",
        "Marko Marković;Policija;police;member;M;Knows the mayor",
    )
    dry = hubdesk("table", "import", "members", str(sheet), "--dry-run")
    assert "  Organizacija -> Organisation" in dry.out
    assert "(not imported: the same header as column B; --map F=FIELD)" in dry.out
    assert "1 row: 1 new, 0 updated" in dry.out  # one row, said as one
    ambiguous = hubdesk("table", "import", "members", str(sheet), "--map", "Organizacija=notes")
    assert ambiguous.code == 2
    assert "2 columns are headed 'Organizacija' (B, F)" in ambiguous.err
    assert team.list_members(ctx) == []
    done = hubdesk("table", "import", "members", str(sheet), "--map", "F=notes")
    assert done.code == 0, done.err
    (member,) = team.list_members(ctx)
    assert (member.organisation, member.notes) == ("Policija", "Knows the mayor")
    unknown = hubdesk("table", "import", "members", str(sheet), "--map", "ZZ=notes")
    assert unknown.code == 2 and "no column 'ZZ' in the sheet" in unknown.err
