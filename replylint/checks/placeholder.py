from __future__ import annotations

import re
from typing import Iterable

from .. import nonprose
from ..draft import Draft
from ..findings import Severity
from ..rule import Hit, Rule

_WORD_IN_SLOT = re.compile(r"[^\W\d][\w.\-]*(?: [^\W\d][\w.\-]*)*")


class Placeholder(Rule):
    """An unfilled template slot left in a draft to send, or a broken slot in a template.

    Norm: a reply that greets "Hola {{nombre}}" or signs "[Su Nombre]" shows the customer a
    robot, the opposite of the natural, personal tone the seed articles ask for ("Sigue siendo
    natural ... personalizar sus respuestas", seed on multichannel agents, section 1).

    In ``send`` mode (the default) every slot is an error: ``{{name}}``, ``{% raw %}``,
    ``{name}``, ``${name}``, ``%NAME%``, ``[NOMBRE]``, ``[Su Nombre]``, ``<name>``, ``XXX``,
    ``___``.

    In ``template`` mode slots are expected, and only broken ones are errors, because the
    platform would send them to the customer as written: a malformed slot of the configured
    ``placeholder_syntax`` (``{{nombre}``, ``{{ }}``, ``{{nombre`` in Liquid; ``[NOMBRE`` in
    brackets syntax), and a slot written in another syntax (``[NOMBRE]`` or ``XXX`` in a Liquid
    template). The suggestion is the slot rewritten in the configured syntax; nothing is fixed
    automatically, since the intended variable needs a human.
    """

    id = "placeholder"
    summary = "Unfilled placeholder in a draft to send; malformed placeholder in a template"
    severity = Severity.ERROR
    sees_nonprose = True

    def check(self, draft: Draft) -> Iterable[Hit]:
        if draft.settings.mode == "template" and draft.settings.placeholder_syntax is not None:
            yield from self._check_template(draft)
            return
        for span in draft.spans_of(nonprose.PLACEHOLDER):
            slot = draft.text[span.start:span.end]
            yield self.hit(span.start, span.end, self.say(
                draft, f"Marcador sin rellenar “{slot}”: complétalo antes de enviar",
                f"Unfilled placeholder “{slot}”: fill it in before sending"))

    def _check_template(self, draft: Draft) -> Iterable[Hit]:
        syntax = draft.settings.placeholder_syntax
        text = draft.text
        for span in draft.spans_of(nonprose.PLACEHOLDER):
            slot = text[span.start:span.end]
            if syntax.is_valid(slot):
                continue
            word = _WORD_IN_SLOT.search(slot)
            if syntax.is_malformed(slot):
                suggestions = [syntax.render(word.group())] if word else []
                what_es, what_en = ("vacío", "Empty") if word is None else ("mal formado", "Malformed")
                yield self.hit(span.start, span.end, self.say(
                    draft, f"Marcador {what_es} “{slot}”: la plataforma lo enviaría tal cual; "
                           f"escríbelo como {syntax.example}",
                    f"{what_en} placeholder “{slot}”: the platform would send it as written; "
                    f"write it as {syntax.example}"), suggestions)
            else:
                suggestions = [syntax.render(word.group())] if word and word.group() != slot else []
                yield self.hit(span.start, span.end, self.say(
                    draft, f"“{slot}” no es un marcador {syntax.name} ({syntax.example}): "
                           f"la plataforma lo enviaría tal cual",
                    f"“{slot}” is not a {syntax.name} placeholder ({syntax.example}): "
                    f"the platform would send it as written"), suggestions)
