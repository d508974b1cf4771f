"""Where the shipped YAML data lives: ``replylint/_rules`` in a wheel, ``rules/`` in a checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    for candidate in (_PACKAGE / "_rules", _PACKAGE.parent / "rules"):
        if (candidate / "channels.yaml").is_file():
            return candidate
    raise FileNotFoundError("replylint's rules/ data folder is missing from this installation")


def data_file(*parts: str) -> Path:
    return rules_dir().joinpath(*parts)
