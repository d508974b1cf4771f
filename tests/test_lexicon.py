"""Tests for replylint.lexicon (built data in replylint/data/lexicon)."""

import pytest

from replylint.lexicon import Lexicon, attach_clitics


@pytest.fixture(scope="module")
def es():
    return Lexicon.load("es")


@pytest.fixture(scope="module")
def en():
    return Lexicon.load("en")


ES_KNOWN = """
agradecemos lamentamos quedamos disculpe disculpa gracias puede pueden clientes cliente
solicitud solicitudes pedido pedidos envío envíos reembolso factura atentamente saludos
estimado estimada hola también aquí información código algún podría esta está
contáctanos permítenos escríbenos envíanoslo háznoslo dígame llamarte enviándole
contáctenos cuéntanos pídenos hágalo búsquelo indíquenos comuníquese digámoselo
contactémonos sentaos oírlo diciéndole ayúdame pónganse compruébelo llámenos
enviárselo revisándolo agradeciéndole
e-mail email WhatsApp online ok
""".split()

ES_UNKNOWN = """
tambien aqui informacion codigo algun podria solicitúd podés tenés escribinos contame
contactanos véndolo gracas agradesemos clientez madrid maría's asdfgh
contactanós dígamé contáctanosme
""".split()


@pytest.mark.parametrize("word", ES_KNOWN)
def test_es_known(es, word):
    assert es.knows(word), word


@pytest.mark.parametrize("word", ES_UNKNOWN)
def test_es_unknown(es, word):
    assert not es.knows(word), word


def test_es_case(es):
    assert es.knows("Gracias") and es.knows("GRACIAS") and es.knows("TAMBIÉN")
    assert not es.knows("Tambien") and not es.knows("TAMBIEN")
    assert es.knows("María") and es.knows("MARÍA") and es.knows("Madrid")
    assert not es.knows("madrid")
    assert es.knows("Contáctanos")
    assert es.knows("WhatsApp") and not es.knows("whatsapp")


def test_es_voseo_only_in_voseo_variants(es):
    ar = Lexicon.load("es", "es-AR")
    uy = Lexicon.load("es", variant="es_UY")
    for w in ("podés", "tenés", "escribinos", "contame", "contactanos", "contactá"):
        assert not es.knows(w), w
    for w in ("tenés", "escribinos", "contame", "contactanos", "contactá", "sos"):
        assert ar.knows(w), w
        assert uy.knows(w), w
    # common vocabulary is in every variant
    for lex in (ar, uy, Lexicon.load("es", "es-MX"), Lexicon.load("es", "es-ES")):
        assert lex.knows("agradecemos") and lex.knows("contáctanos") and not lex.knows("tambien")


def test_es_variant_restricts():
    es_es = Lexicon.load("es", "es-ES")
    mx = Lexicon.load("es", "es-MX")
    assert es_es.size != mx.size
    assert es_es.knows("contactáis")  # vosotros forms are Spain
    assert not Lexicon.load("es", "es-MX").knows("tenés")
    with pytest.raises(ValueError):
        Lexicon.load("es", "es-XX")


def test_attach_clitics():
    assert attach_clitics("envía", "noslo") == "envíanoslo"
    assert attach_clitics("contacta", "nos") == "contáctanos"
    assert attach_clitics("di", "me") == "dime"
    assert attach_clitics("contactemos", "nos") == "contactémonos"
    assert attach_clitics("sentad", "os") == "sentaos"
    assert attach_clitics("dé", "me") == "deme"
    assert attach_clitics("oír", "lo") == "oírlo"
    assert attach_clitics("contactá", "me") == "contactame"
    assert attach_clitics("enviando", "le") == "enviándole"
    assert attach_clitics("llamar", "te") == "llamarte"


EN_KNOWN = """
thank thanks apologize apologise apologized apologised color colour organization organisation
customer customers refund refunded refunding order orders shipping shipped inconvenience
sincerely regards received receive don't can't we're you're customer's email e-mail WhatsApp
""".split()
EN_UNKNOWN = "recieve teh definately seperate accomodate thier adress wich untill occured".split()


