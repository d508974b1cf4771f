#!/usr/bin/env python3
"""Measure replylint's spelling against Hunspell (es_ES, LibreOffice dictionary).

    python eval/spelling.py [--shared ../shared] [--no-hunspell]

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
    """Runs the spelling rule on drafts and records the words it checked and its findings."""

    def __init__(self, vocabulary_files: list[str]):
        from replylint import Linter
        from replylint.checks import spelling

        self.checked: list[str] = []
        self.spell_time = 0.0
        self._spelling = spelling
        original = spelling.Spelling._known
        rec = self

        def known(word, lexicon, settings):
            if word.replace("'", "").isalpha() and "-" not in word:
                rec.checked.append(word)
            return original(word, lexicon, settings)

        spelling.Spelling._known = staticmethod(known)
        original_check = spelling.Spelling.check

        def check(self_, draft):
            t = time.perf_counter()
            out = list(original_check(self_, draft))
            rec.spell_time += time.perf_counter() - t
            return out

        spelling.Spelling.check = check
        self.linter = Linter(lang="es", vocabulary_files=vocabulary_files)

    def run(self, texts: list[str]) -> list[str]:
        flagged = []
        for text in texts:
            report = self.linter.lint(text)
            flagged += [f.text for f in report.findings if f.rule == "spelling"]
        return flagged


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
        line = {"words": words, "replylint": len(flagged), "spell_time": rec.spell_time,
                "flagged": flagged, "texts": texts}
        if use_hunspell:
            h = hunspell_unknown(rec.checked, personal_dic([support] + [Path(v) for v in vocab]))
            if h is not None:
                line["hunspell"] = len(h[0])
                line["hunspell_words"] = h[0]
        results[name] = line
    print("\n## Findings per 1,000 checked words (same words and vocabulary for both)")
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


def tweetnorm_pairs(shared: Path):
    """(tweet text, {token: correction} spelling cases, set of all annotated tokens) per tweet."""
    base = shared / "corpora" / "es_tweetnorm2013"
    texts = {}
    for name in ("dev500_texts.txt", "test600_texts.txt"):
        for line in (base / name).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4:
                texts[parts[0]] = parts[3]
    out = []
    for name in ("newest-tweet-norm-dev500_annotated.txt", "tweets-test-reference.txt"):
        cur = None
        for line in (base / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            if not line.startswith(("\t", " ")):
                cur = [texts.get(line.strip(), ""), {}, set()]
                out.append(cur)
                continue
            parts = line.strip().split(" ")
            if cur is None or len(parts) < 3:
                continue
            tok, cls, corr = parts[0], parts[1], " ".join(parts[2:])
            cur[2].add(tok)
            if cls != "0" or "_" in corr or " " in corr or not corr.isalpha() or not tok.isalpha():
                continue
            if corr[:1].isupper() or tok.lower() == corr.lower() and tok != tok.lower():
                continue            # names and case-only changes
            if re.search(r"(.)\1\1", tok) or len(tok) < 3 or len(tok) < len(corr) - 1:
                continue            # lengthening, texting abbreviations, shortenings ("to" -> "todo")
            if squeeze(tok.lower()) == squeeze(corr.lower().translate(_FOLD)) and squeeze(tok.lower()) != tok.lower():
                continue            # emphatic lengthening ("sii", "tuu")
            if damerau(tok.lower(), corr.lower()) > 2 or tok.lower() == corr.lower():
                continue
            cur[1][tok] = corr
    return out


def section_recall(shared: Path, use_hunspell: bool):
    from replylint.lexicon import Lexicon

    lex = Lexicon.load("es")
    print("\n## Non-word misspellings: recall, precision, top-1 suggestion")
    # Tweet-Norm
    tweets = tweetnorm_pairs(shared)
    errors = {}
    correct_words = []
    for text, spell, annotated in tweets:
        errors.update(spell)
        text = re.sub(r"https?://\S+|www\.\S+|[@#]\w+", " ", text)
        for tok in re.findall(r"(?<![\w'])[^\W\d_]{2,}(?![\w'])", text):
            if tok not in annotated and tok[:1].islower():
                correct_words.append(tok)
    if use_hunspell and shutil.which("hunspell"):
        rejected = set(hunspell_unknown(list(errors), None)[0])
        # a non-word is one the reference dictionary rejects too
        errors = {t: c for t, c in errors.items() if t in rejected}
    else:
        errors = {t: c for t, c in errors.items() if not lex.knows(t)}  # fallback definition
    report_set("Tweet-Norm 2013", lex, errors, correct_words, use_hunspell)
    # own list
    own = {}
    for line in (HERE / "es_common_misspellings.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        w, r = line.split("\t")
        own[w] = r
    report_set("eval/es_common_misspellings.tsv", lex, own, [], use_hunspell)


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
    misses = [(t, errors[t], lex.suggest(t)[:2]) for t in caught if t not in top1]
    print(f"  top-1 misses (first 15): {misses[:15]}")
    if correct_words:
        print(f"  correct words flagged (first 15): {sorted(set(fp))[:15]}")
    if use_hunspell and shutil.which("hunspell"):
        h = hunspell_unknown(list(errors), None)
        hfp = hunspell_unknown(correct_words, None) if correct_words else ([], 0)
        hc = len(h[0])
        hp = hc / max(hc + len(hfp[0]), 1)
        print(f"  hunspell:  recall {100 * hc / max(n, 1):.1f}%"
              + (f", precision {100 * hp:.1f}%" if correct_words else ""))


def section_speed(results, use_hunspell: bool):
    print("\n## Speed")
    code = ("import time; t=time.perf_counter(); from replylint.lexicon import Lexicon; t1=time.perf_counter();"
            "Lexicon.load('es'); t2=time.perf_counter(); Lexicon.load('en'); t3=time.perf_counter();"
            "print(f'{(t2-t1)*1000:.0f} {(t3-t2)*1000:.0f}')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.split()
    print(f"lexicon load (fresh process): es {out[0]} ms, en {out[1]} ms")
    r = results["Citibanamex replies"]
    print(f"spelling rule over the {len(r['texts'])} replies: {r['spell_time'] * 1000:.0f} ms "
          f"(rule time after parsing; includes suggestions for every finding)")
    if use_hunspell and shutil.which("hunspell"):
        t = time.perf_counter()
        subprocess.run(["hunspell", "-d", "es_ES", "-l", "-i", "utf-8"], input="\n".join(r["texts"]),
                       capture_output=True, text=True, check=False)
        print(f"hunspell -l on the same text: {(time.perf_counter() - t) * 1000:.0f} ms (no suggestions)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="directory with seeds/ and corpora/")
    ap.add_argument("--no-hunspell", action="store_true")
    a = ap.parse_args()
    use_h = not a.no_hunspell
    if use_h and not shutil.which("hunspell"):
        print("hunspell not found (apt-get install hunspell hunspell-es): Hunspell columns skipped")
        use_h = False
    shared = Path(a.shared)
    results = section_false_findings(shared, use_h)
    section_recall(shared, use_h)
    section_speed(results, use_h)


if __name__ == "__main__":
    main()
