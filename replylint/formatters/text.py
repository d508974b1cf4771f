"""``path:line:col: severity rule message (suggestion: ...)``, one finding per line."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from ..findings import Report


def format_finding(path: str, finding) -> str:
    line = f"{path}:{finding.line}:{finding.column}: {finding.severity.value} {finding.rule} {finding.message}"
    if finding.suggestions:
        line += f" (suggestion: {finding.suggestions[0]})"
    return line


def summary(results: Sequence[tuple[str, Report]]) -> str:
    counts: Counter[str] = Counter()
    fixable = 0
    for _, report in results:
        for finding in report.findings:
            counts[finding.severity.value] += 1
            fixable += finding.fix is not None
    total = sum(counts.values())
    drafts = len(results)
    if not total:
        return f"No problems in {drafts} draft{'s' if drafts != 1 else ''}."
    parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
                      for s in ("error", "warning", "info") if counts[s])
    tail = f"; {fixable} fixable with --fix" if fixable else ""
    return f"Found {total} problem{'s' if total != 1 else ''} ({parts}) in {drafts} draft{'s' if drafts != 1 else ''}{tail}."


def format_text(results: Sequence[tuple[str, Report]]) -> str:
    lines = [format_finding(path, f) for path, report in results for f in report.findings]
    lines.append(summary(results))
    return "\n".join(lines) + "\n"
