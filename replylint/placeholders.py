"""Placeholder syntaxes for template mode.

A template repository writes its variables in one syntax, set with ``placeholder_syntax``:

- ``liquid`` (default; Zendesk, Shopify): ``{{ ticket.requester.first_name }}``, filters
  ``{{ name | capitalize }}`` and tags ``{% if ... %}``;
- ``handlebars``: ``{{name}}``, ``{{{name}}}`` and helpers ``{{#if x}}``, ``{{/if}}``;
- ``braces``: ``{name}``;
- ``brackets``: ``[NAME]`` or ``[Customer name]``;
- ``percent``: ``%NAME%``;
- or a regular expression; its ``name`` group (else its first group, else the whole match)
  is the variable name. A custom expression has no malformed-slot detection.

Each syntax has a *valid* pattern and a *malformed* pattern (an opening without its closing,
an empty slot, a single brace where two are needed). Valid and malformed slots, and slots
written in another syntax (``[NOMBRE]`` in a Liquid template), are opaque to prose rules; the
``placeholder`` rule reports malformed and foreign ones, ``unknown-placeholder`` the valid ones
whose name is not declared.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable

_IDENT = r"[A-Za-z_][\w\-]*(?:\.[A-Za-z_][\w\-]*|\[\d+\])*"


@dataclass(frozen=True)
class PlaceholderSyntax:
    name: str
    valid: re.Pattern[str]
    malformed: re.Pattern[str] | None
    example: str  # how a slot named "name" is written

    @property
    def scan_pattern(self) -> re.Pattern[str]:
        """Slots for the non-prose scanner: valid, malformed, or of another syntax."""
        from .nonprose import PLACEHOLDER_PATTERN

        parts = [self.valid.pattern] + ([self.malformed.pattern] if self.malformed else []) + [PLACEHOLDER_PATTERN]
        return re.compile("|".join(f"(?:{p})" for p in parts), re.MULTILINE)

    def is_malformed(self, slot: str) -> bool:
        return self.malformed is not None and self.malformed.fullmatch(slot) is not None

    def is_valid(self, slot: str) -> bool:
        return self.valid.fullmatch(slot) is not None

    def name_span(self, slot: str) -> tuple[int, int] | None:
        """Where the variable name sits in a valid ``slot``; None for tags and helpers."""
        m = self.valid.fullmatch(slot)
        if m is None:
            return None
        if self.name in BUILTIN:
            inner = _NAME_IN[self.name].search(slot)
            if inner is None:
                return None
            return inner.span("name")
        groups = m.re.groupindex
        if "name" in groups and m.group("name") is not None:
            return m.span("name")
        if m.re.groups and m.group(1) is not None:
            return m.span(1)
        return 0, len(slot)

    def variable(self, slot: str) -> str | None:
        span = self.name_span(slot)
        return None if span is None else slot[span[0]:span[1]].strip()

    def render(self, variable: str) -> str:
        return self.example.replace("name", variable)


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.MULTILINE)


# A malformed slot never takes in the start of a URL: in "{{https://example.com/x" the slot is
# the unclosed "{{" (reported) and the URL stays a URL (protected from fixes, not spell-checked).
_NOT_URL = r"(?!(?:https?|ftp)://|www\.)"
_SLOT_CHARS = rf"(?:{_NOT_URL}[\w.\-])*"
_BRACE_MALFORMED = rf"\{{+[ \t]*[%#/^>!&-]?[ \t]*{_SLOT_CHARS}[ \t]*[%-]?\}}*|\}}+"

BUILTIN: dict[str, PlaceholderSyntax] = {
    "liquid": PlaceholderSyntax(
        "liquid",
        _c(rf"\{{\{{-?[ \t]*{_IDENT}[ \t]*(?:\|[^{{}}\r\n]*)?-?\}}\}}"
           r"|\{%-?[ \t]*[a-z]+\b[^{}\r\n%]*-?%\}"),
        _c(_BRACE_MALFORMED),
        "{{ name }}",
    ),
    "handlebars": PlaceholderSyntax(
        "handlebars",
        _c(r"\{\{\{[ \t]*[A-Za-z_@][\w.\-/@]*[ \t]*\}\}\}"
           r"|\{\{~?[ \t]*[#/^>!]?[ \t]*[A-Za-z_@][\w.\-/@]*(?:[ \t]+[^{}\r\n]*?)?[ \t]*~?\}\}"),
        _c(_BRACE_MALFORMED),
        "{{name}}",
    ),
    "braces": PlaceholderSyntax(
        "braces",
        _c(r"\{[ \t]*[A-Za-z_][\w.\-]*[ \t]*\}"),
        _c(_BRACE_MALFORMED),
        "{name}",
    ),
    "brackets": PlaceholderSyntax(
        "brackets",
        _c(r"\[[ \t]*[^\W\d][\w.\-]*(?: [\w.\-]+){0,5}[ \t]*\](?!\()"),
        _c(rf"\[(?![^\[\]\r\n]*\]\()[ \t]*{_SLOT_CHARS}(?: [\w.\-]+){{0,5}}[ \t]*\]*"),
        "[name]",
    ),
    "percent": PlaceholderSyntax(
        "percent",
        _c(r"%[A-Za-z_][\w.\-]*%"),
        _c(rf"%{_NOT_URL}[A-Za-z_][\w.\-]*(?![\w.\-%])|(?<![\w%])[A-Za-z_][\w]*%(?![\w%])"),
        "%name%",
    ),
}

# The variable inside a valid slot of each built-in syntax (None for tags, helpers, comments).
_NAME_IN: dict[str, re.Pattern[str]] = {
    "liquid": re.compile(rf"^\{{\{{-?[ \t]*(?P<name>{_IDENT})"),
    "handlebars": re.compile(r"^\{\{\{?~?[ \t]*(?!else\b)(?P<name>[A-Za-z_@][\w.\-/@]*)"),
    "braces": re.compile(r"^\{[ \t]*(?P<name>[A-Za-z_][\w.\-]*)"),
    "brackets": re.compile(r"^\[[ \t]*(?P<name>[^\W\d][\w.\-]*(?: [\w.\-]+)*?)[ \t]*\]$"),
    "percent": re.compile(r"^%(?P<name>[A-Za-z_][\w.\-]*)%$"),
}


def get_syntax(spec: str) -> PlaceholderSyntax:
    """A built-in syntax by name, or a custom one from a regular expression."""
    if spec in BUILTIN:
        return BUILTIN[spec]
    try:
        pattern = re.compile(spec, re.MULTILINE)
    except re.error as exc:
        raise ValueError(
            f"placeholder_syntax must be one of {', '.join(BUILTIN)} or a regular expression ({exc})"
        ) from None
    if pattern.search("") is not None:
        raise ValueError("placeholder_syntax: the regular expression must not match empty text")
    return PlaceholderSyntax("custom", pattern, None, "name")


def is_declared(variable: str, declared: Iterable[str]) -> bool:
    """``declared`` entries match exactly, or by prefix when they end in ``.*`` (``ticket.*``)."""
    for entry in declared:
        if entry == variable:
            return True
        if entry.endswith(".*") and variable.startswith(entry[:-1]):
            return True
    return False


def closest(variable: str, declared: Iterable[str]) -> str | None:
    names = [d for d in declared if not d.endswith(".*")]
    match = difflib.get_close_matches(variable, names, n=1, cutoff=0.6)
    if not match:
        match = difflib.get_close_matches(variable.lower(), [n.lower() for n in names], n=1, cutoff=0.6)
        if match:
            match = [next(n for n in names if n.lower() == match[0])]
    return match[0] if match else None


def load_placeholder_names(path: str | None) -> tuple[str, ...]:
    """Declared variables from a file: one per line; blank lines and ``#`` comments skipped."""
    if path is None:
        return ()
    from .errors import ConfigError

    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read placeholders_file: {getattr(exc, 'strerror', None) or exc}", path) from None
    names = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return tuple(names)
