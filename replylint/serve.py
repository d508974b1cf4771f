"""``replylint serve``: a small HTTP JSON API for helpdesks and editors, on localhost.

Endpoints (documented in ``docs/openapi.yaml``):

* ``POST /lint`` with ``{"text": str, "channel": str?, "lang": "es"|"en"|"auto"?}``: the
  result entry of ``replylint check --format json`` for that draft
  (``{"path", "channel", "lang", "findings": [...]}``) plus ``"fixed"``, the draft with the safe
  fixes applied.
* ``POST /lint/batch`` with ``{"items": [{"text", "channel"?, "lang"?}, ...]}``:
  ``{"results": [...]}`` in input order; drafts sharing a channel and language go through the
  pipeline together.
* ``GET /health``: ``{"status": "ok", "version", "languages"}``.
* ``GET /rules``: the rules, as ``replylint rules --format json``.

Bad input gets a 4xx with ``{"error": "..."}``: 400 for a body that is not JSON or has the
wrong shape or types, an unknown channel or language; 411 without ``Content-Length``; 413 for
a body over ``max_bytes`` or a batch over ``max_items``; 404/405 for other paths and methods.
Requests are served on threads; the linting itself runs one draft batch at a time (the linter
is shared). SIGINT and SIGTERM stop accepting connections, let running requests finish, and exit.

Memory stays flat across requests: every rule, matcher and pipeline is built by :meth:`warm`
before the first request, and each request lints inside a spaCy memory zone, so the strings
and lexemes its drafts add to the shared vocabulary (names, order numbers, typos: new with
nearly every draft) are freed when it ends instead of accumulating for the life of the server.
The response is built in the zone too (``report.fixed`` is worked out on first use).
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from . import __version__
from .errors import ReplylintError
from .formatters.json import _result
from .linter import Linter

LANGS = ("es", "en", "auto")
DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_ITEMS = 1_000
_WARM_DRAFT = {  # touches most rules: greeting, question, exclamation, caps, a URL, an e-mail address
    "es": "Hola, gracias por escribir!! ¿Le ayudo en algo más? ESCRIBA a soporte@example.com o https://example.com",
    "en": "Hi, thanks for writing!! Can I help with anything else? WRITE to support@example.com or https://example.com",
}


class BadRequest(Exception):
    def __init__(self, message: str, status: int = HTTPStatus.BAD_REQUEST) -> None:
        super().__init__(message)
        self.status = status


class LintService:
    """The request logic, independent of HTTP (and testable without a socket)."""

    def __init__(self, linter: Linter, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_items: int = DEFAULT_MAX_ITEMS) -> None:
        self.linter = linter
        self.max_bytes = max_bytes
        self.max_items = max_items
        self._lock = threading.Lock()

    def warm(self, langs=("es", "en")) -> None:
        """Load the pipelines, and build the rules, matchers and lexicons of every channel and
        language, before the first request (so that nothing lasting is made in a memory zone)."""
        with self._lock:
            for lang in langs:
                for channel in self.linter.channels:
                    self.linter.lint(_WARM_DRAFT[lang], channel=channel, lang=lang).fixed

    def _zoned(self, work):
        """``work()`` alone (the linter is shared) and in a memory zone."""
        with self._lock, self._memory_zone():
            return work()

    def _memory_zone(self) -> contextlib.ExitStack:
        """One spaCy memory zone per loaded pipeline (none with a spaCy that lacks them)."""
        stack = contextlib.ExitStack()
        for pipeline in list(self.linter._pipelines.values()):
            zone = getattr(pipeline.nlp, "memory_zone", None)
            if zone is not None:
                stack.enter_context(zone())
        return stack

    # -- validation ---------------------------------------------------------------------------
    def _item(self, raw: Any, where: str) -> tuple[str, str, str]:
        if not isinstance(raw, dict):
            raise BadRequest(f"{where} must be a JSON object")
        unknown = set(raw) - {"text", "channel", "lang"}
        if unknown:
            raise BadRequest(f"{where}: unknown field(s): {', '.join(sorted(unknown))}")
        text = raw.get("text")
        if not isinstance(text, str):
            raise BadRequest(f"{where}.text must be a string")
        channel = raw.get("channel", self.linter.config.channel)
        if not isinstance(channel, str):
            raise BadRequest(f"{where}.channel must be a string")
        if channel not in self.linter.channels:
            raise BadRequest(f"{where}.channel: unknown channel {channel!r} (known: {', '.join(self.linter.channels)})")
        lang = raw.get("lang", self.linter.config.lang)
        if not isinstance(lang, str):
            raise BadRequest(f"{where}.lang must be a string")
        if lang not in LANGS:
            raise BadRequest(f"{where}.lang: unknown language {lang!r} (known: {', '.join(LANGS)})")
        return text, channel, lang

    # -- endpoints ----------------------------------------------------------------------------
    def lint(self, payload: Any) -> dict:
        text, channel, lang = self._item(payload, "body")
        return self._zoned(lambda: self._entry(self.linter.lint(text, channel=channel, lang=lang)))

    def lint_batch(self, payload: Any) -> dict:
        if not isinstance(payload, dict) or set(payload) != {"items"}:
            raise BadRequest('body must be {"items": [...]}')
        items = payload["items"]
        if not isinstance(items, list):
            raise BadRequest("items must be a list")
        if len(items) > self.max_items:
            raise BadRequest(f"too many items: {len(items)} (at most {self.max_items})",
                             HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        parsed = [self._item(raw, f"items[{i}]") for i, raw in enumerate(items)]
        groups: dict[tuple[str, str], list[int]] = {}
        for index, (_, channel, lang) in enumerate(parsed):
            groups.setdefault((channel, lang), []).append(index)
        results: list[dict | None] = [None] * len(parsed)
        def work() -> None:
            for (channel, lang), indices in groups.items():
                reports = self.linter.lint_many([parsed[i][0] for i in indices], channel=channel, lang=lang)
                for index, report in zip(indices, reports):
                    results[index] = self._entry(report)

        self._zoned(work)
        return {"results": results}

    def health(self) -> dict:
        return {"status": "ok", "version": __version__, "languages": sorted(self.linter._pipelines)}

    def rules(self) -> list[dict]:
        from .cli import _rule_json
        from .registry import describe

        return [_rule_json(info) for info in describe(self.linter.registry)]

    @staticmethod
    def _entry(report) -> dict:
        entry = _result(("<text>", report))
        entry["fixed"] = report.fixed
        return entry


class _Handler(BaseHTTPRequestHandler):
    server_version = f"replylint/{__version__}"
    protocol_version = "HTTP/1.1"
    service: LintService  # set on the subclass made by make_server
    quiet = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if not self.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, payload: Any) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if status >= 400:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, {"error": message})

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        if path == "/health":
            self._send(HTTPStatus.OK, self.service.health())
        elif path == "/rules":
            self._send(HTTPStatus.OK, self.service.rules())
        elif path in ("/lint", "/lint/batch"):
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, f"use POST for {path}")
        else:
            self._error(HTTPStatus.NOT_FOUND, f"no such endpoint: {path}")

    def do_POST(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        routes = {"/lint": self.service.lint, "/lint/batch": self.service.lint_batch}
        if path not in routes:
            if path in ("/health", "/rules"):
                self._error(HTTPStatus.METHOD_NOT_ALLOWED, f"use GET for {path}")
            else:
                self._error(HTTPStatus.NOT_FOUND, f"no such endpoint: {path}")
            return
        length = self.headers.get("Content-Length")
        if length is None:
            self._error(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
            return
        try:
            size = int(length)
            if size < 0:
                raise ValueError
        except ValueError:
            self._error(HTTPStatus.BAD_REQUEST, "invalid Content-Length")
            return
        if size > self.service.max_bytes:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"request body of {size} bytes is over the limit of {self.service.max_bytes}")
            return
        raw = self.rfile.read(size)
        try:
            payload = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:  # RecursionError: nested too deep
            self._error(HTTPStatus.BAD_REQUEST, f"body is not valid UTF-8 JSON: {exc}")
            return
        try:
            result = routes[path](payload)
        except BadRequest as exc:
            self._error(exc.status, str(exc))
            return
        except ReplylintError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
            return
        except Exception as exc:  # a bug: say so without killing the server
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(exc).__name__}: {exc}")
            return
        self._send(HTTPStatus.OK, result)


class LintServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default of 5 resets connections under a burst of clients
    block_on_close = True  # server_close() waits for running requests

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the client went away before its answer: nothing to report
        super().handle_error(request, client_address)


def make_server(service: LintService, host: str = "127.0.0.1", port: int = 8787,
                quiet: bool = True) -> LintServer:
    handler = type("Handler", (_Handler,), {"service": service, "quiet": quiet})
    return LintServer((host, port), handler)


def serve(service: LintService, host: str = "127.0.0.1", port: int = 8787, quiet: bool = True,
          out=sys.stdout) -> None:
    """Serve until SIGINT or SIGTERM; running requests finish before this returns."""
    server = make_server(service, host, port, quiet)
    bound_host, bound_port = server.server_address[:2]
    stopping = threading.Event()

    def stop(signum, frame) -> None:
        if not stopping.is_set():
            stopping.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, stop)
    print(f"replylint serve: listening on http://{bound_host}:{bound_port}", file=out, flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("replylint serve: stopped", file=out, flush=True)
