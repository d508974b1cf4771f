"""The ``replylint`` command.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 usage, configuration or
input error (one line on stderr naming the file and line).
"""

from __future__ import annotations

import difflib
import functools
import json
import sys
from typing import Sequence

import click

from . import __version__
from .config import Config, discover_config
from .errors import ConfigError, InputError, ReplylintError
from .files import DRAFT_SUFFIXES, TEMPLATE_SUFFIXES, SourceFile, decode, expand_paths, read_source, write_atomic
from .findings import Severity
from .batch import Checker
from .formatters import FORMAT_CHOICES, FORMATTERS, resolve_format
from .formatters.text import format_statistics
from .formatters.text import statistics as stats_rows
from .linter import Linter
from .registry import describe, load_user_packs
from .timings import Timings

STDIN = "<stdin>"
TEXT = "<text>"


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ReplylintError as exc:
            _report_error(exc)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="replylint")
def cli() -> None:
    """Lint customer-service reply drafts against the norms of their channel."""


def _make_linter(config_path: str | None, isolated: bool, mode: str | None) -> Linter:
    path = None if isolated else (config_path or discover_config())
    overrides = {"mode": mode} if mode else {}
    return Linter.from_config(path, **overrides) if path else Linter(**overrides)


def _report_error(exc: ReplylintError) -> None:
    click.echo(f"replylint: error: {exc}", err=True)


def _read_inputs(paths: Sequence[str], text: str | None, encoding: str, suffixes: tuple[str, ...],
                 skip, errors: list[InputError]) -> list[SourceFile]:
    """The inputs that can be read; an unreadable one is reported on stderr, collected in
    ``errors`` and skipped, so that the others are still checked."""
    sources: list[SourceFile] = []
    if text is not None:
        sources.append(SourceFile(TEXT, text))
    for path in expand_paths(list(paths), suffixes):
        if skip(path):
            continue
        try:
            if path == "-":
                data = sys.stdin.buffer.read()
                sources.append(SourceFile(STDIN, decode(data, STDIN, encoding).text))
            else:
                sources.append(read_source(path, encoding))
        except InputError as exc:
            _report_error(exc)
            errors.append(exc)
    return sources


def _ignored_rules(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(r for value in values for r in value.replace(",", " ").split() if r)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--text", "text", help="Lint this text instead of files.")
@click.option("--channel", "-c", help="Channel profile (see 'replylint channels').")
@click.option("--lang", "-l", type=click.Choice(["es", "en", "auto"]), help="Language of the drafts.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--mode", type=click.Choice(["send", "template"]), help="send (default) or template.")
@click.option("--format", "output_format", type=click.Choice(FORMAT_CHOICES), default="text", show_default=True,
              help="Output format; auto is github under GitHub Actions, else text.")
@click.option("--fix", is_flag=True, help="Apply safe fixes: rewrite files in place; print fixed stdin/--text.")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff; change nothing.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--ignore", "ignore", multiple=True, metavar="RULE",
              help="Do not report this rule (repeatable, or comma-separated).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of each finding.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input files.")
@click.option("--timings", is_flag=True,
              help="Also print on stderr the time of each stage and rule, slowest first.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Check many files in N processes (0: one per CPU).")
