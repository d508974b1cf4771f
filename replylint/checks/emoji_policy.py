from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .. import nonprose
from ..draft import Draft
from ..findings import Edit, Severity
from ..rule import Hit, Rule

_MODIFIERS = {chr(cp) for cp in range(0x1F3FB, 0x1F400)} | {"\ufe0f", "\ufe0e"}


def removal(text: str, start: int, end: int) -> Edit:
    """Remove ``text[start:end]`` and one space so that no double space is left behind."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before == " " and (after in ("", " ", "\n", "\r") or not after.isalnum()):
        return Edit(start - 1, end, "")
    if after == " " and before in ("", "\n", "\r"):
        return Edit(start, end + 1, "")
    return Edit(start, end, "")


@dataclass(frozen=True)
class EmojiOptions:
    negative: tuple[str, ...] = ("🙄", "😒", "😤", "😡", "🤬", "🖕", "💩", "🤡", "😠", "🤮")
    __option_docs__ = {"negative": "emoji never fit for a customer, on any channel"}


class EmojiPolicy(Rule):
    """Emoji where the channel does not use them, more than it allows, or negative ones.

    Norm: emoji are "más fácilmente aceptados en las redes sociales que en el chat" and mobile
    users accept them more (seed on multichannel agents, sections 5 and 7); "¡quizás un emoji de
    vez en cuando sirve!" (seed on the digital agent's profile). Each channel profile gives an
    emoji policy (``allowed`` with a ``max``, or ``none``). Some emoji (eye-roll, angry face,
    middle finger, clown...) are never right towards a customer. A skin-tone, ZWJ or flag
    sequence counts as one emoji.

    Fix: remove the emoji (and the space it leaves).
    """

    id = "emoji-policy"
    summary = "Emoji against the channel's policy, too many, or negative ones"
    severity = Severity.WARNING
    sees_nonprose = True
    Options = EmojiOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        emoji_spans = draft.spans_of(nonprose.EMOJI)
        if not emoji_spans:
            return
        channel = draft.channel
        negative = {self._base(e) for e in self.options.negative}
        allowed_count = 0
        for span in emoji_spans:
            glyph = draft.text[span.start:span.end]
            edit = removal(draft.text, span.start, span.end)
            fix, start, end = (edit,), edit.start, edit.end
            if self._base(glyph) in negative:
                yield self.hit(start, end, self.say(
                    draft, f"“{glyph}” se lee como algo negativo hacia el cliente",
                    f"“{glyph}” reads as negative towards the customer"), (), fix)
            elif channel.emoji_policy == "none":
                yield self.hit(start, end, self.say(
                    draft, f"El canal {channel.name} no lleva emoji: quita “{glyph}”",
                    f"Emoji “{glyph}” do not fit the {channel.name} channel"), (), fix)
            else:
                allowed_count += 1
                if channel.emoji_max is not None and allowed_count > channel.emoji_max:
                    yield self.hit(start, end, self.say(
                        draft, f"Más de {channel.emoji_max} emoji para {channel.name}: quita “{glyph}”",
                        f"More than {channel.emoji_max} emoji for {channel.name}: remove “{glyph}”"), (), fix)

    @staticmethod
    def _base(glyph: str) -> str:
        return "".join(ch for ch in glyph if ch not in _MODIFIERS)
