from __future__ import annotations

from typing import Iterable

from .. import nonprose
from ..draft import Draft
from ..findings import Severity
from ..placeholders import closest, is_declared
from ..rule import Hit, Rule


class UnknownPlaceholder(Rule):
    """A template variable that is not among the declared ones (a typo the platform leaves blank).

    Norm: a misspelt variable renders empty or as written, so the customer reads "Hola ," or
    "Hola {{ ticket.requester.frist_name }}": the impersonal, careless reply the seed articles
    warn against ("personalizar sus respuestas", seed on multichannel agents, section 1).

    Only in ``template`` mode and only when variables are declared (``placeholders:`` in the
    config, or ``placeholders_file:``; an entry ending in ``.*`` declares every variable under
    that prefix). Liquid tags (``{% if %}``) and Handlebars helpers (``{{#if}}``, ``{{/if}}``)
    are not variables and are not checked. The suggestion is the slot with the closest declared
    name; nothing is fixed automatically.
    """

    id = "unknown-placeholder"
    summary = "Template placeholder whose variable is not declared in placeholders:"
    severity = Severity.WARNING
    sees_nonprose = True

    def check(self, draft: Draft) -> Iterable[Hit]:
        settings = draft.settings
        syntax = settings.placeholder_syntax
        if settings.mode != "template" or syntax is None or not settings.placeholders:
            return
        for span in draft.spans_of(nonprose.PLACEHOLDER):
            slot = draft.text[span.start:span.end]
            where = syntax.name_span(slot)
            if where is None:
                continue
            variable = slot[where[0]:where[1]].strip()
            if is_declared(variable, settings.placeholders):
                continue
            best = closest(variable, settings.placeholders)
            suggestions = [slot[:where[0]] + best + slot[where[1]:]] if best else []
            message = self.say(draft, f"“{variable}” no es un marcador declarado", f"“{variable}” is not a declared placeholder")
            if best:
                message += self.say(draft, f"; ¿quisiste decir “{best}”?", f"; did you mean “{best}”?")
            yield self.hit(span.start, span.end, message, suggestions)
