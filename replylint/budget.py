"""The per-draft time budget.

Each draft gets ``time_budget_ms`` (config key; :data:`DEFAULT_TIME_BUDGET_MS` by default, ``0``
for none) of rule time. The engine checks the clock before each rule and after each finding a
rule reports; a regular expression from a rule pack runs with the time left as its timeout (the
``regex`` engine stops a runaway match). When the budget is spent, the rules not run (or cut
short) are named in one ``rule-timeout`` finding at the start of the draft instead of the linter
hanging; the findings already made are kept. ``--fix`` passes share a second budget of the same
size.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from .findings import Finding, Severity

RULE_TIMEOUT = "rule-timeout"
RULE_TIMEOUT_SUMMARY = "Some rules did not run on a draft: its time budget was spent"
RULE_TIMEOUT_EXPLANATION = (
    "Every draft gets a time budget (time_budget_ms, 5000 ms by default) so that no draft and no "
    "rule-pack pattern can hang the linter. The rules named were skipped or cut short on this "
    "draft: their findings may be missing. Shorten the draft, simplify the pattern, or raise "
    "time_budget_ms."
)
DEFAULT_TIME_BUDGET_MS = 5000

_deadline: ContextVar[float | None] = ContextVar("replylint_deadline", default=None)


class BudgetExceeded(Exception):
    """Raised inside a rule when the draft's time budget is spent."""


def set_deadline(deadline: float | None):
    """Make ``deadline`` (a :func:`time.monotonic` value, or None) current; returns a reset token."""
    return _deadline.set(deadline)


def reset(token) -> None:
    _deadline.reset(token)


def remaining() -> float | None:
    """Seconds left in the current draft's budget (None: no budget). Raises
    :class:`BudgetExceeded` when none is left."""
    deadline = _deadline.get()
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise BudgetExceeded
    return left


def timeout_finding(rules: list[str], budget_ms: int) -> Finding:
    names = ", ".join(rules[:8]) + (f" and {len(rules) - 8} more" if len(rules) > 8 else "")
    return Finding(
        rule=RULE_TIMEOUT, severity=Severity.WARNING,
        message=f"time budget of {budget_ms} ms spent: not fully checked by {names} "
                "(shorten the draft or raise time_budget_ms)",
        start=0, end=0, line=1, column=1, text="",
    )
