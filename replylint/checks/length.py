from __future__ import annotations

import unicodedata
from bisect import bisect_right
from typing import Callable, Iterable, Sequence

from .. import nonprose
from ..channels import Channel
from ..draft import Draft
from ..findings import Severity
from ..lengths import TWITTER_URL_WEIGHT, Measure, measure, twitter_length, twitter_weight
from ..nonprose import Span
from ..rule import Hit, Rule


def _over(m: Measure, channel: Channel, bound: int) -> bool:
    value = m.parts if channel.counter == "sms" else m.length
    return value is not None and value > bound


def _under_twitter_bounds(draft: Draft, channel: Channel) -> bool:
    """Whether the draft's X weighted length is surely within its bounds, without measuring
    it: at most the weight of all its code points, plus 23 per URL and 2 per emoji sequence."""
    text, spans = draft.text, draft.spans
    limit, target = channel.limit, channel.target
    bound = target if limit is None else limit if target is None else min(limit, target)
    if 2 * len(text) + TWITTER_URL_WEIGHT * len(spans) <= bound:  # no code point weighs more than 2
        return unicodedata.is_normalized("NFC", text)
    extra = sum(TWITTER_URL_WEIGHT if s.kind == nonprose.URL else 2 for s in spans
                if s.kind in (nonprose.URL, nonprose.EMOJI))
    if len(text) + extra > bound or twitter_weight(text) + extra > bound:
        return False
    return unicodedata.is_normalized("NFC", text)  # else X counts the normalised text


def _twitter_over(text: str, spans: Sequence[Span], bound: int) -> Callable[[int], bool]:
    """``size -> whether the X weighted length of text[:size] passes bound`` (the spans of the
    prefix being those of ``spans`` that end in it): what measuring the prefix gives, with only
    its URLs and emoji looked at."""
    counted = [s for s in spans if s.kind in (nonprose.URL, nonprose.EMOJI)]
    ends = [s.end for s in counted]

    def over(size: int) -> bool:
        prefix = text[:size]
        if not unicodedata.is_normalized("NFC", prefix):  # X counts the normalised text
            inside = [s for s in spans if s.end <= size]
            return measure(prefix, "twitter", inside).length > bound
        return twitter_length(prefix, counted[:bisect_right(ends, size)]) > bound

    return over


def _overflow_offset(text: str, channel: Channel, bound: int, spans: Sequence[Span] | None) -> int:
    """Smallest prefix length whose measure passes ``bound`` (where the excess starts)."""
    low, high = 0, len(text)
    fast = None
    if channel.counter == "twitter" and spans is not None and all(
            a.end <= b.start for a, b in zip(spans, spans[1:])):  # sorted and disjoint, as scanned
        fast = _twitter_over(text, spans, bound)
    while low < high:
        middle = (low + high) // 2
        if fast is not None:
            passes = fast(middle + 1)
        else:
            inside = None if spans is None else [s for s in spans if s.end <= middle + 1]
            passes = _over(measure(text[: middle + 1], channel.counter, inside), channel, bound)
        if passes:
            high = middle
        else:
            low = middle + 1
    return min(low, max(len(text) - 1, 0))


def describe(m: Measure, channel: Channel, lang: str) -> str:
    """The counted length in words, in the draft's language."""
    es = lang == "es"
    if channel.counter == "sms":
        single, per_part = {"GSM-7": (160, 153), "UCS-2": (70, 67)}[m.encoding or "GSM-7"]
        why = ""
        if m.non_gsm:
            shown = ", ".join(f"“{ch}”" for ch in m.non_gsm[:4]) + (", ..." if len(m.non_gsm) > 4 else "")
            why = f" (por {shown})" if es else f" (because of {shown})"
        plural = "s" if m.parts != 1 else ""
        if es:
            return (f"{m.length} caracteres en {m.encoding}{why}: {m.parts} parte{plural} de SMS "
                    f"({single} caracteres en un solo SMS, {per_part} por parte)")
        return (f"{m.length} characters in {m.encoding}{why}: {m.parts} SMS part{plural} "
                f"({single} characters single, {per_part} per part)")
    if channel.counter == "twitter":
        if es:
            return (f"{m.length} caracteres ponderados (cuenta de X: emoji y casi todo carácter no latino 2, "
                    f"enlaces 23)")
        return f"{m.length} weighted characters (X counting: emoji and most non-Latin characters 2, URLs 23)"
    return f"{m.length} caracteres" if es else f"{m.length} characters"


