"""Suppressions: inline comments, per-template ``ignore:`` and ``--ignore``.

Inline comments, in the comment form of the file type (``<!-- ... -->`` in Markdown, ``# ...``
in YAML; JSON and CSV have no comments, use ``ignore``)::

    replylint-disable shouting, length    # from this line on, until replylint-enable
    replylint-enable shouting             # (no rule list: every rule)
    replylint-disable-next-line shouting  # only the next line (in YAML, the next line with content)

Text after ``--`` is a free comment (``replylint-disable length -- legal text``). A finding is
suppressed by the line where it starts. A suppression that suppresses nothing is reported by the
rule ``unused-suppression`` (info by default; configurable like any rule, see
:mod:`replylint.checks.unused_suppression`), so stale ones get cleaned up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .checks.unused_suppression import UnusedSuppression
from .findings import Finding, Severity

if TYPE_CHECKING:
    from .linter import Linter

UNUSED = UnusedSuppression.id

_DIRECTIVE = re.compile(r"replylint-(disable-next-line|disable|enable)(?![\w-])[ \t:]*(.*)", re.DOTALL)


def parse_directive(comment: str):
    """``(kind, rules)`` for a comment holding a directive, else None."""
    m = _DIRECTIVE.search(comment)
    if m is None:
        return None
    rest = m.group(2).split("--", 1)[0] if not m.group(2).lstrip().startswith("-->") else ""
    rest = rest.replace("-->", " ")
    rules = tuple(r for r in re.split(r"[\s,]+", rest) if r)
    kind = {"disable-next-line": "next-line"}.get(m.group(1), m.group(1))
    return kind, rules


@dataclass
class _Range:
    rules: tuple[str, ...]
    first: int
    last: int  # inclusive line numbers
    line: int
    column: int
    label: str
    used: set[str] = field(default_factory=set)


class Suppressions:
    """The lines each inline directive covers, and which of them suppressed something."""

    def __init__(self, directives, lines) -> None:
        self.ranges: list[_Range] = []
        last_line = lines.line_count
        open_ranges: list[_Range] = []
        for d in sorted(directives, key=lambda d: d.offset):
            line, column = lines.line_col(d.offset)
            if d.kind == "next-line":
                target = d.target_line if d.target_line is not None else line + 1
                self.ranges.append(_Range(d.rules, target, target, line, column, "replylint-disable-next-line"))
            elif d.kind == "disable":
                r = _Range(d.rules, line, last_line, line, column, "replylint-disable")
                self.ranges.append(r)
                open_ranges.append(r)
            else:  # enable
                for r in open_ranges:
                    if r.last != last_line:
                        continue
                    if not d.rules or not r.rules or set(r.rules) & set(d.rules):
                        r.last = line
                open_ranges = [r for r in open_ranges if r.last == last_line]

    def suppresses(self, rule: str, line: int) -> bool:
        for r in self.ranges:
            if r.first <= line <= r.last and (not r.rules or rule in r.rules):
                r.used.add(rule if r.rules else "*")
                return True
        return False

    def unused(self) -> list[tuple[int, int, str]]:
        """``(line, column, message)`` for each directive (or rule of one) that suppressed nothing."""
        result = []
        for r in self.ranges:
            if not r.rules:
                if not r.used:
                    result.append((r.line, r.column, f"{r.label} suppresses nothing: remove it"))
                continue
            for rule in r.rules:
                if rule not in r.used:
                    result.append((r.line, r.column, f"{r.label} {rule} suppresses nothing: remove it"))
        return result


def unused_severity(linter: "Linter", lang: str, channel: str) -> Severity | None:
    """The severity of ``unused-suppression`` for a reply in ``lang`` on ``channel`` (config and
    channel profile applied), or None where the rule is off."""
    for entry in linter.active_rules(lang, channel):
        if entry.info.id == UNUSED:
            return entry.severity
    return None


def unused_finding(line: int, column: int, message: str, severity: Severity = UnusedSuppression.severity) -> Finding:
    return Finding(rule=UNUSED, severity=severity, message=message, start=0, end=0,
                   line=line, column=column, text="")