@pytest.mark.parametrize("word", EN_KNOWN)
def test_en_known(en, word):
    assert en.knows(word), word


@pytest.mark.parametrize("word", EN_UNKNOWN)
def test_en_unknown(en, word):
    assert not en.knows(word), word


def test_en_variants(en):
    us, gb = Lexicon.load("en", "en-US"), Lexicon.load("en", "en-GB")
    assert us.knows("color") and not us.knows("colour")
    assert gb.knows("colour")
    assert us.knows("apologize") and gb.knows("apologise")
    assert en.knows("colour") and en.knows("color")
    assert en.knows("London") and not en.knows("london") and en.knows("LONDON")


ES_MISSPELLINGS = {
    "tambien": "también", "informacion": "información", "aqui": "aquí", "podria": "podría",
    "codigo": "código", "algun": "algún", "solicitúd": "solicitud", "aber": "haber",
    "graciass": "gracias", "agradesemos": "agradecemos", "clientez": "clientes",
    "atentamete": "atentamente", "disculap": "disculpa", "respuetsa": "respuesta",
    "numero": "número", "telefono": "teléfono", "rapidamente": "rápidamente",
    "direccion": "dirección", "atencion": "atención", "dias": "días", "despues": "después",
    "pronto": None, "resivido": "recibido", "problma": "problema", "confirmacion": "confirmación",
    "necesitamso": "necesitamos", "ayuddar": "ayudar", "nesesita": "necesita",
    "querémos": "queremos", "reenbolso": "reembolso", "ubiera": "hubiera", "travajo": "trabajo",
    "haora": "ahora", "yamar": "llamar", "valla": None, "pagína": "página",
    "contactenos": "contáctenos", "indiquenos": "indíquenos", "cancelacion": "cancelación",
    "garantia": "garantía", "facturacion": "facturación", "mas": None,
}


def test_es_suggestions_top1(es):
    misses = []
    for wrong, right in ES_MISSPELLINGS.items():
        if right is None:
            continue
        got = es.suggest(wrong)
        if not got or got[0] != right:
            misses.append((wrong, right, got[:3]))
    assert not misses, misses


EN_MISSPELLINGS = {
    "recieve": "receive", "teh": "the", "definately": "definitely", "seperate": "separate",
    "accomodate": "accommodate", "thier": "their", "adress": "address", "untill": "until",
    "occured": "occurred", "sincerly": "sincerely", "apologise": None, "refund": None,
    "custmer": "customer", "inconvinience": "inconvenience", "recieved": "received",
    "beleive": "believe", "shiping": "shipping", "ordr": "order", "acount": "account",
}


def test_en_suggestions_top1(en):
    misses = []
    for wrong, right in EN_MISSPELLINGS.items():
        if right is None:
            continue
        got = en.suggest(wrong)
        if not got or got[0] != right:
            misses.append((wrong, right, got[:3]))
    assert not misses, misses


def test_suggest_case_and_limit(es, en):
    assert es.suggest("Tambien")[0] == "También"
    assert es.suggest("TAMBIEN")[0] == "TAMBIÉN"
    assert en.suggest("Recieve")[0] == "Receive"
    assert len(es.suggest("tambien", limit=2)) <= 2
    assert es.suggest("tambien", limit=0) == ()
    assert es.suggest("qzxwvkjq") == ()


def test_frequency(es, en):
    assert es.frequency("gracias") > es.frequency("agradecemos") > 0
    assert es.frequency("tambien") == 0.0 or es.frequency("tambien") < es.frequency("también")
    assert es.frequency("qzxwvkjq") == 0.0
    assert en.frequency("the") > en.frequency("refund") > 0


def test_cache_and_size(es, en):
    assert Lexicon.load("es") is es
    assert Lexicon.load("es", None) is es and Lexicon.load("ES") is es
    assert Lexicon.load("es", "es-AR") is Lexicon.load("es", "es_AR")
    assert es.size > 300_000 and en.size > 150_000
    first = es.suggest("informacion")
    assert es.suggest("informacion") is first  # cached tuple


