"""The ``replylint`` command.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 usage, configuration or
input error (one line on stderr naming the file and line).
"""

from __future__ import annotations

import difflib
import json
import sys
import textwrap
from typing import Sequence

import click

from . import __version__
from .config import Config, discover_config
from .errors import ConfigError, ReplylintError
from .files import SourceFile, decode, expand_paths, read_source, write_atomic
from .findings import Report, Severity
from .formatters import FORMATTERS
from .linter import Linter
from .registry import describe, load_user_packs

STDIN = "<stdin>"
TEXT = "<text>"


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ReplylintError as exc:
            click.echo(f"replylint: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="replylint")
def cli() -> None:
    """Lint customer-service reply drafts against the norms of their channel."""


def _make_linter(config_path: str | None, isolated: bool, mode: str | None) -> Linter:
    path = None if isolated else (config_path or discover_config())
    overrides = {"mode": mode} if mode else {}
    return Linter.from_config(path, **overrides) if path else Linter(**overrides)


def _read_inputs(paths: Sequence[str], text: str | None, encoding: str) -> list[SourceFile]:
    sources: list[SourceFile] = []
    if text is not None:
        sources.append(SourceFile(TEXT, text))
    for path in expand_paths(list(paths)):
        if path == "-":
            data = sys.stdin.buffer.read()
            sources.append(SourceFile(STDIN, decode(data, STDIN, encoding).text))
        else:
            sources.append(read_source(path, encoding))
    return sources


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--text", "text", help="Lint this text instead of files.")
@click.option("--channel", "-c", help="Channel profile (see 'replylint channels').")
@click.option("--lang", "-l", type=click.Choice(["es", "en", "auto"]), help="Language of the drafts.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--mode", type=click.Choice(["send", "template"]), help="send (default) or template.")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True)
@click.option("--fix", is_flag=True, help="Apply safe fixes: rewrite files in place; print fixed stdin/--text.")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff; change nothing.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input files.")
def check(paths, text, channel, lang, config_path, isolated, mode, output_format, fix, diff, fail_on, encoding):
    """Check drafts: PATHS (files or folders of .txt drafts), '-' for stdin, or --text."""
    if not paths and text is None:
        raise click.UsageError("give files, '-' for stdin, or --text")
    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be combined: --diff only shows the fixes")
    linter = _make_linter(config_path, isolated, mode)
    if channel is not None:
        linter.channel(channel)
    sources = _read_inputs(paths, text, encoding)
    reports = linter.lint_many([s.text for s in sources], channel=channel, lang=lang) if sources else []
    results: list[tuple[str, Report]] = []
    fixed_streams: list[str] = []
    for source, report in zip(sources, reports):
        if diff and report.fixed != report.text:
            click.echo("".join(difflib.unified_diff(
                report.text.splitlines(keepends=True), report.fixed.splitlines(keepends=True),
                fromfile=source.path, tofile=source.path)), nl=False)
        if fix and report.fixed != report.text:
            if source.path in (STDIN, TEXT):
                fixed_streams.append(report.fixed)
            else:
                write_atomic(source, report.fixed)
            report = linter.lint(report.fixed, channel=report.channel, lang=report.lang)
        elif fix and source.path in (STDIN, TEXT):
            fixed_streams.append(report.fixed)
        results.append((source.path, report))
    if fix and fixed_streams:
        for fixed in fixed_streams:
            click.echo(fixed)
        remaining = FORMATTERS[output_format](results)
        if any(r.findings for _, r in results):
            click.echo(remaining, err=True, nl=False)
    elif not diff:
        click.echo(FORMATTERS[output_format](results), nl=False)
    threshold = Severity(fail_on)
    failed = any(r.count_at_or_above(threshold) for _, r in results)
    sys.exit(1 if failed else 0)


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
