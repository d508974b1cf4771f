"""Immutable result records: severities, fix edits, findings and reports.

All offsets are code-point offsets into the original draft (Python ``str`` indices), so
``report.text[f.start:f.end] == f.text`` always holds. Lines and columns are 1-based and
count code points; ``\\r\\n``, ``\\r`` and ``\\n`` each end a line.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Callable


class Severity(str, enum.Enum):
    """How serious a finding is. Ordered: ``INFO < WARNING < ERROR``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected info, warning or error)") from None

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a draft.

    ``fix`` holds the edits ``--fix`` applies, or ``None`` where no rewrite is safe to apply
    without a human (the ``suggestions`` are then for the agent to choose from).
    """

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str
    suggestions: tuple[str, ...] = ()
    fix: tuple[Edit, ...] | None = None

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "fix": None if self.fix is None else [edit.to_dict() for edit in self.fix],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of linting one draft.

    ``fixed`` is the draft with every safe fix applied. The linter computes it on first access
    (fixing re-lints the draft until nothing is left to fix), so callers that only read the
    findings do not pay for it.
    """

    text: str
    channel: str
    lang: str
    findings: tuple[Finding, ...] = ()
    _fixed: str | None = field(default=None, repr=False, compare=False)
    _fixer: "Callable[[], str] | None" = field(default=None, repr=False, compare=False)

    @property
    def fixed(self) -> str:
        if self._fixed is None:
            if self._fixer is None or not any(f.fix for f in self.findings):
                value = self.text
            else:
                value = self._fixer()
            object.__setattr__(self, "_fixed", value)
            object.__setattr__(self, "_fixer", None)
        return self._fixed  # type: ignore[return-value]

    @property
    def max_severity(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    def count_at_or_above(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity.rank >= severity.rank)

    def to_dict(self) -> dict:
        return {
            "channel": self.channel,
            "lang": self.lang,
            "findings": [f.to_dict() for f in self.findings],
        }
