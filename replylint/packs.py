"""Rules as data: YAML rule packs.

A pack is a YAML file with a ``rules:`` list. Each entry has an ``id``, a ``kind`` and the keys
of that kind. Common keys:

``id`` (lower-case, dashes), ``kind``, ``summary`` (one line), ``explanation`` (the norm and its
source), ``severity`` (info | warning | error), ``message`` (a string or a per-language mapping;
``{match}`` is the matched text, ``{suggestion}`` the first suggestion, ``{count}`` and ``{max}``
for limits), ``channels`` (list; default every channel), ``public_only`` (only public channels),
``languages`` (default: the languages the entry has data for), ``suggestions`` (per language),
``fix`` (true: ``--fix`` applies the first suggestion), ``enabled`` (default true).

Kinds:

- ``phrase``: ``phrases: {es: [...], en: [...]}``, each item a string or ``{phrase, suggestions}``;
  case- and accent-insensitive, compiled to a spaCy PhraseMatcher; ``exceptions`` (same form)
  are phrases that cancel a match they contain ("hasta pronto" is a farewell, not a promise).
- ``pattern``: ``patterns: {es: [[{LOWER: "no"}, {LOWER: "podemos"}]]}``: spaCy Matcher token
  patterns (token attribute ``NORM`` is the folded form, so ``{NORM: "tambien"}`` matches
  "también" and "TAMBIEN"). An item may also be ``{pattern: [...], suggestions: [...]}`` to give
  that pattern its own suggestions; ``exceptions`` (phrases) work as for ``phrase``.
- ``regex``: ``regex: {es: '...'}`` (or one string for all languages); ``ignorecase`` (default
  true). Non-prose text (URLs, e-mail addresses, mentions, placeholders) is never matched;
  numbers and codes are ("folio 12345").
- ``limit``: counts something and reports when it passes ``max`` (a number, or the name of a
  channel setting such as ``exclamations``). ``count`` is ``words``, ``sentences``,
  ``characters`` or ``matches`` (of ``regex``); ``scope`` is ``draft`` or ``sentence``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

import regex
from spacy.attrs import NORM
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import budget
from .errors import RulePackError
from .findings import Edit, Severity
from .rule import Hit, NoOptions, Rule, RuleInfo
from .textnorm import match_case
from .yamlsrc import Sourced, load_yaml

if TYPE_CHECKING:
    from .draft import Draft
    from .pipeline import Pipeline

KINDS = ("phrase", "pattern", "regex", "limit")
_COMMON = {
    "id", "kind", "summary", "explanation", "severity", "message", "channels", "public_only",
    "languages", "suggestions", "fix", "enabled",
}
_KIND_KEYS = {
    "phrase": {"phrases", "exceptions"},
    "pattern": {"patterns", "exceptions"},
    "regex": {"regex", "ignorecase"},
    "limit": {"count", "scope", "max", "regex", "ignorecase"},
}
_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_LIMIT_COUNTS = ("words", "sentences", "characters", "matches")
_MAX_PATTERN_LENGTH = 2000
# Non-prose kinds a pack rule can match: numbers and codes ("folio 12345", "TK-1234") are text a
# team may have rules about; URLs, e-mail addresses, mentions, hashtags, placeholders, signatures
# and emoji are never matched.
_MATCHABLE_NONPROSE = frozenset({"number", "code"})


def _opaque(kind: str | None) -> bool:
    return kind is not None and kind not in _MATCHABLE_NONPROSE


def _token_pattern_problem(pattern: list) -> str | None:
    """spaCy's own validation of one token pattern: the first problem, or None."""
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    try:
        Matcher(Vocab(), validate=True).add("pattern", [list(pattern)])
    except Exception as exc:  # spaCy raises ValueError or MatchPatternError with a report
        lines = [line.strip("- ").strip() for line in str(exc).splitlines() if line.strip()]
        details = [line for line in lines if line.startswith("[")]
        return (details or lines or ["invalid"])[0]
    return None


