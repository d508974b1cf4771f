"""CSV templates: a header row names the columns (``id``, ``channel``, ``lang``, ``body``,
``ignore``, or the names in ``template_fields``); each later row is a reply. Fields may be
quoted (``""`` for a quote inside) and span lines. The delimiter is ``,`` or, when the header
has ``;`` and no ``,``, ``;``."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..files import SourceFile
from . import Entry, TemplateFile, check_lang, check_str, line_at, split_rules


@dataclass
class Field:
    value: str
    start: int
    offsets: list[int]
    quoted: bool


def parse_csv(text: str, path: str, delimiter: str) -> list[list[Field]]:
    rows: list[list[Field]] = []
    row: list[Field] = []
    p, n = 0, len(text)
    while p < n:
        start = p
        chars: list[str] = []
        offsets: list[int] = []
        quoted = text[p] == '"'
        if quoted:
            p += 1
            while True:
                if p >= n:
                    raise InputError("quoted field is never closed", path, line_at(text, start))
                if text[p] == '"':
                    if text.startswith('""', p):
                        chars.append('"')
                        offsets.append(p)
                        p += 2
                        continue
                    offsets.append(p)
                    p += 1
                    break
                chars.append(text[p])
                offsets.append(p)
                p += 1
            if p < n and text[p] not in (delimiter, "\r", "\n"):
                raise InputError("unexpected text after a quoted field (a quote inside must be doubled: \"\")",
                                 path, line_at(text, p))
        else:
            while p < n and text[p] not in (delimiter, "\r", "\n"):
                if text[p] == '"':
                    raise InputError("quote inside an unquoted field (quote the whole field)", path, line_at(text, p))
                chars.append(text[p])
                offsets.append(p)
                p += 1
            offsets.append(p)
        row.append(Field("".join(chars), start, offsets, quoted))
        if p < n and text[p] == delimiter:
            p += 1
            if p == n:
                row.append(Field("", p, [p], False))
            continue
        rows.append(row)
        row = []
        if text.startswith("\r\n", p):
            p += 2
        elif p < n:
            p += 1
    if row:
        rows.append(row)
    return [r for r in rows if not (len(r) == 1 and r[0].value == "" and not r[0].quoted)]


def read_csv(source: SourceFile, names: dict[str, str]) -> TemplateFile:
    text = source.text
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    rows = parse_csv(text, source.path, delimiter)
    if not rows:
        return TemplateFile(source.path, source, "csv", [])
    header = [f.value.strip() for f in rows[0]]
    if names["body"] not in header:
        raise InputError(f"no {names['body']!r} column in the header (columns: {', '.join(header)})", source.path, 1)
    column = {name: header.index(name) for name in header}
    entries = []
    for row in rows[1:]:
        if len(row) != len(header):
            raise InputError(f"row has {len(row)} fields, the header has {len(header)}", source.path,
                             line_at(text, row[0].start))

        def get(field: str):
            index = column.get(names[field])
            if index is None:
                return None, row[0].start
            f = row[index]
            return (f.value if f.value != "" else None), f.start

        body = row[column[names["body"]]]
        ignore_index = column.get(names["ignore"])
        entries.append(Entry(
            body.value, body.offsets,
            id=check_str(get("id")[0], source, get("id")[1], "id"),
            channel=check_str(get("channel")[0], source, get("channel")[1], "channel"),
            lang=check_lang(get("lang")[0], source, get("lang")[1]),
            ignore=split_rules(get("ignore")[0], source, get("ignore")[1]),
            meta_offset=row[0].start,
            ignore_offset=row[ignore_index].start if ignore_index is not None and row[ignore_index].value else None,
            encode=(lambda s: s.replace('"', '""')) if body.quoted else (
                lambda s, d=delimiter: None if any(c in s for c in (d, '"', "\n", "\r")) else s),
        ))
    return TemplateFile(source.path, source, "csv", entries)
