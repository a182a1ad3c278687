"""The type-identity rules (PC351-PC354)."""

from __future__ import annotations

from plugcheck.model import (
    Applicability,
    Severity,
)
from plugcheck.rules.base import rule

PC351 = rule(
    "PC351",
    "vendored-api",
    Severity.ERROR,
    "The plugin ships its own copy of the API package, or imports the API through one.",
    autofix=Applicability.UNSAFE,
)
PC352 = rule(
    "PC352",
    "non-canonical-api-import",
    Severity.ERROR,
    "The plugin imports the API under another module name (src.api, a relative climb, an alias).",
    autofix=Applicability.UNSAFE,
)
PC353 = rule(
    "PC353",
    "import-path-hack",
    Severity.WARNING,
    "The plugin edits sys.path, loads API files by path, or reloads the API at run time.",
)
PC354 = rule(
    "PC354",
    "shadowed-api-type",
    Severity.ERROR,
    "The plugin defines its own copy of an API type the contract references, or subclasses one.",
    autofix=Applicability.UNSAFE,
)
