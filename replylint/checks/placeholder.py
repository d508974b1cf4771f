from __future__ import annotations

from typing import Iterable

from .. import nonprose
from ..draft import Draft
from ..findings import Severity
from ..rule import Hit, Rule


class Placeholder(Rule):
    """An unfilled template slot left in a draft that is about to be sent.

    Norm: a reply that greets "Hola {{nombre}}" or signs "[Su Nombre]" shows the customer a
    robot, the opposite of the natural, personal tone the seed articles ask for ("Sigue siendo
    natural ... personalizar sus respuestas", seed on multichannel agents, section 1).

    In ``send`` mode (the default) every slot is an error: ``{{name}}``, ``{% raw %}``,
    ``{name}``, ``${name}``, ``%NAME%``, ``[NOMBRE]``, ``[Su Nombre]``, ``<name>``, ``XXX``,
    ``___``. In ``template`` mode placeholders are expected and are not reported here.
    """

    id = "placeholder"
    summary = "Unfilled template placeholder left in a draft to send"
    severity = Severity.ERROR
    sees_nonprose = True

    def check(self, draft: Draft) -> Iterable[Hit]:
        if draft.settings.mode != "send":
            return
        for span in draft.spans_of(nonprose.PLACEHOLDER):
            slot = draft.text[span.start:span.end]
            yield self.hit(span.start, span.end, f"Unfilled placeholder “{slot}”: fill it in before sending")
