from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..draft import Draft, has_letter
from ..findings import Edit, Severity
from ..rule import Hit, Rule
from ..textnorm import sentence_case


@dataclass(frozen=True)
class ShoutingOptions:
    min_letters: int = 2
    mostly_caps_ratio: float = 0.6
    mostly_caps_min_words: int = 3
    __option_docs__ = {
        "min_letters": "shortest word in capitals that counts",
        "mostly_caps_ratio": "share of letters in capitals that makes the whole draft shouting",
        "mostly_caps_min_words": "words in capitals needed before a draft is 'mostly capitals'",
    }


def first_words(draft: Draft) -> set[int]:
    """Indices of the first word token of each sentence."""
    starts = set()
    texts, kinds = draft.texts, draft.kinds
    for sent in draft.sentence_bounds:
        for i in range(sent.start, sent.end):
            kind = kinds[i]
            if kind is None:
                if has_letter(texts[i]):
                    starts.add(i)
                    break
            elif kind not in ("mention", "emoji"):
                break
    return starts


class Shouting(Rule):
    """Words in ALL CAPS read as shouting.

    Norm: capitals and stacked exclamation marks make a reply sound aggressive whatever the
    channel ("El uso del signo de exclamación o de las palabras en mayúsculas puede hacer pensar
    que es una respuesta agresiva", seed article on multichannel agents, section 4 *Escucha*).

    A word counts when it has at least ``min_letters`` letters, all in capitals, and is not an
    acronym: the built-in list for the language, the config's ``acronyms:``, and any word in
    capitals that is not a dictionary word ("SPEI", "CLABE") are acronyms; a word of up to three
    letters counts only when it is a common lower-case word ("NO", "YA", not "TY"), and a run
    of words in capitals that holds an acronym is a name ("FARMACIAS ACME SA DE CV"). Codes with digits,
    URLs, mentions, hashtags and placeholders never count. When most of a draft is in capitals
    (``mostly_caps_ratio`` of its letters), one finding covers the whole draft.

    Fix: lower case, or sentence case for the first word of a sentence.
    """

    id = "shouting"
    summary = "Words in ALL CAPS (not acronyms) read as shouting"
    severity = Severity.WARNING
    Options = ShoutingOptions

    def _is_shout(self, draft: Draft, word: str) -> bool:
        # the answer depends only on the word and the language (settings, lexicon: fixed per linter)
        cache = self.__dict__.setdefault("_shout_cache", {})
        key = (word, draft.lang)
        found = cache.get(key)
        if found is None:
            if len(cache) > 50_000:
                cache.clear()
            found = cache[key] = self._is_shout_uncached(draft, word)
        return found

    def _is_shout_uncached(self, draft: Draft, word: str) -> bool:
        letters = [c for c in word if c.isalpha()]
        if len(letters) < self.options.min_letters or not all(c.isupper() for c in letters):
            return False
        if draft.is_acronym(word):
            return False
        lexicon = draft.lexicon
        if len(letters) <= 3:  # "TY", "DR": short capitals are shouting only as common words
            return lexicon.knows(word.lower())
        return lexicon.knows(word.lower()) or lexicon.knows(word.capitalize())

    def _mostly_capitals(self, texts: list[str], words: list[int]) -> bool:
        """Whether capitals make up ``mostly_caps_ratio`` of the letters of these words."""
        joined = "".join([texts[i] for i in words])
        return sum(map(str.isupper, joined)) >= self.options.mostly_caps_ratio * sum(map(str.isalpha, joined))

    def check(self, draft: Draft) -> Iterable[Hit]:
        words = draft.word_indices
        if not words:
            return
        texts = draft.texts
        shouted = [i for i in words if texts[i].isupper() and self._is_shout(draft, texts[i])]
        if not shouted:
            return
        starts = first_words(draft)
        # A run of capitalised words that holds an acronym is a name ("FARMACIAS ACME SA DE CV").
        shouted_at = set(shouted)
        is_space = draft.is_space
        in_names: set[int] = set()
        run: list[int] = []
        for i in [*words, None]:
            if i is not None and texts[i].isupper() and (not run or i == run[-1] + 1 or all(
                    is_space[k] for k in range(run[-1] + 1, i))):
                run.append(i)
                continue
            if len(run) > 1 and any(k not in shouted_at for k in run):
                in_names.update(run)
            run = [i] if i is not None and texts[i].isupper() else []
        shouted = [i for i in shouted if i not in in_names]
        if not shouted:
            return
        offsets = draft.starts

        def fixed(i: int) -> Edit:
            word = texts[i]
            replacement = sentence_case(word) if i in starts else word.lower()
            return Edit(offsets[i], offsets[i] + len(word), replacement)

        opts = self.options
        if len(shouted) >= opts.mostly_caps_min_words and self._mostly_capitals(texts, words):
            start, end = offsets[words[0]], offsets[words[-1]] + len(texts[words[-1]])
            edits = [fixed(i) for i in shouted]
            rewrite = draft.text[start:end]
            for edit in reversed(edits):
                rewrite = rewrite[: edit.start - start] + edit.replacement + rewrite[edit.end - start:]
            yield self.hit(start, end, self.say(draft, "Casi toda la respuesta está en mayúsculas: se lee como un grito",
                                                "Most of the reply is in capitals: it reads as shouting"),
                           (rewrite,), edits)
            return
        for i in shouted:
            edit = fixed(i)
            yield self.hit(edit.start, edit.end, self.say(draft, f"“{texts[i]}” en mayúsculas se lee como un grito",
                                                          f"“{texts[i]}” in capitals reads as shouting"),
                           (edit.replacement,), (edit,))
