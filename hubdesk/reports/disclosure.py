"""What a reader of a suppressed table can work out: the checks behind ``suppression.py``.

A reader knows the printed numbers, that printed totals are sums, that a "<5" is 1..4 and that
an "x" is 0 or at least 5 (every 1..4 reads "<5"), that counts are whole numbers, and that some
counts never exceed another (``ceilings``: a municipality's young people from marginalised
groups are at most its young people, so a printed 5 beside an "x" caps the "x" at 5, and a
printed 12 makes the "x" head count beside it at least 12).
``disclosed`` answers by linear algebra alone (the totals); ``Check`` adds the bounds: a masked
count is disclosed when no whole-number solution of everything printed gives it another value.
Doubt (a search out of budget) counts as disclosed, so the suppression errs towards masking more.

The search stays short in big regions (2026-12-05: 40 municipalities took 8-30 s, now under a
second): it branches on a variable of a sum that the nearest guess breaks, mending value first;
it looks in the neighbourhood of the cell before its whole component; a small step of a wide
range is not passed on (two sums could trade steps of 5 for thousands of rounds); and every
solution found is kept (``witnesses``) and answers later questions while the counts it changes
are still masked. Only a solution found ever counts, so none of this can print a count that
could be worked out.
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
SETTLE = 50  # sums settled per state, times the number of sums, before the search splits
NARROW = 16  # a range this narrow (or narrowed by a 16th) passes its change on to its sums
# The neighbourhoods of a masked count searched before its whole component (sums away from it),
# each within LOCAL_BUDGET nodes.
LOCAL_RADII = (1, 2, 3)
LOCAL_BUDGET = 200

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
        witnesses: list[dict[int, int]] | None = None,
        ceilings: dict[int, list[int]] | None = None,
    ) -> None:
        self.budget = budget
        # A count never above another printed count (the young people of a municipality from
        # marginalised groups, and its young people): variable -> the variables it is at most.
        self.ceilings = ceilings or {}
        # other solutions found so far, as the counts they change (shared by the checks of
        # one system: see ``_other``)
        self.witnesses = [] if witnesses is None else witnesses
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
            self._add_row(list(terms), rhs)
        # A cap is an inequality both ways: a printed 12 beside an "x" head count says the
        # "x" is at least 12, and two hidden counts keep their order. Each pair a <= b is the
        # sum a + s = b with a slack s >= 0 of its own (``slack``: its true value), which the
        # search treats as one more hidden whole number and the reader never sees printed.
        self.slack: dict[int, int] = {}
        for a, highs in self.ceilings.items():
            for b in highs:
                gap = values[b] - values[a]
                if gap < 0 or not (marks[a] or marks[b]):
                    continue  # (a record that breaks the rule bounds nothing; printed: known)
                s = len(values) + len(self.slack)
                self.slack[s] = gap
                row = {a: 1, b: -1, s: 1}
                terms_ = [(u, c) for u, c in row.items() if u == s or marks[u]]
                rhs_ = -sum(c * values[u] for u, c in row.items() if u != s and not marks[u])
                self._add_row(terms_, rhs_)
        self._linear: dict[tuple[int, ...], set[int]] = {}

    def _add_row(self, terms: list[tuple[int, int]], rhs: int) -> None:
        for v, _c in terms:
            self.of.setdefault(v, []).append(len(self.rows))
        self.rows.append((terms, rhs))

    def _truth(self, u: int) -> int:
        return self.slack[u] if u in self.slack else self.values[u]

    def ceiling(self, v: int) -> int | None:
        """The most ``v`` can be as the reader sees it at a glance: the least printed count
        it cannot exceed, or 4 for one printed "<5" (the search's first bounds; the caps'
        rows say the rest, a hidden cap included)."""
        known = [
            self.values[w] if not self.marks[w] else SMALL_MAX
            for w in self.ceilings.get(v, ())
            if self.marks[w] != "complement"
        ]
        return min(known, default=None)

    def _within_ceilings(self, solution: dict[int, int]) -> bool:
        """Whether ``solution`` (the counts it changes, the rest at their true values) keeps
        every count at most the count that caps it."""

        def at(u: int) -> int:
            return solution.get(u, self.values[u])

        return all(
            at(a) <= at(b)
            for a, highs in self.ceilings.items()
            for b in highs
            if self.values[a] <= self.values[b]
        )

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
        return self.alternative(v) is None

    def alternative(self, v: int) -> dict[int, int] | None:
        """Another solution in which masked variable ``v`` has another value, as the
        variables it changes and their values; None when there is none (or none was found
        within the budget)."""
        if v not in self.of:  # in no equation with anything masked: only its own domain
            truth = self.values[v]
            if self.marks[v] == "small":
                other = {v: 2 if truth == 1 else 1}
            else:
                other = {v: SMALL_MAX + 1 if truth == 0 else 0}
            return other if self._within_ceilings(other) else None
        if self.linear(v):
            return None
        return self._other(v, below=True) or self._other(v, below=False)

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

    def _other(self, v: int, *, below: bool) -> dict[int, int] | None:
        """A solution that gives ``v`` a value below (above) its true one, as in
        ``alternative``. None when none was found within the budget.

        A solution found before still counts while every count it changes is still masked
        (masking more takes no equation away, and the true values satisfy them all). Then the
        neighbourhood of ``v`` is searched first, everything further away held at its true
        value: another solution usually changes a few counts around ``v`` (the corners of a
        rectangle), and a search of the whole component would fix hundreds of masked counts
        one by one on its way there. Any solution found this way is a solution of the whole;
        only the search of the whole component may conclude that there is none."""
        truth = self.values[v]
        for witness in self.witnesses:
            x = witness.get(v)
            moved = x is not None and (x < truth if below else x > truth)
            if moved and all(self.marks[u] for u in witness) and self._within_ceilings(witness):
                return witness
        variables, _rows = self.component(v)
        for radius in LOCAL_RADII:
            near = self._around(v, radius)
            if len(near) == len(variables):
                break
            found = self._search(v, below, near, min(self.budget, LOCAL_BUDGET))
            if found is not None:
                return found
        return self._search(v, below, variables, self.budget)

    def _around(self, v: int, radius: int) -> list[int]:
        """The masked variables at most ``radius`` sums away from ``v``."""
        seen, edge = {v}, [v]
        for _ in range(radius):
            step: list[int] = []
            for u in edge:
                for r in self.of[u]:
                    for w, _c in self.rows[r][0]:
                        if w not in seen:
                            seen.add(w)
                            step.append(w)
            edge = step
        return sorted(seen)

    def _search(
        self, v: int, below: bool, variables: list[int], budget: int
    ) -> dict[int, int] | None:
        """A search for a solution with ``v`` below (above) its true value in which only
        ``variables`` may differ from their true values; a solution found is kept."""
        at = {u: n for n, u in enumerate(variables)}
        lo: list[int] = []
        hi: list[int] = []
        hole: list[bool] = []
        for u in variables:
            if u in self.slack:
                lo.append(0)
                hi.append(self.box)
                hole.append(False)
                continue
            small = self.marks[u] == "small"
            lo.append(1 if small else 0)
            top = SMALL_MAX if small else max(self.box, self.values[u])
            ceiling = self.ceiling(u)
            hi.append(top if ceiling is None else min(top, ceiling))
            hole.append(not small)
        n = at[v]
        if below:
            hi[n] = self.values[v] - 1
        else:
            lo[n] = self.values[v] + 1
        if hole[n]:
            lo[n], hi[n] = _fit(lo[n], hi[n])
        if lo[n] > hi[n]:
            return None
        rows = sorted({r for u in variables for r in self.of[u]})
        local: list[tuple[list[tuple[int, int]], int]] = []
        for r in rows:
            terms, rhs = self.rows[r]
            inside = [(at[u], c) for u, c in terms if u in at]
            rhs -= sum(c * self._truth(u) for u, c in terms if u not in at)
            local.append((inside, rhs))
        near = [self._truth(u) for u in variables]
        search = _Search(local, near, hole, budget)
        if search.solve(lo, hi) is not True:
            return None
        found = {
            u: x
            for u, x, t in zip(variables, search.solution, near, strict=True)
            if x != t and u not in self.slack
        }
        self.witnesses.append(found)
        return found


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
        self.nodes = 0  # states visited
        self.steps = 0  # sums settled while propagating (the work in a state)
        self.solution: list[int] = []

    def solve(self, lo: list[int], hi: list[int]) -> bool | None:
        """True: a solution within the bounds (kept in ``solution``); False: none; None: out
        of budget. Depth first, with a stack of its own (a search may go deep)."""
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
            guess = [self._nearest(u, lo[u], hi[u]) for u in range(len(lo))]
            pick = self._pick(lo, hi, guess)
            if pick is None:
                if not all(self._allowed(u, x, lo, hi) for u, x in enumerate(guess)):
                    continue  # never (see _nearest); were it so, passing over masks more
                self.solution = guess
                return True
            u, want = pick
            if u < 0:
                continue
            for a, b in reversed(self._mend(u, lo[u], hi[u], guess[u], want)):
                lo2, hi2 = lo[:], hi[:]
                lo2[u], hi2[u] = a, b
                stack.append((lo2, hi2, u))
        return False

    def _pick(self, lo: list[int], hi: list[int], guess: list[int]) -> tuple[int, int] | None:
        """The variable to branch on and the value that would mend a sum the guess breaks;
        None when the guess (every variable at its allowed value nearest the true one) is a
        solution; (-1, 0) when nothing is left to branch on and there is none.

        Branching on a variable of a broken sum, the mending value first, makes the search
        follow the change it looks for (around a rectangle, along a chain of sums) instead of
        fixing every masked count one by one. It stays complete: every value of the variable
        is a branch."""
        best: tuple[bool, int, int, int] | None = None  # (no room, width, variable, wanted)
        broken = False
        for terms, rhs in self.rows:
            short = rhs - sum(c * guess[u] for u, c in terms)
            if not short:
                continue
            broken = True
            for u, c in terms:
                width = hi[u] - lo[u]
                if not width:
                    continue
                want = guess[u] + (short // c if short % c == 0 else (1 if short * c > 0 else -1))
                stuck = not lo[u] <= want <= hi[u]
                key = (stuck, width, u, min(max(want, lo[u]), hi[u]))
                if best is None or key[:2] < best[:2]:
                    best = key
        if not broken:
            return None
        if best is None:  # a broken sum with nothing left to choose (the bounds gave up settling)
            free = [(hi[u] - lo[u], u) for u in range(len(lo)) if hi[u] > lo[u]]
            if not free:
                return -1, 0
            u = min(free)[1]
            return u, guess[u]
        return best[2], best[3]

    def _allowed(self, u: int, x: int, lo: list[int], hi: list[int]) -> bool:
        return lo[u] <= x <= hi[u] and not (self.hole[u] and 1 <= x <= SMALL_MAX)

    def _nearest(self, u: int, lo: int, hi: int) -> int:
        """The allowed value of ``u`` within ``lo..hi`` nearest its true one (the bounds of an
        "x" are always narrowed past 1..4, so 0 and 5 are both within them here)."""
        t = min(max(self.near[u], lo), hi)
        if self.hole[u] and 1 <= t <= SMALL_MAX:
            return 0 if lo <= 0 and (t < 3 or hi <= SMALL_MAX) else max(lo, SMALL_MAX + 1)
        return t

    def _mend(self, u: int, lo: int, hi: int, guess: int, want: int) -> list[tuple[int, int]]:
        """The branches of ``u``: towards ``want`` first (nearest it first), then the guess,
        then the other side; together the whole range."""
        if want == guess:
            return self._branches(u, lo, hi, guess)
        if want > guess:
            towards, away = (guess + 1, hi), (lo, guess - 1)
        else:
            towards, away = (lo, guess - 1), (guess + 1, hi)
        out: list[tuple[int, int]] = []
        for (a, b), centre in ((towards, want), ((guess, guess), guess), (away, guess)):
            if self.hole[u]:
                a, b = _fit(a, b)
            if a <= b:
                out += self._branches(u, a, b, centre)
        return out

    def _branches(self, u: int, lo: int, hi: int, near: int) -> list[tuple[int, int]]:
        """The value nearest ``near`` first, then what is left of the range, in halves when
        it is wide, nearest first (so that a deep search stays short)."""
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
            self.steps += 1
            if steps > SETTLE * len(self.rows) + 100:
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
                    # A small step of a wide range is kept but passed on to no other sum:
                    # two sums can trade steps of 5 for thousands of rounds, and the search
                    # splits the range far sooner.
                    passed = b - a <= NARROW or (hi[u] - lo[u]) - (b - a) >= (hi[u] - lo[u]) >> 4
                    lo[u], hi[u] = a, b
                    # this sum's bounds follow the narrowed variable
                    least += c * (a if c > 0 else b) - own_least
                    most += c * (b if c > 0 else a) - own_most
                    if passed:
                        for r2 in self.of[u]:
                            if not queued[r2]:
                                queued[r2] = True
                                pending.append(r2)
        return True
