from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from spacy.strings import hash_string

from ..draft import Draft, has_letter
from ..findings import Edit, Severity
from ..rule import Hit, Rule
from ..textnorm import fold


@dataclass(frozen=True)
class BrandCasingOptions:
    allow_all_caps: bool = True
    __option_docs__ = {
        "allow_all_caps": "accept a declared word written all in capitals (CITIBANAMEX); shouting is "
                          "another rule's business",
    }


@lru_cache(maxsize=64)
def exact_forms(*sets: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """lower-case word -> its declared exact-case spellings, from ``=Form`` vocabulary entries."""
    out: dict[str, set[str]] = {}
    for forms in sets:
        for form in forms:
            out.setdefault(form.lower(), set()).add(form)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=64)
def _norm_hashes(*sets: frozenset[str]) -> frozenset[int]:
    """The NORM hashes (folded forms) of the words in :func:`exact_forms`: a token whose lower
    case is one of them has one of these NORMs (``fold`` lower-cases first)."""
    return frozenset(hash_string(fold(word)) for word in exact_forms(*sets))


def declared_forms(draft: Draft) -> dict[str, tuple[str, ...]]:
    """Exact-case vocabulary of the draft: the config's ``=Form`` entries and the shipped ones."""
    return exact_forms(draft.settings.vocabulary, draft.lexicon.exact_vocabulary)


class BrandCasing(Rule):
    """A word the vocabulary declares with one exact spelling, written with other capitals.

    Norm: brand and product names are written as their owner writes them ("Citibanamex", not
    "CitiBanamex" or "citibanamex"; "WhatsApp", "iPhone"): proper names keep their capitals (RAE,
    *Ortografía* 2010, chapter IV, on the capitals of trade names), and the seeds ask for replies
    without spelling errors ("para que no haya ningún error de ortografía", seed on multichannel
    agents, section 5) because they carry the brand's image.

    Which words: vocabulary entries written ``=Form`` (config ``vocabulary:`` and
    ``vocabulary_files:``, and the shipped support vocabulary in ``rules/vocabulary``). A plain
    entry (``citibanamex``) is case-insensitive and never reported here; a plain entry for the
    same word switches this rule off for it. ``spelling`` leaves these case variants to this rule,
    so each one is reported once.

    Not reported: the declared form itself; the word in capitals (``allow_all_caps``); a variant
    in lower case that is itself a dictionary word ("mercado" for "=Mercado", "apple" for
    "=Apple"); words inside URLs, e-mails, mentions, hashtags and placeholders. Fix: the declared
    form, when there is exactly one.
    """

    id = "brand-casing"
    summary = "Brand or product name with the wrong capitals (CitiBanamex → Citibanamex)"
    severity = Severity.WARNING
    Options = BrandCasingOptions

    def check(self, draft: Draft) -> Iterable[Hit]:
        declared = declared_forms(draft)
        if not declared:
            return
        present = _norm_hashes(draft.settings.vocabulary, draft.lexicon.exact_vocabulary) & draft.norm_hashes
        if not present:
            return  # no token of the draft folds to a declared word
        folded = draft.settings.vocabulary_folded
        texts, kinds = draft.texts, draft.kinds
        # the prose words (as draft.words() gives them) that the vocabulary declares, among the
        # tokens that fold to a declared word
        for i in [i for i, norm in enumerate(draft.norms) if norm in present]:
            word = texts[i]
            lw = word.lower()
            if lw not in declared or kinds[i] is not None or not has_letter(word):
                continue
            forms = declared[lw]
            if not forms or word in forms or lw in folded:
                continue
            if self.options.allow_all_caps and word.isupper() and len(word) > 1:
                continue
            if word == lw and draft.lexicon.knows(lw):
                continue
            start = draft.starts[i]
            end = start + len(word)
            shown = "”, “".join(forms) if draft.lang != "es" else "», «".join(forms)
            if draft.lang == "es":
                message = f"«{word}» se escribe «{shown}»"
            else:
                message = f"“{word}” is spelled “{shown}”"
            fix = (Edit(start, end, forms[0]),) if len(forms) == 1 else None
            yield self.hit(start, end, message, forms, fix)
