"""Output formats. A formatter turns results into text; rules never format.

A result is ``(path, Report)`` or a :class:`replylint.batch.Result` (which adds the template
id and the end position of each finding).
"""

from __future__ import annotations

import os
from typing import Callable, Sequence

from ..findings import Report
from .github import format_github
from .json import format_json
from .sarif import format_sarif
from .text import format_text

Result = tuple[str, Report]
Formatter = Callable[[Sequence[Result]], str]

FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
}

FORMAT_CHOICES = (*FORMATTERS, "auto")


def resolve_format(name: str) -> str:
    """``auto``: ``github`` under GitHub Actions (``GITHUB_ACTIONS=true``), else ``text``."""
    if name == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name
