from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from typing import Callable, Iterable

from ..draft import Draft
from ..findings import Edit, Severity
from ..rule import Hit, Rule

_BLOCK = "p|div|li|ul|ol|h[1-6]|tr|table|tbody|thead|blockquote|section|header|footer|pre"
_INLINE = "a|b|strong|i|em|u|s|del|ins|mark|small|span|font|sub|sup|code|abbr|td|th|center|img|hr|html|body|head"


def _link_text(text: str, url: str) -> str:
    text = " ".join(text.split())
    if not text or text == url or text.rstrip("/") == url.rstrip("/"):
        return url
    return f"{text} ({url})"


def _block_end(draft_text: str, end: int) -> str:
    rest = draft_text[end:]
    return "" if not rest.strip() or rest.startswith(("\n", "\r")) else "\n"


@dataclass(frozen=True)
class _Kind:
    name: str
    pattern: re.Pattern[str]
    replace: Callable[[re.Match[str], str], str]
    needs: str  # in every match: a draft without it is not scanned


_KINDS = (
    # the link text stops at the next "<a ": an opening without its "</a>" costs one scan to the
    # next link, not one to the end of the draft (20,000 unclosed links were quadratic)
    _Kind("HTML link", re.compile(r"<a\s[^<>]*?href\s*=\s*[\"']([^\"'<>]+)[\"'][^<>]*>((?:(?!<a\s).)*?)</a\s*>",
                                  re.IGNORECASE | re.DOTALL),
          lambda m, t: _link_text(re.sub(r"<[^<>]+>", "", m.group(2)), m.group(1)), "<"),
    _Kind("Markdown link", re.compile(r"!?\[([^\[\]\n]{0,200})\]\((\S+?)(?:\s+\"[^\"\n]*\")?\)"),
          lambda m, t: _link_text(m.group(1), m.group(2)), "["),
    _Kind("code block", re.compile(r"^[ \t]*```[^\n`]*\n(.*?)\n[ \t]*```[ \t]*$", re.MULTILINE | re.DOTALL),
          lambda m, t: m.group(1), "```"),
    _Kind("Markdown heading", re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(\S[^\n]*?)[ \t#]*$", re.MULTILINE),
          lambda m, t: m.group(1), "#"),
    _Kind("Markdown bold", re.compile(r"(?<![*\w])\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*(?![*\w])"),
          lambda m, t: m.group(1), "**"),
    _Kind("Markdown bold", re.compile(r"(?<![_\w])__(?=\S)([^_\n]+?)(?<=\S)__(?![_\w])"),
          lambda m, t: m.group(1), "__"),
    _Kind("Markdown strikethrough", re.compile(r"(?<![~\w])~~(?=\S)([^~\n]+?)(?<=\S)~~(?![~\w])"),
          lambda m, t: m.group(1), "~~"),
    _Kind("inline code", re.compile(r"(?<![`\w])`(?=\S)([^`\n]+?)(?<=\S)`(?![`\w])"),
          lambda m, t: m.group(1), "`"),
    _Kind("HTML line break", re.compile(r"<br\s*/?>", re.IGNORECASE), lambda m, t: "\n", "<"),
    _Kind("HTML list item", re.compile(r"<li(?:\s[^<>]*)?>", re.IGNORECASE), lambda m, t: "- ", "<"),
    _Kind("HTML tag", re.compile(rf"</(?:{_BLOCK})\s*>", re.IGNORECASE), lambda m, t: _block_end(t, m.end()), "</"),
    _Kind("HTML tag", re.compile(rf"</?(?:{_BLOCK}|{_INLINE})(?:\s[^<>]*)?/?>", re.IGNORECASE),
          lambda m, t: "", "<"),
    _Kind("HTML entity", re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});"),
          lambda m, t: " " if m.group() in ("&nbsp;", "&#160;") else html.unescape(m.group()), "&"),
)


class Markup(Rule):
    """Markdown or HTML in a reply for a channel that shows plain text.

    Norm: an agent is "un especialista de los canales de comunicación que utiliza" and must know
    "las diferentes funcionalidades de los canales" (seed on multichannel agents, section 3); a
    template written for e-mail or a help-centre article pasted into a chat, an SMS or a tweet
    shows its asterisks, brackets and tags to the customer.

    Runs where the channel profile says ``markup: plain`` (chat, SMS, WhatsApp, Messenger,
    Twitter...; e-mail is ``html``, so nothing is reported there). Reports Markdown links and
    images, ``**bold**`` and ``__bold__``, ``~~strikethrough~~``, inline code and code blocks,
    headings (``## Title``), HTML tags (``<b>``, ``<br>``, ``<a href>``, ``<p>``) and HTML
    entities (``&nbsp;``, ``&amp;``). Single ``*asterisks*`` and ``_underscores_`` are not
    reported: WhatsApp uses them for its own formatting and they read fine as plain text;
    hashtags, list dashes and agent signatures (``*JM``) are not markup.

    Fix: strip the markup and keep the content. A link keeps both its text and its address,
    as "text (address)": "[aquí](https://x.mx)" -> "aquí (https://x.mx)"; a link whose text is
    its address becomes the address. ``<br>`` and closing block tags become line breaks, ``<li>``
    a dash, entities their character.
    """

    id = "markup"
    summary = "Markdown or HTML in a channel that shows plain text (fix: strip it)"
    severity = Severity.WARNING
    sees_nonprose = True

    def check(self, draft: Draft) -> Iterable[Hit]:
        if draft.channel.markup != "plain":
            return
        text = draft.text
        if not any(c in text for c in "*_~`[<&#"):
            return
        # Spans reported so far: disjoint and sorted, so the one that could overlap a match is
        # found by bisection (a draft of 20,000 nested tags was quadratic with a list scan).
        starts: list[int] = []
        ends: list[int] = []
        for kind in _KINDS:
            if kind.needs not in text:
                continue
            added: list[tuple[int, int]] = []  # matches of one kind never overlap each other
            for m in kind.pattern.finditer(text):
                start, end = m.start(), m.end()
                before = bisect.bisect_left(starts, end) - 1  # the last span starting before ``end``
                if before >= 0 and ends[before] > start:
                    continue
                span = draft.nonprose_at(start, end)
                if span is not None and span.kind in ("url", "email") and span.start <= start and end <= span.end:
                    continue
                added.append((start, end))
                replacement = kind.replace(m, text)
                shown = m.group() if len(m.group()) <= 40 else m.group()[:37] + "..."
                yield self.hit(start, end, self.say(
                    draft, f"{kind.name} “{shown}”: {draft.channel.name} muestra texto plano y se verá tal cual",
                    f"{kind.name} “{shown}” shows as literal characters on {draft.channel.name} (plain text)"),
                    (replacement,) if replacement.strip() else (),
                               (Edit(start, end, replacement),))
            if added:
                merged = sorted([*zip(starts, ends), *added])
                starts = [s for s, _ in merged]
                ends = [e for _, e in merged]
