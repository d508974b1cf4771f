"""Zendesk macros export: ``{"macros": [...]}`` (or ``{"macro": {...}}``, or a list of macros).
Each macro's reply is the value of its ``comment_value`` action (plain text) or
``comment_value_html`` action (HTML, reduced to its text: tags dropped, ``<br>`` and block ends
as line breaks, entities decoded, white space collapsed). Positions point into the JSON file.
Fixes are written back into ``comment_value`` only; HTML replies are reported, not rewritten.
"""

from __future__ import annotations

import html
import re

from ..errors import InputError
from ..files import SourceFile
from . import Entry, TemplateFile, line_at
from .jsonfile import JArray, JObject, JStr, _json_encoder

_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);|\s+|[^<&\s]+|[<&]", re.DOTALL)
_BREAK = re.compile(r"<\s*(?:br\b[^>]*|/\s*(?:p|div|li|h[1-6]|tr|blockquote|ul|ol)\s*)>", re.IGNORECASE)
_SKIP = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)


def html_text(markup: str) -> tuple[str, list[int]]:
    """The text of an HTML fragment and, per character, its index in ``markup``."""
    chars: list[str] = []
    where: list[int] = []
    p = 0
    while p < len(markup):
        skip = _SKIP.match(markup, p)
        if skip:
            p = skip.end()
            continue
        m = _TOKEN.match(markup, p)
        token = m.group()
        if token.startswith("<") and len(token) > 1:
            if _BREAK.fullmatch(token):
                while chars and chars[-1] == " ":
                    chars.pop()
                    where.pop()
                chars.append("\n")
                where.append(p)
        elif token.startswith("&") and token.endswith(";"):
            decoded = html.unescape(token)
            for ch in decoded:
                chars.append(ch)
                where.append(p)
        elif token.isspace():
            if chars and chars[-1] not in (" ", "\n"):
                chars.append(" ")
                where.append(p)
        else:
            for i, ch in enumerate(token):
                chars.append(ch)
                where.append(p + i)
        p = m.end()
    text = "".join(chars)
    stripped = text.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    end = where[len(stripped)] if len(stripped) < len(where) else len(markup)
    return stripped[lead:], where[lead:len(stripped)] + [end]


def _macros(root):
    if isinstance(root, JObject) and "macros" in root:
        return root["macros"]
    if isinstance(root, JObject) and "macro" in root:
        return [root["macro"]]
    return root


def read_zendesk(source: SourceFile, root) -> TemplateFile:
    text = source.text
    entries = []
    macros = _macros(root)
    if not isinstance(macros, JArray) and not isinstance(macros, list):
        raise InputError("\"macros\" must be a list", source.path, 1)
    for macro in macros:
        if not isinstance(macro, JObject):
            continue
        name = macro.get("id", macro.get("title"))
        template_id = None if name is None else str(name)
        for action in macro.get("actions") or []:
            if not isinstance(action, JObject) or action.get("field") not in ("comment_value", "comment_value_html"):
                continue
            value = action.get("value")
            if isinstance(value, list):  # older exports: ["channel:all", "text"]
                value = value[-1] if value else None
            if not isinstance(value, JStr):
                raise InputError("comment action value must be text", source.path, line_at(text, action.start))
            if action["field"] == "comment_value":
                entries.append(Entry(str(value), value.offsets, id=template_id, meta_offset=macro.start,
                                     encode=_json_encoder(text[value.start:value.offsets[-1] + 1])))
            else:
                reply, where = html_text(str(value))
                offsets = [value.offsets[i] for i in where]
                entries.append(Entry(reply, offsets, id=template_id, meta_offset=macro.start, encode=None))
    return TemplateFile(source.path, source, "zendesk", entries)