def check(paths, text, channel, lang, config_path, isolated, mode, output_format, fix, diff, fail_on, ignore,
          statistics, encoding, timings, jobs):
    """Check replies: PATHS (.txt drafts; .md, .yaml, .json, .csv templates; folders of .txt
    drafts, or in template mode of every template format), '-' for stdin, or --text."""
    if not paths and text is None:
        raise click.UsageError("give files, '-' for stdin, or --text")
    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be combined: --diff only shows the fixes")
    output_format = resolve_format(output_format)
    if statistics and output_format not in ("text", "json"):
        raise click.UsageError("--statistics works with --format text or json")
    if timings and jobs != 1:
        raise click.UsageError("--timings measures in one process: use it with --jobs 1")
    linter = _make_linter(config_path, isolated, mode)
    if channel is not None:
        linter.channel(channel)
    if timings:
        linter.timings = Timings()
    checker = Checker(linter, channel=channel, lang=lang, mode=mode, ignore=_ignored_rules(ignore))
    suffixes = TEMPLATE_SUFFIXES if linter.config.mode == "template" else DRAFT_SUFFIXES
    # An input that cannot be read, parsed or fixed is reported (one line on stderr) and skipped;
    # the others are still checked, and the exit code is 2 at the end.
    errors: list[InputError] = []
    files = []
    for source in _read_inputs(paths, text, encoding, suffixes, skip=checker.excluded, errors=errors):
        try:
            files.append(checker.read(source))
        except InputError as exc:
            _report_error(exc)
            errors.append(exc)
    if errors and not files:
        sys.exit(2)
    fixed_streams: list[str] = []
    if fix or diff:
        for index, template_file in enumerate(files):
            fixed, problem = checker.fix(template_file)
            if problem:
                click.echo(f"replylint: warning: {template_file.path}: {problem}", err=True)
            changed = fixed.text != template_file.text
            if diff and changed:
                click.echo("".join(difflib.unified_diff(
                    template_file.text.splitlines(keepends=True), fixed.text.splitlines(keepends=True),
                    fromfile=template_file.path, tofile=template_file.path)), nl=False)
            if fix:
                if template_file.path in (STDIN, TEXT):
                    fixed_streams.append(fixed.text)
                elif changed:
                    try:
                        write_atomic(template_file.source, fixed.text)
                    except InputError as exc:
                        _report_error(exc)
                        errors.append(exc)
                        continue  # the file is unchanged: report on what it holds
                files[index] = fixed
    worker_args = (config_path, isolated, mode, channel, lang, _ignored_rules(ignore))
    if jobs != 1 and len(files) > 1:
        file_results = _check_in_processes(files, jobs, worker_args)
    else:
        file_results = checker.check(files)
    results = [result for per_file in file_results for result in per_file]
    formatter = FORMATTERS[output_format]
    if output_format == "sarif":  # describe the rules of the user's packs too
        formatter = functools.partial(formatter, registry=linter.registry)
    if statistics:
        formatter = format_statistics if output_format == "text" else _json_statistics
    if fix and fixed_streams:
        for fixed_text in fixed_streams:
            click.echo(fixed_text)
        remaining = formatter(results)
        if any(r[1].findings for r in results):
            click.echo(remaining, err=True, nl=False)
    elif not diff:
        click.echo(formatter(results), nl=False)
    if linter.timings is not None:
        click.echo(linter.timings.table(), err=True, nl=False)
    threshold = Severity(fail_on)
    failed = any(r[1].count_at_or_above(threshold) for r in results)
    sys.exit(2 if errors else 1 if failed else 0)


_WORKER: Checker | None = None


def _init_worker(config_path, isolated, mode, channel, lang, ignore) -> None:
    global _WORKER
    linter = _make_linter(config_path, isolated, mode)
    _WORKER = Checker(linter, channel=channel, lang=lang, mode=mode, ignore=ignore)


def _check_sources(sources: list[SourceFile]):
    assert _WORKER is not None
    return _WORKER.check([_WORKER.read(s) for s in sources])


