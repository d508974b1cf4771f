"""``replylint serve``: the HTTP JSON API, on an ephemeral port on 127.0.0.1 only."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import serving

from replylint.linter import Linter


@pytest.fixture(scope="module")
def base_url():
    with serving(max_bytes=20_000, max_items=5) as (host, port):
        yield f"http://{host}:{port}"


def call(url: str, payload=None, *, raw: bytes | None = None, method: str | None = None):
    data = raw if raw is not None else (None if payload is None else json.dumps(payload).encode())
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_lint_returns_the_cli_json_entry(base_url):
    status, body = call(base_url + "/lint", {"text": "Hola!! Como estas? ESTO ES URGENTE", "channel": "chat",
                                             "lang": "es"})
    assert status == 200
    assert set(body) == {"path", "channel", "lang", "findings", "fixed"}
    assert body["channel"] == "chat" and body["lang"] == "es"
    rules = {f["rule"] for f in body["findings"]}
    assert "shouting" in rules
    finding = body["findings"][0]
    assert {"rule", "severity", "message", "line", "column", "start", "end", "text", "suggestions", "fix"} <= set(finding)


def test_lint_matches_the_library(base_url):
    text = "hi there!! we will get back to you shortly"
    status, body = call(base_url + "/lint", {"text": text, "channel": "twitter", "lang": "en"})
    report = Linter().lint(text, channel="twitter", lang="en")
    assert status == 200
    assert body["findings"] == [f.to_dict() for f in report.findings]
    assert body["fixed"] == report.fixed


def test_defaults_come_from_the_config(base_url):
    status, body = call(base_url + "/lint", {"text": "Gracias por escribirnos."})
    assert status == 200 and body["channel"] == "chat" and body["lang"] == "es"


def test_batch_keeps_input_order(base_url):
    items = [{"text": "Hola!!", "lang": "es"}, {"text": "Hi!!", "lang": "en", "channel": "email"},
             {"text": "Gracias.", "lang": "es"}]
    status, body = call(base_url + "/lint/batch", {"items": items})
    assert status == 200
    assert [r["lang"] for r in body["results"]] == ["es", "en", "es"]
    assert body["results"][1]["channel"] == "email"


@pytest.mark.parametrize("payload, fragment", [
    ({"text": 3}, "text must be a string"),
    ({"channel": "chat"}, "text must be a string"),
    ({"text": "Hola", "channel": "fax"}, "unknown channel 'fax'"),
    ({"text": "Hola", "lang": "fr"}, "unknown language 'fr'"),
    ({"text": "Hola", "lang": 1}, "lang must be a string"),
    ({"text": "Hola", "colour": "red"}, "unknown field"),
    (["Hola"], "must be a JSON object"),
])
def test_bad_input_is_a_400_naming_the_problem(base_url, payload, fragment):
    status, body = call(base_url + "/lint", payload)
    assert status == 400
    assert fragment in body["error"]


def test_bad_json_is_a_400(base_url):
    status, body = call(base_url + "/lint", raw=b'{"text": ')
    assert status == 400 and "JSON" in body["error"]


def test_bad_batch_shapes(base_url):
    assert call(base_url + "/lint/batch", {"items": "Hola"})[0] == 400
    assert call(base_url + "/lint/batch", {"text": "Hola"})[0] == 400
    status, body = call(base_url + "/lint/batch", {"items": [{"text": "a"}, {"text": 1}]})
    assert status == 400 and "items[1].text" in body["error"]
    status, body = call(base_url + "/lint/batch", {"items": [{"text": "a"}] * 6})
    assert status == 413 and "too many items" in body["error"]


def test_oversized_body_is_a_413(base_url):
    status, body = call(base_url + "/lint", {"text": "a" * 30_000})
    assert status == 413 and "limit" in body["error"]


def test_unknown_paths_and_methods(base_url):
    assert call(base_url + "/nope")[0] == 404
    assert call(base_url + "/lint")[0] == 405
    assert call(base_url + "/health", {"x": 1})[0] == 405


def test_health_and_rules(base_url):
    status, body = call(base_url + "/health")
    assert status == 200 and body["status"] == "ok"
    status, rules = call(base_url + "/rules")
    assert status == 200
    ids = {r["id"] for r in rules}
    assert {"shouting", "spelling"} <= ids


def test_concurrent_requests(base_url):
    texts = [f"Hola {i}!! Gracias por escribirnos" for i in range(24)]

    def one(text):
        return call(base_url + "/lint", {"text": text, "lang": "es"})

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(one, texts))
    assert all(status == 200 for status, _ in answers)
    assert [body["findings"] for _, body in answers[:1]] == [answers[0][1]["findings"]]
    assert all(body["findings"][0]["rule"] for _, body in answers)


def test_cli_serve_stops_gracefully_on_sigterm():
    proc = subprocess.Popen([sys.executable, "-m", "replylint", "serve", "--isolated", "--host", "127.0.0.1",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert "listening on http://127.0.0.1:" in line, proc.stderr.read()
        url = line.strip().split()[-1]
        status, body = call(url + "/lint", {"text": "Hola!!", "lang": "es"})
        assert status == 200
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err
        assert "stopped" in out
    finally:
        if proc.poll() is None:
            proc.kill()
