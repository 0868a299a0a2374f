"""What a cell of a sheet may hold instead of a value: a spreadsheet's error value, a formula
whose result was never saved, a date the calendar lacks. Reading keeps such a cell as the text a
person sees; the import refuses its row with the reason the cell carries."""

from __future__ import annotations

from hubdesk.i18n import N_

# What a spreadsheet shows in a cell whose formula failed (Excel writes the same into CSV).
ERROR_VALUES = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"}
)
CELL_SHOWS_ERROR = N_(
    "The cell shows the error {value} instead of a value: correct it in the spreadsheet."
)
CELL_HAS_NO_RESULT = N_(
    "The cell holds the formula {value} but not its result: open the file in a spreadsheet "
    "program, save it there and import it again."
)
CELL_NOT_A_DATE = N_("'{value}' is not a date. Write it as 31.12.2024 or 2024-12-31.")


class BadCell(str):
    """A cell whose content is not what the person sees in it: an error value (``#N/A``), a
    formula whose result was never saved, a date Excel cannot show. It reads as the text shown
    in the preview; ``problem`` (a message with ``{value}``) is why its row is refused."""

    problem: str

    def __new__(cls, shown: str, problem: str) -> BadCell:
        cell = super().__new__(cls, shown)
        cell.problem = problem
        return cell
