"""Where a question or exclamation begins inside its sentence (shared by the question rules)."""

from __future__ import annotations

from ..draft import Draft
from ..pipeline import kind_of
from ..textnorm import fold

CLAUSE_BREAKS = frozenset({",", ";", ":", "(", "—", "–"})


def clause_start(draft: Draft, first: int, mark: int) -> int:
    """Token index where the clause that ends at token ``mark`` begins.

    It begins after the last clause break (``, ; : ( — –``) between tokens ``first`` and ``mark``,
    unless only a trailing tag follows that break ("¿Me confirmas tu número, por favor?": the tag
    belongs to the clause before it); with no such break, at ``first``.
    """
    doc = draft.doc
    tags = {fold(t) for t in draft.langdata.trailing_tags}
    breaks = [i for i in range(first, mark) if doc[i].text in CLAUSE_BREAKS and kind_of(doc[i]) is None]
    while breaks:
        tail = " ".join(fold(doc[i].text) for i in range(breaks[-1] + 1, mark) if not doc[i].is_space)
        if tail and tail not in tags:
            break
        breaks.pop()
    return breaks[-1] + 1 if breaks else first