def test_suggest_a_dozen_common_errors(es):
    expected = {"tambien": "también", "informacion": "información", "resivido": "recibido",
                "problma": "problema", "necesitamso": "necesitamos", "clientez": "clientes",
                "atentamete": "atentamente", "haora": "ahora", "travajo": "trabajo",
                "facturasion": "facturación", "garantai": "garantía", "reembolzo": "reembolso"}
    assert {w: es.suggest(w, 3)[:1] for w in expected} == {w: (c,) for w, c in expected.items()}


def test_an_accent_only_repair_skips_the_two_edit_search(es):
    # the accent repair comes first; two-edit look-alikes ("compáratenos", "paralización",
    # "freosísimo") are not offered next to it, one-edit ones are ("Confirmamos")
    assert es.suggest("compartenos", 3) == ("compártenos",)
    assert es.suggest("parcializacion", 3) == ("parcialización",)
    assert es.suggest("ferocisimo", 3) == ("ferocísimo",)
    assert es.suggest("Confirmanos", 2) == ("Confírmanos", "Confirmamos")
    # without an accent repair the two-edit search still runs
    assert es.suggest("atentamete", 1) == ("atentamente",)


def test_es_regular_derivations(es):
    # adverbs in -mente and superlatives in -ísimo the dictionary does not list
    for w in ("telepáticamente", "malísimos", "riquísima", "larguísimo", "facilísimo"):
        assert es.knows(w), w
    for w in ("telepaticamente", "malisimos", "ricísima", "telepáticasmente"):
        assert not es.knows(w), w
    assert es.suggest("telepaticamente")[0] == "telepáticamente"
    assert es.suggest("malisimos")[0] == "malísimos"


def test_es_error_model_ranking(es):
    assert es.suggest("pesao")[0] == "pesado"        # intervocalic d dropped
    assert es.suggest("comentarioh")[0] == "comentarios"   # aspirated final s
    assert es.suggest("exar")[0] == "echar"          # x written for ch
    assert es.suggest("llamda")[0] == "llamada"      # a left-out vowel beats a deleted consonant
    assert es.suggest("occurió")[0] == "ocurrió"     # doubled letter moved
    assert es.suggest("pillao")[0] == "pillado"      # a name is not an accent repair
    assert es.suggest("corazon")[0] == "corazón"


def test_no_spurious_enclitic_hosts(es):
    # "parte" is stored as a word, not derived from the noun "par" + "te"
    assert es.knows("parte") and not es.knows("parse")
    assert es.suggest("part")[0] == "parte"


def test_very_long_words_get_no_suggestions_and_stay_cheap(es):
    import resource

    from replylint.lexicon import MAX_SUGGEST_LENGTH

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert es.suggest("h" + "a" * 50_000) == ()
    assert es.suggest("x" * (MAX_SUGGEST_LENGTH + 1)) == ()
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KB
    assert es.suggest("holaaaa")[:1] == ("hola",)


def test_es_diminutives_and_prefixed_verbs(es):
    # diminutives and verbs with re-/pre-/des-/sub- the dictionary does not list
    for w in ("guapita", "ojillo", "camioncito", "panecito", "cafecito", "amiguitos", "poquito",
              "tarjetita", "reconfigurar", "reconfigurarla", "reagendar", "desconfigurar"):
        assert es.knows(w), w
    # never over a dictionary word's missing accent, nor a prefix on a short verb
    for w in ("debito", "credito", "desir", "comiita", "cafesito"):
        assert not es.knows(w), w
    assert es.suggest("debito")[0] == "débito"
    assert es.suggest("cafesito")[0] == "cafecito"
    assert es.suggest("wapita")[0] == "guapita"          # w for gu, then a diminutive


