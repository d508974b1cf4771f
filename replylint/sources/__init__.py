"""Template files: one or many replies per file, each with its own channel, language and the
position of every character of its text in the file.

Formats, chosen by extension: ``.txt`` (and files without extension) hold one reply;
``.md``/``.markdown`` one reply after an optional YAML front matter (``id``, ``channel``,
``lang``, ``ignore``); ``.yaml``/``.yml`` and ``.json`` a collection (a list of entries, or a
mapping holding one such list, or a single entry) whose entries have ``id``, ``channel``,
``lang``, ``body`` and ``ignore`` (names set by ``template_fields``); a JSON Zendesk macros
export (``{"macros": [...]}``, the reply in actions ``comment_value`` or
``comment_value_html``); ``.csv`` with a header row naming those columns. Any other extension
is an error.

Every reader returns a :class:`TemplateFile` whose entries carry ``offsets``: for each code
point of the entry's text, its code-point offset in the file (plus one entry for the end), so
findings are reported at the file's line and column and fixes are written back in place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from ..errors import InputError
from ..files import SourceFile
from ..positions import LineIndex

FIELDS = {"id": "id", "channel": "channel", "lang": "lang", "body": "body", "ignore": "ignore"}

FORMATS_BY_SUFFIX = {
    ".txt": "text", "": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".yaml": "yaml", ".yml": "yaml",
    ".json": "json",
    ".csv": "csv",
}
TEMPLATE_SUFFIXES = tuple(s for s in FORMATS_BY_SUFFIX if s)


@dataclass
class Entry:
    """One reply in a file."""

    text: str
    offsets: list[int]  # len(text) + 1 file offsets; None-free
    id: str | None = None
    channel: str | None = None
    lang: str | None = None
    ignore: tuple[str, ...] = ()
    meta_offset: int = 0  # where the entry starts in the file (for errors and ignore: reports)
    ignore_offset: int | None = None
    encode: Callable[[str], str] | None = None  # escapes replacement text for the file; None: no fixes
    protected: tuple[tuple[int, int], ...] = ()  # file ranges an edit must not touch (comments)


@dataclass
class Directive:
    """An inline suppression comment: ``disable``, ``enable`` or ``disable-next-line``."""

    kind: str
    rules: tuple[str, ...]  # empty: every rule
    offset: int  # file offset of the comment
    target_line: int | None = None  # disable-next-line: the line it covers


@dataclass
class TemplateFile:
    path: str
    source: SourceFile
    format: str
    entries: list[Entry]
    directives: list[Directive] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def lines(self) -> LineIndex:
        if not hasattr(self, "_lines"):
            self._lines = LineIndex(self.source.text)
        return self._lines


def file_format(path: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if path.startswith("<"):
        return "text"
    if suffix not in FORMATS_BY_SUFFIX:
        known = ", ".join(TEMPLATE_SUFFIXES)
        raise InputError(f"unsupported file type {suffix!r} (supported: {known}); exclude it with exclude:", path)
    return FORMATS_BY_SUFFIX[suffix]


def read_templates(source: SourceFile, fields: dict[str, str] | None = None) -> TemplateFile:
    """Parse ``source`` by its extension into entries."""
    names = {**FIELDS, **(fields or {})}
    fmt = file_format(source.path)
    if fmt == "text":
        text = source.text
        return TemplateFile(source.path, source, "text",
                            [Entry(text, list(range(len(text) + 1)), encode=lambda s: s)])
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown(source)
    if fmt == "yaml":
        from .yamlfile import read_yaml

        return read_yaml(source, names)
    if fmt == "json":
        from .jsonfile import read_json

        return read_json(source, names)
    from .csvfile import read_csv

    return read_csv(source, names)


def identity_offsets(start: int, length: int) -> list[int]:
    return list(range(start, start + length + 1))


def split_rules(value, source: SourceFile, offset: int, what: str = "ignore") -> tuple[str, ...]:
    """``ignore`` as a list of rule ids, or one string of ids separated by commas or spaces."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v for v in value.replace(",", " ").replace(";", " ").split() if v)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise InputError(f"{what} must be a list of rule ids", source.path, line_at(source.text, offset))


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def check_lang(value, source: SourceFile, offset: int) -> str | None:
    if value is None:
        return None
    if value not in ("es", "en", "auto"):
        raise InputError(f"lang must be es, en or auto, not {value!r}", source.path, line_at(source.text, offset))
    return value


def check_str(value, source: SourceFile, offset: int, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and what == "id":
        return str(value)
    if not isinstance(value, str):
        raise InputError(f"{what} must be a string, not {value!r}", source.path, line_at(source.text, offset))
    return value