@dataclass(frozen=True)
class Phrase:
    text: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class PackEntry:
    """A validated pack rule. ``per_lang`` holds the kind-specific data for each language."""

    id: str
    kind: str
    summary: str
    explanation: str
    severity: Severity
    messages: Mapping[str, str]
    channels: frozenset[str] | None
    public_only: bool
    languages: frozenset[str]
    suggestions: Mapping[str, tuple[str, ...]]
    fix: bool
    enabled: bool
    per_lang: Mapping[str, Any]
    exceptions: Mapping[str, tuple[Phrase, ...]]
    count: str
    scope: str
    max: int | str | None
    path: str
    line: int | None

    def message_for(self, lang: str) -> str:
        return self.messages.get(lang) or self.messages.get("*") or self.summary


def kept_matches(doc: Doc, found: list, exceptions: PhraseMatcher,
                 opaque: Callable[[str | None], bool]) -> Iterator[tuple[Span, str]]:
    """Longest non-overlapping matches with their labels, without those inside an exception
    phrase or touching a token whose non-prose kind is ``opaque``."""
    if not found:
        return
    excluded = [doc[s:e] for _, s, e in exceptions(doc)]
    labels = {(s, e): doc.vocab.strings[m] for m, s, e in found}
    for span in filter_spans([doc[s:e] for _, s, e in found]):
        if any(x.start <= span.start and span.end <= x.end for x in excluded):
            continue
        if any(opaque(t._.nonprose) for t in span):
            continue
        yield span, labels.get((span.start, span.end), "")


def _required_norms(items: Iterable[Any], strings) -> tuple[tuple[frozenset[int], ...], ...] | None:
    """For each token pattern, the NORM hashes its required tokens need: one set per token that
    must match exactly one word by NORM equality or ``IN``. A draft lacking a word of every set of
    some pattern cannot match that pattern; one that can match none is not given to the matcher.
    None when some pattern has no such token (the matcher always runs)."""
    required = []
    for item in items:
        pattern = item["pattern"] if isinstance(item, Mapping) else item
        sets = []
        for spec in pattern:
            if not isinstance(spec, Mapping) or spec.get("OP", "1") not in ("1", "+") or set(spec) - {"NORM", "OP"}:
                continue
            value = spec.get("NORM")
            if isinstance(value, str):
                sets.append(frozenset([strings.add(value)]))
            elif isinstance(value, Mapping) and set(value) == {"IN"} and isinstance(value["IN"], list) \
                    and all(isinstance(v, str) for v in value["IN"]):
                sets.append(frozenset(strings.add(v) for v in value["IN"]))
        if not sets:
            return None
        required.append(tuple(sets))
    return tuple(required)


class _NormIndex:
    """:func:`_required_norms` (or, for phrases, the NORM of each of their tokens) indexed by
    the NORM hashes of one required token of each pattern (the one fewest other patterns need,
    so that common words such as "no" lead to few patterns): only the patterns one of whose
    hashes the draft has are looked at."""

    def __init__(self, required: tuple[tuple[frozenset[int], ...], ...]) -> None:
        needed_by = Counter(norm for sets in required for norm in frozenset().union(*sets))
        # per pattern: the hashes it needs each of (one-word tokens), and the sets it needs one of
        self.by_norm: dict[int, list[tuple[frozenset[int], tuple[frozenset[int], ...]]]] = {}
        for sets in required:
            single = frozenset(norm for needed in sets if len(needed) == 1 for norm in needed)
            alternatives = tuple(needed for needed in sets if len(needed) > 1)
            for norm in min(sets, key=lambda needed: (sum(needed_by[n] for n in needed), len(needed))):
                self.by_norm.setdefault(norm, []).append((single, alternatives))
        self.norms = frozenset(self.by_norm)

    def may_match(self, norms: frozenset[int]) -> bool:
        if self.norms.isdisjoint(norms):
            return False
        for norm in self.norms.intersection(norms):
            for single, alternatives in self.by_norm[norm]:
                if single <= norms and all(not needed.isdisjoint(norms) for needed in alternatives):
                    return True
        return False


