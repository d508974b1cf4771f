"""Output formats. A formatter turns ``(path, Report)`` results into text; rules never format."""

from __future__ import annotations

from typing import Callable, Sequence

from ..findings import Report
from .json import format_json
from .text import format_text

Result = tuple[str, Report]
Formatter = Callable[[Sequence[Result]], str]

FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
}
