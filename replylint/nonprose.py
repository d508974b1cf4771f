"""Find the parts of a draft that are not prose, once, for every rule.

URLs, e-mail addresses, @mentions, #hashtags, template placeholders, numbers (amounts, times,
dates, phone numbers), codes with digits, agent signatures, emoji and HTML character references
(``&lt;``, ``&#39;``: text exported from web channels) are identified here. The
pipeline turns each into a single spaCy token marked with its kind, so a rule that looks at
words never sees them as words: spelling does not check ``https://banco.mx``, shouting does
not see ``ABC123``, a placeholder is an opaque slot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

import emoji as _emoji

URL = "url"
EMAIL = "email"
MENTION = "mention"
HASHTAG = "hashtag"
PLACEHOLDER = "placeholder"
NUMBER = "number"
CODE = "code"
SIGNATURE = "signature"
EMOJI = "emoji"
ENTITY = "entity"  # an HTML character reference left by a web channel's export: &lt; &amp; &#39;

KINDS = (URL, EMAIL, MENTION, HASHTAG, PLACEHOLDER, NUMBER, CODE, SIGNATURE, EMOJI, ENTITY)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str


_HTML_TAGS = (
    "a|abbr|b|blockquote|body|br|center|code|del|div|em|font|footer|h[1-6]|head|header|hr|html|i|img|"
    "ins|li|mark|nav|ol|p|pre|s|section|small|span|strong|sub|sup|table|tbody|td|th|thead|title|tr|u|ul"
)

# Placeholder syntaxes left unfilled in drafts: Liquid/Handlebars, ${x}, {x}, %X%, [NAME],
# [Su Nombre], <name>, XXX and blank lines to fill in.
PLACEHOLDER_PATTERN = (
    r"\{\{[^{}\r\n]{0,80}\}\}"
    r"|\{%[^{}\r\n]{0,80}%\}"
    r"|\$\{[^{}\s]{1,60}\}"
    r"|\{[^\W\d][\w.\-]{0,60}\}"
    r"|%[A-Z][A-Z0-9_]{0,40}%"
    r"|\[(?:[A-ZÁÉÍÓÚÑÜ0-9_][A-ZÁÉÍÓÚÑÜ0-9_ ./-]{0,40}[A-ZÁÉÍÓÚÑÜ0-9_]|[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ_]*"
    r"|(?:[A-ZÁÉÍÓÚÑÜ][\wáéíóúñü]*|de|del|of|the|la|el|tu|su|your)(?:[ _](?:[A-ZÁÉÍÓÚÑÜ][\wáéíóúñü]*|de|del|of|the|la|el|tu|su|your)){1,5})\](?!\()"
    rf"|<(?!(?:{_HTML_TAGS})>)[^\W\d][\w]*(?:[ _][\w]+){{0,4}}>"
    r"|\b[Xx]{3,}\b"
    r"|_{3,}"
)

_URL = (
    r"(?:https?://|www\.)[^\s<>\"'“”«»]+[^\s<>\"'“”«».,;:!?¡¿)\]]"
    r"|(?<![\w@.])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|net|org|info|biz|io|co|ly|app|me|us|uk|es|mx|ar|cl|pe|ec|uy|py|bo|ve|gt|cr|pa|do|hn|sv|ni|cu|gob|gov|edu)"
    r"(?:\.[a-z]{2})?(?:/[^\s<>\"'“”«»]*[^\s<>\"'“”«».,;:!?¡¿)\]])?(?![\w@])"
)
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_MENTION = r"@(?<![\w@]@)\w{1,30}"   # "@" first: the scan skips to it
_HASHTAG = r"#(?<![\w#&]#)\w*[^\W\d_]\w*"
# An agent's initials at the end of a line: "-JM", "^AB", "*XX", ".- AR", "-. IS", "— Ana".
# (The mark comes first and what may stand before it is checked after it, so the scan skips to
# the marks.)
_SIGNATURE = (
    r"[-–—^*~](?:(?<=[\s.,;:!?)].)|(?<=^.))"
    r"(?:[.]?\s?[A-ZÁÉÍÓÚÑ]{1,3}|(?<=[-–—])\s?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]{1,20})"
    r"(?=[ \t]*(?:\r\n|\r|\n|$))"
)
_ENTITY = r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
_PHONE = r"(?<![\w+])\+?\d{1,4}(?:[ .-]?\(?\d{2,4}\)?){2,5}(?![\w])"
_NUMBER = (
    r"(?<![\w])(?:[$€£¥]|MXN|USD|EUR)?\s?\d+(?:[.,:/'\-]\d+)*(?:\s?%|º|ª|°)?(?![^\W\d_])"
)
_CODE = r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[^\W\d_])[\w]+(?:-[\w]+)*(?![\w-])"

_ALTERNATIVES = (
    (PLACEHOLDER, PLACEHOLDER_PATTERN),
    (ENTITY, _ENTITY),
    (EMAIL, _EMAIL),
    (URL, _URL),
    (MENTION, _MENTION),
    (HASHTAG, _HASHTAG),
    (SIGNATURE, _SIGNATURE),
    ("phone", _PHONE),
    (CODE, _CODE),
    (NUMBER, _NUMBER),
)

_DIGIT = re.compile(r"\d")
# What each alternative cannot match without: a text that lacks it cannot hold that kind, so the
# scan leaves the alternative out.
_NEEDS = {
    PLACEHOLDER: re.compile(r"[{$%\[<_]|[Xx]{3}"),
    ENTITY: re.compile("&"),
    EMAIL: re.compile(r"[\w.+-]@[\w-]+\."),
    URL: re.compile(r"://|www\.|\.[a-z]"),
    MENTION: re.compile(r"@\w"),
    HASHTAG: re.compile("#"),
    SIGNATURE: re.compile(r"[-–—^*~]\.?\s?[A-ZÁÉÍÓÚÑ]"),
    "phone": _DIGIT,
    CODE: _DIGIT,
    NUMBER: _DIGIT,
}
_COMPILED: dict[str, re.Pattern[str]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    pattern = _COMPILED.get(name)
    if pattern is None:
        pattern = _COMPILED[name] = re.compile(dict(_ALTERNATIVES)[name], re.MULTILINE)
    return pattern


# A match of these starts at most this many characters before its first digit ("MXN 5", "+5").
_BEFORE_DIGIT = {"phone": 1, NUMBER: 4}


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"   # what \w matches in a str pattern


def _search(name: str, pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """``pattern.search(text, pos)``; for the kinds that need a digit, started where a match
    can begin: near the next digit (a number or phone) or at the start of the word that holds
    it (a code: letters, digits, "_" and "-" up to a digit)."""
    reach = _BEFORE_DIGIT.get(name)
    if reach is None and name != CODE:
        return pattern.search(text, pos)
    digit = _DIGIT.search(text, pos)
    if digit is None:
        return None
    start = digit.start()
    if reach is not None:
        start = max(pos, start - reach)
    else:
        while start > pos and (_is_word_char(text[start - 1]) or text[start - 1] == "-"):
            start -= 1
    return pattern.search(text, start)


def _leftmost_matches(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """What one alternation of the patterns of ``_ALTERNATIVES`` would find, scanning left to
    right: at each position the first alternative (in that order) that matches there, then on
    from the end of its match. Each alternative is searched on its own (with its own compiled
    pattern, so no alternation has to be compiled per combination) and only in texts that hold
    what it needs; its next match is looked for again only when a match taken before it
    overlaps it."""
    pending: list[tuple[int, int, re.Match[str]]] = []   # (start, priority, match) per alternative
    for priority, (name, _) in enumerate(_ALTERNATIVES):
        if _NEEDS[name].search(text):
            m = _search(name, _pattern(name), text, 0)
            if m is not None:
                pending.append((m.start(), priority, m))
    while pending:
        best = min(pending)
        start, priority, m = best
        yield _ALTERNATIVES[priority][0], m
        pos = m.end()
        refreshed = []
        for entry in pending:
            if entry[0] < pos:
                again = _search(_ALTERNATIVES[entry[1]][0], entry[2].re, text, pos)
                if again is not None:
                    refreshed.append((again.start(), entry[1], again))
            else:
                refreshed.append(entry)
        pending = refreshed


# Cheap test before asking the emoji package (which walks the text in Python).
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u203c-\u3299\ufe0f\u200d\U0001f000-\U0001faff]")


def find_emoji(text: str) -> list[Span]:
    """Emoji as whole sequences: a skin-tone, ZWJ or flag sequence is one span."""
    if not _MAYBE_EMOJI.search(text):
        return []
    return [Span(e["match_start"], e["match_end"], EMOJI) for e in _emoji.emoji_list(text)]


def scan(text: str, placeholder_pattern: re.Pattern[str] | None = None) -> list[Span]:
    """All non-prose spans of ``text``, sorted and non-overlapping.

    ``placeholder_pattern`` replaces the built-in placeholder syntaxes (template mode uses the
    configured syntax only).
    """
    spans: list[Span] = []
    if placeholder_pattern is not None:
        spans.extend(Span(m.start(), m.end(), PLACEHOLDER) for m in placeholder_pattern.finditer(text))
    for kind, m in _leftmost_matches(text):
        if kind == PLACEHOLDER and placeholder_pattern is not None:
            continue
        if kind == "phone":
            kind = NUMBER
        start, end = m.start(), m.end()
        if kind == NUMBER and text[start].isspace():
            start += 1
        spans.append(Span(start, end, kind))
    spans.extend(find_emoji(text))
    return _disjoint(spans)


def _disjoint(spans: Iterable[Span]) -> list[Span]:
    """Sort and drop spans that overlap an earlier (or longer) one."""
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end <= span.start:
            continue
        if result and span.start < result[-1].end:
            continue
        result.append(span)
    return result
