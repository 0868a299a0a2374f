"""What a reader of a suppressed table can work out: the checks behind ``suppression.py``.

A reader knows the printed numbers, that printed totals are sums, that a "<5" is 1..4 and that
an "x" is 0 or at least 5 (every 1..4 reads "<5"), and that counts are whole numbers.
``disclosed`` answers by linear algebra alone (the totals); ``Check`` adds the bounds: a masked
count is disclosed when no whole-number solution of everything printed gives it another value.
Doubt (a search out of budget) counts as disclosed, so the suppression errs towards masking more.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

SMALL_MAX = 4  # counts 1..SMALL_MAX are never printed
SEARCH_BUDGET = 4000  # search nodes per question "can this cell take another value?"
# The same question while choosing what to mask: a candidate whose answer takes longer is passed
# over (choosing may mask more); what is finally printed is always checked with SEARCH_BUDGET.
TRIAL_BUDGET = 300

Mark = Literal["", "small", "complement"]


def disclosed(equations: Sequence[dict[int, int]], masked: Sequence[int]) -> list[int]:
    """The masked variables whose value follows from the equations by linear algebra alone
    (coefficients by variable; every variable not in ``masked`` is known). Exact: the rows are
    brought to reduced row echelon form in whole numbers (each row a multiple of the rational
    one); a variable is determined exactly when some reduced row holds it alone. Bounds are
    the business of ``Check``."""
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


class Check:
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
