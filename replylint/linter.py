"""The engine: resolve rules for a language and channel, run them, build reports and fixes."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Any, Iterable, Iterator, Sequence

from spacy.tokens import Doc

from . import budget, nonprose
from .channels import Channel, load_channels
from .config import Config, RuleSetting, discover_config, load_config, parse_config, parse_rule_setting
from .draft import Draft, Settings, language_data
from .errors import ConfigError
from .findings import Finding, Report, Severity
from .fixes import apply_fixes
from .langdetect import detect
from .pipeline import Pipeline
from .placeholders import get_syntax, load_placeholder_names
from .registry import build_registry, load_user_packs
from .rule import Hit, Rule, RuleInfo
from .timings import PARSE, SCAN, Timings
from .vocabulary import load_vocabulary
from .yamlsrc import Sourced

MAX_FIX_PASSES = 5


@dataclass(frozen=True)
class ActiveRule:
    info: RuleInfo
    rule: Rule
    severity: Severity
    forced_severity: bool  # the user set a severity: it applies to every finding of the rule


class Linter:
    """Lints drafts. Create one and reuse it: pipelines, matchers and lexicons load once.

    ``Linter(**options)`` takes the config-file keys (``lang``, ``channel``, ``vocabulary``,
    ``acronyms``, ``rules``, ``mode``, ``placeholders``, ``channels``, ``packs``, ...).
    """

    def __init__(self, **options: Any) -> None:
        self._setup(parse_config(options, Sourced(options, "<options>")))

    @classmethod
    def from_config(cls, path: str | os.PathLike | None = None, **overrides: Any) -> "Linter":
        """A linter from a config file (or the one discovered from the current directory)."""
        if path is None:
            path = discover_config()
        config = load_config(path) if path is not None else Config()
        linter = cls.__new__(cls)
        if overrides:
            extra = parse_config(overrides, Sourced(overrides, "<options>"))
            for key in overrides:
                setattr(config, key, getattr(extra, key))
        linter._setup(config)
        return linter

    @classmethod
    def from_configuration(cls, config: Config) -> "Linter":
        linter = cls.__new__(cls)
        linter._setup(config)
        return linter

    # -- setup --------------------------------------------------------------------------------
    def _setup(self, config: Config) -> None:
        self.config = config
        src = config.source or Sourced({}, "<options>")
        self.channels: dict[str, Channel] = load_channels(config.channels, src)
        if config.channel not in self.channels:
            raise src.error(("channel",), f"unknown channel {config.channel!r} (known: {', '.join(self.channels)})")
        self.registry: dict[str, RuleInfo] = build_registry(load_user_packs(config.packs, self.channels))
        for rule_id, setting in config.rules.items():
            self._check_setting(rule_id, setting, src, ("rules", rule_id))
        self._channel_settings: dict[str, dict[str, RuleSetting]] = {}
        for name, channel in self.channels.items():
            settings = {}
            channel_src = Sourced(channel.rules, f"channel {name!r}")
            for rule_id, raw in channel.rules.items():
                setting = parse_rule_setting(raw, channel_src, (rule_id,))
                self._check_setting(rule_id, setting, channel_src, (rule_id,))
                settings[rule_id] = setting
            self._channel_settings[name] = settings
        for index, override in enumerate(config.overrides):
            if override.channel is not None and override.channel not in self.channels:
                raise src.error(("overrides", index, "channel"),
                                f"unknown channel {override.channel!r} (known: {', '.join(self.channels)})")
        exact, folded = load_vocabulary(config.vocabulary, config.vocabulary_files)
        self.settings = Settings(
            vocabulary=exact,
            vocabulary_folded=folded,
            acronyms=frozenset(config.acronyms),
            mode=config.mode,
            placeholders=tuple(config.placeholders) + load_placeholder_names(config.placeholders_file),
            variant=config.variant,
            address=config.address,
            placeholder_syntax=get_syntax(config.placeholder_syntax),
            placeholder_width=config.placeholder_width,
        )
        self._pipelines: dict[str, Pipeline] = {}
        self._active: dict[tuple[str, str], list[ActiveRule]] = {}
        self.timings: Timings | None = None  # set a Timings() to measure stages and rules

    def _check_setting(self, rule_id: str, setting: RuleSetting, src: Sourced, where: tuple) -> None:
        info = self.registry.get(rule_id)
        if info is None:
            raise src.error(where, f"unknown rule {rule_id!r} (see 'replylint rules')")
        try:
            info.parse_options(setting.options)
        except ValueError as exc:
            raise src.error(where, str(exc)) from None

    def channel(self, name: str) -> Channel:
        try:
            return self.channels[name]
        except KeyError:
            raise ConfigError(f"unknown channel {name!r} (known: {', '.join(self.channels)})") from None

    def pipeline(self, lang: str) -> Pipeline:
        if lang not in self._pipelines:
            self._pipelines[lang] = Pipeline(
                lang, language_data(lang).abbreviations, model=self.config.models.get(lang)
            )
        return self._pipelines[lang]

    def active_rules(self, lang: str, channel: str) -> list[ActiveRule]:
        """The rules that run for ``lang`` on ``channel``, with their resolved severity."""
        key = (lang, channel)
        if key not in self._active:
            active = []
            channel_settings = self._channel_settings[channel]
            for info in self.registry.values():
                if not info.applies_to(lang, channel):
                    continue
                layers = [s for s in (channel_settings.get(info.id), self.config.rules.get(info.id)) if s]
                enabled = info.enabled_by_default
                severity, forced = info.severity, False
                options: dict[str, Any] = {}
                for layer in layers:
                    enabled = layer.enabled
                    if layer.severity is not None:
                        severity, forced = layer.severity, True
                    options.update(layer.options)
                if not enabled:
                    continue
                active.append(ActiveRule(info, info.build(info.parse_options(options)), severity, forced))
            self._active[key] = active
        return self._active[key]

    # -- linting ------------------------------------------------------------------------------
    def lint(self, text: str, *, channel: str | None = None, lang: str | None = None) -> Report:
        """Lint one draft."""
        return self.lint_many([text], channel=channel, lang=lang)[0]

    def lint_many(self, texts: Iterable[str], *, channel: str | None = None, lang: str | None = None) -> list[Report]:
        """Lint many drafts with one pipeline load; reports come back in input order."""
        texts = list(texts)
        channel_name = channel or self.config.channel
        profile = self.channel(channel_name)
        wanted = lang or self.config.lang
        if wanted not in ("es", "en", "auto"):
            raise ConfigError(f"unknown language {wanted!r} (known: es, en, auto)")
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"drafts must be str, not {type(text).__name__}")
        langs = [detect(t) if wanted == "auto" else wanted for t in texts]
        reports: list[Report | None] = [None] * len(texts)
        by_lang: dict[str, list[int]] = defaultdict(list)
        for index, text_lang in enumerate(langs):
            by_lang[text_lang].append(index)
        for text_lang, indices in by_lang.items():
            analysed = self._analyse([texts[i] for i in indices], text_lang, profile)
            for index, findings in zip(indices, analysed):
                reports[index] = Report(
                    text=texts[index], channel=channel_name, lang=text_lang, findings=findings,
                    _fixer=partial(self._fixed, texts[index], findings, text_lang, profile),
                )
        return reports  # type: ignore[return-value]

    def _drafts(self, texts: Sequence[str], lang: str, profile: Channel) -> Iterable[Draft]:
        pipeline = self.pipeline(lang)
        syntax = self.settings.placeholder_syntax
        placeholder_pattern = syntax.scan_pattern if self.settings.mode == "template" and syntax else None
        timings = self.timings
        started = time.perf_counter()
        scanned = [(text, nonprose.scan(text, placeholder_pattern)) for text in texts]
        langdata = language_data(lang)
        docs = pipeline.process(scanned)
        if timings is not None:
            timings.add(SCAN, time.perf_counter() - started)
            timings.drafts += len(texts)
            docs = _timed(docs, timings, PARSE)
        for (text, spans), doc in zip(scanned, docs):
            yield Draft(text, lang, profile, doc, spans, self.settings, langdata, pipeline)

    def _analyse(self, texts: Sequence[str], lang: str, profile: Channel,
                 deadline: float | None = None) -> list[tuple[Finding, ...]]:
        active = self.active_rules(lang, profile.name)
        return [self._findings(draft, active, deadline) for draft in self._drafts(texts, lang, profile)]

    def _deadline(self) -> float | None:
        budget = self.config.time_budget_ms
        return time.monotonic() + budget / 1000 if budget else None

    def _findings(self, draft: Draft, active: Sequence[ActiveRule],
                  deadline: float | None = None) -> tuple[Finding, ...]:
        """Findings of the ``active`` rules on ``draft`` within the time budget (a fresh one
        unless ``deadline`` is given); rules skipped or cut short get one ``rule-timeout``."""
        findings: list[Finding] = []
        text = draft.text
        if deadline is None:
            deadline = self._deadline()
        timed_out: list[str] = []
        timings = self.timings
        token = budget.set_deadline(deadline)
        try:
            for entry in active:
                if deadline is not None and time.monotonic() > deadline:
                    timed_out.append(entry.info.id)
                    continue
                started = time.perf_counter() if timings is not None else 0.0
                try:
                    for hit in entry.rule.check(draft):
                        if not (0 <= hit.start <= hit.end <= len(text)):
                            raise ValueError(f"rule {entry.info.id!r} reported offsets {hit.start}..{hit.end} "
                                             f"outside a draft of {len(text)} characters")
                        if not entry.rule.sees_nonprose and hit.end > hit.start:
                            span = draft.nonprose_at(hit.start, hit.end)
                            if span is not None and span.start <= hit.start and hit.end <= span.end:
                                continue
                        findings.append(self._finding(draft, entry, hit))
                        if deadline is not None and time.monotonic() > deadline:
                            raise budget.BudgetExceeded
                except budget.BudgetExceeded:
                    timed_out.append(entry.info.id)
                if timings is not None:
                    timings.rule(entry.info.id, time.perf_counter() - started)
        finally:
            budget.reset(token)
        if timed_out:
            findings.append(budget.timeout_finding(timed_out, self.config.time_budget_ms))
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return tuple(findings)

    @staticmethod
    def _finding(draft: Draft, entry: ActiveRule, hit: Hit) -> Finding:
        severity = entry.severity if entry.forced_severity or hit.severity is None else hit.severity
        line, column = draft.lines.line_col(hit.start)
        return Finding(
            rule=entry.info.id, severity=severity, message=hit.message, start=hit.start, end=hit.end,
            line=line, column=column, text=draft.text[hit.start:hit.end],
            suggestions=hit.suggestions, fix=hit.fix if _keeps_protected(draft, hit.fix) else None,
        )

    def _fixed(self, text: str, findings: Sequence[Finding], lang: str, profile: Channel) -> str:
        """Apply safe fixes until none is left (or ``MAX_FIX_PASSES``)."""
        fixed = text
        deadline = None  # the fix passes share one time budget
        for _ in range(MAX_FIX_PASSES):
            if not any(f.fix for f in findings):
                break
            updated = apply_fixes(fixed, findings)
            if updated == fixed:
                break
            fixed = updated
            if deadline is None:
                deadline = self._deadline()
            if deadline is not None and time.monotonic() > deadline:
                break
            findings = self._analyse([fixed], lang, profile, deadline)[0]
        return fixed


def _timed(docs: Iterator[Doc], timings: Timings, stage: str) -> Iterator[Doc]:
    """``docs``, adding the time spent making each one to ``stage``."""
    while True:
        started = time.perf_counter()
        doc = next(docs, None)
        timings.add(stage, time.perf_counter() - started)
        if doc is None:
            return
        yield doc


_PROTECTED = frozenset({nonprose.URL, nonprose.EMAIL, nonprose.MENTION, nonprose.PLACEHOLDER})


def _keeps_protected(draft: Draft, fix) -> bool:
    """Whether no edit of ``fix`` cuts into a URL, e-mail address, mention or placeholder (a rule
    may still rewrite a construct that contains one whole, such as a Markdown link). A fix that
    would is dropped; the finding stays, for a human."""
    if not fix or not draft.spans:
        return True
    for edit in fix:
        for span in draft.spans_overlapping(edit.start, edit.end):
            if span.kind not in _PROTECTED or (edit.start == edit.end and span.start == edit.start):
                continue  # prose, or an insertion just before the span
            if not (edit.start <= span.start and span.end <= edit.end):
                return False  # the edit cuts into the span
    return True


def lint(text: str, *, channel: str = "chat", lang: str = "es", **options: Any) -> Report:
    """Lint one draft with a linter built from ``options`` (the config-file keys)."""
    return _cached_linter(options).lint(text, channel=channel, lang=lang)


_LINTERS: dict[str, Linter] = {}


def _cached_linter(options: dict[str, Any]) -> Linter:
    key = repr(sorted(options.items(), key=lambda kv: kv[0]))
    if key not in _LINTERS:
        if len(_LINTERS) > 16:
            _LINTERS.clear()
        _LINTERS[key] = Linter(**options)
    return _LINTERS[key]
