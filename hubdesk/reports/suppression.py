"""Small-cell suppression for everything printed or exported for readers outside a
municipality and the hub (the regional report, the donor summary, public spreadsheets).

Counts of people from small places can point at persons: "the 2 Roma girls at the workshop in
X" is a name in all but spelling. So a count from 1 to 4 is never printed; it reads "<5". That
alone is not enough when totals are printed: a row of 12 = 7 + "<5" + 0 gives the hidden 5 back.
Further cells are then masked ("x", complementary suppression, explained by a footnote) until no
masked cell can be worked out from what is printed.

The rule, written down once:

1. Every count 1..4 is masked as "<5", in the body and in the totals alike (a total of 3 is as
   telling as a cell of 3). 0 is printed: nobody is not a person.
2. What a reader learns is a set of linear equations: each printed total equals the sum of its
   row (or column), the grand total the sum of the row totals and of the column totals. With
   the printed numbers moved to the right-hand side, these are equations over the masked cells.
   A masked cell is *disclosed* when its value follows from them, that is when its unit vector
   lies in the row space of the equations over the masked cells (exact rational arithmetic).
3. While some masked cell is disclosed, one more cell sharing an equation with it is masked
   ("x"): a body cell before a total, a cell with people before an empty one, the smallest
   first (least information lost), and preferably one that alone hides the disclosed cell.
   Masking everything discloses nothing, so this ends.
4. Every "x" that can be printed again without disclosing anything is printed again (totals
   first, then the largest counts), so no single "x" is needless.

Bounds (a cell is at least 0, "<5" is at most 4) are not taken into account; that is the
usual standard for published statistics and what the tests check.

The module knows no Qt and no report: ``suppress`` takes a matrix of ints and returns what may be
printed, so any block (youth, inclusion groups, trainings by profession ...) can call it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from hubdesk.i18n import N_, _

SMALL_MAX = 4  # counts 1..SMALL_MAX are never printed
SMALL = N_("<5")  # what a masked small count reads
COMPLEMENT = N_("x")  # what a cell masked to protect another reads
FOOTNOTE = N_(
    "Counts from 1 to 4 are shown as <5 to protect the people counted; cells marked x are "
    "hidden as well, so that those counts cannot be worked out from the totals."
)

Mark = Literal["", "small", "complement"]


@dataclass(frozen=True)
class Shown:
    """One printed count: its value, or None with the reason it is masked."""

    value: int | None
    mark: Mark = ""

    def text(
        self,
        number: Callable[[int], str] | None = None,
        translate: Callable[[str], str] = _,
    ) -> str:
        """What to print. ``number`` formats a visible count (a report's locale-aware
        formatter), by default the plain digits; ``translate`` is the report's language (by
        default the program's)."""
        if self.mark == "small":
            return translate(SMALL)
        if self.mark == "complement":
            return translate(COMPLEMENT)
        value = int(self.value or 0)
        return number(value) if number is not None else str(value)

    @property
    def masked(self) -> bool:
        return self.mark != ""


@dataclass(frozen=True)
class Suppressed:
    """A table as it may be printed: body, and the totals that were asked for."""

    cells: list[list[Shown]]
    row_totals: list[Shown] | None = None
    column_totals: list[Shown] | None = None
    grand_total: Shown | None = None
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)

    def all_shown(self) -> list[Shown]:
        out = [c for row in self.cells for c in row]
        out += self.row_totals or []
        out += self.column_totals or []
        if self.grand_total is not None:
            out.append(self.grand_total)
        return out

    @property
    def any_masked(self) -> bool:
        return any(s.masked for s in self.all_shown())

    @property
    def any_complement(self) -> bool:
        return any(s.mark == "complement" for s in self.all_shown())


def is_small(value: int) -> bool:
    return 1 <= value <= SMALL_MAX


def shown_count(value: int) -> Shown:
    """A single count printed on its own (no totals beside it): only the "<5" rule applies."""
    return Shown(None, "small") if is_small(value) else Shown(value)


# --- the table as variables and equations -----------------------------------------------------
# Variables: body cells (i, j) first, then row totals, column totals, grand total.


