"""PC429: two plugins whose imports add the same key to one of the host's registries, seen by
the harness (the contract's ``registries``): keys computed at import (``__name__``'s first part,
a class's ``name``, an entry of a module constant) that PC007, which reads constant keys only,
cannot see. Each plugin runs alone, so each side is its own process's word: a plugin can claim a
key it does not add, or hide one it adds, never another plugin's keys (docs/harness.md)."""

from __future__ import annotations

from collections.abc import Iterable

from plugcheck.model import Finding, Phase, Related, Severity
from plugcheck.rules.base import rule
from plugcheck.rules.dynamic_findings import module_location
from plugcheck.rules.host_start import Observed
from plugcheck.rules.registry_keys import key_subject

PC429 = rule(
    "PC429",
    "registry-key-clash-at-import",
    Severity.ERROR,
    "Two plugins' imports add the same key to one of the host's registries (the contract's "
    "registries, seen by the harness): installed together, the host imports both, and the "
    "second one's registration fails or replaces the first one's entry.",
    phase=Phase.DYNAMIC,
    fix="register under a key of the plugin's own (its name as a prefix)",
    explained_by=("PC007",),  # the same key read from source: an error on the same plugin
)


def clashes(parts: Iterable[Observed]) -> list[tuple[Observed, Finding]]:
    """A finding for every plugin whose own import added a key another plugin's import added to
    the same registry of the same contract. Only a plugin that reported the key itself gets one:
    another plugin's claim (its own word) can name it, never put a finding on a plugin whose
    import did not add that key."""
    claims: dict[tuple[str, str, str], list[Observed]] = {}
    for part in parts:
        for registry, keys in part.registry_keys.items():
            for key in keys:
                claims.setdefault((part.plugin.contract, registry, key), []).append(part)
    findings = []
    for (_, registry, key), claimants in claims.items():
        if len({c.plugin.key for c in claimants}) < 2:
            continue
        for part in claimants:
            others = [c for c in claimants if c.plugin.key != part.plugin.key]
            name, shown = part.plugin.name, registry.replace(":", ".")
            together = "both" if len(others) == 1 else "all of them"
            message = (
                f"importing {name} adds {key!r} to {shown}, and so does importing "
                f"{', '.join(c.plugin.name for c in others)} (each plugin's own process says "
                f"so): installed together, the host imports {together}, and the later "
                "registration fails or replaces the earlier one's entry"
            )
            related = [
                Related(module_location(c.plugin), f"{c.plugin.name} adds {key!r} too")
                for c in others
            ]
            finding = PC429.at(
                part.plugin,
                module_location(part.plugin),
                message,
                fix=f"register under a key of the plugin's own ('{name}-{key}')",
                related=related,
                subject=key_subject(key),
                step="import",
            )
            findings.append((part, finding))
    return findings


def registry_keys(raw: object) -> dict[str, list[str]]:
    """The child's ``registry_keys`` fact as data of the expected shape (a plugin's process
    wrote it): anything else is dropped."""
    if not isinstance(raw, dict):
        return {}
    return {
        str(registry)[:300]: [str(k)[:200] for k in keys[:64]]
        for registry, keys in list(raw.items())[:64]
        if isinstance(registry, str) and isinstance(keys, list)
    }
