"""Apply the safe fixes of findings to a text.

A finding's edits are applied together or not at all. When two findings want to change
overlapping text, the one that starts first wins; the other is left for the next pass, where
it is found again on the updated text.
"""

from __future__ import annotations

import bisect
from typing import Iterable

from .findings import Edit, Finding


def _conflicts(a: Edit, b: Edit) -> bool:
    if a.start == b.start:
        return True
    return a.start < b.end and b.start < a.end


def select_edits(findings: Iterable[Finding]) -> list[Edit]:
    """The edits of every finding whose fix does not collide with an earlier accepted one."""
    # Accepted edits never conflict with each other, so sorted by start their starts are distinct
    # and their ends never decrease: a candidate only needs checking against the accepted edit
    # with the same start and the last one starting before the candidate's end (O(log n) each).
    accepted: list[Edit] = []
    starts: list[int] = []

    def collides(edit: Edit) -> bool:
        i = bisect.bisect_left(starts, edit.start)
        if i < len(starts) and starts[i] == edit.start:
            return True
        j = bisect.bisect_left(starts, edit.end) - 1
        return j >= 0 and _conflicts(edit, accepted[j])

    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if not finding.fix:
            continue
        if any(collides(edit) for edit in finding.fix):
            continue
        for edit in sorted(finding.fix, key=lambda e: (e.start, e.end)):
            i = bisect.bisect_left(starts, edit.start)
            starts.insert(i, edit.start)
            accepted.insert(i, edit)
    accepted.sort(key=lambda e: (e.start, e.end))
    return accepted


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping ``edits`` (sorted or not) to ``text``."""
    parts: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            raise ValueError(f"overlapping edits at {edit.start}")
        parts.append(text[position:edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    return apply_edits(text, select_edits(findings))
