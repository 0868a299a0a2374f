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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from hubdesk.i18n import N_, _
from hubdesk.reports.disclosure import (
    SEARCH_BUDGET,
    SMALL_MAX,
    TRIAL_BUDGET,
    Check,
    Mark,
    disclosed,
)

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


# --- a table as variables and equations -------------------------------------------------------
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

    def values(self, matrix: list[list[int]]) -> list[int]:
        values = [0] * self.size()
        for i in range(self.n_rows):
            for j in range(self.n_cols):
                values[self.cell(i, j)] = matrix[i][j]
        if self.row_totals:
            for i in range(self.n_rows):
                values[self.row_total(i)] = sum(matrix[i])
        if self.column_totals:
            for j in range(self.n_cols):
                values[self.column_total(j)] = sum(matrix[i][j] for i in range(self.n_rows))
        if self.grand:
            values[self.grand_total()] = sum(map(sum, matrix))
        return values

    def local(self, ref: Ref) -> int:
        if ref.kind == "cell" and 0 <= ref.i < self.n_rows and 0 <= ref.j < self.n_cols:
            return self.cell(ref.i, ref.j)
        if ref.kind == "row" and self.row_totals and 0 <= ref.i < self.n_rows:
            return self.row_total(ref.i)
        if ref.kind == "column" and self.column_totals and 0 <= ref.j < self.n_cols:
            return self.column_total(ref.j)
        if ref.kind == "grand" and self.grand:
            return self.grand_total()
        raise ValueError(f"the table has no entry {ref}")


def _coefficients(equation: list[int]) -> dict[int, int]:
    out = dict.fromkeys(equation[:-1], 1)
    out[equation[-1]] = -1
    return out


# --- one system: tables and figures, with linked entries as one variable ----------------------


