"""Findings per rule on real reply corpora, and random samples of them for a human to judge.

    python tools/rule_stats.py                       # counts per rule on the default corpora
    python tools/rule_stats.py --rules blame,robotic # only these rules
    python tools/rule_stats.py --defaults            # as a user gets them (off-by-default rules stay off)
    python tools/rule_stats.py --sample 10 --rule blame [--seed 1]

A corpus is ``PATH[:lang[:channel[:column]]]`` (defaults: lang auto, channel twitter, column
text); the default corpora are the two reply sets in ../shared/corpora. Samples print each
finding with the text around it.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

from replylint import Linter
from replylint.registry import build_registry

_CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"  # ../shared/corpora
DEFAULT_CORPORA = (
    f"{_CORPORA / 'es_citibanamex_agent_replies.csv'}:es:twitter:text",
    f"{_CORPORA / 'en_twcs_head_agent_replies.csv'}:auto:twitter:text",
)


def parse_corpus(spec: str) -> tuple[str, str, str, str]:
    parts = spec.split(":")
    path = parts[0]
    lang = parts[1] if len(parts) > 1 and parts[1] else "auto"
    channel = parts[2] if len(parts) > 2 and parts[2] else "twitter"
    column = parts[3] if len(parts) > 3 and parts[3] else "text"
    return path, lang, channel, column


def read_texts(path: str, column: str) -> list[str]:
    csv.field_size_limit(10_000_000)
    with open(path, encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle) if row.get(column)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", default=list(DEFAULT_CORPORA))
    parser.add_argument("--rules", help="comma-separated rule ids to run (default: every rule that loads)")
    parser.add_argument("--skip", default="", help="comma-separated rule ids to switch off")
    parser.add_argument("--defaults", action="store_true",
                        help="run the rules as a user gets them (default config, channel settings included)")
    parser.add_argument("--sample", type=int, default=0, help="print N random findings of --rule")
    parser.add_argument("--rule", help="the rule to sample")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--context", type=int, default=60, help="characters of context around a sample")
    args = parser.parse_args(argv)

    registry = build_registry()
    wanted = set(args.rules.split(",")) if args.rules else set(registry)
    if args.rule:
        wanted.add(args.rule)
    wanted -= set(filter(None, args.skip.split(",")))
    if args.defaults:
        rules = {rule_id: "off" for rule_id in registry if rule_id not in wanted}
    else:
        rules = {rule_id: ("off" if rule_id not in wanted else True) for rule_id in registry}
    linter = Linter(rules=rules)

    samples: list[tuple[str, str, object]] = []
    for spec in args.corpora:
        path, lang, channel, column = parse_corpus(spec)
        texts = read_texts(path, column)
        try:
            reports = linter.lint_many(texts, channel=channel, lang=lang)
        except Exception as exc:  # a rule that cannot load (e.g. missing data) should not hide the others
            print(f"{path}: {exc}", file=sys.stderr)
            return 1
        counts: Counter[str] = Counter()
        drafts: Counter[str] = Counter()
        langs = Counter(r.lang for r in reports)
        for report in reports:
            seen = set()
            for finding in report.findings:
                counts[finding.rule] += 1
                seen.add(finding.rule)
                if finding.rule == args.rule:
                    samples.append((Path(path).name, report.text, finding))
            drafts.update(seen)
        print(f"== {Path(path).name}: {len(texts)} replies ({', '.join(f'{k} {v}' for k, v in langs.items())}), "
              f"channel {channel}")
        for rule_id in sorted(wanted):
            if rule_id in registry:
                print(f"  {rule_id:24} {counts[rule_id]:6} findings in {drafts[rule_id]:5} replies")
    if args.sample and args.rule:
        rng = random.Random(args.seed)
        chosen = rng.sample(samples, min(args.sample, len(samples)))
        print(f"\n== {len(chosen)} of {len(samples)} findings of {args.rule}")
        for index, (name, text, f) in enumerate(chosen, 1):
            lo, hi = max(0, f.start - args.context), min(len(text), f.end + args.context)
            context = (text[lo:f.start] + "[[" + text[f.start:f.end] + "]]" + text[f.end:hi]).replace("\n", " ⏎ ")
            print(f"{index:3}. {name} {f.severity.value}: {f.message}")
            print(f"     …{context}…")
            if f.suggestions:
                print(f"     suggestions: {', '.join(f.suggestions[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