class _SafeFormat(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class PackRule(Rule):
    """A rule defined in a YAML pack; one instance per configured rule."""

    # Matching skips URLs, mentions, placeholders... itself; numbers and codes stay matchable.
    sees_nonprose = True

    def __init__(self, entry: PackEntry, options: Any = None) -> None:
        super().__init__(options)
        self.entry = entry
        self._compiled: dict[int, Any] = {}

    def applies(self, draft: "Draft") -> bool:
        return not self.entry.public_only or draft.channel.public

    # -- matching -------------------------------------------------------------------------
    def _matchers(self, pipeline: "Pipeline"):
        """For a phrase or pattern rule: (matcher, suggestions by label, exception matcher,
        :class:`_NormIndex` of the words each phrase or pattern needs, or None)."""
        key = id(pipeline)
        compiled = self._compiled.get(key)
        if compiled is None:
            vocab = pipeline.nlp.vocab
            items = self.entry.per_lang.get(pipeline.lang, ())
            if self.entry.kind == "phrase":
                matcher, suggestions, required = self._phrase_matcher(pipeline, items)
            else:
                matcher, suggestions = self._token_matcher(vocab, items)
                required = _required_norms(items, vocab.strings)
            exceptions = PhraseMatcher(vocab, attr="NORM")
            for phrase in self.entry.exceptions.get(pipeline.lang, ()):
                exceptions.add("exception", [pipeline.make_doc(phrase.text)])
            compiled = self._compiled[key] = (matcher, suggestions, exceptions,
                                              None if required is None else _NormIndex(required))
        return compiled

    def _phrase_matcher(self, pipeline: "Pipeline", phrases: tuple[Phrase, ...]):
        matcher = PhraseMatcher(pipeline.nlp.vocab, attr="NORM")
        suggestions: dict[str, tuple[str, ...]] = {}
        required = []
        for index, phrase in enumerate(phrases):
            label = f"{self.entry.id}#{index}"
            doc = pipeline.make_doc(phrase.text)
            matcher.add(label, [doc])
            suggestions[label] = phrase.suggestions
            # the phrase matches only where the NORM of each of its tokens stands
            required.append(tuple(frozenset([norm]) for norm in doc.to_array([NORM]).tolist()))
        return matcher, suggestions, tuple(required)

    def _token_matcher(self, vocab, patterns: list):
        matcher = Matcher(vocab)
        suggestions: dict[str, tuple[str, ...]] = {}
        try:
            for index, item in enumerate(patterns):
                label = f"{self.entry.id}#{index}"
                if isinstance(item, Mapping):
                    matcher.add(label, [list(item["pattern"])])
                    own = item.get("suggestions") or ()
                    suggestions[label] = (own,) if isinstance(own, str) else tuple(own)
                else:
                    matcher.add(label, [list(item)])
        except Exception as exc:  # spaCy validates the patterns here
            raise RulePackError(f"rule {self.entry.id!r}: invalid token pattern: {exc}".splitlines()[0],
                                self.entry.path, self.entry.line) from None
        return matcher, suggestions

    def _matches(self, draft: "Draft") -> Iterable[tuple[int, int, tuple[str, ...]]]:
        entry, doc = self.entry, draft.doc
        pipeline = draft.pipeline
        if entry.kind in ("phrase", "pattern"):
            if entry.kind == "pattern":    # a token pattern may ask for IS_SENT_START
                doc = draft.doc_with_sentences
            matcher, suggestions, exceptions, _ = self._matchers(pipeline)
            for span, label in kept_matches(doc, matcher(doc), exceptions, _opaque):
                own = suggestions.get(label, ())
                yield span.start_char, span.end_char, own or entry.suggestions.get(draft.lang, ())
        elif entry.kind == "regex" or (entry.kind == "limit" and entry.count == "matches"):
            pattern = entry.per_lang.get(draft.lang)
            if pattern is None or self._most_matches(draft) == 0:
                return
            # A user's pattern runs with the draft's remaining time budget as its timeout: a
            # catastrophic pattern ends in a rule-timeout finding instead of hanging.
            try:
                for m in pattern.finditer(draft.text, timeout=budget.remaining()):
                    if m.end() > m.start() and not _touches_opaque(draft, m.start(), m.end()):
                        yield m.start(), m.end(), entry.suggestions.get(draft.lang, ())
            except TimeoutError:
                raise budget.BudgetExceeded from None

    def _most_matches(self, draft: "Draft") -> int | None:
        """At most how many matches the regex has in the draft (None: no bound known): the count
        of the character that starts every match (matches do not overlap)."""
        pattern = self.entry.per_lang.get(draft.lang)
        first = None if pattern is None else _first_character(pattern.pattern)
        return None if first is None else draft.text.count(first)

    # -- checking ---------------------------------------------------------------------------
    def check(self, draft: "Draft") -> Iterable[Hit]:
        if not self.applies(draft):
            return
        kind = self.entry.kind
        if kind == "limit":
            yield from self._check_limit(draft)
            return
        if kind in ("phrase", "pattern"):
            required = self._matchers(draft.pipeline)[3]
            if required is not None and not required.may_match(draft.norm_hashes):
                return  # every phrase or pattern needs a word this draft does not have
        template = self.entry.message_for(draft.lang)
        for start, end, suggestions in self._matches(draft):
            matched = draft.text[start:end]
            shaped = tuple(match_case(matched, s) if matched[:1].isupper() else s for s in suggestions)
            message = template.format_map(_SafeFormat(match=matched, suggestion=shaped[0] if shaped else ""))
            fix = (Edit(start, end, shaped[0]),) if self.entry.fix and shaped else None
            yield self.hit(start, end, message, shaped, fix)

    def _limit_max(self, draft: "Draft") -> int | None:
        maximum = self.entry.max
        if isinstance(maximum, str):
            return getattr(draft.channel, maximum)
        return maximum

    def _check_limit(self, draft: "Draft") -> Iterable[Hit]:
        maximum = self._limit_max(draft)
        if maximum is None:
            return
        entry = self.entry
        if entry.count == "matches":
            most = self._most_matches(draft)
            if most is not None and most <= maximum:
                return
            matches = list(self._matches(draft))
            groups = [matches] if entry.scope == "draft" else [
                [m for m in matches if sent.start_char <= m[0] < sent.end_char] for sent in draft.sentence_bounds
            ]
            for group in groups:
                if len(group) > maximum:
                    yield self._limit_hit(draft, group[maximum][0], group[-1][1], len(group), maximum)
            return
        scopes = draft.sentences if entry.scope == "sentence" else [draft.doc[:]]
        for scope in scopes:
            if entry.count == "words":
                count = sum(1 for t in scope if not t.is_punct and not t.is_space)
            elif entry.count == "sentences":
                count = sum(1 for s in draft.sentence_bounds if scope.start <= s.start < scope.end)
            else:
                count = len(scope.text)
            if count > maximum:
                yield self._limit_hit(draft, scope.start_char, scope.end_char, count, maximum)

    def _limit_hit(self, draft: "Draft", start: int, end: int, count: int, maximum: int) -> Hit:
        message = self.entry.message_for(draft.lang).format_map(
            _SafeFormat(count=count, max=maximum, match=draft.text[start:end]))
        return self.hit(start, end, message, self.entry.suggestions.get(draft.lang, ()))


# -- loading -------------------------------------------------------------------------------

def _per_lang(src: Sourced, where: tuple, value: Any, what: str) -> dict[str, Any]:
    if isinstance(value, Mapping):
        for lang in value:
            if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2}|\*", lang):
                raise src.error(where + (lang,), f"{what}: {lang!r} is not a language code", RulePackError)
        return dict(value)
    return {"*": value}


