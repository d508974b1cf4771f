"""Check files of templates: resolve each entry's channel, language and mode, lint every entry
in as few pipeline runs as possible, map findings to file lines and columns, apply
suppressions, and write fixes back into the file."""

from __future__ import annotations

import dataclasses
import os
import re
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple, Sequence

from .budget import RULE_TIMEOUT
from .errors import ConfigError, InputError
from .files import SourceFile
from .findings import Edit, Finding, Report
from .fixes import apply_edits, select_edits
from .linter import Linter
from .sources import Entry, TemplateFile, line_at, read_templates
from .suppress import UNUSED, Suppressions, unused_finding, unused_severity

MAX_FIX_PASSES = 5


# A fix as edits of the file: ((start line, start column, end line, end column), new text) each,
# 1-based code-point columns, the end just past the replaced text (equal to the start: an insertion).
FileFix = tuple[tuple[tuple[int, int, int, int], str], ...]


class Result(NamedTuple):
    """One checked reply: file path, report (line/column in the file), template id, the
    1-based (line, column) just past each finding, for formats that give ranges, and each
    finding's fix as edits of the file (None: no fix, or one that cannot be written back)."""

    path: str
    report: Report
    id: str | None = None
    ends: tuple[tuple[int, int], ...] = ()
    fixes: tuple[FileFix | None, ...] = ()


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """``*`` within a folder, ``**`` across folders, ``?`` one character; a pattern without
    ``/`` matches the file name in any folder; a trailing ``/`` matches everything under it."""
    pattern = pattern.replace("\\", "/")
    if pattern.endswith("/"):
        pattern += "**"
    anchored = "/" in pattern.rstrip("/")
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c))
        i += 1
    body = "".join(out).lstrip("/") if anchored else "(?:.*/)?" + "".join(out)
    return re.compile(body + r"(?:/.*)?\Z")


