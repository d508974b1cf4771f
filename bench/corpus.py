"""The benchmark corpus: real agent replies when ``../shared/corpora/`` is present, else generated ones.

Real: the ``text`` column of ``es_citibanamex_agent_replies.csv`` (Spanish) and of
``en_twcs_head_agent_replies.csv`` (English), read from ``<repo>/../shared/corpora`` or from
``$REPLYLINT_CORPORA``. Generated: replies assembled from phrase lists in this file with a fixed
seed (same size as the real corpus, with the usual slips: missing accents and ¿, shouting,
stacked exclamation marks, URLs, mentions, amounts, placeholders, emoji).
"""

from __future__ import annotations

import csv
import os
import random
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FILES = {"es": "es_citibanamex_agent_replies.csv", "en": "en_twcs_head_agent_replies.csv"}
GENERATED_SIZES = {"es": 1245, "en": 2222}


@dataclass
class Corpus:
    name: str
    by_lang: dict[str, list[str]]

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.by_lang.values())

    def describe(self) -> str:
        parts = ", ".join(f"{len(v)} {k}" for k, v in self.by_lang.items())
        return f"{self.name} ({self.size} replies: {parts})"


def corpora_dir() -> Path:
    env = os.environ.get("REPLYLINT_CORPORA")
    return Path(env) if env else REPO.parent / "shared" / "corpora"


def load_corpus(generated: bool = False) -> Corpus:
    folder = corpora_dir()
    if not generated and all((folder / name).is_file() for name in FILES.values()):
        by_lang = {}
        for lang, name in FILES.items():
            with open(folder / name, encoding="utf-8", newline="") as handle:
                by_lang[lang] = [row["text"] for row in csv.DictReader(handle) if row.get("text")]
        return Corpus(f"real replies from {folder}", by_lang)
    return Corpus("generated replies (seed 7)", {lang: generate(lang, n) for lang, n in GENERATED_SIZES.items()})


_ES = {
    "open": ["Hola", "Hola {name}", "Buen día", "Buenas tardes", "Estimado cliente", "HOLA", "Hola!!", ""],
    "body": [
        "lamentamos las molestias ocasionadas", "te pedimos que nos envies un mensaje directo",
        "su pedido {code} ya esta en camino", "puedes consultar el estado en https://ayuda.ejemplo.mx/pedidos",
        "el cargo de $1,250.00 se reflejara en 48 horas", "te contactamos en breve", "Como podemos ayudarte?",
        "necesitamos tu numero de cliente para revisar el caso", "ESTO ES MUY IMPORTANTE",
        "por favor escribe a soporte@ejemplo.mx", "la sucursal abre de 9:00 a 18:00",
        "¿Te refieres a la tarjeta de crédito?", "quedamos al pendiente", "gracias por tu paciencia!!!",
        "tu reembolso se procesará pronto", "verifica los datos de {{nombre}} en la app",
        "puedes llamar al 55 1234 5678", "revisaremos tu solicitud a la brevedad 🙂",
        "te recomendamos no compartir tu NIP", "el folio es ABC123 , guardalo por favor",
    ],
    "close": ["Saludos.", "Quedamos atentos.", "Gracias!!", "-JM", "^AB", "Un saludo", ""],
    "names": ["@cliente_01", "@maria", "@juan_p", "@usuario"],
}
_EN = {
    "open": ["Hi", "Hi {name}", "Hello there", "Hey", "HELLO", "Thanks for reaching out!", ""],
    "body": [
        "we're sorry to hear about the delay", "please send us a DM with your order number",
        "your order {code} has shipped", "you can check the status at https://help.example.com/orders",
        "a refund of $25.00 will post within 3-5 business days", "we'll look into this asap",
        "Can you tell us more about what happened?", "THIS IS VERY IMPORTANT",
        "please email support@example.com", "our team is available 9am-5pm ET",
        "we appreciate your patience!!!", "we will get back to you shortly",
        "check your settings under [Account Name] > Privacy", "call us at 1-800-555-0199",
        "we're here to help 🙂", "that should'nt happen, let us take a look", "its been fixed now",
    ],
    "close": ["Thanks!", "Best,", "*JS", "^KL", "Cheers", ""],
    "names": ["@customer1", "@jane", "@bob_smith", "@user"],
}


def generate(lang: str, count: int, seed: int = 7) -> list[str]:
    """``count`` replies in ``lang`` built from the phrase lists above (deterministic)."""
    rng = random.Random(f"{seed}-{lang}")
    src = _ES if lang == "es" else _EN
    replies = []
    for _ in range(count):
        parts = [rng.choice(src["names"])]
        opening = rng.choice(src["open"]).format(name=rng.choice(["Ana", "Luis", "Sam"]))
        if opening:
            parts.append(opening + rng.choice([",", ".", "", "!"]))
        for _ in range(rng.randint(1, 4)):
            sentence = rng.choice(src["body"]).format(code=f"{rng.choice('ABCXYZ')}{rng.randint(1000, 99999)}")
            sentence = sentence[0].upper() + sentence[1:] if rng.random() < 0.7 else sentence
            parts.append(sentence + ("" if sentence[-1] in ".?!🙂" else rng.choice([".", ".", "", "!"])))
        closing = rng.choice(src["close"])
        if closing:
            parts.append(closing)
        replies.append(rng.choice([" ", "  ", "\n"]).join(parts) if rng.random() < 0.2 else " ".join(parts))
    return replies