def _strings(src: Sourced, where: tuple, value: Any, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise src.error(where, f"{what} must be a list of non-empty strings", RulePackError)
    return tuple(value)


def _phrases(src: Sourced, where: tuple, value: Any) -> tuple[Phrase, ...]:
    if not isinstance(value, list) or not value:
        raise src.error(where, "phrases must be a non-empty list", RulePackError)
    result = []
    for index, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            result.append(Phrase(item.strip(), ()))
        elif isinstance(item, Mapping) and isinstance(item.get("phrase"), str) and item["phrase"].strip():
            extra = set(item) - {"phrase", "suggestions"}
            if extra:
                raise src.error(where + (index, sorted(extra)[0]), f"unknown phrase key {sorted(extra)[0]!r}",
                                RulePackError)
            suggestions = _strings(src, where + (index, "suggestions"), item.get("suggestions", []), "suggestions") \
                if item.get("suggestions") else ()
            result.append(Phrase(item["phrase"].strip(), suggestions))
        else:
            raise src.error(where + (index,), "a phrase is a string or a mapping with 'phrase'", RulePackError)
    return tuple(result)


def _touches_opaque(draft: "Draft", start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a non-prose span a pack rule may not match."""
    return any(_opaque(span.kind) for span in draft.spans_overlapping(start, end))


_REGEX_SYNTAX = frozenset("\\.^$*+?{}[]|()")


@lru_cache(maxsize=256)
def _first_character(source: str) -> str | None:
    """The character every match of the pack regex ``source`` starts with, when the source says
    so plainly: it begins with a character (or an escaped symbol, ``\\?``) that is not made
    optional (``?``, ``*``), is ASCII and not a letter (one case only, so ``ignorecase`` adds no
    other), and it has no ``|`` (an alternative may start otherwise) and no ``{`` (a repeat may
    be zero, and the ``regex`` engine reads ``!{e<=1}`` as a fuzzy match). None otherwise."""
    if not source or "|" in source or "{" in source:
        return None
    if source[0] == "\\" and len(source) > 1 and not source[1].isalnum():
        char, rest = source[1], source[2:]
    elif source[0] not in _REGEX_SYNTAX:
        char, rest = source[0], source[1:]
    else:
        return None
    if rest[:1] in ("?", "*") or not char.isascii() or char.isalpha():
        return None
    return char


def _regex(src: Sourced, where: tuple, value: Any, ignorecase: bool) -> Any:
    if not isinstance(value, str) or not value:
        raise src.error(where, "regex must be a non-empty string", RulePackError)
    if len(value) > _MAX_PATTERN_LENGTH:
        raise src.error(where, f"regex longer than {_MAX_PATTERN_LENGTH} characters", RulePackError)
    if re.search(r"\((?:[^()\\]|\\.)*[+*}]\)[+*{]", value):
        raise src.error(where, "regex has a nested quantifier such as (a+)+, which can hang on some drafts",
                        RulePackError)
    try:
        re.compile(value, re.IGNORECASE if ignorecase else 0)  # the standard syntax, and its messages
        # compiled with the ``regex`` engine, whose matching can be stopped by a timeout
        return regex.compile(value, regex.IGNORECASE if ignorecase else 0)
    except (re.error, regex.error) as exc:
        raise src.error(where, f"invalid regex: {exc}", RulePackError) from None


def parse_entry(src: Sourced, index: int, raw: Any, known_channels: Iterable[str] | None = None) -> PackEntry:
    where = ("rules", index)
    if not isinstance(raw, Mapping):
        raise src.error(where, "each rule must be a mapping", RulePackError)
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise src.error(where + ("id",), f"rule id must be lower-case words joined by dashes, not {rule_id!r}",
                        RulePackError)
    kind = raw.get("kind")
    if kind not in KINDS:
        raise src.error(where + ("kind",), f"rule {rule_id!r}: kind must be one of {', '.join(KINDS)}, not {kind!r}",
                        RulePackError)
    allowed = _COMMON | _KIND_KEYS[kind]
    for key in raw:
        if key not in allowed:
            raise src.error(where + (key,), f"rule {rule_id!r}: unknown key {key!r} for kind {kind}", RulePackError)

    def fail(key: str, message: str) -> RulePackError:
        return src.error(where + (key,), f"rule {rule_id!r}: {message}", RulePackError)  # type: ignore[return-value]

    try:
        severity = Severity.parse(raw.get("severity", "warning"))
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    summary = raw.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise fail("summary", "summary (one line) is required")
    explanation = raw.get("explanation", summary)
    if not isinstance(explanation, str):
        raise fail("explanation", "explanation must be text")
    messages = _per_lang(src, where + ("message",), raw.get("message", summary), "message")
    if not all(isinstance(m, str) for m in messages.values()):
        raise fail("message", "message must be text or a mapping of language to text")
    channels = raw.get("channels")
    if channels is not None:
        channels = frozenset(_strings(src, where + ("channels",), channels, "channels"))
        if known_channels is not None:
            unknown = sorted(channels - set(known_channels))
            if unknown:
                raise fail("channels", f"unknown channel {unknown[0]!r}")
    for flag in ("public_only", "fix", "enabled", "ignorecase"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise fail(flag, f"{flag} must be true or false")
    suggestions = {
        lang: _strings(src, where + ("suggestions", lang), value, "suggestions")
        for lang, value in _per_lang(src, where + ("suggestions",), raw.get("suggestions", {}), "suggestions").items()
    }
    ignorecase = raw.get("ignorecase", True)
    per_lang: dict[str, Any] = {}
    exceptions: dict[str, tuple[Phrase, ...]] = {}
    count, scope, maximum = "matches", "draft", None
    if kind == "phrase":
        if "phrases" not in raw:
            raise fail("phrases", "a phrase rule needs phrases")
        for lang, value in _per_lang(src, where + ("phrases",), raw["phrases"], "phrases").items():
            per_lang[lang] = _phrases(src, where + ("phrases", lang), value)
        for lang, value in _per_lang(src, where + ("exceptions",), raw.get("exceptions", {}), "exceptions").items():
            exceptions[lang] = _phrases(src, where + ("exceptions", lang), value)
    elif kind == "pattern":
        if "patterns" not in raw:
            raise fail("patterns", "a pattern rule needs patterns")
        for lang, value in _per_lang(src, where + ("patterns",), raw["patterns"], "patterns").items():
            def token_pattern(p: Any) -> bool:
                return isinstance(p, list) and bool(p) and all(isinstance(t, Mapping) for t in p)

            if not isinstance(value, list) or not value or not all(
                token_pattern(p) or (isinstance(p, Mapping) and set(p) <= {"pattern", "suggestions"}
                                     and token_pattern(p.get("pattern")))
                for p in value
            ):
                raise src.error(where + ("patterns", lang),
                                f"rule {rule_id!r}: patterns must be a list of token patterns (lists of mappings,"
                                " or {pattern, suggestions})", RulePackError)
            for index, p in enumerate(value):
                if isinstance(p, Mapping) and p.get("suggestions") is not None:
                    _strings(src, where + ("patterns", lang, index, "suggestions"), p["suggestions"], "suggestions")
                problem = _token_pattern_problem(p["pattern"] if isinstance(p, Mapping) else p)
                if problem is not None:
                    raise src.error(where + ("patterns", lang, index),
                                    f"rule {rule_id!r}: invalid token pattern: {problem}", RulePackError)
            per_lang[lang] = value
        for lang, value in _per_lang(src, where + ("exceptions",), raw.get("exceptions", {}), "exceptions").items():
            exceptions[lang] = _phrases(src, where + ("exceptions", lang), value)
    elif kind == "regex" or (kind == "limit" and "regex" in raw):
        if "regex" not in raw:
            raise fail("regex", "a regex rule needs regex")
        for lang, value in _per_lang(src, where + ("regex",), raw["regex"], "regex").items():
            per_lang[lang] = _regex(src, where + ("regex", lang), value, ignorecase)
    if kind == "limit":
        count = raw.get("count", "matches" if "regex" in raw else "words")
        if count not in _LIMIT_COUNTS:
            raise fail("count", f"count must be one of {', '.join(_LIMIT_COUNTS)}")
        if count == "matches" and "regex" not in raw:
            raise fail("regex", "count: matches needs a regex")
        scope = raw.get("scope", "draft")
        if scope not in ("draft", "sentence"):
            raise fail("scope", "scope must be draft or sentence")
        maximum = raw.get("max")
        if isinstance(maximum, bool) or not isinstance(maximum, (int, str)) or (
            isinstance(maximum, int) and maximum < 0
        ):
            raise fail("max", "max must be a non-negative number or a channel setting name")
        if isinstance(maximum, str) and maximum not in ("limit", "target", "sentence_words", "exclamations",
                                                        "emoji_max"):
            raise fail("max", f"unknown channel setting {maximum!r}")
    if "*" in per_lang:
        languages = raw.get("languages")
        if languages is None:
            langs = frozenset(["es", "en"])
        else:
            langs = frozenset(_strings(src, where + ("languages",), languages, "languages"))
        for lang in langs:
            per_lang.setdefault(lang, per_lang["*"])
        per_lang.pop("*")
    if "*" in exceptions:
        for lang in per_lang:
            exceptions.setdefault(lang, exceptions["*"])
    if "*" in suggestions:
        for lang in per_lang or ("es", "en"):
            suggestions.setdefault(lang, suggestions["*"])
    if kind == "limit" and not per_lang:
        languages = frozenset(_strings(src, where + ("languages",), raw.get("languages", ["es", "en"]), "languages"))
    else:
        languages = frozenset(per_lang)
        if "languages" in raw:
            languages &= frozenset(_strings(src, where + ("languages",), raw["languages"], "languages"))
    return PackEntry(
        id=rule_id, kind=kind, summary=summary.strip(), explanation=explanation.strip(), severity=severity,
        messages=messages, channels=channels, public_only=raw.get("public_only", False), languages=languages,
        suggestions=suggestions, fix=raw.get("fix", False), enabled=raw.get("enabled", True), per_lang=per_lang,
        exceptions=exceptions, count=count, scope=scope, max=maximum, path=src.path, line=src.line(where),
    )


def entry_info(entry: PackEntry) -> RuleInfo:
    return RuleInfo(
        id=entry.id,
        summary=entry.summary,
        severity=entry.severity,
        explanation=entry.explanation,
        languages=entry.languages,
        channels=entry.channels,
        enabled_by_default=entry.enabled,
        options_type=NoOptions,
        origin=f"{entry.path}:{entry.line}",
        build=lambda options, entry=entry: PackRule(entry, options),
    )


MAX_PACK_BYTES = 2_000_000


def load_pack(path: str | Path, known_channels: Iterable[str] | None = None) -> list[RuleInfo]:
    """Rules defined in the pack at ``path``; malformed packs raise :class:`RulePackError`."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            raise RulePackError(f"rule pack larger than {MAX_PACK_BYTES} bytes", str(path))
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RulePackError(f"rule pack is not UTF-8 ({exc.reason})", str(path)) from None
    except OSError as exc:
        raise RulePackError(f"cannot read rule pack: {exc.strerror or exc}", str(path)) from None
    return _load_pack_text(text, str(path), tuple(known_channels) if known_channels is not None else None)


@lru_cache(maxsize=64)
def _load_pack_text(text: str, path: str, known_channels: tuple[str, ...] | None) -> list[RuleInfo]:
    src = load_yaml(text, path, RulePackError)
    data = src.data
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), list):
        raise src.error((), "a rule pack is a mapping with a 'rules' list", RulePackError)
    extra = set(data) - {"rules", "pack", "description"}
    if extra:
        key = sorted(extra)[0]
        raise src.error((key,), f"unknown top-level key {key!r} (known: pack, description, rules)", RulePackError)
    infos: list[RuleInfo] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(data["rules"]):
        entry = parse_entry(src, index, raw, known_channels)
        if entry.id in seen:
            raise src.error(("rules", index, "id"), f"duplicate rule id {entry.id!r}", RulePackError)
        seen[entry.id] = index
        infos.append(entry_info(entry))
    return infos