@dataclass
class _System:
    values: list[int]
    equations: list[dict[int, int]]
    total: list[bool]  # a total or a headline figure (masked after body cells)
    bodies: list[tuple[_Layout, list[int]]]  # tables with both totals: layout, variables
    # other solutions the checks found, kept for the next checks (``Check._other``)
    witnesses: list[dict[int, int]] = field(default_factory=list)

    def check(self, marks: Sequence[Mark], budget: int = SEARCH_BUDGET) -> Check:
        return Check(self.equations, self.values, marks, budget, self.witnesses)

    def unmasked_in(self, marks: Sequence[Mark], variables: Iterable[int]) -> list[int]:
        return sorted({k for k in variables if not marks[k]})


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
    layouts: list[_Layout] = []
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
        lay = _Layout(
            n_rows, n_cols, table.row_totals and n_cols > 0, table.column_totals and n_rows > 0
        )
        layouts.append(lay)
        start.append(len(values))
        equations += [
            {start[-1] + k: c for k, c in _coefficients(eq).items()} for eq in lay.equations()
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
        return start[ref.table] + layouts[ref.table].local(ref)

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
    system = _System(values, merged, total, bodies)
    marks: list[Mark] = ["small" if is_small(v) else "" for v in values]
    _complete(system, marks)

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


def _complete(system: _System, marks: list[Mark]) -> None:
    """Complementary suppression (step 3 of the rule), in place."""
    equations = system.equations
    safe: set[int] = set()  # not disclosed; stays so while nothing is printed again
    stuck: set[int] = set()  # disclosed whatever is masked (see the module's docstring)
    check = system.check(marks)
    while True:
        target = None
        for k, m in enumerate(marks):
            if m != "small" or k in safe or k in stuck:
                continue
            if check.determined(k):
                target = k
                break
            safe.add(k)
        if target is None:
            # A cell the bounds give away whatever is masked is still kept from the totals
            # alone, as before the bounds were read: never less protection than that.
            masked = [k for k, m in enumerate(marks) if m]
            open_ = stuck.intersection(disclosed(equations, masked))
            step = _linear_step(system, marks, min(open_)) if open_ else None
            if step is None:
                break
            marks[step] = "complement"
            check = system.check(marks)
            continue
        new = _choose(system, marks, target)
        if new is None:
            stuck.add(target)
            continue
        for k in new:
            marks[k] = "complement"
        check = system.check(marks)
    _prune(system, marks, stuck)


def _linear_step(system: _System, marks: Sequence[Mark], target: int) -> int | None:
    """The cell to mask next so that the totals alone (no bounds) tell ``target`` less: one
    sharing an equation with it if any, else one tied to it through others; the one that
    leaves the fewest cells determined, a body cell, a count with people and the smallest
    first."""
    equations = system.equations
    near = system.unmasked_in(marks, (v for eq in equations if target in eq for v in eq))
    candidates = near or system.unmasked_in(marks, _reach(equations, target))
    if not candidates:
        return None
    masked = [k for k, m in enumerate(marks) if m]
    return min(
        candidates,
        key=lambda k: (
            len(disclosed(equations, [*masked, k])),
            system.total[k],
            system.values[k] == 0,
            system.values[k],
            k,
        ),
    )


# Up to this many entries (tables of a few municipalities) a cell that no rectangle, single
# cell or pair hides is hidden a step at a time; beyond, through the other solution (_choose).
STEPWISE_MAX = 150


def _hides(system: _System, marks: Sequence[Mark], target: int, new: Iterable[int]) -> bool:
    """Whether masking ``new`` as well leaves ``target`` more than one possible value (asked
    with the smaller TRIAL_BUDGET: a doubtful candidate is passed over)."""
    return _other_solution(system, marks, target, new) is not None


def _other_solution(
    system: _System, marks: Sequence[Mark], target: int, new: Iterable[int]
) -> dict[int, int] | None:
    """A solution that gives ``target`` another value once ``new`` is masked as well (the
    variables it changes), or None (asked with TRIAL_BUDGET)."""
    trial = list(marks)
    for k in new:
        trial[k] = "complement"
    return system.check(trial, TRIAL_BUDGET).alternative(target)


def _choose(system: _System, marks: list[Mark], target: int) -> list[int] | None:
    """The cells to mask next for a disclosed ``target``; None when no masking can hide it."""
    equations = system.equations
    component = _reach(equations, target)
    wide = system.unmasked_in(marks, component)
    if not wide:
        return None
    # With everything around it masked: the other solution found there, if any, says which
    # cells hide the target for sure (the last resort below).
    other = _other_solution(system, marks, target, wide)
    if other is None:
        return None
    for box in _rectangles(system, marks, target)[:8]:
        if _hides(system, marks, target, box):
            return box
    near = system.unmasked_in(marks, (v for eq in equations if target in eq for v in eq))
    masked = [k for k, m in enumerate(marks) if m]

    def key(k: int) -> tuple[int, bool, bool, int, int]:
        return (
            len(disclosed(equations, [*masked, k])),
            system.total[k],
            system.values[k] == 0,
            system.values[k],
            k,
        )

    ranked = sorted(near, key=key)
    ranked += sorted((k for k in wide if k not in set(near)), key=key)
    for k in ranked[:24]:
        if _hides(system, marks, target, [k]):
            return [k]
    for n, first in enumerate(ranked[:8]):  # none alone is enough: two together?
        for second in ranked[n + 1 : 12]:
            if _hides(system, marks, target, [first, second]):
                return [first, second]
    if len(system.values) <= STEPWISE_MAX:
        return ranked[:1]  # one step towards the masking that is enough (masking all of it is)
    # A big system: a step at a time costs a round of trials per step. Mask what that other
    # solution changes instead (it is then a solution, so the target is hidden), less every
    # cell it can do without: totals and large counts are printed again first, as in _prune.
    chosen = sorted(k for k in other if not marks[k])
    for k in sorted(chosen, key=lambda k: (not system.total[k], -system.values[k], k)):
        if k not in chosen:
            continue
        found = _other_solution(system, marks, target, [c for c in chosen if c != k])
        if found is not None:
            chosen = [c for c in chosen if c != k and c in found]
    return chosen


def _reach(equations: Sequence[dict[int, int]], v: int) -> set[int]:
    """Every variable tied to ``v`` by some chain of equations."""
    seen, todo = {v}, [v]
    while todo:
        u = todo.pop()
        for eq in equations:
            if u in eq:
                for w in eq:
                    if w not in seen:
                        seen.add(w)
                        todo.append(w)
    return seen


def _rectangles(system: _System, marks: Sequence[Mark], target: int) -> list[list[int]]:
    """The classic move for a body cell: the corners of a rectangle it spans (a partner in its
    row, one in its column, and the cell closing the rectangle), which hides it from both
    totals at once; cheapest first. Empty when the target is no body cell of a table with
    both totals."""
    found: list[tuple[tuple[int, int, int], list[int]]] = []
    for lay, variables in system.bodies:
        spots = [k for k in range(lay.n_rows * lay.n_cols) if variables[k] == target]
        for spot in spots:
            i, j = divmod(spot, lay.n_cols)
            for i2 in range(lay.n_rows):
                for j2 in range(lay.n_cols):
                    if i2 == i or j2 == j:
                        continue
                    corners = [
                        variables[lay.cell(i, j2)],
                        variables[lay.cell(i2, j)],
                        variables[lay.cell(i2, j2)],
                    ]
                    new = sorted({k for k in corners if not marks[k]})
                    if not new:
                        continue
                    values = system.values
                    key = (len(new), sum(values[k] == 0 for k in new), sum(values[k] for k in new))
                    found.append((key, new))
    found.sort()
    return [new for _key, new in found]


def _prune(system: _System, marks: list[Mark], stuck: set[int]) -> None:
    """Print again every "x" that is not needed (the greedy step may mask a cell that later
    ones made redundant): totals first, then the largest counts. What is left is minimal: no
    single "x" can be printed without disclosing something."""
    check = system.check(marks)
    for k, m in enumerate(marks):
        if m == "complement" and check.determined(k):
            marks[k] = ""  # the reader knows it anyway: printing it tells nothing new
            if stuck and stuck.intersection(disclosed(system.equations, _masked(marks))):
                marks[k] = "complement"  # ... but the totals alone would then tell more
    order = sorted(
        (k for k, m in enumerate(marks) if m == "complement"),
        key=lambda k: (not system.total[k], -system.values[k], k),
    )
    for k in order:
        marks[k] = ""
        check = system.check(marks)
        # Only the masked variables tied to k through masked variables can change.
        around: set[int] = set()
        for eq in system.equations:
            if k in eq:
                for v in eq:
                    if marks[v] and v in check.of and v not in around:
                        around |= set(check.component(v)[0])
        if any(v not in stuck and check.determined(v) for v in sorted(around)):
            marks[k] = "complement"
        elif stuck and stuck.intersection(disclosed(system.equations, _masked(marks))):
            marks[k] = "complement"  # the totals alone would give a stuck cell away again


def _masked(marks: Sequence[Mark]) -> list[int]:
    return [k for k, m in enumerate(marks) if m]


def suppress_column(
    counts: Sequence[int], *, labels: Sequence[str] = (), total: bool = True
) -> Suppressed:
    """A single list of counts with (optionally) its total, e.g. participants per group."""
    return suppress([[v] for v in counts], rows=labels, row_totals=False, column_totals=total)
