#!/usr/bin/env python3
"""Measure replylint's spelling against Hunspell (es_ES, LibreOffice dictionary).

    python eval/spelling.py [--shared ../shared] [--no-hunspell]
    python eval/spelling.py --sample 100 --seed 3     # findings on the replies, for a person to judge

Prints:
* findings per 1,000 words on the seed articles (well-written Spanish: every finding is false)
  and on the real Citibanamex replies (with ``eval/citibanamex-vocabulary.txt``), replylint vs
  ``hunspell -d es_ES -l`` on the same words (the words the spelling rule checks, after URLs,
  mentions, names, acronyms... are set aside) with the same vocabulary (given to Hunspell as a
  personal dictionary, ``-p``);
* recall / precision on non-word misspellings: Tweet-Norm 2013 (gold class-0 corrections that
  are spelling, not slang: one word, not a name, not a shortening or a lengthening, at most two
  edits; precision over the tweets' words that are correct Spanish or such misspellings) and
  ``eval/es_common_misspellings.tsv``; top-1 suggestion accuracy;
* time to spell-check the 1,245 replies vs ``hunspell -l`` on the same text, and lexicon load time.

Precision on the replies needs a person: ``--sample N --seed S`` prints a seeded random sample of
N of the rule's findings on the replies (all of them if fewer), each with its context and
suggestions, to judge by hand (real error or not, and why); only the counts go in the README.

Hunspell is optional (Debian ``hunspell`` + ``hunspell-es``); without it that column is skipped.
"""
from __future__ import annotations

import argparse
import csv
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


def hunspell_unknown(words: list[str], personal: Path | None) -> tuple[list[str], float] | None:
    """Words hunspell -l rejects (one line per rejected occurrence), and its wall time."""
    exe = shutil.which("hunspell")
    if not exe:
        return None
    cmd = [exe, "-d", "es_ES", "-l", "-i", "utf-8"]
    if personal:
        cmd += ["-p", str(personal)]
    t = time.perf_counter()
    out = subprocess.run(cmd, input="\n".join(words) + "\n", capture_output=True, text=True, check=False)
    return [w for w in out.stdout.splitlines() if w], time.perf_counter() - t


def personal_dic(vocab_files: list[Path]) -> Path:
    words = []
    for f in vocab_files:
        for line in f.read_text(encoding="utf-8").splitlines():
            w = line.split("#", 1)[0].strip().lstrip("=")
            if w:
                words.append(w)
    tmp = Path(tempfile.mkstemp(prefix="replylint-eval-", suffix=".dic")[1])
    tmp.write_text("\n".join(words) + "\n", encoding="utf-8")
    return tmp


class Recorder:
    """Runs the linter on drafts and records the words the spelling rule judged and its findings."""

    def __init__(self, vocabulary_files: list[str]):
        from replylint import Linter
        from replylint.checks import spelling

        self.checked: list[str] = []
        original_check = spelling.Spelling.check
        rec = self

        def check(self_, draft):
            rec.checked.extend(self_.checked_words(draft))
            return original_check(self_, draft)

        self._restore = lambda: setattr(spelling.Spelling, "check", original_check)
        spelling.Spelling.check = check
        self.linter = Linter(lang="es", vocabulary_files=vocabulary_files)

    def run(self, texts: list[str]) -> list[str]:
        try:
            reports = self.linter.lint_many(texts)
        finally:
            self._restore()
        return [f.text for report in reports for f in report.findings if f.rule == "spelling"]


def per_k(n: int, words: int) -> str:
    return f"{1000 * n / max(words, 1):.1f}"


