"""JSON template collections and Zendesk macro exports, with positions into the file.

The standard ``json`` module reports no positions, so a small parser here keeps, for each
string, the file offset of every decoded character (escapes included).
"""

from __future__ import annotations

import json
import re

from ..errors import InputError
from ..files import SourceFile
from . import Entry, TemplateFile, check_lang, check_str, line_at, split_rules


class JStr(str):
    """A JSON string with its position: ``start`` (the opening quote) and per-character offsets."""

    start: int
    offsets: list[int]


class JObject(dict):
    start: int
    key_at: dict


class JArray(list):
    start: int


_WS = re.compile(r"[ \t\r\n]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_SIMPLE = {"\"": '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text

    def ws(self, p: int) -> int:
        return _WS.match(self.text, p).end()

    def value(self, p: int):
        p = self.ws(p)
        c = self.text[p]
        if c == "{":
            obj = JObject()
            obj.start, obj.key_at = p, {}
            p = self.ws(p + 1)
            if self.text[p] == "}":
                return obj, p + 1
            while True:
                key, p = self.string(self.ws(p))
                p = self.ws(p) + 1  # ':'
                obj.key_at[str(key)] = key.start
                obj[str(key)], p = self.value(p)
                p = self.ws(p)
                if self.text[p] == "}":
                    return obj, p + 1
                p += 1  # ','
        if c == "[":
            arr = JArray()
            arr.start = p
            p = self.ws(p + 1)
            if self.text[p] == "]":
                return arr, p + 1
            while True:
                item, p = self.value(p)
                arr.append(item)
                p = self.ws(p)
                if self.text[p] == "]":
                    return arr, p + 1
                p += 1
        if c == '"':
            return self.string(p)
        for word, value in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, p):
                return value, p + len(word)
        m = _NUMBER.match(self.text, p)
        return json.loads(m.group()), m.end()

    def string(self, p: int):
        text = self.text
        start = p
        p += 1
        chars: list[str] = []
        offsets: list[int] = []
        while text[p] != '"':
            if text[p] == "\\":
                e = text[p + 1]
                if e == "u":
                    code = int(text[p + 2:p + 6], 16)
                    size = 6
                    if 0xD800 <= code < 0xDC00 and text.startswith("\\u", p + 6):
                        low = int(text[p + 8:p + 12], 16)
                        if 0xDC00 <= low < 0xE000:
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            size = 12
                    chars.append(chr(code))
                else:
                    chars.append(_SIMPLE[e])
                    size = 2
                offsets.append(p)
                p += size
            else:
                chars.append(text[p])
                offsets.append(p)
                p += 1
        offsets.append(p)
        s = JStr("".join(chars))
        s.start, s.offsets = start, offsets
        return s, p + 1


def parse_positions(source: SourceFile):
    try:
        json.loads(source.text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", source.path, exc.lineno) from None
    return _Parser(source.text).value(0)[0]


def _json_encoder(raw_string: str):
    ascii_only = "\\u" in raw_string and all(ord(c) < 128 for c in raw_string)
    return lambda s: json.dumps(s, ensure_ascii=ascii_only)[1:-1]


def is_zendesk(root) -> bool:
    if isinstance(root, dict) and ("macros" in root or "macro" in root):
        return True
    return isinstance(root, list) and bool(root) and all(isinstance(i, dict) and "actions" in i for i in root)


def read_json(source: SourceFile, names: dict[str, str]) -> TemplateFile:
    root = parse_positions(source)
    text = source.text
    if is_zendesk(root):
        from .zendesk import read_zendesk

        return read_zendesk(source, root)
    if isinstance(root, JObject) and names["body"] in root:
        items = [root]
    elif isinstance(root, JArray):
        items = list(root)
    elif isinstance(root, JObject) and sum(isinstance(v, JArray) for v in root.values()) == 1:
        items = next(v for v in root.values() if isinstance(v, JArray))
    else:
        raise InputError(f"expected a list of templates with {names['body']!r} (or an object holding one list)",
                         source.path, 1)
    entries = []
    for item in items:
        if not isinstance(item, JObject):
            raise InputError(f"a template must be an object with {names['body']!r}", source.path,
                             line_at(text, getattr(item, "start", 0)))
        entries.append(_entry(item, source, names))
    return TemplateFile(source.path, source, "json", entries)


def _entry(item: JObject, source: SourceFile, names: dict[str, str]) -> Entry:
    text = source.text
    body = item.get(names["body"])
    if body is None:
        raise InputError(f"template has no {names['body']!r}", source.path, line_at(text, item.start))
    if not isinstance(body, JStr):
        raise InputError(f"{names['body']!r} must be a string", source.path, line_at(text, item.key_at[names["body"]]))

    def get(field: str):
        key = names[field]
        return item.get(key), item.key_at.get(key, item.start)

    return Entry(
        str(body), body.offsets,
        id=check_str(get("id")[0], source, get("id")[1], "id"),
        channel=check_str(get("channel")[0], source, get("channel")[1], "channel"),
        lang=check_lang(get("lang")[0], source, get("lang")[1]),
        ignore=split_rules(get("ignore")[0], source, get("ignore")[1]),
        meta_offset=item.start,
        ignore_offset=item.key_at.get(names["ignore"]),
        encode=_json_encoder(text[body.start:body.offsets[-1] + 1]),
    )
