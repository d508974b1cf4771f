"""User vocabulary: words spelling never flags.

An entry is matched case-insensitively ("citibanamex" accepts "Citibanamex" and "CITIBANAMEX");
an entry written ``=iPhone`` accepts only that exact form. Files hold one entry per line;
``#`` starts a comment.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .errors import ConfigError


def parse_entries(entries: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """``(exact, folded)`` sets from vocabulary entries."""
    exact: set[str] = set()
    folded: set[str] = set()
    for raw in entries:
        entry = raw.strip()
        if not entry:
            continue
        if entry.startswith("=") and len(entry) > 1:
            exact.add(entry[1:])
        else:
            folded.add(entry.lower())
    return frozenset(exact), frozenset(folded)


@lru_cache(maxsize=32)
def read_vocabulary_file(path: str) -> tuple[str, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"vocabulary file is not UTF-8 ({exc.reason})", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read vocabulary file: {exc.strerror or exc}", path) from None
    return tuple(line.split("#", 1)[0].strip() for line in text.splitlines())


def load_vocabulary(words: Iterable[str], files: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    entries = list(words)
    for path in files:
        entries.extend(read_vocabulary_file(path))
    return parse_entries(entries)
