"""Call ``replylint serve`` from any Python (standard library only).

    replylint serve &                       # http://127.0.0.1:8787
    python examples/serve_client.py "Hola!! Tu pedido llegara pronto" --channel twitter
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request


def lint(text: str, channel: str = "chat", lang: str = "es", url: str = "http://127.0.0.1:8787") -> dict:
    body = json.dumps({"text": text, "channel": channel, "lang": lang}).encode("utf-8")
    request = urllib.request.Request(url + "/lint", data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:  # 4xx: the service says what is wrong
        raise SystemExit(f"replylint serve: {exc.code}: {json.load(exc).get('error')}") from None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text")
    parser.add_argument("--channel", default="chat")
    parser.add_argument("--lang", default="es")
    parser.add_argument("--url", default="http://127.0.0.1:8787")
    args = parser.parse_args()
    result = lint(args.text, args.channel, args.lang, args.url)
    for finding in result["findings"]:
        print(f"{finding['line']}:{finding['column']} {finding['severity']:<7} {finding['rule']}: {finding['message']}")
    if result["fixed"] != args.text:
        print(f"fixed: {result['fixed']}")
    return 1 if result["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
