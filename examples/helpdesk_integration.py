"""Check an agent's draft before it is sent, the way helpdesk code would.

Run: python examples/helpdesk_integration.py
"""

from replylint import Linter, Severity

# One linter for the whole process: pipelines and dictionaries load once.
linter = Linter(lang="es", channel="chat", vocabulary=["Citibanamex", "Banamex"], acronyms=["SPEI"])

OUTBOX = [
    ("twitter", "@cliente Hola, tu aclaración quedará lista pronto!!"),
    ("sms", "Tu tarjeta Citibanamex ya está activa. Cualquier duda, llámanos."),
    ("email", "Hola {{nombre}}, recibimos tu solicitud."),
    ("chat", "Hola, con gusto te ayudo. ¿Qué ocurrió con tu transferencia SPEI?"),
]


def review(channel: str, draft: str) -> bool:
    """Print the findings; return True when the draft may be sent as is."""
    report = linter.lint(draft, channel=channel)
    blocking = [f for f in report.findings if f.severity == Severity.ERROR]
    print(f"[{channel}] {draft}")
    for f in report.findings:
        hint = f" -> {f.suggestions[0]}" if f.suggestions else ""
        print(f"   {f.severity.value:<7} {f.rule:<20} {f.message}{hint}")
    if report.fixed != draft:
        print(f"   safe fixes give: {report.fixed}")
    return not blocking


if __name__ == "__main__":
    for channel, draft in OUTBOX:
        verdict = "ok to send" if review(channel, draft) else "blocked"
        print(f"   => {verdict}\n")