@dataclass(frozen=True)
class _Layout:
    n_rows: int
    n_cols: int
    row_totals: bool
    column_totals: bool

    @property
    def grand(self) -> bool:
        return self.row_totals and self.column_totals

    def cell(self, i: int, j: int) -> int:
        return i * self.n_cols + j

    def row_total(self, i: int) -> int:
        return self.n_rows * self.n_cols + i

    def column_total(self, j: int) -> int:
        return self.n_rows * self.n_cols + (self.n_rows if self.row_totals else 0) + j

    def grand_total(self) -> int:
        return self.column_total(self.n_cols)

    def size(self) -> int:
        n = self.n_rows * self.n_cols
        n += self.n_rows if self.row_totals else 0
        n += self.n_cols if self.column_totals else 0
        return n + (1 if self.grand else 0)

    def is_total(self, k: int) -> bool:
        return k >= self.n_rows * self.n_cols

    def equations(self) -> list[list[int]]:
        """Each equation as the variables it adds, the total's variable last (coefficient -1)."""
        eqs: list[list[int]] = []
        if self.row_totals:
            for i in range(self.n_rows):
                eqs.append([*(self.cell(i, j) for j in range(self.n_cols)), self.row_total(i)])
        if self.column_totals:
            for j in range(self.n_cols):
                eqs.append([*(self.cell(i, j) for i in range(self.n_rows)), self.column_total(j)])
        if self.grand:
            eqs.append([*(self.row_total(i) for i in range(self.n_rows)), self.grand_total()])
            eqs.append([*(self.column_total(j) for j in range(self.n_cols)), self.grand_total()])
        return eqs


def _coefficients(equation: list[int]) -> dict[int, int]:
    out = dict.fromkeys(equation[:-1], 1)
    out[equation[-1]] = -1
    return out


def disclosed(equations: Sequence[dict[int, int]], masked: Sequence[int]) -> list[int]:
    """The masked variables whose value follows from the equations (coefficients by variable;
    every variable not in ``masked`` is known). Exact: reduced row echelon form over Q; a
    variable is determined exactly when some reduced row is its unit vector."""
    index = {v: n for n, v in enumerate(masked)}
    rows: list[list[Fraction]] = []
    for eq in equations:
        row = [Fraction(0)] * len(masked)
        for var, coef in eq.items():
            if var in index:
                row[index[var]] += coef
        if any(row):
            rows.append(row)
    reduced = _rref(rows)
    found: list[int] = []
    for row in reduced:
        nonzero = [n for n, x in enumerate(row) if x != 0]
        if len(nonzero) == 1:
            found.append(masked[nonzero[0]])
    return found


