from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .. import nonprose
from ..draft import Draft
from ..findings import Edit, Severity
from ..lengths import count_sms, is_gsm7
from ..rule import Hit, Rule
from ._phrases import fold_same_length

# Typographic characters with a plain GSM-7 equivalent: replacing them changes nothing a reader
# notices, and the message goes back to 160 characters a part.
TYPOGRAPHIC = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2026": "...",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
}


def _parts(n: int | None, es: bool = False) -> str:
    return f"{n} parte{'s' if n != 1 else ''}" if es else f"{n} part{'s' if n != 1 else ''}"


def gsm_version(text: str) -> str:
    """``text`` with every character GSM-7 can carry: typographic ones replaced, accents dropped."""
    out = []
    for ch in text:
        if is_gsm7(ch):
            out.append(ch)
        elif ch in TYPOGRAPHIC:
            out.append(TYPOGRAPHIC[ch])
        else:
            plain = fold_same_length(ch)
            if is_gsm7(plain):
                out.append(plain.upper() if ch.isupper() else plain)
            # anything else (emoji, symbols) is left out
    return "".join(out)


@dataclass(frozen=True)
class SmsEncodingOptions:
    report_letters: bool = True
    __option_docs__ = {
        "report_letters": "also report accented letters (info; never rewritten)",
    }


class SmsEncoding(Rule):
    """Characters that switch an SMS from GSM-7 to UCS-2 (70 characters a part instead of 160).

    Norm: mobile channels want short messages ("respuestas precisas pero breves", seed on
    multichannel agents, section 5) and an SMS is paid and split by parts. GSM 03.38: a message
    made only of GSM-7 characters carries 160 characters (153 a part when split); one character
    outside that alphabet (a curly quote, "…", an en dash, "á", an emoji) sends the whole message
    in UCS-2: 70 characters, 67 a part.

    Runs only on channels whose length counter is ``sms`` (``length.counter`` in the channel
    profile). Each message says how many parts the SMS takes as written and in GSM-7.

    - Typographic characters (curly quotes, « », the ellipsis, en and em dashes, non-breaking and
      thin spaces) are reported as warnings and fixed to their plain forms (' " ... - space).
    - Accented letters (á í ó ú Á...) are reported together in one finding, as info, and never
      rewritten: dropping accents is a spelling decision for a human (the suggestion shows the
      text without them; ``report_letters: false`` stops reporting letters).
    - Other characters (emoji, symbols such as ® or →) are reported once per character. ``é``, ``ñ``, ``ü``, ``¿`` and ``¡``
      are GSM-7 and never reported.
    """

    id = "sms-encoding"
    summary = "Characters that force UCS-2 on SMS (fixes curly quotes, …, dashes, odd spaces)"
    severity = Severity.WARNING
    sees_nonprose = True
    Options = SmsEncodingOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        if draft.channel.counter != "sms":
            return
        text = draft.text
        measure = count_sms(text)
        if not measure.non_gsm:
            return
        plain = count_sms(gsm_version(text))
        es = draft.lang == "es"
        cost = (f"{_parts(measure.parts, es)} en UCS-2 tal como está, {_parts(plain.parts, es)} en GSM-7" if es
                else f"{_parts(measure.parts, es)} in UCS-2 as written, {_parts(plain.parts, es)} in GSM-7")
        first: dict[str, tuple[int, int]] = {}
        counts: dict[str, int] = {}
        emoji_spans = draft.spans_of(nonprose.EMOJI)
        for index, ch in enumerate(text):
            if is_gsm7(ch):
                continue
            if ch in TYPOGRAPHIC:
                shown = f"U+{ord(ch):04X}" if ch.isspace() else f"{ch} (U+{ord(ch):04X})"
                replacement = TYPOGRAPHIC[ch]
                yield self.hit(index, index + 1, self.say(
                    draft, f"{shown} obliga a usar UCS-2 ({cost}): usa {replacement!r}",
                    f"{shown} forces UCS-2 encoding ({cost}): use {replacement!r}"),
                               (replacement,), (Edit(index, index + 1, replacement),))
                continue
            span = next((s for s in emoji_spans if s.start <= index < s.end), None)
            key = text[span.start:span.end] if span else ch
            if key not in first:
                first[key] = (span.start, span.end) if span else (index, index + 1)
                counts[key] = 0
            if span is None or index == span.start:
                counts[key] += 1
        letters = [k for k in first if k.isalpha()]
        if letters and self.options.report_letters:
            start, end = first[letters[0]]
            shown = ", ".join(f"“{k}”" + (f" ×{counts[k]}" if counts[k] > 1 else "") for k in letters)
            plural = "s" if len(letters) > 1 else ""
            yield self.hit(start, end, self.say(
                draft, f"Letra{plural} con tilde {shown}: obliga{'n' if plural else ''} a usar UCS-2 ({cost}); "
                       "consérvalas salvo que importe el número de partes",
                f"Accented letter{plural} {shown} force UCS-2 encoding ({cost}); "
                "keep them unless the part count matters"),
                           (gsm_version(text),), severity=Severity.INFO)
        for key, (start, end) in first.items():
            if key.isalpha():
                continue
            times = counts[key] if counts[key] > 1 else 0
            yield self.hit(start, end, self.say(
                draft, f"“{key}” obliga a usar UCS-2{f', {times} veces' if times else ''} ({cost})",
                f"“{key}” forces UCS-2 encoding{f', {times} times' if times else ''} ({cost})"))
