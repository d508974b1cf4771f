"""Memory soak of ``replylint serve``: resident memory across many requests.

    python bench/serve_soak.py                         # 100,000 requests, 4 client threads
    python bench/serve_soak.py --requests 5000         # a short run
    python bench/serve_soak.py --json soak.json        # also write the figures

Starts ``replylint serve --isolated`` on 127.0.0.1 with a free port, then sends ``--requests``
requests from ``--threads`` client threads (standard library only, keep-alive connections):

* about 78% ``POST /lint`` with generated drafts in Spanish and English on every channel, each
  with fresh names, order numbers, URLs, e-mail addresses, misspellings and emoji, so that the
  server keeps seeing strings it has not seen before (as it does in real use);
* about 10% ``POST /lint/batch`` with 2 to 8 such drafts;
* about 10% bad requests that must get a 4xx (not JSON, wrong types, unknown channel or
  language, unknown path, a batch over the item limit);
* about 2% ``GET /health``.

The server's resident memory (``VmRSS`` in ``/proc/<pid>/status``) is sampled after warm-up and
at each checkpoint (by default after 1k, 10k, 25k, 50k, 75k and 100k requests, scaled down for
shorter runs). The table shows RSS, elapsed time and throughput at each checkpoint; the growth is
measured from the first checkpoint at or after ``--warmup`` requests to the last one, and the
verdict line says ``stable`` when it stays under ``--max-growth-mb`` (else ``GROWING``). Any
unexpected status (a 5xx, a 4xx for a good request, a 2xx for a bad one) is counted and fails
the verdict. Exit code 0 when stable, 1 otherwise. Linux only (it reads ``/proc``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CHECKPOINTS = (1_000, 10_000, 25_000, 50_000, 75_000, 100_000)
CHANNELS = ("chat", "email", "sms", "twitter", "whatsapp")

_ES = (
    "Hola {name}, gracias por escribirnos. Tu pedido {order} ya salió y llega el {day}.",
    "Estimado {name}: revisamos el caso {order} y el reembolso se procesara en breve!! Saludos.",
    "HOLA {name} NO PODEMOS AYUDARTE CON ESO 😀😀😀 escribe a {email}",
    "Buenas {name}, puedes seguir tu envío aquí: {url} . Cualquier duda nos dices {emoji}",
    "{name}, lamentamos la demora con {order}; te contactamos mañana sin falta. {word}",
    "Hola {{{{ ticket.requester.first_name }}}}, tu número de caso es {order}. ¿Te podemos ayudar en algo más?",
    "Que tal {name} como estas? el {word} del pedido {order} esta listo",
)
_EN = (
    "Hi {name}, thanks for reaching out. Your order {order} shipped and arrives on {day}.",
    "Dear {name}, we reviewed case {order} and your refund will be processed shortly!! Best.",
    "HELLO {name} WE CANNOT HELP WITH THAT 😀😀😀 write to {email}",
    "Hey {name}, you can track your parcel here: {url} . Let us know if anything else {emoji}",
    "{name}, sorry for the delay with {order}; we will contact you tomorrow. {word}",
    "Hi {{{{ ticket.requester.first_name }}}}, your case number is {order}. Anything else we can do?",
    "hi {name} how r u? the {word} for order {order} is ready",
)
_WORDS = {
    "es": ("pedido", "reembolso", "factura", "garantía", "envío", "devolución", "tarjeta", "cuenta"),
    "en": ("order", "refund", "invoice", "warranty", "shipment", "return", "card", "account"),
}
_NAMES = ("Ana", "Luis", "María", "José", "Sofía", "Pedro", "Emma", "Liam", "Olivia", "Noah")
_EMOJI = ("😀", "🙏", "👍", "🎉", "❤️", "🚚", "")


def _misspell(rng: random.Random, word: str) -> str:
    """A fresh typo: swap, drop or double a letter."""
    i = rng.randrange(len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def draft(rng: random.Random, lang: str) -> str:
    """A generated reply with fresh names, numbers, URLs and typos."""
    template = rng.choice(_ES if lang == "es" else _EN)
    name = rng.choice(_NAMES) + ("" if rng.random() < 0.5 else f"{rng.choice('ABCDEFGHJKLMNPRSTVWZ')}"
                                 f"{rng.choice('aeiou')}{rng.choice('lnrstz')}{rng.randrange(100)}")
    word = rng.choice(_WORDS[lang])
    return template.format(
        name=name,
        order=f"#{rng.randrange(10 ** 9):09d}",
        day=f"{rng.randrange(1, 29)}/{rng.randrange(1, 13)}",
        email=f"soporte{rng.randrange(10 ** 6)}@example.com",
        url=f"https://example.com/track/{rng.randrange(16 ** 10):x}?ref={rng.randrange(10 ** 6)}",
        emoji=rng.choice(_EMOJI),
        word=_misspell(rng, word) if rng.random() < 0.7 else word,
    )


def _item(rng: random.Random) -> dict:
    lang = rng.choice(("es", "en"))
    item = {"text": draft(rng, lang), "channel": rng.choice(CHANNELS), "lang": lang}
    if rng.random() < 0.05:
        item["lang"] = "auto"
    return item


_BAD = (
    ("POST", "/lint", b"{not json"),
    ("POST", "/lint", b"\xff\xfe\x00"),
    ("POST", "/lint", json.dumps({"text": 5}).encode()),
    ("POST", "/lint", json.dumps({"text": "hola", "channel": "fax"}).encode()),
    ("POST", "/lint", json.dumps({"text": "hola", "lang": "fr"}).encode()),
    ("POST", "/lint", json.dumps({"text": "hola", "extra": 1}).encode()),
    ("POST", "/lint/batch", json.dumps({"items": "x"}).encode()),
    ("POST", "/lint/batch", json.dumps({"items": [{"text": "a"}] * 1001}).encode()),
    ("POST", "/nowhere", b"{}"),
    ("GET", "/lint", None),
)


def request_for(rng: random.Random) -> tuple[str, str, bytes | None, bool]:
    """(method, path, body, expected to succeed) for one request of the mix."""
    roll = rng.random()
    if roll < 0.78:
        return "POST", "/lint", json.dumps(_item(rng)).encode(), True
    if roll < 0.88:
        items = [_item(rng) for _ in range(rng.randrange(2, 9))]
        return "POST", "/lint/batch", json.dumps({"items": items}).encode(), True
    if roll < 0.98:
        method, path, body = rng.choice(_BAD)
        return method, path, body, False
    return "GET", "/health", None, True


def rss_kb(pid: int) -> int:
    """Resident set size of ``pid`` in kB (``VmRSS``)."""
    return _status_field(pid, "VmRSS")


def _status_field(pid: int, name: str) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {name} for process {pid}")


def start_server(extra_args=()) -> tuple[subprocess.Popen, str, int]:
    cmd = [sys.executable, "-m", "replylint", "serve", "--host", "127.0.0.1", "--port", "0", "--isolated",
           *extra_args]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # "replylint serve: listening on http://127.0.0.1:PORT"
    if "http://" not in line:
        proc.kill()
        raise RuntimeError(f"serve did not start: {line!r} {proc.stderr.read()[:500]!r}")
    host, port = line.strip().rsplit("/", 1)[-1].rsplit(":", 1)
    return proc, host, int(port)


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Soak:
    """Sends the requests from client threads and samples RSS at the checkpoints."""

    def __init__(self, pid: int, host: str, port: int, total: int, checkpoints, threads: int, seed: int) -> None:
        self.pid, self.host, self.port = pid, host, port
        self.total = total
        self.checkpoints = sorted(c for c in set(checkpoints) if 0 < c <= total)
        self.threads = threads
        self.seed = seed
        self.lock = threading.Lock()
        self.issued = 0
        self.done = 0
        self.statuses: dict[int, int] = {}
        self.unexpected: list[str] = []
        self.samples: list[dict] = []
        self.started = 0.0

    def _next(self) -> int | None:
        with self.lock:
            if self.issued >= self.total:
                return None
            self.issued += 1
            return self.issued

    def _finished(self, status: int, ok_expected: bool, path: str, body: bytes) -> None:
        good = 200 <= status < 300
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status >= 500 or good != ok_expected:
                if len(self.unexpected) < 20:
                    self.unexpected.append(f"{path}: {status} {body[:300].decode('utf-8', 'replace')}")
                else:
                    self.unexpected.append("")
            self.done += 1
            if self.checkpoints and self.done == self.checkpoints[0]:
                self.checkpoints.pop(0)
                self._sample(self.done)

    def _sample(self, done: int) -> None:
        elapsed = time.monotonic() - self.started
        self.samples.append({"requests": done, "rss_mb": round(rss_kb(self.pid) / 1024, 1),
                             "elapsed_s": round(elapsed, 1),
                             "requests_per_s": round(done / elapsed, 1) if elapsed else None})

    def _client(self, index: int) -> None:
        rng = random.Random(self.seed * 1000 + index)
        conn = None
        while self._next() is not None:
            method, path, body, ok_expected = request_for(rng)
            for attempt in range(3):
                if conn is None:
                    conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                try:
                    headers = {"Content-Type": "application/json"} if body is not None else {}
                    conn.request(method, path, body=body, headers=headers)
                    response = conn.getresponse()
                    answer = response.read()
                    status = response.status
                    if response.getheader("Connection", "").lower() == "close":
                        conn.close()
                        conn = None
                    break
                except (ConnectionError, http.client.HTTPException, TimeoutError):
                    # the server may close a connection after an error reply: open a new one
                    if conn is not None:
                        conn.close()
                    conn = None
                    if attempt == 2:
                        raise
            self._finished(status, ok_expected, path, answer)
        if conn is not None:
            conn.close()

    def run(self) -> None:
        self.started = time.monotonic()
        errors: list[BaseException] = []

        def guarded(index: int) -> None:
            try:
                self._client(index)
            except BaseException as exc:  # reported, and the verdict fails
                errors.append(exc)

        workers = [threading.Thread(target=guarded, args=(i,), daemon=True) for i in range(self.threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        if errors:
            raise RuntimeError(f"client failed: {errors[0]!r}")


def scaled_checkpoints(total: int) -> list[int]:
    if total >= DEFAULT_CHECKPOINTS[-1]:
        return [c for c in DEFAULT_CHECKPOINTS if c <= total] + ([total] if total not in DEFAULT_CHECKPOINTS else [])
    return sorted({max(1, round(total * c / DEFAULT_CHECKPOINTS[-1])) for c in DEFAULT_CHECKPOINTS})


def soak(total: int, threads: int = 4, checkpoints=None, warmup: int | None = None, seed: int = 0,
         max_growth_mb: float = 25.0) -> dict:
    """Run the soak and return the figures (see the module docstring)."""
    checkpoints = list(checkpoints or scaled_checkpoints(total))
    warmup = warmup if warmup is not None else checkpoints[min(1, len(checkpoints) - 1)]
    proc, host, port = start_server()
    try:
        started_rss = rss_kb(proc.pid) / 1024
        runner = Soak(proc.pid, host, port, total, checkpoints, threads, seed)
        runner.run()
        peak = _status_field(proc.pid, "VmHWM") / 1024
        alive = proc.poll() is None
    finally:
        stop_server(proc)
    samples = runner.samples
    after = [s for s in samples if s["requests"] >= warmup] or samples[-1:]
    growth = after[-1]["rss_mb"] - after[0]["rss_mb"]
    stable = growth <= max_growth_mb and not runner.unexpected and alive
    return {
        "requests": total, "threads": threads, "seed": seed, "warmup": warmup,
        "rss_after_start_mb": round(started_rss, 1), "peak_rss_mb": round(peak, 1),
        "samples": samples,
        "growth_from": after[0]["requests"], "growth_to": after[-1]["requests"],
        "growth_mb": round(growth, 1),
        "growth_per_10k_mb": round(10_000 * growth / max(1, after[-1]["requests"] - after[0]["requests"]), 2),
        "statuses": {str(k): v for k, v in sorted(runner.statuses.items())},
        "unexpected": len(runner.unexpected), "unexpected_examples": [u for u in runner.unexpected if u][:10],
        "max_growth_mb": max_growth_mb, "verdict": "stable" if stable else "GROWING" if growth > max_growth_mb
        else "FAILED",
    }


def print_table(figures: dict) -> None:
    print(f"replylint serve soak: {figures['requests']:,} requests, {figures['threads']} client threads "
          f"(seed {figures['seed']})")
    print(f"RSS after start-up and warm-up: {figures['rss_after_start_mb']:.1f} MB")
    print(f"{'requests':>10}  {'RSS MB':>8}  {'elapsed s':>9}  {'req/s':>7}")
    for s in figures["samples"]:
        print(f"{s['requests']:>10,}  {s['rss_mb']:>8.1f}  {s['elapsed_s']:>9.1f}  {s['requests_per_s'] or 0:>7.1f}")
    print(f"peak RSS: {figures['peak_rss_mb']:.1f} MB; statuses: "
          + ", ".join(f"{k}: {v:,}" for k, v in figures["statuses"].items()))
    print(f"growth from {figures['growth_from']:,} to {figures['growth_to']:,} requests: "
          f"{figures['growth_mb']:+.1f} MB ({figures['growth_per_10k_mb']:+.2f} MB per 10k requests)")
    if figures["unexpected"]:
        print(f"unexpected statuses: {figures['unexpected']} (e.g. {', '.join(figures['unexpected_examples'])})")
    print(f"verdict: {figures['verdict']} (bound {figures['max_growth_mb']:.0f} MB after warm-up)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100_000, help="requests to send (default 100000)")
    parser.add_argument("--threads", type=int, default=4, help="concurrent client threads (default 4)")
    parser.add_argument("--checkpoints", help="comma-separated request counts at which RSS is sampled")
    parser.add_argument("--warmup", type=int, help="requests before growth is measured (default: the "
                                                   "second checkpoint)")
    parser.add_argument("--max-growth-mb", type=float, default=25.0,
                        help="growth after warm-up the verdict accepts (default 25 MB)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", dest="json_out", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not os.path.exists("/proc/self/status"):
        parser.error("needs Linux /proc to read the server's memory")
    checkpoints = [int(c) for c in args.checkpoints.split(",")] if args.checkpoints else None
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))  # stop the server on the way out
    figures = soak(args.requests, args.threads, checkpoints, args.warmup, args.seed, args.max_growth_mb)
    print_table(figures)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if figures["verdict"] == "stable" else 1


if __name__ == "__main__":
    sys.exit(main())
