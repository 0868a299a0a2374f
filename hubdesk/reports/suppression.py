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
steps, the cell counts as disclosed, so doubt always masks more, never less.

One case no masking can help: four or fewer people in as many cells under a total of 1..4 (four
cells of 1 under a "<5" total are each 1, whatever else is masked). Such a cell is left as it is
(the table prints "<5" for each of them, as it must).

The module knows no Qt and no report: ``suppress`` takes a matrix of ints and returns what may be
printed, so any block (youth, inclusion groups, trainings by profession ...) can call it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from hubdesk.i18n import N_, _

SMALL_MAX = 4  # counts 1..SMALL_MAX are never printed
SMALL = N_("<5")  # what a masked small count reads
COMPLEMENT = N_("x")  # what a cell masked to protect another reads
FOOTNOTE = N_(
    "Counts from 1 to 4 are shown as <5 to protect the people counted; cells marked x are "
    "hidden as well, so that those counts cannot be worked out from the totals."
)
SEARCH_BUDGET = 4000  # search nodes per question "can this cell take another value?"
# The same question while choosing what to mask: a candidate whose answer takes longer is passed
# over (choosing may mask more); what is finally printed is always checked with SEARCH_BUDGET.
TRIAL_BUDGET = 300

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


def disclosed(equations: Sequence[dict[int, int]], masked: Sequence[int]) -> list[int]:
    """The masked variables whose value follows from the equations by linear algebra alone
    (coefficients by variable; every variable not in ``masked`` is known). Exact: the rows are
    brought to reduced row echelon form in whole numbers (each row a multiple of the rational
    one); a variable is determined exactly when some reduced row holds it alone. Bounds are
    the business of ``_Check``."""
    index = {v: n for n, v in enumerate(masked)}
    rows: list[dict[int, int]] = []
    for eq in equations:
        row: dict[int, int] = {}
        for var, coef in eq.items():
            n = index.get(var)
            if n is not None:
                row[n] = row.get(n, 0) + coef
        row = {n: c for n, c in row.items() if c}
        if row:
            rows.append(row)
    return [masked[next(iter(row))] for row in _reduced(rows) if len(row) == 1]


def _reduced(rows: list[dict[int, int]]) -> list[dict[int, int]]:
    """Gauss-Jordan elimination over whole numbers on sparse rows (column -> coefficient): the
    rows returned are each a multiple of a row of the reduced row echelon form, so every pivot
    column appears in its own row only. Whole numbers kept small by their common divisor."""
    pivots: list[tuple[int, dict[int, int]]] = []
    for row in rows:
        for col, pivot in pivots:
            if col in row:
                row = _eliminate(row, pivot, col)
        if not row:
            continue
        col = min(row)
        pivots = [(c, _eliminate(p, row, col) if col in p else p) for c, p in pivots]
        pivots.append((col, row))
    return [row for _col, row in pivots]


