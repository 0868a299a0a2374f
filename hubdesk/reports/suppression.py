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
2. What a reader knows: each printed total is the sum of its row (or column), the grand total
   the sum of the row totals and of the column totals; counts are whole numbers; a "<5" is one
   of 1..4; and since every 1..4 reads "<5", an "x" is 0 or at least 5. A masked cell is
   *disclosed* when all of that together leaves it only one possible value. Two "<5" that add
   up to a printed 8 are both 4; an "x" and a "<5" adding up to 6 are 5 and 1.
3. While some masked cell is disclosed, one more cell is masked ("x"): for a body cell the
   corners of the cheapest rectangle, otherwise a cell sharing an equation with it; a body cell
   before a total, a cell with people before an empty one, the smallest first (least
   information lost), and always one that really hides the disclosed cell under the whole check
   of rule 2 (an "x" on a 0 in a column whose printed total is 0 protects nothing: it can only
   be 0). Masking more never discloses more, so this ends.
4. Every "x" that can be printed again without disclosing anything is printed again (totals
   first, then the largest counts), so no single "x" is needless.

Tables that share figures are suppressed together (``suppress_linked``): a municipality's head
count in the youth table is the row total of the gender table and of the age-band table, and the
headline "Young people reached" is their grand total. Suppressed one by one, a figure hidden in
one table would be printed in the next and the first table's "x" would protect nothing. Linked
figures are one variable of one system of equations, and every place that prints it prints the
same mark.

How rule 2 is checked: first exactly over the rationals (a masked cell whose unit vector lies in
the row space of the equations over the masked cells is disclosed whatever the bounds). Then,
for each masked cell, a search for another whole-number solution of the equations, within the
domains above and a finite box, in which that cell has another value: bounds are propagated
through the sums and a small backtracking search tries values near the true ones. Only a
solution found counts: when the search proves there is none, or gives up after its budget of
steps, the cell counts as disclosed, so doubt always masks more, never less. A cell that no
rectangle, single cell or pair hides is hidden a step at a time in small systems; in a big one
(a region of many municipalities) by masking what another solution found with everything
around it masked changes, less what it can do without (a round of trials per step took
seconds there).

One case no masking can help: four or fewer people in as many cells under a total of 1..4 (four
cells of 1 under a "<5" total are each 1, whatever else is masked). Such a cell is left as it is
(the table prints "<5" for each of them, as it must).

The module knows no Qt and no report: ``suppress`` takes a matrix of ints and returns what may be
printed, so any block (youth, inclusion groups, trainings by profession ...) can call it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from hubdesk.i18n import N_, _
from hubdesk.reports.disclosure import SMALL_MAX, Mark
from hubdesk.reports.suppression_masking import Layout, System, coefficients, complete

SMALL = N_("<5")  # what a masked small count reads
COMPLEMENT = N_("x")  # what a cell masked to protect another reads
FOOTNOTE = N_(
    "Counts from 1 to 4 are shown as <5 to protect the people counted; cells marked x are "
    "hidden as well, so that those counts cannot be worked out from the totals."
)


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
    """A single count printed on its own, equal to no other printed figure or sum of figures:
    only the "<5" rule applies. A count that is also a table's total (a headline figure) goes
    through ``suppress_linked`` with that table instead."""
    return Shown(None, "small") if is_small(value) else Shown(value)


# --- what is asked for: tables, single figures, and which of their entries are the same -------


@dataclass(frozen=True)
class Table:
    """One table of counts to print, as ``suppress`` takes it."""

    counts: Sequence[Sequence[int]]
    row_totals: bool = True
    column_totals: bool = True
    rows: Sequence[str] = ()
    columns: Sequence[str] = ()
    # (cell, cell it never exceeds) as (row, column) pairs: the reader knows it too
    at_most: Sequence[tuple[tuple[int, int], tuple[int, int]]] = ()
    # per row, the most any of its counts can be as the reader knows from elsewhere (a
    # municipality's people printed in another table), None where nothing says
    row_at_most: Sequence[int | None] = ()


class Ref(NamedTuple):
    """One printed entry of a linked system: ``table`` is the table's index (or the figure's,
    for ``kind == "figure"``)."""

    table: int
    kind: Literal["cell", "row", "column", "grand", "figure"]
    i: int = 0
    j: int = 0


def cell(table: int, i: int, j: int) -> Ref:
    return Ref(table, "cell", i, j)


def row_total(table: int, i: int) -> Ref:
    return Ref(table, "row", i)


def column_total(table: int, j: int) -> Ref:
    return Ref(table, "column", 0, j)


def grand_total(table: int) -> Ref:
    return Ref(table, "grand")


def figure(n: int) -> Ref:
    return Ref(n, "figure")


@dataclass(frozen=True)
class Linked:
    """What ``suppress_linked`` returns: the tables and the single figures, in the order given."""

    tables: list[Suppressed]
    figures: list[Shown]

    @property
    def any_masked(self) -> bool:
        return any(t.any_masked for t in self.tables) or any(f.masked for f in self.figures)


