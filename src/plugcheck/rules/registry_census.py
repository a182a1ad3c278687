"""PC429: two plugins whose imports add the same key to one of the host's registries, seen by
the harness (the contract's ``registries``): keys computed at import (``__name__``'s first part,
a class's ``name``, an entry of a module constant) that PC007, which reads constant keys only,
cannot see. Each plugin runs alone, so each side is its own process's word: a plugin can claim a
key it does not add, or hide one it adds, never another plugin's keys (docs/harness.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from plugcheck.model import Finding, Location, Phase, Related, Severity
from plugcheck.rules.base import gathered_for, rule
from plugcheck.rules.dynamic_findings import module_location
from plugcheck.rules.host_start import Observed
from plugcheck.rules.registry_keys import filled_dicts, key_subject

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

# The dicts each plugin's import fills, read from its source with its static checks (while its
# trees live): the census reads them, and the harness pass parses no plugin again for it.
gathered_for(PC429)(filled_dicts)


def clashes(
    parts: Iterable[Observed], places: Mapping[tuple[tuple[str, str], str], Location]
) -> list[tuple[Observed, Finding]]:
    """A finding for every plugin whose own import added a key another plugin's import added to
    the same registry of the same contract. Only a plugin that reported the key itself gets one:
    another plugin's claim (its own word) can name it, never put a finding on a plugin whose
    import did not add that key. Two plugins that store the same class or function, defined
    outside both (a module both import, which registers once in the host), do not clash. Each
    finding points where the plugin's source registers into that registry (``places``: by
    plugin key and registry), else at its module."""
    claims: dict[tuple[str, str, str], list[tuple[Observed, str]]] = {}
    for part in parts:
        for registry, keys in part.registry_keys.items():
            for key, origin in keys.items():
                stored = _registration(part, origin)
                claims.setdefault((part.plugin.contract, registry, key), []).append((part, stored))
    findings = []
    for (_, registry, key), claimed in claims.items():
        if len({stored for _, stored in claimed}) < 2:
            continue
        for part, stored in claimed:
            others = [c for c, theirs in claimed if theirs != stored]
            if not others:
                continue
            name, shown = part.plugin.name, registry.replace(":", ".")
            together = "both" if len(others) == 1 else "all of them"
            message = (
                f"importing {name} adds {key!r} to {shown}, and so does importing "
                f"{', '.join(c.plugin.name for c in others)} (each plugin's own process says "
                f"so): installed together, the host imports {together}, and the later "
                "registration fails or replaces the earlier one's entry"
            )
            related = [
                Related(_at(c, registry, places), f"{c.plugin.name} adds {key!r} too")
                for c in others
            ]
            finding = PC429.at(
                part.plugin,
                _at(part, registry, places),
                message,
                fix=f"register under a key of the plugin's own ('{name}-{key}')",
                related=related,
                subject=key_subject(key),
                step="import",
            )
            findings.append((part, finding))
    return findings


def _at(
    part: Observed, registry: str, places: Mapping[tuple[tuple[str, str], str], Location]
) -> Location:
    return places.get((part.plugin.key, registry)) or module_location(part.plugin)


def _registration(part: Observed, origin: str) -> str:
    """What one plugin's registration stores, as far as telling two apart goes: the class or
    function's ``module:qualname`` when it is defined outside the plugin's own modules (a
    module two plugins share registers once), else the plugin itself."""
    module = origin.partition(":")[0]
    own = part.plugin.module
    if origin and module != own and not module.startswith(f"{own}."):
        return origin
    return f"plugin {part.plugin.key}"


def registry_keys(raw: object) -> dict[str, dict[str, str]]:
    """The child's ``registry_keys`` fact as data of the expected shape (a plugin's process
    wrote it): anything else is dropped."""
    if not isinstance(raw, dict):
        return {}
    return {
        str(registry)[:300]: {
            str(k)[:200]: str(origin)[:300] for k, origin in list(keys.items())[:64]
        }
        for registry, keys in list(raw.items())[:64]
        if isinstance(registry, str) and isinstance(keys, dict)
    }
