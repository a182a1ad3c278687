"""PC9xx: meta rules about plugcheck's own suppressions."""

from __future__ import annotations

import re

from plugcheck import config as _config
from plugcheck.model import Severity
from plugcheck.rules.base import rule

PC901 = rule(
    "PC901",
    "unused-suppression",
    Severity.INFO,
    "A `# plugcheck: ignore[...]` comment or a `per-plugin-ignores` entry silences nothing.",
)

PER_PLUGIN_IGNORES = "per-plugin-ignores"
_CODE = re.compile(r"PC\d{0,3}\Z")


def _check_per_plugin_ignores(value: object) -> str | None:
    if not isinstance(value, dict):
        return 'must be a table: plugin-name = ["PCnnn", ...]'
    for plugin, codes in value.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            return f"{plugin}: must be a list of rule codes or prefixes, got {codes!r}"
        bad = [c for c in codes if not _CODE.match(c)]
        if bad:
            listed = ", ".join(map(repr, bad))
            return f"{plugin}: {listed} is not a rule code or prefix (PC1, PC101)"
    return None


_config.EXTRA_CONTRACT_KEYS[PER_PLUGIN_IGNORES] = _check_per_plugin_ignores