class Checker:
    def __init__(self, linter: Linter, *, channel: str | None = None, lang: str | None = None,
                 mode: str | None = None, ignore: Sequence[str] = ()) -> None:
        self.linter = linter
        self.config = linter.config
        self.channel, self.lang, self.mode = channel, lang, mode
        for rule in ignore:
            if rule not in (UNUSED, RULE_TIMEOUT) and rule not in linter.registry:
                raise ConfigError(f"--ignore: unknown rule {rule!r} (see 'replylint rules')")
        self.ignore = frozenset(ignore)
        self._linters = {self.config.mode: linter}
        self.base = self.config.base_dir or os.getcwd()

    # -- paths --------------------------------------------------------------------------------
    def _relative(self, path: str) -> str:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.base))
        rel = rel.replace(os.sep, "/")
        return path.replace(os.sep, "/").lstrip("./") if rel.startswith("../") else rel

    def excluded(self, path: str) -> bool:
        if path == "-" or path.startswith("<") or not self.config.exclude:
            return False
        rel = self._relative(path)
        return any(glob_regex(g).match(rel) for g in self.config.exclude)

    def defaults(self, path: str) -> tuple[str | None, str | None, str]:
        """(channel, lang, mode) for a file without metadata: command line, then overrides, then config."""
        channel, lang, mode = None, None, None
        if not path.startswith("<"):
            rel = self._relative(path)
            for override in self.config.overrides:
                if any(glob_regex(g).match(rel) for g in override.files):
                    channel = override.channel or channel
                    lang = override.lang or lang
                    mode = override.mode or mode
        return (self.channel or channel or self.config.channel, self.lang or lang or self.config.lang,
                self.mode or mode or self.config.mode)

    def _linter(self, mode: str) -> Linter:
        if mode not in self._linters:
            other = Linter.from_configuration(dataclasses.replace(self.config, mode=mode))
            other._pipelines = self.linter._pipelines  # one spaCy pipeline per language for both modes
            other.timings = self.linter.timings
            self._linters[mode] = other
        return self._linters[mode]

    # -- checking -----------------------------------------------------------------------------
    def read(self, source: SourceFile) -> TemplateFile:
        return read_templates(source, self.config.template_fields)

    def _reports(self, files: Sequence[TemplateFile]) -> list[list[Report]]:
        jobs: dict[tuple[str, str, str], list[tuple[int, int]]] = defaultdict(list)
        for fi, tf in enumerate(files):
            channel, lang, mode = self.defaults(tf.path)
            for ei, entry in enumerate(tf.entries):
                entry_channel = entry.channel or channel
                if entry_channel not in self.linter.channels:
                    line = line_at(tf.text, entry.meta_offset)
                    raise InputError(f"unknown channel {entry_channel!r} (known: {', '.join(self.linter.channels)})",
                                     tf.path, line)
                jobs[(mode, entry_channel, entry.lang or lang)].append((fi, ei))
        reports: list[list[Report | None]] = [[None] * len(tf.entries) for tf in files]
        for (mode, channel, lang), where in jobs.items():
            texts = [files[fi].entries[ei].text for fi, ei in where]
            for (fi, ei), report in zip(where, self._linter(mode).lint_many(texts, channel=channel, lang=lang)):
                reports[fi][ei] = report
        return reports  # type: ignore[return-value]

    def check(self, files: Sequence[TemplateFile]) -> list[list[Result]]:
        return [self._results(tf, reports)[0] for tf, reports in zip(files, self._reports(files))]

    def _results(self, tf: TemplateFile, reports: Sequence[Report]) -> tuple[list[Result], list[list[Finding]]]:
        """Results with file positions, and per entry the kept findings (text offsets, for fixing)."""
        suppressions = Suppressions(tf.directives, tf.lines)
        results: list[Result] = []
        kept_all: list[list[Finding]] = []
        extra: dict[int, list[Finding]] = defaultdict(list)
        for index, (entry, report) in enumerate(zip(tf.entries, reports)):
            kept: list[Finding] = []
            used_ignores: set[str] = set()
            for f in report.findings:
                if f.rule in self.ignore:
                    continue
                line, column = tf.lines.line_col(entry.offsets[f.start])
                if f.rule in entry.ignore:
                    used_ignores.add(f.rule)
                    continue
                if suppressions.suppresses(f.rule, line):
                    continue
                kept.append(dataclasses.replace(f, line=line, column=column))
            if entry.ignore_offset is not None:
                line, column = tf.lines.line_col(entry.ignore_offset)
                for rule in entry.ignore:
                    if rule not in used_ignores:
                        extra[index].append(unused_finding(line, column, f"ignore: {rule} suppresses nothing: remove it"))
            kept_all.append(kept)
        if tf.entries:
            starts = [tf.lines.line_col(e.meta_offset)[0] for e in tf.entries]
            for line, column, message in suppressions.unused():
                index = max([i for i, s in enumerate(starts) if s <= line] or [0])
                extra[index].append(unused_finding(line, column, message))
        for index, report in enumerate(reports):  # unused-suppression as configured for the reply
            severity = None if UNUSED in self.ignore else unused_severity(self.linter, report.lang, report.channel)
            extra[index] = [dataclasses.replace(f, severity=severity) for f in extra[index]] if severity else []
        for index, (entry, report) in enumerate(zip(tf.entries, reports)):
            findings = sorted(kept_all[index] + extra[index], key=lambda f: (f.line, f.column))
            ends = tuple(self._end(tf, entry, f) for f in findings)
            fixes = tuple(self._file_fix(tf, entry, f) for f in findings)
            results.append(Result(tf.path, dataclasses.replace(report, findings=tuple(findings)), entry.id, ends,
                                  fixes))
        return results, kept_all

    @staticmethod
    def _end(tf: TemplateFile, entry: Entry, f: Finding) -> tuple[int, int]:
        if f.rule == UNUSED or f.end <= f.start:
            return f.line, f.column
        return tf.lines.line_col(entry.offsets[f.end - 1] + 1)

    def _file_fix(self, tf: TemplateFile, entry: Entry, f: Finding) -> FileFix | None:
        if not f.fix or f.rule == UNUSED:
            return None
        mapped = self._map_edits(entry, f.fix)
        if mapped is None:
            return None
        return tuple((tf.lines.line_col(e.start) + tf.lines.line_col(e.end), e.replacement) for e in mapped)

    # -- fixing -------------------------------------------------------------------------------
    def fix(self, tf: TemplateFile) -> tuple[TemplateFile, str | None]:
        """The file with safe fixes applied inside reply texts only, and a problem (or None)
        when some fix could not be written back safely."""
        problem = None
        for _ in range(MAX_FIX_PASSES):
            reports = self._reports([tf])[0]
            _, kept = self._results(tf, reports)
            file_edits: list[Edit] = []
            expected: list[str] = []
            for entry, findings in zip(tf.entries, kept):
                edits = select_edits(findings)
                mapped = self._map_edits(entry, edits) if edits else []
                if mapped is None:
                    problem = "some fixes cannot be written back into this file safely; fix them by hand"
                    mapped, edits = [], []
                file_edits.extend(mapped)
                expected.append(apply_edits(entry.text, edits))
            if not file_edits:
                break
            new_source = dataclasses.replace(tf.source, text=apply_edits(tf.text, file_edits))
            try:
                updated = self.read(new_source)
            except InputError:
                updated = None
            if updated is None or not _same_entries(tf, updated, expected):
                return tf, "fixing would change more than the reply text in this file; fix by hand"
            tf = updated
        return tf, problem

    @staticmethod
    def _map_edits(entry: Entry, edits: Sequence[Edit]) -> list[Edit] | None:
        if entry.encode is None:
            return None
        mapped = []
        for e in edits:
            start, end = entry.offsets[e.start], entry.offsets[e.end]
            if e.end > e.start:  # a deletion ends just after its last character in the file
                end = max(end, entry.offsets[e.end - 1] + 1)
            if any(ps < end and start < pe for ps, pe in entry.protected):
                return None
            replacement = entry.encode(e.replacement)
            if replacement is None:
                return None
            mapped.append(Edit(start, end, replacement))
        return mapped


def _same_entries(before: TemplateFile, after: TemplateFile, expected: list[str]) -> bool:
    if len(before.entries) != len(after.entries):
        return False
    for old, new, text in zip(before.entries, after.entries, expected):
        if new.text != text or (old.id, old.channel, old.lang, old.ignore) != (new.id, new.channel, new.lang, new.ignore):
            return False
    return True
