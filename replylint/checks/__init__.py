"""Rules written in Python, one per module. Each module defines one :class:`~replylint.rule.Rule`."""