def _render_slots(text: str, slots, width: int):
    """``text`` with each placeholder replaced by ``width`` characters, and an offset map back."""
    if not slots:
        return text, lambda offset: offset
    parts: list[str] = []
    anchors: list[tuple[int, int, int]] = []  # (rendered start, original start, original end)
    position = rendered = 0
    for span in slots:
        parts.append(text[position:span.start])
        rendered += span.start - position
        anchors.append((rendered, span.start, span.end))
        parts.append("x" * width)
        rendered += width
        position = span.end
    parts.append(text[position:])

    def to_original(offset: int) -> int:
        shift = 0
        for r_start, o_start, o_end in anchors:
            if offset < r_start:
                break
            if offset < r_start + width:
                return o_start
            shift = o_end - (r_start + width)
        return min(offset + shift, len(text))

    return "".join(parts), to_original


class Length(Rule):
    """A reply longer than its channel allows or than reads well there.

    Norm: mobile and social channels want short answers ("el operador deberá dar respuestas
    precisas pero breves" on Messenger; "no superar los 140 caracteres en Twitter", seed on
    multichannel agents, sections 5 and 7), and platforms enforce hard limits.

    Each channel profile says how length is counted (code points, X's weighted length, SMS
    parts in GSM-7 or UCS-2), a hard ``limit`` (error) and a soft ``target`` (info). For SMS the
    message gives the encoding and the number of parts: one accented "á" turns a 160-character
    SMS into three UCS-2 parts.

    In ``template`` mode each placeholder counts as ``placeholder_width`` characters (default
    10, a typical first name), not as the length of its code: ``{{ ticket.requester.name }}``
    becomes a name.
    """

    id = "length"
    summary = "Longer than the channel's limit (error) or target (info)"
    severity = Severity.ERROR
    sees_nonprose = True

    def check(self, draft: Draft) -> Iterable[Hit]:
        channel = draft.channel
        text = draft.text
        if not text or (channel.limit is None and channel.target is None):
            return
        slots = draft.spans_of(nonprose.PLACEHOLDER) if draft.settings.mode == "template" else []
        if not slots and channel.counter == "twitter" and _under_twitter_bounds(draft, channel):
            return
        width = draft.settings.placeholder_width
        original, text, to_original = text, *_render_slots(text, slots, width)
        spans = None if slots else draft.spans  # rendered slots shift the offsets
        m = measure(text, channel.counter, spans)
        sms = channel.counter == "sms"
        for bound, (label_es, label_en), severity in ((channel.limit, ("el límite", "limit"), Severity.ERROR),
                                                      (channel.target, ("el objetivo", "target"), Severity.INFO)):
            if bound is None or not _over(m, channel, bound):
                continue
            start = to_original(_overflow_offset(text, channel, bound, spans))
            plural = "s" if bound != 1 else ""
            size = describe(m, channel, draft.lang)
            message = self.say(
                draft,
                f"La respuesta tiene {size}; {label_es} en {channel.name} es {bound} "
                f"{('parte' if sms else 'carácter') if bound == 1 else ('partes' if sms else 'caracteres')}",
                f"Reply is {size}; the {label_en} on {channel.name} is {bound} {'part' if sms else 'character'}{plural}")
            if slots:
                message += self.say(draft, f" (cada marcador cuenta como {width} caracteres)",
                                    f" (each placeholder counted as {width} characters)")
            yield self.hit(start, len(original), message, severity=severity)
            return
