"""Dump every finding (and fixed text) for the corpora, to prove an optimisation changes nothing.

    python bench/findings.py OUT.json [--channels twitter,email,sms,chat]
    diff <(python -m json.tool BEFORE.json) <(python -m json.tool AFTER.json)

Uses the same corpus as ``bench/run.py`` (real replies when present, else generated ones).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import load_corpus  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--channels", default="twitter,email,sms,chat")
    parser.add_argument("--generated", action="store_true", help="use the generated corpus")
    args = parser.parse_args(argv)
    from replylint.linter import Linter

    corpus = load_corpus(generated=args.generated)
    linter = Linter()
    out = {}
    for channel in args.channels.split(","):
        for lang, texts in corpus.by_lang.items():
            reports = linter.lint_many(texts, channel=channel, lang=lang)
            out[f"{channel}/{lang}"] = [
                {**r.to_dict(), "fixed": r.fixed if r.fixed != r.text else None} for r in reports
            ]
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    total = sum(len(r["findings"]) for v in out.values() for r in v)
    print(f"{args.out}: {sum(len(v) for v in out.values())} reports, {total} findings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