def _rref(rows: list[list[Fraction]]) -> list[list[Fraction]]:
    rows = [list(r) for r in rows]
    if not rows:
        return rows
    width = len(rows[0])
    pivot_row = 0
    for col in range(width):
        pick = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if pick is None:
            continue
        rows[pivot_row], rows[pick] = rows[pick], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [x / lead for x in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
        if pivot_row == len(rows):
            break
    return rows[:pivot_row]


def suppress(
    counts: Sequence[Sequence[int]],
    *,
    rows: Sequence[str] = (),
    columns: Sequence[str] = (),
    row_totals: bool = True,
    column_totals: bool = True,
) -> Suppressed:
    """What of a table of counts may be printed, with its row and/or column totals.

    ``counts`` is a list of rows of equal length (non-negative ints). Ask for no row totals
    where the columns overlap (a person in two inclusion groups) and the sum means nothing;
    the grand total is printed only with both kinds of totals.
    """
    matrix = [[int(v) for v in row] for row in counts]
    n_rows = len(matrix)
    n_cols = len(matrix[0]) if matrix else 0
    if any(len(r) != n_cols for r in matrix):
        raise ValueError("every row needs the same number of counts")
    if any(v < 0 for r in matrix for v in r):
        raise ValueError("counts cannot be negative")
    lay = _Layout(n_rows, n_cols, row_totals and n_cols > 0, column_totals and n_rows > 0)
    values = [0] * lay.size()
    for i in range(n_rows):
        for j in range(n_cols):
            values[lay.cell(i, j)] = matrix[i][j]
    if lay.row_totals:
        for i in range(n_rows):
            values[lay.row_total(i)] = sum(matrix[i])
    if lay.column_totals:
        for j in range(n_cols):
            values[lay.column_total(j)] = sum(matrix[i][j] for i in range(n_rows))
    if lay.grand:
        values[lay.grand_total()] = sum(map(sum, matrix))
    marks: list[Mark] = ["small" if is_small(v) else "" for v in values]
    _complete(lay, values, marks)

    def shown(k: int) -> Shown:
        return Shown(None, marks[k]) if marks[k] else Shown(values[k])

    return Suppressed(
        cells=[[shown(lay.cell(i, j)) for j in range(n_cols)] for i in range(n_rows)],
        row_totals=[shown(lay.row_total(i)) for i in range(n_rows)] if lay.row_totals else None,
        column_totals=(
            [shown(lay.column_total(j)) for j in range(n_cols)] if lay.column_totals else None
        ),
        grand_total=shown(lay.grand_total()) if lay.grand else None,
        rows=list(rows),
        columns=list(columns),
    )


def _complete(lay: _Layout, values: list[int], marks: list[Mark]) -> None:
    """Complementary suppression (step 3 of the rule), in place."""
    equations = [_coefficients(eq) for eq in lay.equations()]
    while True:
        masked = [k for k, m in enumerate(marks) if m]
        open_ = set(disclosed(equations, masked))
        if not open_:
            break
        box = _rectangle(lay, values, marks, equations, masked, min(open_))
        if box:
            for k in box:
                marks[k] = "complement"
            continue
        near = {v for eq in equations if not open_.isdisjoint(eq) for v in eq}
        candidates = [k for k in near if not marks[k]]
        if not candidates:  # disclosed through a chain of masked cells: widen the search
            candidates = [k for eq in equations for k in eq if not marks[k]]

        choice = min(
            candidates,
            key=lambda k, masked=masked: (  # type: ignore[misc]
                len(disclosed(equations, [*masked, k])),
                lay.is_total(k),
                values[k] == 0,
                values[k],
                k,
            ),
        )
        marks[choice] = "complement"
    _prune(equations, lay, values, marks)


def _rectangle(
    lay: _Layout,
    values: list[int],
    marks: list[Mark],
    equations: Sequence[dict[int, int]],
    masked: list[int],
    target: int,
) -> list[int]:
    """The classic move for a body cell: mask the corners of the cheapest rectangle it spans
    (a partner in its row, one in its column, and the cell closing the rectangle), which hides
    it from both totals at once. Empty when the target is a total or no rectangle hides it."""
    if lay.is_total(target) or not (lay.row_totals or lay.column_totals):
        return []
    i, j = divmod(target, lay.n_cols)
    best: tuple[tuple[int, int, int], list[int]] | None = None
    for i2 in range(lay.n_rows):
        for j2 in range(lay.n_cols):
            if i2 == i or j2 == j:
                continue
            corners = [lay.cell(i, j2), lay.cell(i2, j), lay.cell(i2, j2)]
            new = [k for k in corners if not marks[k]]
            if not new:
                continue
            key = (len(new), sum(values[k] == 0 for k in new), sum(values[k] for k in new))
            if best is not None and key >= best[0]:
                continue
            if target in disclosed(equations, [*masked, *new]):
                continue
            best = (key, new)
    return best[1] if best else []


def _prune(
    equations: Sequence[dict[int, int]], lay: _Layout, values: list[int], marks: list[Mark]
) -> None:
    """Print again every "x" that is not needed (the greedy step may mask a cell that later
    ones made redundant): totals first, then the largest counts. What is left is minimal: no
    single "x" can be printed without disclosing something."""
    order = sorted(
        (k for k, m in enumerate(marks) if m == "complement"),
        key=lambda k: (not lay.is_total(k), -values[k], k),
    )
    for k in order:
        marks[k] = ""
        if disclosed(equations, [v for v, m in enumerate(marks) if m]):
            marks[k] = "complement"


def suppress_column(
    counts: Sequence[int], *, labels: Sequence[str] = (), total: bool = True
) -> Suppressed:
    """A single list of counts with (optionally) its total, e.g. participants per group."""
    return suppress([[v] for v in counts], rows=labels, row_totals=False, column_totals=total)