def _check_in_processes(files, jobs: int, worker_args: tuple):
    """``Checker.check`` over the files, split across worker processes; results in file order."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs or os.cpu_count() or 1, len(files))
    per_chunk = max(1, -(-len(files) // (workers * 4)))
    chunks = [[tf.source for tf in files[i:i + per_chunk]] for i in range(0, len(files), per_chunk)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=worker_args) as pool:
        return [result for chunk in pool.map(_check_sources, chunks) for result in chunk]


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep it local).")
@click.option("--port", default=8787, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port; the address is printed).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--max-bytes", default=1_000_000, show_default=True, type=click.IntRange(min=1),
              help="Largest request body accepted (larger: 413).")
@click.option("--max-items", default=1_000, show_default=True, type=click.IntRange(min=1),
              help="Most drafts in one /lint/batch request (more: 413).")
@click.option("--log", is_flag=True, help="Log every request on stderr.")
def serve(host, port, config_path, isolated, max_bytes, max_items, log):
    """Serve a JSON API on localhost: POST /lint, POST /lint/batch, GET /health, GET /rules."""
    from .serve import LintService, serve as run_server

    service = LintService(_make_linter(config_path, isolated, None), max_bytes=max_bytes, max_items=max_items)
    service.warm()
    run_server(service, host, port, quiet=not log)


def _json_statistics(results) -> str:
    return json.dumps({"version": 1, "statistics": stats_rows(results)}, ensure_ascii=False, indent=2) + "\n"


@cli.command()
@click.option("--pack", "packs", multiple=True, type=click.Path(dir_okay=False), help="Also load this rule pack.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(packs, config_path, isolated, output_format):
    """List every rule: id, default severity, languages and a one-line description."""
    linter = _make_linter(config_path, isolated, None)
    pack_ids = None
    if packs:
        linter = Linter.from_configuration(_with_packs(linter.config, packs))
        pack_ids = {info.id for info in load_user_packs(packs, linter.channels)}
    infos = [i for i in describe(linter.registry) if pack_ids is None or i.id in pack_ids]
    if output_format == "json":
        click.echo(json.dumps([_rule_json(i) for i in infos], ensure_ascii=False, indent=2))
        return
    width = max(len(i.id) for i in infos)
    for info in infos:
        languages = ",".join(sorted(info.languages)) if info.languages else "all"
        state = "" if info.enabled_by_default else " (off by default)"
        click.echo(f"{info.id:<{width}}  {info.severity.value:<7}  {languages:<5}  {info.summary}{state}")


def _with_packs(config: Config, packs: Sequence[str]) -> Config:
    import dataclasses

    return dataclasses.replace(config, packs=tuple(config.packs) + tuple(packs))


def _rule_json(info) -> dict:
    return {
        "id": info.id,
        "severity": info.severity.value,
        "languages": sorted(info.languages) if info.languages else None,
        "channels": sorted(info.channels) if info.channels else None,
        "enabled_by_default": info.enabled_by_default,
        "summary": info.summary,
        "origin": info.origin,
        "options": [{"name": o.name, "default": _jsonable(o.default), "doc": o.doc} for o in info.options],
    }


def _jsonable(value):
    if isinstance(value, (tuple, frozenset, set)):
        return list(value)
    return value


@cli.command()
@click.argument("rule_id")
@click.option("--pack", "packs", multiple=True, type=click.Path(dir_okay=False), help="Also load this rule pack.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def explain(rule_id, packs, config_path, isolated):
    """Explain a rule: the norm it enforces, its source, severity and options."""
    linter = _make_linter(config_path, isolated, None)
    if packs:
        linter = Linter.from_configuration(_with_packs(linter.config, packs))
    info = linter.registry.get(rule_id)
    if info is None:
        raise ConfigError(f"unknown rule {rule_id!r} (see 'replylint rules')")
    languages = ", ".join(sorted(info.languages)) if info.languages else "all"
    channels = ", ".join(sorted(info.channels)) if info.channels else "all"
    click.echo(f"{info.id}  ({info.severity.value}{'' if info.enabled_by_default else ', off by default'})")
    click.echo(f"languages: {languages}; channels: {channels}; defined in {info.origin}")
    click.echo("")
    click.echo(info.explanation)
    if info.options:
        click.echo("\noptions:")
        for option in info.options:
            default = _jsonable(option.default)
            doc = f"  {option.doc}" if option.doc else ""
            click.echo(f"  {option.name} = {json.dumps(default, ensure_ascii=False)}{doc}")


@cli.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def channels(config_path, isolated, output_format):
    """List every channel profile: limits, emoji policy, public or private."""
    linter = _make_linter(config_path, isolated, None)
    profiles = list(linter.channels.values())
    if output_format == "json":
        click.echo(json.dumps([c.to_dict() for c in profiles], ensure_ascii=False, indent=2))
        return
    width = max(len(c.name) for c in profiles)
    for c in profiles:
        unit = "parts" if c.counter == "sms" else "chars"
        limit = f"{c.limit} {unit}" if c.limit else "none"
        target = f"{c.target} {unit}" if c.target else "none"
        emoji = "no emoji" if c.emoji_policy == "none" else f"emoji max {c.emoji_max}"
        click.echo(f"{c.name:<{width}}  {'public ' if c.public else 'private'}  count={c.counter:<10}  "
                   f"limit={limit:<12} target={target:<12} {emoji:<11} sentence<={c.sentence_words} words  "
                   f"{c.description}")


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=argv, prog_name="replylint")


if __name__ == "__main__":
    main()
