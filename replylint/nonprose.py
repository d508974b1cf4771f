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
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from heapq import heappop, heapreplace
from typing import Callable, Iterable, Iterator

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

_COMPILED: dict[str, re.Pattern[str]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    pattern = _COMPILED.get(name)
    if pattern is None:
        pattern = _COMPILED[name] = re.compile(dict(_ALTERNATIVES)[name], re.MULTILINE)
    return pattern


# -- finding the next match of one alternative ------------------------------------------------
# ``pattern.search`` tries the whole pattern at every position when the pattern does not begin
# with a literal or a character class (re skips ahead only to those), which is slow on the stretch
# up to the next match, and to the end of the text once there is none. So for those alternatives
# a finder looks for where a match can start (with a cheaper scan, or among the digits) and tries
# ``pattern.match`` there only; each returns what ``pattern.search(text, pos)`` would.
# ``digits``: where the text's runs of digits start, found once per text for the three kinds that
# need a digit.

Finder = Callable[[re.Pattern[str], str, int, "list[int] | None"], "re.Match[str] | None"]


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"   # what \w matches in a str pattern


def _search(pattern: re.Pattern[str], text: str, pos: int,
            digits: list[int] | None) -> re.Match[str] | None:
    return pattern.search(text, pos)


# Every placeholder begins with one of these; "XXX" only where a word begins (its \b).
_PLACEHOLDER_START = re.compile(r"[{$%\[<_Xx](?<!\w[Xx])")


def _find_placeholder(pattern: re.Pattern[str], text: str, pos: int,
                      digits: list[int] | None) -> re.Match[str] | None:
    while (start := _PLACEHOLDER_START.search(text, pos)) is not None:
        if (m := pattern.match(text, start.start())) is not None:
            return m
        pos = start.start() + 1
    return None


def _find_email(pattern: re.Pattern[str], text: str, pos: int,
                digits: list[int] | None) -> re.Match[str] | None:
    """An address is a run of [\\w.+-] and what follows the "@" after it: it starts where that run
    starts, and if it does not match there it matches nowhere in the run (the rest is the same)."""
    while (at := text.find("@", pos)) >= 0:
        start = at
        while start > pos and (_is_word_char(text[start - 1]) or text[start - 1] in ".+-"):
            start -= 1
        if start < at and (m := pattern.match(text, start)) is not None:
            return m
        pos = at + 1
    return None


# A URL holds "://", "www." or the "." before its top-level domain, with only [a-z0-9.-] before
# that in the URL.
_URL_ANCHOR = re.compile(r"://|\.(?:[a-z]|(?<=www\.))")   # ":" or "." first: re skips to them
_URL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")


def _find_url(pattern: re.Pattern[str], text: str, pos: int,
              digits: list[int] | None) -> re.Match[str] | None:
    """Tried from the start of the [a-z0-9.-] run before the next anchor: a bare domain begins
    only there or after a "-" (it must not follow a word character, "@" or "."), a
    "http(s)://" or "www." at an "h" or a "w"."""
    while (anchor := _URL_ANCHOR.search(text, pos)) is not None:
        end = anchor.start()
        first = end
        while first > pos and text[first - 1] in _URL_CHARS:
            first -= 1
        for start in range(first, end + 1):
            if start == first or text[start] in "hw" or text[start - 1] == "-":
                if (m := pattern.match(text, start)) is not None:
                    return m
        pos = end + 1
    return None


# The first digit of a number, phone number or code never follows a digit (a match holds all
# the digits of the run it starts in).
_DIGIT_START = re.compile(r"\d(?<!\d\d)")
_AMOUNT_LEAD = frozenset("$€£¥MXNUSDER")   # what may stand before an amount's first digit, with a space
_WORD_OR_HYPHEN_RUN = re.compile(r"[\w-]*")


def _find_phone(pattern: re.Pattern[str], text: str, pos: int,
                digits: list[int] | None) -> re.Match[str] | None:
    """A phone number starts at its first digit or at the "+" just before it."""
    for i in range(bisect_left(digits, pos), len(digits)):
        at = digits[i]
        if at > pos and text[at - 1] == "+" and (m := pattern.match(text, at - 1)) is not None:
            return m
        if (m := pattern.match(text, at)) is not None:
            return m
    return None


def _find_number(pattern: re.Pattern[str], text: str, pos: int,
                 digits: list[int] | None) -> re.Match[str] | None:
    """An amount starts at most four characters before its first digit ("MXN 5"), all of them
    currency or space."""
    for i in range(bisect_left(digits, pos), len(digits)):
        at = digits[i]
        first, lowest = at, max(pos, at - 4)
        while first > lowest and (text[first - 1] in _AMOUNT_LEAD or text[first - 1].isspace()):
            first -= 1
        for start in range(first, at + 1):
            if (m := pattern.match(text, start)) is not None:
                return m
    return None


def _find_code(pattern: re.Pattern[str], text: str, pos: int,
               digits: list[int] | None) -> re.Match[str] | None:
    """A code starts where its run of letters, digits, "_" and "-" starts (not after a word
    character or "-"), in a run that holds a letter; if not there, the next one starts after
    that run."""
    i = bisect_left(digits, pos)
    while i < len(digits):
        at = digits[i]
        start = at
        while start > pos and (_is_word_char(text[start - 1]) or text[start - 1] == "-"):
            start -= 1
        end = _WORD_OR_HYPHEN_RUN.match(text, at).end()
        # all digits once "-" and "_" are gone: no letter (\d is what isdecimal() accepts)
        if not text[start:end].replace("-", "").replace("_", "").isdecimal():
            if (m := pattern.match(text, start)) is not None:
                return m
        pos = end
        i = bisect_left(digits, end, i + 1)
    return None


def _has_placeholder_mark(text: str) -> bool:
    # "in" is a memchr; a regex would test a character class at every position.
    return ("{" in text or "$" in text or "%" in text or "[" in text or "<" in text or "_" in text
            or (("xx" in text or "XX" in text or "xX" in text or "Xx" in text)
                and _XXX.search(text) is not None))


def _has(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    search = pattern.search
    return lambda text: search(text) is not None


_XXX = re.compile("[Xx][Xx][Xx]")
_DIGIT = re.compile(r"\d")
_DIGITS = object()   # what the three digit kinds need (and their finders are given)
# What each alternative cannot match without (a text that lacks it cannot hold that kind, so the
# scan leaves the alternative out): a character, a test, or None when looking for the first match
# is as cheap a test (the pattern, or the finder's first scan, begins with a literal or a class);
# and how its next match is found.
_NEEDS: dict[str, Callable[[str], bool] | str | object | None] = {
    PLACEHOLDER: _has_placeholder_mark,
    ENTITY: "&",
    EMAIL: _has(re.compile(r"@(?<=[\w.+-]@)[\w-]+\.")),   # "@" first: re skips to it
    URL: None,
    MENTION: None,
    HASHTAG: "#",
    SIGNATURE: None,
    "phone": _DIGITS,
    CODE: _DIGITS,
    NUMBER: _DIGITS,
}
_FINDERS: dict[str, Finder] = {
    PLACEHOLDER: _find_placeholder, EMAIL: _find_email, URL: _find_url,
    "phone": _find_phone, CODE: _find_code, NUMBER: _find_number,
}
_Entry = tuple[str, "Callable[[str], bool] | str | object | None", Finder, re.Pattern[str]]


@cache
def _table() -> tuple[_Entry, ...]:
    """(kind, needs, finder, compiled pattern) per alternative, in priority order."""
    return tuple((name, _NEEDS[name], _FINDERS.get(name, _search), _pattern(name))
                 for name, _ in _ALTERNATIVES)


def _leftmost_matches(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """What one alternation of the patterns of ``_ALTERNATIVES`` would find, scanning left to
    right: at each position the first alternative (in that order) that matches there, then on
    from the end of its match. Each alternative is searched on its own (with its own compiled
    pattern, so no alternation has to be compiled per combination) and only in texts that hold
    what it needs; its next match is looked for only when nothing found so far starts before
    where that match could start (so not again while a match taken before it overlaps it, nor
    at all when matches taken before cover the rest)."""
    table = _table()
    # (start, priority, match) per alternative, or (from, priority, None) for one whose next match
    # is still to be looked for from there; priorities differ, so matches are never compared.
    heap: list[tuple[int, int, re.Match[str] | None]] = []
    has_digit = None
    for priority, (_, needs, _, _) in enumerate(table):
        if needs is _DIGITS:
            if has_digit is None:
                has_digit = _DIGIT.search(text) is not None
            if not has_digit:
                continue
        elif needs is not None and not (needs in text if isinstance(needs, str) else needs(text)):
            continue
        heap.append((0, priority, None))   # in priority order: a heap already
    digits: list[int] | None = None
    while heap:
        start, priority, m = heap[0]
        if m is None:
            _, needs, find, pattern = table[priority]
            if needs is _DIGITS and digits is None:   # found from here: no later search starts before
                digits = [d.start() for d in _DIGIT_START.finditer(text, start)]
            if (m := find(pattern, text, start, digits)) is None:
                heappop(heap)
            else:
                heapreplace(heap, (m.start(), priority, m))
            continue
        yield table[priority][0], m
        pos = m.end()
        heapreplace(heap, (pos, priority, None))
        while heap[0][0] < pos:   # overlapped: look again from its end
            heapreplace(heap, (pos, heap[0][1], None))


# Cheap test before asking the emoji package (which walks the text in Python).
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u203c-\u3299\ufe0f\u200d\U0001f000-\U0001faff]")


def _may_hold_emoji(text: str) -> bool:
    """``_MAYBE_EMOJI.search(text)``, answered without a scan for most texts."""
    if text.isascii():
        return False
    if len(text.encode("latin-1", "ignore")) == len(text):   # all below U+0100: © and ® only
        return "\u00a9" in text or "\u00ae" in text
    return _MAYBE_EMOJI.search(text) is not None


@cache
def _emoji_run() -> re.Pattern[str]:
    """Runs of the characters that occur in some emoji of the emoji package (built on first use)."""
    points = sorted({ord(c) for key in _emoji.EMOJI_DATA for c in key} | {0x200D})
    ranges: list[list[int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    chars = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    return re.compile(f"[{chars}][{chars}]*")   # a class first: re skips to it


# What joins emoji into a sequence: the zero-width joiner, the keycap mark, skin tones, regional
# indicators (flags) and tag characters; U+FE0F (emoji presentation) is handled on its own.
_JOINERS = frozenset(chr(c) for first, last in ((0x200D, 0x200D), (0x20E3, 0x20E3), (0x1F3FB, 0x1F3FF),
                                                 (0x1F1E6, 0x1F1FF), (0xE0020, 0xE007F)) for c in range(first, last + 1))
_JOINER = re.compile("[" + "".join(sorted(_JOINERS)) + "]")
_VS16 = "\ufe0f"


@cache
def _unjoined_emoji() -> frozenset[str] | None:
    """The characters that begin an emoji of the emoji package followed by U+FE0F, when its
    emoji allow :func:`_emoji_without_joiners` (else None): every emoji of more than one
    character has a joiner or U+FE0F second, and a joiner after that U+FE0F; none begins with a
    variation selector."""
    begin_vs16 = set()
    for key in _emoji.EMOJI_DATA:
        if key[0] in "\ufe0e\ufe0f":
            return None
        if len(key) > 1:
            if key[1] == _VS16:
                if len(key) > 2 and key[2] not in _JOINERS:
                    return None
                begin_vs16.add(key[0])
            elif key[1] not in _JOINERS:
                return None
    return frozenset(begin_vs16)


def _emoji_without_joiners(run: str, offset: int, begin_vs16: frozenset[str]) -> list[Span]:
    """What the emoji package finds in ``run`` (at ``offset`` in its text), a run holding no
    joiner, without its search tree (built on first use, in tens of ms). Its tokenizer follows
    the tree as far as the text goes and takes the emoji that ends there, if any, never a
    shorter one: here the tree goes from a character to a U+FE0F after it at most (see
    :func:`_unjoined_emoji`)."""
    data = _emoji.EMOJI_DATA
    spans: list[Span] = []
    i, n = 0, len(run)
    while i < n:
        char = run[i]
        if char in begin_vs16 and i + 1 < n and run[i + 1] == _VS16:
            if char + _VS16 in data:
                spans.append(Span(offset + i, offset + i + 2, EMOJI))
                i += 1
        elif char in data:
            spans.append(Span(offset + i, offset + i + 1, EMOJI))
        i += 1
    return spans


def find_emoji(text: str) -> list[Span]:
    """Emoji as whole sequences: a skin-tone, ZWJ or flag sequence is one span.

    The emoji package is asked about each run of characters that occur in emoji, not about the
    whole text: a character that is part of no emoji is never part of a match, and its tokenizer
    starts afresh after one (what it kept before it is then plain text, which no later match
    looks back into), so each run gives the matches the whole text gives there. A run without
    joiners (most: "😊", "❤️", "🙏🙏") is read here, with the package's emoji and its rules.
    """
    if not _may_hold_emoji(text):
        return []
    spans: list[Span] = []
    for run in _emoji_run().finditer(text):
        start, end = run.span()
        if _MAYBE_EMOJI.search(text, start, end):
            begin_vs16 = _unjoined_emoji()
            if begin_vs16 is not None and _JOINER.search(text, start, end) is None:
                spans += _emoji_without_joiners(run.group(), start, begin_vs16)
            else:
                spans.extend(Span(start + e["match_start"], start + e["match_end"], EMOJI)
                             for e in _emoji.emoji_list(run.group()))
    return spans


def scan(text: str, placeholder_pattern: re.Pattern[str] | None = None) -> list[Span]:
    """All non-prose spans of ``text``, sorted and non-overlapping.

    ``placeholder_pattern`` replaces the built-in placeholder syntaxes (template mode uses the
    configured syntax only).
    """
    spans: list[Span] = []
    for kind, m in _leftmost_matches(text):
        if kind == PLACEHOLDER and placeholder_pattern is not None:
            continue
        if kind == "phone":
            kind = NUMBER
        start, end = m.start(), m.end()
        if kind == NUMBER and text[start].isspace():
            start += 1
        spans.append(Span(start, end, kind))
    # Those are sorted and disjoint already (each match starts where the one before ended or
    # later, and none is empty): only the template's placeholders and emoji need the merge
    # (the template's first, so they win a tie).
    emoji = find_emoji(text)
    if placeholder_pattern is not None:
        template = [Span(m.start(), m.end(), PLACEHOLDER) for m in placeholder_pattern.finditer(text)]
        return _disjoint(template + spans + emoji)
    return _disjoint(spans + emoji) if emoji else spans


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
