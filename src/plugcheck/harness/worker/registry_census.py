"""(child) The keys a plugin's import adds to the host's registries (the contract's
``registries``: dicts at the top of the host's modules, which the server preloads): read before
and after the import step, in the plugin's own process, so they are that plugin's own word
(docs/harness.md). plugcheck compares them across plugins (PC429): two plugins whose imports
add one key clash in the host, which imports both into one process.

Only ``str`` keys of exact ``dict`` objects are read, through ``dict``'s own methods taken
before any plugin ran: a key or a registry of the plugin's own class could run its code here."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from plugcheck.harness.protocol import ImportFacts

_modules = sys.modules
_module_type = type(sys)
_dict = dict
_dict_keys = dict.keys
_dict_get = dict.get
_type = type
_str = str
_list = list

MAX_KEYS = 64
"""Keys taken per registry (a registry filled by a loop still shows its clash)."""
MAX_KEY = 200
"""Characters kept of a key."""


def _keys(module: str, name: str) -> frozenset[str] | None:
    """The ``str`` keys of ``module.name`` now; ``None`` when it is not a dict (or unreadable)."""
    try:
        held = _dict_get(_modules, module)
        if _type(held) is not _module_type:
            return None
        registry = _dict_get(held.__dict__, name)
        if _type(registry) is not _dict:
            return None
        return frozenset(k for k in _list(_dict_keys(registry)) if _type(k) is _str)
    except BaseException:  # a registry changed while read (a thread of the plugin's): unread
        return None


def before(registries: list[list[str]]) -> dict[str, frozenset[str] | None]:
    """Each registry's keys before the plugin's import (``module:NAME`` -> keys)."""
    return {f"{m}:{n}": _keys(m, n) for m, n in registries}


def added(taken: dict[str, frozenset[str] | None]) -> dict[str, list[str]]:
    """The keys each registry holds now and did not before the import (at most ``MAX_KEYS``
    each, sorted); registries the import added nothing to are left out."""
    found: dict[str, list[str]] = {}
    for ref, earlier in taken.items():
        module, _, name = ref.partition(":")
        now = _keys(module, name)
        if now is None or earlier is None:  # not there before (a preload left to the child):
            continue  # what the host's own import put there cannot be told from the plugin's
        new = sorted(now - earlier)[:MAX_KEYS]
        if new:
            found[ref] = [k[:MAX_KEY] for k in new]
    return found


def report(ok: bool, taken: dict[str, frozenset[str] | None], facts: ImportFacts) -> None:
    """The import step's facts gain what it added (``registry_keys``), when it succeeded."""
    found = added(taken) if ok else {}
    if found:
        facts["registry_keys"] = found