def test_es_error_model_two_changes(es):
    assert es.suggest("mañna")[0] == "mañana"            # ñn is not a doubled n
    assert es.suggest("muii")[0] == "muy"                # final vowel doubled, final i for y
    assert es.suggest("hai")[0] == "hay"
    assert es.suggest("comistes")[0] == "comiste"        # -stes for -ste
    assert es.suggest("escogo")[0] == "escojo"           # j of -ger verbs before o
    assert es.suggest("terminaa")[0] == "terminada"      # the d of -ada dropped
    assert es.suggest("colagao")[0] == "colgado"         # a confusion and a deletion


def _clusters_naive(word: str) -> tuple[str, ...]:
    from replylint.lexicon import _CLUSTERS
    return tuple(sorted((c for c in _CLUSTERS if word.endswith(c) and len(word) - len(c) >= 2),
                        key=len, reverse=True))


def test_clusters_of_is_the_naive_suffix_test_for_every_length():
    # the clusters are looked up by a key's last letters; short keys limit them by length
    import random

    from replylint.lexicon import _CLUSTERS, _clusters_of

    rng = random.Random(5)
    words = [prefix + cluster for prefix in ("", "a", "ab", "abc", "dame", "indica", "escribiendo")
             for cluster in _CLUSTERS]
    words += ["".join(rng.choice("aeiosnltmdr") for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for word in words:
        assert _clusters_of(word) == _clusters_naive(word), word


def test_suggestions_for_enclitic_forms_are_found():
    lex = Lexicon.load("es")
    assert lex.suggest("compartenos")[0] == "compártenos"
    assert lex.suggest("indicanos")[0] == "indícanos"
    assert "escríbenos" in lex.suggest("escribenos")


def _confusions_naive(key, confusions):
    import re

    out = {}
    for pattern, rep, cost in confusions:
        for m in re.finditer(pattern, key):
            cand = key[:m.start()] + m.expand(rep) + key[m.end():]
            if cand != key and out.get(cand, 9.0) > cost:
                out[cand] = cost
    return out


def test_confusions_are_those_of_each_rule_alone():
    # the rules are grouped by pattern and literal ones found without a regex
    import random

    from replylint import lexicon

    rng = random.Random(8)
    keys = ["presnetas", "llave", "xocolate", "quiero", "kilo", "cansao", "graciasss", "muii", "dormistes",
            "cogo", "hombre", "ahora", "nieve", "recieve", "ellipse", "accomodate", "xx", "", "ñu"]
    keys += ["".join(rng.choice("abceghiklnopqrstuvwxyz") for _ in range(rng.randint(0, 10))) for _ in range(3000)]
    for key in keys:
        for rules, confusions in ((lexicon._ES_RULES, lexicon._ES_CONFUSIONS),
                                  (lexicon._EN_RULES, lexicon._EN_CONFUSIONS)):
            assert lexicon._confusions(key, rules) == _confusions_naive(key, confusions), key


def test_packed_forms_round_trip_across_chunks():
    # enough records for several blob chunks; every key is found with its forms, no other is
    from replylint.lexicon import CHUNK, PackedForms, fold, pack_forms

    forms = {}
    for i in range(4000):
        word = f"palabra{i:04d}"
        forms[word] = (1 + i % 3, i % 70, i % 2)
        if i % 5 == 0:
            forms[word.capitalize()] = (2, 10, 0)
            forms[word + "á"] = (1, 20, 0)
    data = pack_forms(forms, {"lang": "xx"})
    pk = PackedForms(data)
    assert len(pk.header["chunks_z"]) > 4 and pk.chunk == CHUNK
    by_key = {}
    for f in forms:
        by_key.setdefault(fold(f), []).append((f, *forms[f]))
    keys = sorted(by_key)
    for key in keys:
        assert sorted((f, pk.masks[m], z, fl) for f, m, z, fl in pk.group(key)) == sorted(by_key[key])
    absent = [f"palabra{i}" for i in range(4000, 4500)] + ["", "x" * 300]
    assert pk.present(keys + absent) == keys
    assert all(pk.group(k) == [] for k in absent)
