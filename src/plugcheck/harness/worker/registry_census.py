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
_issubclass = issubclass
_class_module = type.__dict__["__module__"].__get__  # the class's own slot: no plugin code
_class_qualname = type.__dict__["__qualname__"].__get__
_function = type(lambda: None)

MAX_KEYS = 64
"""Keys taken per registry (a registry filled by a loop still shows its clash)."""
MAX_KEY = 200
"""Characters kept of a key."""


def _registry(module: str, name: str) -> dict[object, object] | None:
    """``module.name`` when it is an exact dict of a loaded module; else ``None``."""
    held = _dict_get(_modules, module)
    if _type(held) is not _module_type:
        return None
    registry = _dict_get(held.__dict__, name)
    return registry if _type(registry) is _dict else None


def _keys(module: str, name: str) -> frozenset[str] | None:
    """The ``str`` keys of ``module.name`` now; ``None`` when it is not a dict (or unreadable)."""
    try:
        registry = _registry(module, name)
        if registry is None:
            return None
        return frozenset(k for k in _list(_dict_keys(registry)) if _type(k) is _str)
    except BaseException:  # a registry changed while read (a thread of the plugin's): unread
        return None


def _origin(value: object) -> str:
    """``module:qualname`` of a class or function stored in a registry (read from their own
    slots, never through the plugin's ``__getattr__``): two plugins that import one shared
    module registering once report the same; ``""`` for anything else."""
    try:
        if _issubclass(_type(value), _type):
            module, name = _class_module(value), _class_qualname(value)
        elif _type(value) is _function:
            module, name = value.__module__, value.__qualname__
        else:
            return ""
    except BaseException:
        return ""
    return f"{module}:{name}"[:MAX_KEY] if _type(module) is _str and _type(name) is _str else ""


def before(registries: list[list[str]]) -> dict[str, frozenset[str] | None]:
    """Each registry's keys before the plugin's import (``module:NAME`` -> keys)."""
    return {f"{m}:{n}": _keys(m, n) for m, n in registries}


def added(taken: dict[str, frozenset[str] | None]) -> dict[str, dict[str, str]]:
    """The keys each registry holds now and did not before the import (at most ``MAX_KEYS``
    each, sorted), each with where its value was defined (:func:`_origin`); registries the
    import added nothing to are left out."""
    found: dict[str, dict[str, str]] = {}
    for ref, earlier in taken.items():
        module, _, name = ref.partition(":")
        now = _keys(module, name)
        if now is None or earlier is None:  # not there before (a preload left to the child):
            continue  # what the host's own import put there cannot be told from the plugin's
        new = sorted(now - earlier)[:MAX_KEYS]
        registry = _registry(module, name) if new else None
        if registry is not None:
            found[ref] = {k[:MAX_KEY]: _origin(_dict_get(registry, k)) for k in new}
    return found


def report(ok: bool, taken: dict[str, frozenset[str] | None], facts: ImportFacts) -> None:
    """The import step's facts gain what it added (``registry_keys``), when it succeeded."""
    found = added(taken) if ok else {}
    if found:
        facts["registry_keys"] = found
