"""Markdown template: optional YAML front matter, then the reply. HTML comments are not part of
the reply (they hold ``replylint-disable`` directives and notes for editors)."""

from __future__ import annotations

import re

from ..errors import ConfigError, InputError
from ..files import SourceFile
from ..suppress import parse_directive
from ..yamlsrc import load_yaml
from . import Directive, Entry, TemplateFile, check_lang, check_str, line_at, split_rules

_FRONT = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def read_markdown(source: SourceFile) -> TemplateFile:
    text = source.text
    meta: dict = {}
    body_start = 0
    keys_at: dict[str, int] = {}
    front = _FRONT.match(text)
    if front:
        end = _FRONT_END.search(text, front.end())
        if end is None:
            raise InputError("front matter opened with --- is never closed", source.path, 1)
        yaml_text = text[front.end():end.start()]
        try:
            src = load_yaml(yaml_text, source.path)
        except ConfigError as exc:
            raise InputError(f"front matter: {exc.message}", source.path, (exc.line or 0) + 1) from None
        if src.data is not None and not isinstance(src.data, dict):
            raise InputError("front matter must be a mapping of keys", source.path, 2)
        meta = src.data or {}
        for key in meta:
            line = (src.lines.get((key,)) or 1) + 1
            keys_at[key] = _line_offset(text, line)
        body_start = end.end()
    # The reply: the body without HTML comments; a comment alone on its line takes its line along.
    pieces: list[tuple[int, int]] = []
    directives: list[Directive] = []
    protected: list[tuple[int, int]] = []
    position = body_start
    for m in _COMMENT.finditer(text, body_start):
        start, end = m.start(), m.end()
        parsed = parse_directive(m.group()[4:-3])
        if parsed:
            directives.append(Directive(parsed[0], parsed[1], start))
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end + 1
        if not text[line_start:start].strip() and not text[end:line_end].strip() and line_start >= position:
            start, end = line_start, line_end
        pieces.append((position, start))
        protected.append((start, end))
        position = end
    pieces.append((position, len(text)))
    chars: list[str] = []
    offsets: list[int] = []
    for start, end in pieces:
        chars.append(text[start:end])
        offsets.extend(range(start, end))
    body = "".join(chars)
    # Leading blank lines and trailing white space are layout, not reply.
    lead = len(body) - len(body.lstrip("\r\n"))
    stripped = body.rstrip()
    tail_offset = offsets[len(stripped)] if len(stripped) < len(offsets) else len(text)
    body_text = stripped[lead:]
    body_offsets = offsets[lead:len(stripped)] + [tail_offset]
    if not body_text:
        body_offsets = [offsets[lead] if lead < len(offsets) else len(text)]
    for d in directives:
        if d.kind == "next-line":
            d.target_line = line_at(text, d.offset) + text.count("\n", d.offset, _comment_end(text, d.offset)) + 1
    entry = Entry(
        body_text, body_offsets,
        id=check_str(meta.get("id"), source, keys_at.get("id", 0), "id"),
        channel=check_str(meta.get("channel"), source, keys_at.get("channel", 0), "channel"),
        lang=check_lang(meta.get("lang"), source, keys_at.get("lang", 0)),
        ignore=split_rules(meta.get("ignore"), source, keys_at.get("ignore", 0)),
        meta_offset=0, ignore_offset=keys_at.get("ignore"), encode=lambda s: s,
        protected=tuple(protected),
    )
    return TemplateFile(source.path, source, "markdown", [entry], directives)


def _comment_end(text: str, offset: int) -> int:
    end = text.find("-->", offset)
    return len(text) if end < 0 else end


def _line_offset(text: str, line: int) -> int:
    position = 0
    for _ in range(line - 1):
        found = text.find("\n", position)
        if found < 0:
            return len(text)
        position = found + 1
    return position
