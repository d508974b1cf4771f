"""Where the linting time goes: per stage and per rule (``replylint check --timings``).

Off by default. Set ``linter.timings = Timings()`` and every draft the linter checks adds the
time of its stages (the non-prose scan, spaCy's tokenizer with the non-prose merge) and of
each rule it runs, fix passes included. A draft works out some views of itself once, on first
use (its token list, its sentence starts): their time counts for the first rule that reads
them. The figures are wall-clock time in this process: run on a quiet machine
and compare side by side.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SCAN = "scan for non-prose"
PARSE = "spaCy: tokens, non-prose merge"


@dataclass
class Timings:
    seconds: Counter = field(default_factory=Counter)   # stage or "rule <id>" -> seconds
    drafts: int = 0

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] += seconds

    def rule(self, rule_id: str, seconds: float) -> None:
        self.seconds["rule " + rule_id] += seconds

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def table(self, limit: int | None = None) -> str:
        """The stages and rules, slowest first, as a text table."""
        total = self.total or 1e-12
        per = max(self.drafts, 1)
        rows = self.seconds.most_common(limit)
        width = max([len(name) for name, _ in rows] + [5])
        drafts = f"{self.drafts} draft" + ("" if self.drafts == 1 else "s")
        lines = [f"{drafts}, {self.total:.3f} s in all ({self.total / per * 1e6:.0f} µs per draft)",
                 f"{'stage':<{width}}  {'total ms':>9}  {'µs/draft':>9}  {'share':>6}"]
        for name, seconds in rows:
            lines.append(f"{name:<{width}}  {seconds * 1e3:>9.1f}  {seconds / per * 1e6:>9.1f}  "
                         f"{100 * seconds / total:>5.1f}%")
        return "\n".join(lines) + "\n"