def _local(lay: Layout, ref: Ref) -> int:
    """The variable of ``ref`` in its own table's layout."""
    if ref.kind == "cell" and 0 <= ref.i < lay.n_rows and 0 <= ref.j < lay.n_cols:
        return lay.cell(ref.i, ref.j)
    if ref.kind == "row" and lay.row_totals and 0 <= ref.i < lay.n_rows:
        return lay.row_total(ref.i)
    if ref.kind == "column" and lay.column_totals and 0 <= ref.j < lay.n_cols:
        return lay.column_total(ref.j)
    if ref.kind == "grand" and lay.grand:
        return lay.grand_total()
    raise ValueError(f"the table has no entry {ref}")


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
    the grand total is printed only with both kinds of totals. A table that shares figures
    with another table or a headline figure goes through ``suppress_linked`` instead.
    """
    table = Table(counts, row_totals, column_totals, rows, columns)
    return suppress_linked([table]).tables[0]


def suppress_linked(
    tables: Sequence[Table],
    figures: Sequence[int] = (),
    links: Sequence[Sequence[Ref]] = (),
) -> Linked:
    """Several tables and single printed figures suppressed together, as one system.

    ``links`` lists groups of entries that print the same quantity (a municipality's row
    total in two tables, a grand total and the headline figure that repeats it). Their values
    must be equal; they become one variable, so a figure hidden in one place is hidden in
    every place that prints it, and nothing printed anywhere gives a hidden cell back."""
    layouts: list[Layout] = []
    start: list[int] = []
    values: list[int] = []
    total: list[bool] = []
    equations: list[dict[int, int]] = []
    for table in tables:
        matrix = [[int(v) for v in row] for row in table.counts]
        n_rows = len(matrix)
        n_cols = len(matrix[0]) if matrix else 0
        if any(len(r) != n_cols for r in matrix):
            raise ValueError("every row needs the same number of counts")
        if any(v < 0 for r in matrix for v in r):
            raise ValueError("counts cannot be negative")
        lay = Layout(
            n_rows, n_cols, table.row_totals and n_cols > 0, table.column_totals and n_rows > 0
        )
        layouts.append(lay)
        start.append(len(values))
        equations += [
            {start[-1] + k: c for k, c in coefficients(eq).items()} for eq in lay.equations()
        ]
        values += lay.values(matrix)
        total += [lay.is_total(k) for k in range(lay.size())]
    figure_start = len(values)
    if any(int(v) < 0 for v in figures):
        raise ValueError("counts cannot be negative")
    values += [int(v) for v in figures]
    total += [True] * len(figures)

    def var(ref: Ref) -> int:
        if ref.kind == "figure":
            if not 0 <= ref.table < len(figures):
                raise ValueError(f"no figure {ref.table}")
            return figure_start + ref.table
        return start[ref.table] + _local(layouts[ref.table], ref)

    parent = list(range(len(values)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for group in links:
        ks = [var(ref) for ref in group]
        if len({values[k] for k in ks}) > 1:
            raise ValueError(f"linked entries differ: {list(group)}")
        for k in ks[1:]:
            parent[find(k)] = find(ks[0])
    canon = [find(k) for k in range(len(values))]
    for k, c in enumerate(canon):
        total[c] = total[c] or total[k]
    merged: list[dict[int, int]] = []
    for eq in equations:
        out: dict[int, int] = {}
        for k, c in eq.items():
            out[canon[k]] = out.get(canon[k], 0) + c
        out = {k: c for k, c in out.items() if c}
        if out:
            merged.append(out)
    bodies = [
        (lay, [canon[start[t] + k] for k in range(lay.size())])
        for t, lay in enumerate(layouts)
        if lay.grand
    ]
    ceilings: dict[int, list[int]] = {}
    bounds: list[int] = []  # the caps printed elsewhere: known to the reader, never masked here
    for t, table in enumerate(tables):
        for (i, j), (a, b) in table.at_most:
            low, high = canon[var(cell(t, i, j))], canon[var(cell(t, a, b))]
            if values[low] <= values[high]:  # (records that break the rule bound nothing)
                ceilings.setdefault(low, []).append(high)
        for i, most in enumerate(table.row_at_most):
            row = [canon[var(cell(t, i, j))] for j in range(layouts[t].n_cols)]
            if most is None or any(values[k] > most for k in row):
                continue
            # the bound as a figure of its own, in no sum: the check reads it, nothing prints it
            values.append(most)
            total.append(True)
            canon.append(len(values) - 1)
            bounds.append(len(values) - 1)
            for k in row:
                ceilings.setdefault(k, []).append(len(values) - 1)
    system = System(values, merged, total, bodies, ceilings=ceilings)
    marks: list[Mark] = ["small" if is_small(v) else "" for v in values]
    for k in bounds:  # a "<5" printed elsewhere comes as its most, 4: a known number here
        marks[k] = ""
    complete(system, marks)

    def shown(k: int) -> Shown:
        c = canon[k]
        return Shown(None, marks[c]) if marks[c] else Shown(values[c])

    out_tables: list[Suppressed] = []
    for t, (table, lay) in enumerate(zip(tables, layouts, strict=True)):
        s = start[t]
        out_tables.append(
            Suppressed(
                cells=[
                    [shown(s + lay.cell(i, j)) for j in range(lay.n_cols)]
                    for i in range(lay.n_rows)
                ],
                row_totals=(
                    [shown(s + lay.row_total(i)) for i in range(lay.n_rows)]
                    if lay.row_totals
                    else None
                ),
                column_totals=(
                    [shown(s + lay.column_total(j)) for j in range(lay.n_cols)]
                    if lay.column_totals
                    else None
                ),
                grand_total=shown(s + lay.grand_total()) if lay.grand else None,
                rows=list(table.rows),
                columns=list(table.columns),
            )
        )
    return Linked(out_tables, [shown(figure_start + n) for n in range(len(figures))])


def suppress_column(
    counts: Sequence[int], *, labels: Sequence[str] = (), total: bool = True
) -> Suppressed:
    """A single list of counts with (optionally) its total, e.g. participants per group."""
    return suppress([[v] for v in counts], rows=labels, row_totals=False, column_totals=total)