def section_false_findings(shared: Path, use_hunspell: bool):
    support = ROOT / "rules" / "vocabulary" / "support-es.txt"
    brand = HERE / "citibanamex-vocabulary.txt"
    seeds = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    rows = list(csv.DictReader(open(shared / "corpora" / "es_citibanamex_agent_replies.csv", encoding="utf-8")))
    replies = [r["text"] for r in rows]
    results = {}
    for name, texts, vocab in (("seed articles", seeds, []), ("Citibanamex replies", replies, [str(brand)])):
        rec = Recorder(vocab)
        flagged = rec.run(texts)
        words = len(rec.checked)
        line = {"words": words, "replylint": len(flagged), "flagged": flagged, "texts": texts}
        if use_hunspell:
            h = hunspell_unknown(rec.checked, personal_dic([support] + [Path(v) for v in vocab]))
            if h is not None:
                line["hunspell"] = len(h[0])
                line["hunspell_words"] = h[0]
        results[name] = line
    print("\n## Findings per 1,000 checked words (same words and vocabulary for both)")
    print("  (the checked words exclude what the rule sets aside before judging: acronyms, mixed case,")
    print("   abbreviations, and under `names: true` the words in the place of a name: capitalised inside")
    print("   a sentence, a vocative after a greeting, part of an @handle; hunspell is given the same words)")
    print(f"{'corpus':22} {'words':>7} {'replylint':>10} {'hunspell':>9}")
    for name, r in results.items():
        hs = per_k(r["hunspell"], r["words"]) if "hunspell" in r else "n/a"
        print(f"{name:22} {r['words']:>7} {per_k(r['replylint'], r['words']):>10} {hs:>9}")
    seed = results["seed articles"]
    print(f"  seed findings, replylint: {sorted(set(seed['flagged']))}")
    if "hunspell_words" in seed:
        print(f"  seed findings, hunspell:  {sorted(set(seed['hunspell_words']))}")
    print("  (seed findings are all false; reply findings include real misspellings)")
    return results


# ---------------------------------------------------------------------------------------
def damerau(a: str, b: str) -> int:
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


_FOLD = str.maketrans("áéíóúü", "aeiouu")


def squeeze(s: str) -> str:
    return re.sub(r"(.)\1+", r"\1", s)


# Why a Tweet-Norm class-0 annotation is not a non-word spelling case (checked in this order).
EXCLUDED = {
    "class1": "class 1: correct word the gold leaves as is (names, neologisms)",
    "class2": "class 2: not Spanish (foreign words, gibberish)",
    "multiword": "correction is several words (xq -> por qué, porai -> por ahí)",
    "nonalpha": "token or correction not letters only (emoticons, numbers, k-pop)",
    "name": "correction is a capitalised name, or only the capitals change",
    "lengthening": "emphatic lengthening (holaaa, sii)",
    "shortening": "shortening or texting abbreviation (q -> que, tb -> también, to -> todo)",
    "distance": "more than two edits from the correction (slang, rewording)",
    "same": "correction equal to the token",
    "realword": "the token is a word hunspell es_ES accepts (real-word error, not a non-word)",
}


