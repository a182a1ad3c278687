"""The rule registry: every built-in rule module registers its rules on import."""

from __future__ import annotations

from plugcheck.rules import dynamic as dynamic
from plugcheck.rules import (
    exec_,
    exports,
    factory,
    general,
    goplugin,
    import_time,
    installed,
    meta,
    wasm,
)
from plugcheck.rules import host_api as host_api
from plugcheck.rules import identity as identity
from plugcheck.rules import native as native
from plugcheck.rules import native_go as native_go
from plugcheck.rules import pinning as pinning
from plugcheck.rules import pluggy as pluggy
from plugcheck.rules import signatures as signatures
from plugcheck.rules import subclass as subclass
from plugcheck.rules import unchecked as unchecked
from plugcheck.rules.base import CHECKS, RULES, Check, Context, Rule, is_selected, rule

__all__ = [
    "CHECKS",
    "RULES",
    "Check",
    "Context",
    "Rule",
    "exec_",
    "exports",
    "factory",
    "general",
    "goplugin",
    "import_time",
    "installed",
    "is_selected",
    "meta",
    "rule",
    "wasm",
]
