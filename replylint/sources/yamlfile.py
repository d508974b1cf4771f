"""YAML template collections, with the file position of every character of each body."""

from __future__ import annotations

import json
import re

import yaml

from ..errors import InputError
from ..files import SourceFile
from ..suppress import parse_directive
from . import Directive, Entry, TemplateFile, check_lang, check_str, line_at, split_rules

_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
            "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#([^\r\n]*)", re.MULTILINE)


def _escape(raw: str, p: int) -> tuple[str | None, int]:
    ch = raw[p + 1] if p + 1 < len(raw) else ""
    if ch in _ESCAPES:
        return _ESCAPES[ch], 2
    if ch in _HEX:
        n = _HEX[ch]
        return chr(int(raw[p + 2:p + 2 + n], 16)), 2 + n
    q = p + 1
    q += 2 if raw.startswith("\r\n", q) else 1
    while q < len(raw) and raw[q] in " \t":
        q += 1
    return None, q - p


def align_scalar(value: str, raw: str, node: yaml.ScalarNode) -> list[int] | None:
    """File offset of each character of a scalar's value (None when it cannot be traced)."""
    style = node.style
    p, end = node.start_mark.index, node.end_mark.index
    if style in ("|", ">"):
        p = raw.find("\n", p) + 1
        if p == 0:
            return None
    elif style in ('"', "'"):
        p += 1
    offsets: list[int] = []
    for c in value:
        while True:
            if p >= end:
                return None
            r = raw[p]
            if style == '"' and r == "\\":
                decoded, size = _escape(raw, p)
                if decoded is None:
                    p += size
                    continue
                if decoded != c:
                    return None
                offsets.append(p)
                p += size
                break
            if style == "'" and r == "'":
                if c == "'" and raw.startswith("''", p):
                    offsets.append(p)
                    p += 2
                    break
                return None
            if r == c or (c == " " and r in "\r\n"):
                offsets.append(p)
                p += 1
                break
            if r in " \t\r\n":
                p += 1
                continue
            return None
    offsets.append(p)
    return offsets


def encoder_for(node: yaml.ScalarNode, raw: str):
    """How replacement text is written into this scalar; None where no edit is safe."""
    style = node.style
    if style == '"':
        return lambda s: json.dumps(s, ensure_ascii=False)[1:-1]
    if style == "'":
        return lambda s: None if "\n" in s else s.replace("'", "''")
    if style == "|":
        first = raw.find("\n", node.start_mark.index) + 1
        indent = len(raw[first:]) - len(raw[first:].lstrip(" "))
        return lambda s: s.replace("\n", "\n" + " " * indent)
    if style is None or style == "":
        return lambda s: None if ("\n" in s or ": " in s or " #" in s) else s
    return None  # folded: line breaks are layout, an edit could change the text


def find_entries(root, names, path):
    """The entry mappings of a collection: a list, a mapping holding one list, or one entry."""
    if isinstance(root, yaml.SequenceNode):
        return root.value
    if isinstance(root, yaml.MappingNode):
        keys = [k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)]
        if names["body"] in keys:
            return [root]
        lists = [v for _, v in root.value if isinstance(v, yaml.SequenceNode)]
        if len(lists) == 1:
            return lists[0].value
    raise InputError(f"expected a list of templates with {names['body']!r} (or a mapping holding one list)", path,
                     root.start_mark.line + 1 if root is not None else 1)


def read_yaml(source: SourceFile, names: dict[str, str]) -> TemplateFile:
    text = source.text
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", source.path,
                         mark.line + 1 if mark else None) from None
    if root is None:
        return TemplateFile(source.path, source, "yaml", [])
    constructor = yaml.SafeLoader("")
    scalars: list[tuple[int, int]] = []
    _collect_scalars(root, scalars)
    entries = []
    for node in find_entries(root, names, source.path):
        entries.append(_entry(node, source, names, constructor))
    return TemplateFile(source.path, source, "yaml", entries, _directives(text, scalars))


def _entry(node, source: SourceFile, names, constructor) -> Entry:
    text = source.text
    where = node.start_mark.index
    if not isinstance(node, yaml.MappingNode):
        raise InputError(f"a template must be a mapping with {names['body']!r}", source.path, node.start_mark.line + 1)
    values, positions, nodes = {}, {}, {}
    for key_node, value_node in node.value:
        key = constructor.construct_object(key_node, deep=True)
        values[key] = constructor.construct_object(value_node, deep=True)
        positions[key] = key_node.start_mark.index
        nodes[key] = value_node
    body_key = names["body"]
    if body_key not in values:
        raise InputError(f"template has no {body_key!r}", source.path, line_at(text, where))
    body_node = nodes[body_key]
    body = values[body_key]
    if not isinstance(body, str) or not isinstance(body_node, yaml.ScalarNode):
        raise InputError(f"{body_key!r} must be text", source.path, line_at(text, positions[body_key]))
    offsets = align_scalar(body, text, body_node)
    encode = encoder_for(body_node, text)
    if offsets is None:  # cannot trace characters: report at the start of the value, fix nothing
        offsets, encode = [body_node.start_mark.index] * (len(body) + 1), None

    def get(field: str):
        key = names[field]
        return values.get(key), positions.get(key, where)

    return Entry(
        body, offsets,
        id=check_str(get("id")[0], source, get("id")[1], "id"),
        channel=check_str(get("channel")[0], source, get("channel")[1], "channel"),
        lang=check_lang(get("lang")[0], source, get("lang")[1]),
        ignore=split_rules(get("ignore")[0], source, get("ignore")[1]),
        meta_offset=where,
        ignore_offset=positions.get(names["ignore"]),
        encode=encode,
    )


def _collect_scalars(node, out: list[tuple[int, int]]) -> None:
    if isinstance(node, yaml.ScalarNode):
        out.append((node.start_mark.index, node.end_mark.index))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _collect_scalars(item, out)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _collect_scalars(key, out)
            _collect_scalars(value, out)


def _directives(text: str, scalars: list[tuple[int, int]]) -> list[Directive]:
    directives = []
    for m in _COMMENT.finditer(text):
        start = m.start()
        if any(s <= start < e for s, e in scalars):
            continue
        parsed = parse_directive(m.group(1))
        if parsed is None:
            continue
        d = Directive(parsed[0], parsed[1], start)
        if d.kind == "next-line":
            d.target_line = _next_content_line(text, start)
        directives.append(d)
    return directives


def _next_content_line(text: str, offset: int) -> int:
    line = line_at(text, offset)
    position = text.find("\n", offset)
    while position >= 0:
        line += 1
        nxt = text.find("\n", position + 1)
        content = text[position + 1: nxt if nxt >= 0 else len(text)].strip()
        if content and not content.startswith("#"):
            return line
        position = nxt
    return line
