"""replylint's benchmark: throughput, cold start, memory and service latency, side by side with
the tools a team would otherwise use.

    python bench/run.py                      # everything, printed as a table
    python bench/run.py --json OUT.json      # also write the figures
    python bench/run.py --compare PREV.json  # print the change against an earlier run

Corpus: the real agent replies in ``../shared/corpora/`` when present (see ``bench/corpus.py``),
else a generated corpus of the same size. Figures:

* replylint warm: ``Linter.lint_many`` with every default rule (spelling included), channel
  ``twitter``, one pass over the corpus in a fresh process after a short warm-up on generated
  replies; replies per second. Then the same reports' ``fixed`` text (computed on first access:
  the fix passes re-lint every fixed draft), giving the rate with fixes. Then a second pass over
  the same replies, every word seen before (the best case of a long-running service).
* cold CLI: ``replylint check --text ... --isolated`` for one draft, median of ``--cold-runs``.
* peak RSS of that process (Spanish and English loaded and used).
* serve: p50/p99 latency of ``POST /lint`` for one draft against ``replylint serve`` on
  127.0.0.1, ``--serve-requests`` sequential requests.
* peers, each skipped (and said so) when not installed; the script never installs anything:
  proselint (``pip install proselint``) in-process on the English replies, one reply at a time;
  ``hunspell -l`` (``apt-get install hunspell hunspell-es hunspell-en-us``) over each language's
  replies; write-good and alex (``npm i -g write-good alex``) on the English replies as one file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate, load_corpus  # noqa: E402

ONE_DRAFT = {
    "es": "Hola, gracias por escribirnos. Tu reembolso se procesara en breve!! Saludos.",
    "en": "Hi, thanks for reaching out. Your refund will be processed shortly!! Best.",
}


# -- replylint ----------------------------------------------------------------------------------

def child_inprocess(generated: bool, channel: str) -> dict:
    """Runs in a fresh process: warm-up, one timed pass, peak RSS."""
    import resource

    from replylint.linter import Linter

    corpus = load_corpus(generated)
    t0 = time.perf_counter()
    linter = Linter()
    for lang in corpus.by_lang:
        linter.lint_many(generate(lang, 50, seed=11), channel=channel, lang=lang)
    setup = time.perf_counter() - t0
    per_lang, findings, total, fixing, fixed = {}, 0, 0.0, 0.0, 0
    for lang, texts in corpus.by_lang.items():
        t0 = time.perf_counter()
        reports = linter.lint_many(texts, channel=channel, lang=lang)
        elapsed = time.perf_counter() - t0
        total += elapsed
        findings += sum(len(r.findings) for r in reports)
        per_lang[lang] = {"replies": len(texts), "seconds": elapsed, "replies_per_s": len(texts) / elapsed}
        # the fixed text is computed on first access: fix passes re-lint each fixed draft
        t0 = time.perf_counter()
        fixed += sum(r.fixed != r.text for r in reports)
        fixing += time.perf_counter() - t0
    # a second pass over the same replies: every word has been seen, so spaCy's vocabulary and
    # tokenizer cache and the per-word caches are warm (the steady state of a long-running
    # service, at best: real traffic keeps bringing new words)
    again = 0.0
    for lang, texts in corpus.by_lang.items():
        t0 = time.perf_counter()
        linter.lint_many(texts, channel=channel, lang=lang)
        again += time.perf_counter() - t0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "corpus": corpus.describe(),
        "replies": corpus.size,
        "findings": findings,
        "seconds": total,
        "replies_per_s": corpus.size / total,
        "with_fixes_replies_per_s": corpus.size / (total + fixing),
        "second_pass_replies_per_s": corpus.size / again,
        "fixed_replies": fixed,
        "per_lang": per_lang,
        "setup_s": setup,
        "peak_rss_mb": rss_kb / 1024,
    }


def run_child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def replylint_cmd() -> list[str]:
    exe = shutil.which("replylint")
    return [exe] if exe else [sys.executable, "-m", "replylint"]


def child_tokenizer_only(generated: bool) -> dict:
    """Runs in a fresh process: spaCy's own blank tokenizer over the corpus, one pass, nothing
    else: the floor under any linter built on spaCy (the brief's tokenizer)."""
    import spacy

    corpus = load_corpus(generated)
    total = again = 0.0
    for lang, texts in corpus.by_lang.items():
        nlp = spacy.blank(lang)
        list(nlp.tokenizer.pipe(generate(lang, 50, seed=11)))
        t0 = time.perf_counter()
        for _ in nlp.tokenizer.pipe(texts):
            pass
        total += time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in nlp.tokenizer.pipe(texts):
            pass
        again += time.perf_counter() - t0
    return {"replies_per_s": corpus.size / total, "second_pass_replies_per_s": corpus.size / again,
            "what": "spacy.blank(lang).tokenizer only: the floor"}


def child_stages(generated: bool, channel: str) -> dict:
    """Runs in a fresh process: the first pass again, with ``Linter.timings`` on: where a
    reply's time goes, per stage and per rule (``replylint check --timings``)."""
    from replylint.linter import Linter
    from replylint.timings import Timings

    corpus = load_corpus(generated)
    linter = Linter()
    for lang in corpus.by_lang:
        linter.lint_many(generate(lang, 50, seed=11), channel=channel, lang=lang)
    linter.timings = timings = Timings()
    for lang, texts in corpus.by_lang.items():
        linter.lint_many(texts, channel=channel, lang=lang)
    return {"drafts": timings.drafts, "seconds": dict(timings.seconds.most_common())}


def child_cold_phases(lang: str) -> dict:
    """Runs in a fresh process: where one cold draft's time goes, phase by phase."""
    import importlib.util

    spec = importlib.util.find_spec("replylint")
    loader = importlib.util.spec_from_file_location(
        "replylint_spacy_import", Path(spec.origin).with_name("_spacy.py"))  # spaCy as replylint imports it
    t0 = time.perf_counter()
    loader.loader.exec_module(importlib.util.module_from_spec(loader))
    t1 = time.perf_counter()
    import replylint.cli  # noqa: F401
    from replylint.linter import Linter
    t2 = time.perf_counter()
    linter = Linter()
    t3 = time.perf_counter()
    linter.pipeline(lang)
    t4 = time.perf_counter()
    linter.lint(ONE_DRAFT[lang], channel="twitter", lang=lang).fixed
    t5 = time.perf_counter()
    return {"import spaCy": t1 - t0, "import replylint": t2 - t1, "rules and channels": t3 - t2,
            "spaCy pipeline": t4 - t3, "first draft (lexicon, matchers, fixes)": t5 - t4}


def cold_cli(runs: int) -> dict:
    times = {}
    for lang, text in ONE_DRAFT.items():
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([*replylint_cmd(), "check", "--isolated", "--lang", lang, "--channel", "twitter",
                            "--text", text], capture_output=True)
            samples.append(time.perf_counter() - t0)
        times[lang] = statistics.median(samples)
    runs_of_phases = [run_child(["--_child", "cold-phases", "--lang", "es"]) for _ in range(runs)]
    phases = {name: statistics.median(r[name] for r in runs_of_phases) for name in runs_of_phases[0]}
    return {"median_s": times, "runs": runs, "phases_es_s": phases}


def serve_latency(requests: int) -> dict:
    """p50/p99 of POST /lint for one draft against ``replylint serve`` on 127.0.0.1."""
    proc = subprocess.Popen([*replylint_cmd(), "serve", "--host", "127.0.0.1", "--port", "0", "--isolated"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # "replylint serve: listening on http://127.0.0.1:PORT"
        if "http://" not in line:
            raise RuntimeError(f"serve did not start: {line!r} {proc.stderr.read()[:500]!r}")
        base = line.strip().split()[-1]
        body = json.dumps({"text": ONE_DRAFT["es"], "channel": "twitter", "lang": "es"}).encode()

        def post() -> float:
            req = urllib.request.Request(base + "/lint", data=body, headers={"Content-Type": "application/json"})
            t0 = time.perf_counter()
            with urllib.request.urlopen(req, timeout=30) as resp:
                resp.read()
            return time.perf_counter() - t0

        for _ in range(20):  # warm-up: pipelines, matchers, lexicon
            post()
        samples = sorted(post() for _ in range(requests))
        return {
            "requests": requests,
            "p50_ms": 1000 * samples[len(samples) // 2],
            "p99_ms": 1000 * samples[min(len(samples) - 1, int(len(samples) * 0.99))],
        }
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


# -- peers --------------------------------------------------------------------------------------

def peer_proselint(texts: list[str]) -> dict:
    try:
        import proselint  # noqa: F401
    except ImportError:
        return {"skipped": "proselint is not installed (pip install proselint)"}
    try:
        from proselint.checks import __register__  # proselint >= 0.14
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile

        CheckRegistry().register_many(__register__)  # what the proselint command does at start

        def check(text):
            return LintFile("<bench>", text).lint() if text.strip() else []
    except ImportError:
        from proselint.tools import lint as _lint  # proselint <= 0.13

        def check(text):
            return _lint(text)
    for text in texts[:20]:
        check(text)
    t0 = time.perf_counter()
    for text in texts:
        check(text)
    elapsed = time.perf_counter() - t0
    return {"replies": len(texts), "seconds": elapsed, "replies_per_s": len(texts) / elapsed,
            "what": "in-process, one reply at a time, English replies"}


def _timed_command(cmd: list[str], stdin: str | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    return time.perf_counter() - t0


def peer_hunspell(by_lang: dict[str, list[str]]) -> dict:
    exe = shutil.which("hunspell")
    if not exe:
        return {"skipped": "hunspell is not installed (apt-get install hunspell hunspell-es hunspell-en-us)"}
    dicts = {"es": ["es_ES", "es_MX", "es"], "en": ["en_US"]}
    available = subprocess.run([exe, "-D"], input="", capture_output=True, text=True).stderr
    result, total_n, total_s = {}, 0, 0.0
    for lang, texts in by_lang.items():
        name = next((d for d in dicts[lang] if f"/{d}\n" in available + "\n" or f"/{d}" in available), None)
        if name is None:
            result[lang] = {"skipped": f"no hunspell dictionary for {lang}"}
            continue
        elapsed = _timed_command([exe, "-d", name, "-l"], "\n".join(t.replace("\n", " ") for t in texts))
        result[lang] = {"dictionary": name, "replies": len(texts), "seconds": elapsed,
                        "replies_per_s": len(texts) / elapsed}
        total_n, total_s = total_n + len(texts), total_s + elapsed
    if not total_n:
        return {"skipped": "no hunspell dictionaries (apt-get install hunspell-es hunspell-en-us)", **result}
    return {"replies": total_n, "seconds": total_s, "replies_per_s": total_n / total_s,
            "what": "hunspell -l, one process per language, spelling only", "per_lang": result}


def peer_npm(tool: str, texts: list[str]) -> dict:
    exe = shutil.which(tool)
    if not exe:
        return {"skipped": f"{tool} is not installed (npm i -g write-good alex)"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "replies.txt"
        path.write_text("\n\n".join(t.replace("\n", " ") for t in texts) + "\n", encoding="utf-8")
        startup = _timed_command([exe, str(Path(folder) / "empty.txt")])  # includes node start-up
        elapsed = _timed_command([exe, str(path)])
    return {"replies": len(texts), "seconds": elapsed, "replies_per_s": len(texts) / elapsed,
            "startup_s": startup, "what": "CLI over one file of the English replies (incl. node start-up)"}


# -- report -------------------------------------------------------------------------------------

def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def flatten(figures: dict) -> dict[str, float]:
    flat = {
        "replylint_replies_per_s": figures["replylint"]["replies_per_s"],
        "peak_rss_mb": figures["replylint"]["peak_rss_mb"],
    }
    if "with_fixes_replies_per_s" in figures["replylint"]:
        flat["replylint_with_fixes_replies_per_s"] = figures["replylint"]["with_fixes_replies_per_s"]
    if "second_pass_replies_per_s" in figures["replylint"]:
        flat["replylint_second_pass_replies_per_s"] = figures["replylint"]["second_pass_replies_per_s"]
    if "spacy_tokenizer" in figures:
        flat["spacy_tokenizer_replies_per_s"] = figures["spacy_tokenizer"]["replies_per_s"]
    for lang, seconds in figures.get("cold_cli", {}).get("median_s", {}).items():
        flat[f"cold_cli_{lang}_s"] = seconds
    for key in ("p50_ms", "p99_ms"):
        if key in figures.get("serve", {}):
            flat[f"serve_{key}"] = figures["serve"][key]
    for name, peer in figures.get("peers", {}).items():
        if "replies_per_s" in peer:
            flat[f"{name}_replies_per_s"] = peer["replies_per_s"]
    return flat


def print_report(figures: dict) -> None:
    rl = figures["replylint"]
    print(f"machine: {figures['machine']}")
    print(f"corpus:  {rl['corpus']}")
    print()
    print(f"{'tool':<34}{'replies/s':>12}{'replylint is':>16}  notes")
    rate = rl["replies_per_s"]
    langs = ", ".join(f"{k} {v['replies_per_s']:.0f}/s" for k, v in rl["per_lang"].items())
    print(f"{'replylint (warm, all rules)':<34}{rate:>12.0f}{'':>16}  {rl['findings']} findings; {langs}")
    if "with_fixes_replies_per_s" in rl:
        print(f"{'replylint (+ fixed text)':<34}{rl['with_fixes_replies_per_s']:>12.0f}{'':>16}  "
              f"findings and Report.fixed; {rl['fixed_replies']} replies changed by safe fixes")
    floor = figures.get("spacy_tokenizer")
    if floor:
        print(f"{'spaCy blank tokenizer alone':<34}{floor['replies_per_s']:>12.0f}"
              f"{rate / floor['replies_per_s']:>15.2f}x  {floor['what']}")
    if "second_pass_replies_per_s" in rl:
        again = rl["second_pass_replies_per_s"]
        print(f"{'replylint, second pass':<34}{again:>12.0f}{'':>16}  the same replies again: every word "
              f"seen before (vocabulary and per-word caches warm)")
        if floor and "second_pass_replies_per_s" in floor:
            print(f"{'spaCy blank tokenizer, 2nd pass':<34}{floor['second_pass_replies_per_s']:>12.0f}"
                  f"{again / floor['second_pass_replies_per_s']:>15.2f}x  replylint's second pass against it")
    for name, peer in figures["peers"].items():
        if "skipped" in peer:
            print(f"{name:<34}{'-':>12}{'':>16}  skipped: {peer['skipped']}")
            continue
        ratio = rate / peer["replies_per_s"]
        print(f"{name:<34}{peer['replies_per_s']:>12.0f}{ratio:>15.1f}x  {peer.get('what', '')}")
    print()
    cold = figures.get("cold_cli")
    if cold:
        parts = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in cold["median_s"].items())
        print(f"cold CLI, one draft (median of {cold['runs']}): {parts}")
        if "phases_es_s" in cold:
            phases = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in cold["phases_es_s"].items())
            print(f"  where a cold es draft's time goes (in-process, median): {phases}")
    stages = figures.get("stages")
    if stages:
        per = max(stages["drafts"], 1)
        total = sum(stages["seconds"].values()) or 1e-12
        top = list(stages["seconds"].items())[:8]
        print("where a reply's time goes (first pass, µs per reply; replylint check --timings):")
        print("  " + ", ".join(f"{name} {seconds / per * 1e6:.0f} ({100 * seconds / total:.0f}%)"
                               for name, seconds in top))
    print(f"peak RSS, es+en loaded and used: {rl['peak_rss_mb']:.0f} MB")
    serve = figures.get("serve")
    if serve and "p50_ms" in serve:
        print(f"serve POST /lint, one draft ({serve['requests']} requests): "
              f"p50 {serve['p50_ms']:.2f} ms, p99 {serve['p99_ms']:.2f} ms")
    elif serve:
        print(f"serve: skipped: {serve.get('skipped')}")


def print_compare(figures: dict, previous: dict) -> None:
    now, before = flatten(figures), flatten(previous)
    print()
    print(f"change against {previous.get('when', 'the previous run')}:")
    for key, value in now.items():
        if key not in before:
            continue
        old = before[key]
        change = (value - old) / old * 100 if old else 0.0
        better = (change > 0) == key.endswith("per_s")
        flag = "" if abs(change) < 5 else ("  better" if better else "  WORSE")
        print(f"  {key:<34}{old:>12.2f} -> {value:>12.2f}  ({change:+.1f}%){flag}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="replylint benchmark")
    parser.add_argument("--json", dest="json_out", help="write the figures to this JSON file")
    parser.add_argument("--compare", help="a previous --json file to compare against")
    parser.add_argument("--generated", action="store_true", help="use the generated corpus even if real replies exist")
    parser.add_argument("--channel", default="twitter")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--serve-requests", type=int, default=500)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: stages,cold,serve,peers")
    parser.add_argument("--_child", help=argparse.SUPPRESS)
    parser.add_argument("--lang", default="es", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    children = {  # the parts that run in a fresh process of their own
        "inprocess": lambda: child_inprocess(args.generated, args.channel),
        "tokenizer": lambda: child_tokenizer_only(args.generated),
        "stages": lambda: child_stages(args.generated, args.channel),
        "cold-phases": lambda: child_cold_phases(args.lang),
    }
    if args._child:
        print(json.dumps(children[args._child]()))
        return 0
    skip = set(filter(None, args.skip.split(",")))
    figures: dict = {"machine": machine(), "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    child_args = ["--_child", "inprocess", "--channel", args.channel] + (["--generated"] if args.generated else [])
    figures["replylint"] = run_child(child_args)
    figures["spacy_tokenizer"] = run_child(["--_child", "tokenizer"] + (["--generated"] if args.generated else []))
    if "stages" not in skip:
        figures["stages"] = run_child(["--_child", "stages"] + child_args[2:])
    if "cold" not in skip:
        figures["cold_cli"] = cold_cli(args.cold_runs)
    if "serve" not in skip:
        try:
            figures["serve"] = serve_latency(args.serve_requests)
        except Exception as exc:  # a failed service start is reported, not fatal
            figures["serve"] = {"skipped": str(exc)}
    corpus = load_corpus(args.generated)
    figures["peers"] = {}
    if "peers" not in skip:
        english = corpus.by_lang.get("en", [])
        figures["peers"]["proselint (en)"] = peer_proselint(english)
        figures["peers"]["hunspell -l (es+en)"] = peer_hunspell(corpus.by_lang)
        figures["peers"]["write-good (en)"] = peer_npm("write-good", english)
        figures["peers"]["alex (en)"] = peer_npm("alex", english)
    print_report(figures)
    if args.compare:
        print_compare(figures, json.loads(Path(args.compare).read_text(encoding="utf-8")))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
