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
    for item in results:
        for finding in item[1].findings:
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
    lines = [format_finding(item[0], f) for item in results for f in item[1].findings]
    lines.append(summary(results))
    return "\n".join(lines) + "\n"


def statistics(results: Sequence[tuple[str, Report]]) -> list[dict]:
    """Findings counted per rule: ``[{"rule", "severity", "count", "fixable"}]``, most frequent first."""
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[tuple[str, str]] = Counter()
    for item in results:
        for f in item[1].findings:
            counts[(f.rule, f.severity.value)] += 1
            fixable[(f.rule, f.severity.value)] += f.fix is not None
    return [{"rule": rule, "severity": severity, "count": count, "fixable": fixable[(rule, severity)]}
            for (rule, severity), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def format_statistics(results: Sequence[tuple[str, Report]]) -> str:
    """``count  rule  severity`` per rule and severity, then the summary line."""
    rows = statistics(results)
    width = max((len(str(r["count"])) for r in rows), default=1)
    rule_width = max((len(r["rule"]) for r in rows), default=1)
    lines = [f"{r['count']:>{width}}  {r['rule']:<{rule_width}}  {r['severity']}"
             + (f"  ({r['fixable']} fixable)" if r["fixable"] else "") for r in rows]
    lines.append(summary(results))
    return "\n".join(lines) + "\n"