def _eliminate(row: dict[int, int], pivot: dict[int, int], col: int) -> dict[int, int]:
    """``row`` with column ``col`` cleared by a whole-number multiple of ``pivot``."""
    a, b = pivot[col], row[col]
    out: dict[int, int] = {}
    for k in row.keys() | pivot.keys():
        v = a * row.get(k, 0) - b * pivot.get(k, 0)
        if v:
            out[k] = v
    divisor = math.gcd(*out.values()) if out else 1
    return {k: v // divisor for k, v in out.items()} if divisor > 1 else out


# --- the whole check: equations, whole numbers and the domains of "<5" and "x" ----------------


def _ceil_div(a: int, b: int) -> int:
    return -((-a) // b)


class _Check:
    """Which masked variables can take only one value, given the equations, the printed values
    and the domains: "<5" is 1..4, "x" is 0 or 5..``box`` (``box`` keeps the search finite; a
    smaller box can only find fewer alternatives, so it errs towards masking more)."""

    def __init__(
        self,
        equations: Sequence[dict[int, int]],
        values: Sequence[int],
        marks: Sequence[Mark],
        budget: int = SEARCH_BUDGET,
    ) -> None:
        self.budget = budget
        self.values = values
        self.marks = marks
        self.box = 2 * max(values, default=0) + 10
        self.rows: list[tuple[list[tuple[int, int]], int]] = []
        self.of: dict[int, list[int]] = {}
        seen: set[tuple[tuple[tuple[int, int], ...], int]] = set()
        for eq in equations:
            terms = tuple(sorted((v, c) for v, c in eq.items() if marks[v] and c != 0))
            if not terms:
                continue
            rhs = -sum(c * values[v] for v, c in eq.items() if not marks[v])
            if (terms, rhs) in seen:
                continue
            seen.add((terms, rhs))
            for v, _c in terms:
                self.of.setdefault(v, []).append(len(self.rows))
            self.rows.append((list(terms), rhs))
        self._linear: dict[tuple[int, ...], set[int]] = {}

    def linear(self, v: int) -> bool:
        """Whether ``v`` follows from the equations of its component by linear algebra."""
        variables, rows = self.component(v)
        key = tuple(rows)
        if key not in self._linear:
            eqs = [dict(self.rows[r][0]) for r in rows]
            self._linear[key] = set(disclosed(eqs, variables))
        return v in self._linear[key]

    def determined(self, v: int) -> bool:
        """Whether masked variable ``v`` can take only its true value."""
        if v not in self.of:  # in no equation with anything masked: only its own domain
            return False
        if self.linear(v):
            return True
        return not (self._other(v, below=True) or self._other(v, below=False))

    def component(self, v: int) -> tuple[list[int], list[int]]:
        variables, rows, todo = {v}, set(), [v]
        while todo:
            for r in self.of[todo.pop()]:
                if r in rows:
                    continue
                rows.add(r)
                for u, _c in self.rows[r][0]:
                    if u not in variables:
                        variables.add(u)
                        todo.append(u)
        return sorted(variables), sorted(rows)

    def _other(self, v: int, *, below: bool) -> bool:
        """Whether some solution gives ``v`` a value below (above) its true one. False when
        none was found within the budget."""
        variables, rows = self.component(v)
        at = {u: n for n, u in enumerate(variables)}
        lo: list[int] = []
        hi: list[int] = []
        hole: list[bool] = []
        for u in variables:
            small = self.marks[u] == "small"
            lo.append(1 if small else 0)
            hi.append(SMALL_MAX if small else max(self.box, self.values[u]))
            hole.append(not small)
        n = at[v]
        if below:
            hi[n] = self.values[v] - 1
        else:
            lo[n] = self.values[v] + 1
        if hole[n]:
            lo[n], hi[n] = _fit(lo[n], hi[n])
        if lo[n] > hi[n]:
            return False
        local = [([(at[u], c) for u, c in self.rows[r][0]], self.rows[r][1]) for r in rows]
        search = _Search(local, [self.values[u] for u in variables], hole, self.budget)
        return search.solve(lo, hi) is True


def _distance(r: tuple[int, int], x: int) -> int:
    return 0 if r[0] <= x <= r[1] else min(abs(r[0] - x), abs(r[1] - x))


def _fit(lo: int, hi: int) -> tuple[int, int]:
    """Bounds of an "x" (0 or at least 5) narrowed past the values it cannot take."""
    if 1 <= lo <= SMALL_MAX:
        lo = SMALL_MAX + 1
    if 1 <= hi <= SMALL_MAX:
        hi = 0
    return lo, hi


class _Search:
    """Backtracking over whole numbers with bounds propagated through the sums."""

    def __init__(
        self,
        rows: list[tuple[list[tuple[int, int]], int]],
        near: list[int],
        hole: list[bool],
        budget: int = SEARCH_BUDGET,
    ) -> None:
        self.budget = budget
        self.rows = rows
        self.near = near
        self.hole = hole
        self.of: list[list[int]] = [[] for _ in near]
        for r, (terms, _rhs) in enumerate(rows):
            for u, _c in terms:
                self.of[u].append(r)
        self.nodes = 0

    def solve(self, lo: list[int], hi: list[int]) -> bool | None:
        """True: a solution within the bounds; False: none; None: out of budget. Depth first,
        with a stack of its own (a search may go deep)."""
        stack = [(lo, hi, -1)]
        while stack:
            self.nodes += 1
            if self.nodes > self.budget:
                return None
            lo, hi, narrowed = stack.pop()
            # the first state is settled from every sum, a branch from the sums of the one
            # variable it narrowed (the rest held when its parent was settled)
            if not self._propagate(lo, hi, None if narrowed < 0 else self.of[narrowed]):
                continue
            pick, size = -1, 0
            for u in range(len(lo)):
                width = hi[u] - lo[u]
                if width and (pick < 0 or width < size):
                    pick, size = u, width
            if pick < 0:
                if all(sum(c * lo[u] for u, c in terms) == rhs for terms, rhs in self.rows):
                    return True
                continue
            for a, b in reversed(self._branches(pick, lo[pick], hi[pick])):
                lo2, hi2 = lo[:], hi[:]
                lo2[pick], hi2[pick] = a, b
                stack.append((lo2, hi2, pick))
        return False

    def _branches(self, u: int, lo: int, hi: int) -> list[tuple[int, int]]:
        """The value nearest the true one first, then what is left of the range, in halves
        when it is wide, nearest first (so that a deep search stays short)."""
        near = self.near[u]
        if hi - lo <= 8:
            values = [x for x in range(lo, hi + 1) if not (self.hole[u] and 1 <= x <= SMALL_MAX)]
            return [(x, x) for x in sorted(values, key=lambda x: (abs(x - near), x))]
        t = min(max(near, lo), hi)
        if self.hole[u] and 1 <= t <= SMALL_MAX:
            t = lo if lo == 0 and t < 3 else max(lo, SMALL_MAX + 1)
        out = [(t, t)]
        for a, b in ((lo, t - 1), (t + 1, hi)):
            if self.hole[u]:
                a, b = _fit(a, b)
            if a > b:
                continue
            if b - a > 8:
                mid = (a + b) // 2
                out += [(a, mid), (mid + 1, b)]
            else:
                out.append((a, b))
        return sorted(out, key=lambda r: (r != (t, t), _distance(r, near)))

    def _propagate(self, lo: list[int], hi: list[int], rows: list[int] | None = None) -> bool:
        """Narrow the bounds through the sums (``rows`` first, then every sum a narrowed
        variable is in) until they hold still; False when some sum cannot be met."""
        pending = list(range(len(self.rows))) if rows is None else list(rows)
        queued = [False] * len(self.rows)
        for r in pending:
            queued[r] = True
        steps = 0
        while pending:
            steps += 1
            if steps > 50 * len(self.rows) + 100:
                return True  # slow to settle: let the search split instead
            r = pending.pop()
            queued[r] = False
            terms, rhs = self.rows[r]
            least = sum(c * (lo[u] if c > 0 else hi[u]) for u, c in terms)
            most = sum(c * (hi[u] if c > 0 else lo[u]) for u, c in terms)
            if not least <= rhs <= most:
                return False
            for u, c in terms:
                own_least = c * (lo[u] if c > 0 else hi[u])
                own_most = c * (hi[u] if c > 0 else lo[u])
                low = rhs - (most - own_most)  # c * x >= low
                high = rhs - (least - own_least)  # c * x <= high
                if c > 0:
                    a, b = _ceil_div(low, c), high // c
                else:
                    a, b = _ceil_div(high, c), low // c
                a, b = max(a, lo[u]), min(b, hi[u])
                if self.hole[u]:
                    a, b = _fit(a, b)
                if a > b:
                    return False
                if (a, b) != (lo[u], hi[u]):
                    lo[u], hi[u] = a, b
                    # this sum's bounds follow the narrowed variable
                    least += c * (a if c > 0 else b) - own_least
                    most += c * (b if c > 0 else a) - own_most
                    for r2 in self.of[u]:
                        if not queued[r2]:
                            queued[r2] = True
                            pending.append(r2)
        return True


# --- one system: tables and figures, with linked entries as one variable ----------------------


@dataclass
class _System:
    values: list[int]
    equations: list[dict[int, int]]
    total: list[bool]  # a total or a headline figure (masked after body cells)
    bodies: list[tuple[_Layout, list[int]]]  # tables with both totals: layout, variables

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
    check = _Check(equations, system.values, marks)
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
            check = _Check(equations, system.values, marks)
            continue
        new = _choose(system, marks, target)
        if new is None:
            stuck.add(target)
            continue
        for k in new:
            marks[k] = "complement"
        check = _Check(equations, system.values, marks)
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


def _hides(system: _System, marks: Sequence[Mark], target: int, new: Iterable[int]) -> bool:
    """Whether masking ``new`` as well leaves ``target`` more than one possible value (asked
    with the smaller TRIAL_BUDGET: a doubtful candidate is passed over)."""
    trial = list(marks)
    for k in new:
        trial[k] = "complement"
    check = _Check(system.equations, system.values, trial, TRIAL_BUDGET)
    return not check.determined(target)


def _choose(system: _System, marks: list[Mark], target: int) -> list[int] | None:
    """The cells to mask next for a disclosed ``target``; None when no masking can hide it."""
    equations = system.equations
    component = _reach(equations, target)
    wide = system.unmasked_in(marks, component)
    if not wide or not _hides(system, marks, target, wide):
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
    return ranked[:1]  # one step towards the masking that is enough (masking all of it is)


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
    check = _Check(system.equations, system.values, marks)
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
        check = _Check(system.equations, system.values, marks)
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