def tweetnorm_pairs(shared: Path):
    """Per tweet: (text, {token: correction} spelling cases, {token: class} annotations), and a
    Counter of the class-0/1/2 annotations set aside, by reason (keys of ``EXCLUDED``)."""
    from collections import Counter

    base = shared / "corpora" / "es_tweetnorm2013"
    texts = {}
    for name in ("dev500_texts.txt", "test600_texts.txt"):
        for line in (base / name).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4:
                texts[parts[0]] = parts[3]
    out = []
    excluded: Counter = Counter()
    for name in ("newest-tweet-norm-dev500_annotated.txt", "tweets-test-reference.txt"):
        cur = None
        for line in (base / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            if not line.startswith(("\t", " ")):
                cur = [texts.get(line.strip(), ""), {}, {}]
                out.append(cur)
                continue
            parts = line.strip().split(" ")
            if cur is None or len(parts) < 3:
                continue
            tok, cls, corr = parts[0], parts[1], " ".join(parts[2:])
            cur[2][tok] = cls
            reason = spelling_case_reason(tok, cls, corr)
            if reason:
                excluded[reason] += 1
            else:
                cur[1][tok] = corr
    return out, excluded


def spelling_case_reason(tok: str, cls: str, corr: str) -> str | None:
    """None when the annotation is a non-word spelling case, else why not (see ``EXCLUDED``)."""
    if cls != "0":
        return "class1" if cls == "1" else "class2"
    if "_" in corr or " " in corr:
        return "multiword"
    if not corr.isalpha() or not tok.isalpha():
        return "nonalpha"
    if corr[:1].isupper() or tok.lower() == corr.lower() and tok != tok.lower():
        return "name"
    if re.search(r"(.)\1\1", tok) or (
            squeeze(tok.lower()) == squeeze(corr.lower().translate(_FOLD)) and squeeze(tok.lower()) != tok.lower()):
        return "lengthening"
    if len(tok) < 3 or len(tok) < len(corr) - 1:
        return "shortening"
    if tok.lower() == corr.lower():
        return "same"
    if damerau(tok.lower(), corr.lower()) > 2:
        return "distance"
    return None


def section_recall(shared: Path, use_hunspell: bool):
    from replylint.lexicon import Lexicon

    lex = Lexicon.load("es")
    print("\n## Non-word misspellings: recall, precision, top-1 suggestion")
    # Tweet-Norm
    tweets, excluded = tweetnorm_pairs(shared)
    errors: dict[str, str] = {}
    seen = 0
    correct_words = []
    annotated_tokens = []       # (token, class) of lower-case annotated tokens, every occurrence
    for text, spell, annotated in tweets:
        seen += len(spell)
        errors.update(spell)
        annotated_tokens += [(t, c) for t, c in annotated.items() if t[:1].islower() and t.isalpha()]
        text = re.sub(r"https?://\S+|www\.\S+|[@#]\w+", " ", text)
        for tok in re.findall(r"(?<![\w'])[^\W\d_]{2,}(?![\w'])", text):
            if tok not in annotated and tok[:1].islower():
                correct_words.append(tok)
    if use_hunspell and shutil.which("hunspell"):
        rejected = set(hunspell_unknown(list(errors), None)[0])
        # a non-word is one the reference dictionary rejects too
        real = {t for t in errors if t not in rejected}
    else:
        real = {t for t in errors if lex.knows(t)}  # fallback definition
    excluded["realword"] += len(real)
    errors = {t: c for t, c in errors.items() if t not in real}
    total = sum(excluded.values()) + seen
    print(f"Tweet-Norm 2013: {total} annotations; kept {len(errors)} distinct non-word spelling cases "
          f"({seen - len(real)} annotations, {seen - len(real) - len(errors)} of them repeats); set aside:")
    for key, why in EXCLUDED.items():
        if excluded[key]:
            print(f"  {excluded[key]:5}  {why}")
    report_set("Tweet-Norm 2013", lex, errors, correct_words, use_hunspell)
    report_annotated(lex, annotated_tokens, use_hunspell)
    # own list
    own = {}
    for line in (HERE / "es_common_misspellings.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        w, r = line.split("\t")
        own[w] = r
    report_set("eval/es_common_misspellings.tsv", lex, own, [], use_hunspell)


def report_annotated(lex, annotated: list[tuple[str, str]], use_hunspell: bool) -> None:
    """Precision over the tokens the gold judged: Tweet-Norm annotates the out-of-vocabulary
    tokens of each tweet as 0 (non-standard: needs a correction, slang included), 1 (correct)
    or 2 (not Spanish). A flagged class-0 token is right, a flagged class-1 token is wrong;
    flagged class-2 tokens (foreign words in a Spanish text) are counted apart."""
    def line(who: str, flagged: list[tuple[str, str]]) -> str:
        n = {c: sum(1 for _, k in flagged if k == c) for c in "012"}
        return (f"  {who}: precision {100 * n['0'] / max(n['0'] + n['1'], 1):.1f}% "
                f"({n['0']} class-0 flagged, {n['1']} class-1 flagged; {n['2']} class-2 flagged apart)")
    print(f"Tweet-Norm, precision on the gold-annotated lower-case tokens ({len(annotated)}: "
          f"{sum(1 for _, c in annotated if c == '0')} class 0, {sum(1 for _, c in annotated if c == '1')} class 1, "
          f"{sum(1 for _, c in annotated if c == '2')} class 2)")
    print(line("replylint", [(t, c) for t, c in annotated if not lex.knows(t)]))
    if use_hunspell and shutil.which("hunspell"):
        rejected = set(hunspell_unknown([t for t, _ in annotated], None)[0])
        print(line("hunspell ", [(t, c) for t, c in annotated if t in rejected]))


def report_set(name: str, lex, errors: dict[str, str], correct_words: list[str], use_hunspell: bool):
    n = len(errors)
    caught = [t for t in errors if not lex.knows(t)]
    top1 = [t for t in caught if (lex.suggest(t) or ("",))[0].lower() == errors[t].lower()]
    in5 = [t for t in caught if errors[t].lower() in [s.lower() for s in lex.suggest(t, limit=5)]]
    fp = [w for w in correct_words if not lex.knows(w)]
    prec = len(caught) / max(len(caught) + len(fp), 1)
    print(f"{name}: {n} non-word misspellings")
    line = f"  replylint: recall {100 * len(caught) / max(n, 1):.1f}%"
    if correct_words:
        line += f", precision {100 * prec:.1f}% ({len(fp)} of {len(correct_words)} correct words flagged)"
    line += f", top-1 {100 * len(top1) / max(len(caught), 1):.1f}%, in top 5 {100 * len(in5) / max(len(caught), 1):.1f}%"
    print(line)
    misses = [f"{t}->{errors[t]} [{', '.join(lex.suggest(t, limit=3))}]" for t in caught if t not in top1]
    print(f"  top-1 misses (token->gold [our top 3]), {len(misses)}: " + "; ".join(misses))
    if correct_words:
        print(f"  correct words flagged (first 15): {sorted(set(fp))[:15]}")
    if use_hunspell and shutil.which("hunspell"):
        h = hunspell_unknown(list(errors), None)
        hfp = hunspell_unknown(correct_words, None) if correct_words else ([], 0)
        hc = len(h[0])
        hp = hc / max(hc + len(hfp[0]), 1)
        print(f"  hunspell:  recall {100 * hc / max(n, 1):.1f}%"
              + (f", precision {100 * hp:.1f}%" if correct_words else ""))


def speed_probe(shared: Path) -> None:
    """Run in a fresh process: time the spelling rule alone over the replies (prints JSON)."""
    import json

    t = time.perf_counter()
    from replylint import Linter
    from replylint.checks import spelling
    from replylint.lexicon import Lexicon
    imports = time.perf_counter() - t
    replies = [r["text"] for r in csv.DictReader(open(shared / "corpora" / "es_citibanamex_agent_replies.csv",
                                                      encoding="utf-8"))]
    others = [rule for rule in Linter(lang="es").registry if rule != "spelling"]
    linter = Linter(lang="es", vocabulary_files=[str(HERE / "citibanamex-vocabulary.txt")],
                    rules={rule: "off" for rule in others})
    linter.pipeline("es")                      # spaCy's load is not spelling's
    t = time.perf_counter()
    Lexicon.load("es")
    load = time.perf_counter() - t
    spent = [0.0]
    original = spelling.Spelling.check

    def check(self_, draft):
        t0 = time.perf_counter()
        out = list(original(self_, draft))
        spent[0] += time.perf_counter() - t0
        return out

    spelling.Spelling.check = check
    t = time.perf_counter()
    reports = linter.lint_many(replies)
    total = time.perf_counter() - t
    findings = sum(1 for r in reports for f in r.findings if f.rule == "spelling")
    print(json.dumps({"load": load, "rule": spent[0], "lint": total, "imports": imports,
                      "findings": findings, "chars": sum(map(len, replies)), "replies": len(replies)}))


def section_speed(shared: Path, use_hunspell: bool, rounds: int = 5):
    import json
    import statistics

    print("\n## Speed")
    code = ("import time; t=time.perf_counter(); from replylint.lexicon import Lexicon; t1=time.perf_counter();"
            "Lexicon.load('es'); t2=time.perf_counter(); Lexicon.load('en'); t3=time.perf_counter();"
            "print(f'{(t2-t1)*1000:.0f} {(t3-t2)*1000:.0f}')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.split()
    print(f"lexicon load (fresh process): es {out[0]} ms, en {out[1]} ms")
    replies = "\n".join(r["text"] for r in csv.DictReader(
        open(shared / "corpora" / "es_citibanamex_agent_replies.csv", encoding="utf-8"))) + "\n"
    ours, hun, hun_empty = [], [], []
    hcmd = ["hunspell", "-d", "es_ES", "-l", "-i", "utf-8"]
    for _ in range(rounds):       # alternate the two tools so machine load hits both alike
        probe = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--shared", str(shared),
                                "--speed-probe"], capture_output=True, text=True, check=True)
        ours.append(json.loads(probe.stdout.strip().splitlines()[-1]))
        if use_hunspell:
            for inp, into in ((replies, hun), ("", hun_empty)):
                t = time.perf_counter()
                subprocess.run(hcmd, input=inp, capture_output=True, text=True, check=False)
                into.append(time.perf_counter() - t)
    med = lambda xs: 1000 * statistics.median(xs)  # noqa: E731
    rule, load = med([o["rule"] for o in ours]), med([o["load"] for o in ours])
    lint = med([o["lint"] for o in ours])
    o = ours[0]
    print(f"{o['replies']} Citibanamex replies ({o['chars']:,} characters), fresh processes, "
          f"median of {rounds} alternating runs:")
    print(f"  replylint spelling rule:         {rule:6.0f} ms  (lexicon loaded, caches cold; every word judged, "
          f"a suggestion list made for each of the {o['findings']} findings)")
    print(f"  replylint rule + lexicon load:   {rule + load:6.0f} ms")
    print(f"  replylint parse + rule:          {lint:6.0f} ms  (adds the non-prose scan and spaCy "
          f"tokenisation every rule shares)")
    if use_hunspell:
        h, he = med(hun), med(hun_empty)
        print(f"  hunspell -l (whole process):     {h:6.0f} ms  (start-up, es_ES load, tokenising, checking; "
              f"no suggestions)")
        print(f"  hunspell -l start-up only:       {he:6.0f} ms  (empty input) -> checking alone {h - he:.0f} ms")
        for name, ours_ms in (("rule + lexicon load", rule + load), ("parse + rule", lint),
                              ("parse + rule + lexicon load", lint + load)):
            print(f"  {name} vs hunspell -l whole process: {ours_ms:.0f} vs {h:.0f} ms "
                  f"({ours_ms / h:.2f}x, {'faster' if ours_ms < h else 'slower'})")
        print(f"  parse + rule vs hunspell -l checking alone (net of its start-up): {lint:.0f} vs {h - he:.0f} ms "
              f"({lint / (h - he):.2f}x, {'faster' if lint < h - he else 'slower'})")


def sample_findings(shared: Path, size: int, seed: int) -> None:
    """Print a seeded random sample of the rule's findings on the replies, with context."""
    import random

    rows = list(csv.DictReader(open(shared / "corpora" / "es_citibanamex_agent_replies.csv", encoding="utf-8")))
    from replylint import Linter

    linter = Linter(lang="es", vocabulary_files=[str(HERE / "citibanamex-vocabulary.txt")])
    texts = [r["text"] for r in rows]
    found = [(i, f) for i, report in enumerate(linter.lint_many(texts)) for f in report.findings
             if f.rule == "spelling"]
    chosen = sorted(random.Random(seed).sample(range(len(found)), min(size, len(found))))
    print(f"{len(found)} spelling findings on {len(texts)} replies; sample of {len(chosen)} (seed {seed}).")
    print("Judge each: real error, or false (name, valid word, abbreviation, foreign word, not a word).")
    for n, k in enumerate(chosen, 1):
        i, f = found[k]
        text = texts[i]
        context = (text[max(0, f.start - 60):f.start] + "[[" + f.text + "]]" + text[f.end:f.end + 40])
        print(f"{n:3}. reply {i}: {' '.join(context.split())}  -> {', '.join(f.suggestions) or '(none)'}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="directory with seeds/ and corpora/")
    ap.add_argument("--no-hunspell", action="store_true")
    ap.add_argument("--speed-probe", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--sample", type=int, metavar="N", help="print N findings on the replies to judge by hand")
    ap.add_argument("--seed", type=int, default=0, help="seed of --sample")
    a = ap.parse_args()
    if a.speed_probe:
        speed_probe(Path(a.shared))
        return
    if a.sample:
        sample_findings(Path(a.shared), a.sample, a.seed)
        return
    use_h = not a.no_hunspell
    if use_h and not shutil.which("hunspell"):
        print("hunspell not found (apt-get install hunspell hunspell-es): Hunspell columns skipped")
        use_h = False
    shared = Path(a.shared)
    section_false_findings(shared, use_h)
    section_recall(shared, use_h)
    section_speed(shared, use_h)


if __name__ == "__main__":
    main()
