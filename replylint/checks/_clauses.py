"""Where a question or exclamation begins inside its sentence (shared by the question rules)."""

from __future__ import annotations

from functools import lru_cache

from ..draft import Draft
from ..textnorm import fold

CLAUSE_BREAKS = frozenset({",", ";", ":", "(", "—", "–"})


@lru_cache(maxsize=8)
def _folded_tags(tags: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(t) for t in tags)


def clause_start(draft: Draft, first: int, mark: int) -> int:
    """Token index where the clause that ends at token ``mark`` begins.

    It begins after the last clause break (``, ; : ( — –``) between tokens ``first`` and ``mark``,
    unless only a trailing tag follows that break ("¿Me confirmas tu número, por favor?": the tag
    belongs to the clause before it); with no such break, at ``first``.
    """
    texts, kinds = draft.texts, draft.kinds
    breaks = [i for i in range(first, mark) if texts[i] in CLAUSE_BREAKS and kinds[i] is None]
    if not breaks:
        return first
    tags = _folded_tags(draft.langdata.trailing_tags)
    while breaks:
        tail = " ".join(fold(texts[i]) for i in range(breaks[-1] + 1, mark) if not texts[i].isspace())
        if tail and tail not in tags:
            break
        breaks.pop()
    return breaks[-1] + 1 if breaks else first
