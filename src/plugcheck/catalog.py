"""Every built-in rule, loaded: the Python rule modules (``rules/``) and the kinds' own rules
(``kinds/``). Import ``RULES`` from here wherever the whole set matters (listing rules, docs,
reporters, suppressions); ``plugcheck.rules.RULES`` alone lacks the kinds' codes until
``plugcheck.kinds`` is imported."""

from __future__ import annotations

from plugcheck.kinds import BUILTIN as KINDS
from plugcheck.rules import RULES, Rule

for _kind in KINDS:  # a run imports a kind's checks only when it has a contract of the kind
    _kind.load()

__all__ = ["KINDS", "RULES", "Rule"]
