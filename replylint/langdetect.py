"""Tell Spanish from English in a short reply (for ``lang: auto``)."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_ES = frozenset(
    "de la que el en y los se del las un por con una su para es al lo como más pero sus le ya o este "
    "sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante "
    "todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras "
    "otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros "
    "hola gracias favor usted tu te podemos puedes puede ayudarte ayudarle saludos lamentamos disculpa "
    "pedido cuenta tarjeta envíanos escríbenos mensaje privado datos número".split()
)
_EN = frozenset(
    "the be to of and a in that have i it for not on with he as you do at this but his by from they we "
    "say her she or an will my one all would there their what so up out if about who get which go me "
    "when make can like time no just him know take people into year your good some could them see "
    "other than then now look only come its over think also back after use two how our work first well "
    "way even new want because any these give day most us is are was were been has had please thanks "
    "hi hello sorry help order account card send dm message".split()
)


def detect(text: str, default: str = "es") -> str:
    """``"es"`` or ``"en"``; ``default`` when there is no evidence either way."""
    es = en = 0.0
    for word in _WORD.findall(text.lower()):
        if word in _ES:
            es += 1
        if word in _EN:
            en += 1
    es += 2 * sum(text.count(ch) for ch in "¿¡ñáéíóú")
    if es == en:
        return default
    return "es" if es > en else "en"
