"""How the masking of small-cell suppression chooses what to hide next (rule 3 and 4 of
``suppression.py``'s docstring), apart from the rule and its public functions.

Kept on its own because it is where the search for a good masking lives: the rectangles,
the single cells and pairs tried, the step-by-step masking of small systems and the masking
through another solution in a region's big ones, then the pruning of needless "x". The
variables and equations it works on (``Layout``, ``System``) are built by
``suppression.suppress_linked``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hubdesk.reports.disclosure import (
    SEARCH_BUDGET,
    TRIAL_BUDGET,
    Check,
    Mark,
    disclosed,
)

# How many times the pruning of needless "x" goes over them while its checks learn more.
PRUNE_PASSES = 3

# --- a table as variables and equations -------------------------------------------------------
# Variables: body cells (i, j) first, then row totals, column totals, grand total.


@dataclass(frozen=True)
class Layout:
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


def coefficients(equation: list[int]) -> dict[int, int]:
    out = dict.fromkeys(equation[:-1], 1)
    out[equation[-1]] = -1
    return out


# --- one system: tables and figures, with linked entries as one variable ----------------------


@dataclass
class System:
    values: list[int]
    equations: list[dict[int, int]]
    total: list[bool]  # a total or a headline figure (masked after body cells)
    bodies: list[tuple[Layout, list[int]]]  # tables with both totals: layout, variables
    # other solutions the checks found, kept for the next checks (``Check._other``)
    witnesses: list[dict[int, int]] = field(default_factory=list)
    ceilings: dict[int, list[int]] = field(default_factory=dict)  # ``Check.ceilings``

    @property
    def ties(self) -> list[dict[int, int]]:
        """The equations and the caps (a count and the count it never exceeds): what ties a
        hidden count to others, for the reader as for the check."""
        caps = [{a: 1, b: -1} for a, highs in self.ceilings.items() for b in highs]
        return [*self.equations, *caps]

    def check(self, marks: Sequence[Mark], budget: int = SEARCH_BUDGET) -> Check:
        return Check(self.equations, self.values, marks, budget, self.witnesses, self.ceilings)

    def unmasked_in(self, marks: Sequence[Mark], variables: Iterable[int]) -> list[int]:
        return sorted({k for k in variables if not marks[k]})


def complete(system: System, marks: list[Mark]) -> None:
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


def _linear_step(system: System, marks: Sequence[Mark], target: int) -> int | None:
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


def _hides(system: System, marks: Sequence[Mark], target: int, new: Iterable[int]) -> bool:
    """Whether masking ``new`` as well leaves ``target`` more than one possible value (asked
    with the smaller TRIAL_BUDGET: a doubtful candidate is passed over)."""
    return _other_solution(system, marks, target, new) is not None


def _other_solution(
    system: System, marks: Sequence[Mark], target: int, new: Iterable[int]
) -> dict[int, int] | None:
    """A solution that gives ``target`` another value once ``new`` is masked as well (the
    variables it changes), or None (asked with TRIAL_BUDGET)."""
    trial = list(marks)
    for k in new:
        trial[k] = "complement"
    return system.check(trial, TRIAL_BUDGET).alternative(target)


def _choose(system: System, marks: list[Mark], target: int) -> list[int] | None:
    """The cells to mask next for a disclosed ``target``; None when no masking can hide it."""
    equations = system.equations
    component = _reach(system.ties, target)
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


def _rectangles(system: System, marks: Sequence[Mark], target: int) -> list[list[int]]:
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


def _prune(system: System, marks: list[Mark], stuck: set[int]) -> None:
    """Print again every "x" that is not needed (the greedy step may mask a cell that later
    ones made redundant): totals first, then the largest counts. What is left is minimal: no
    single "x" can be printed without disclosing something."""
    check = system.check(marks)
    for k, m in enumerate(marks):
        if m == "complement" and check.determined(k):
            marks[k] = ""  # the reader knows it anyway: printing it tells nothing new
            if stuck and stuck.intersection(disclosed(system.equations, _masked(marks))):
                marks[k] = "complement"  # ... but the totals alone would then tell more
    # The checks keep the other solutions they find (``System.witnesses``): one an "x" tried
    # late in a pass found may show that an "x" tried earlier is not needed after all, so the
    # pass runs again while it learns (a few times at most: each is a check per "x").
    for _pass in range(PRUNE_PASSES):
        known = len(system.witnesses)
        _prune_pass(system, marks, stuck)
        if len(system.witnesses) == known:
            break


def _prune_pass(system: System, marks: list[Mark], stuck: set[int]) -> None:
    """One pass of ``_prune``: each "x" printed again in turn, kept printed if nothing is then
    disclosed."""
    order = sorted(
        (k for k, m in enumerate(marks) if m == "complement"),
        key=lambda k: (not system.total[k], -system.values[k], k),
    )
    for k in order:
        marks[k] = ""
        check = system.check(marks)
        # Only the masked variables tied to k through masked variables can change.
        around: set[int] = set()
        for eq in system.ties:
            if k in eq:
                for v in eq:
                    if marks[v] and v in check.of and v not in around:
                        around |= set(check.component(v)[0])
        real = sorted(v for v in around if v < len(marks))  # (not the caps' slacks)
        if any(v not in stuck and check.determined(v) for v in real):
            marks[k] = "complement"
        elif stuck and stuck.intersection(disclosed(system.equations, _masked(marks))):
            marks[k] = "complement"  # the totals alone would give a stuck cell away again


def _masked(marks: Sequence[Mark]) -> list[int]:
    return [k for k, m in enumerate(marks) if m]
