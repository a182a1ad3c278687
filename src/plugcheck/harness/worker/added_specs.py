"""Hookspecs other plugins add (pluggy's ``addhooks`` hook), carried between processes as data.

The setup-function worker (``_ecosystem_worker/``, which loads this file by path) checks each
pluggy plugin in a process of its own (``apart.py``), against the host's hookspecs plus those
every other plugin adds through the ``addhooks`` hook (pytest's ``pytest_addhooks``). Running the
other plugins' code in each plugin's process would let any of them rewrite that plugin's answer,
so one process (the census) imports them all and describes what each added: per hookspec its
name, its positional and keyword argument names and the options that decide a registration
(``firstresult``, ``historic``). Each plugin's process rebuilds those hookspecs as plain
functions of the same signature, and no other plugin's code runs there.

The description comes from a process that ran plugin code, so it is checked as untrusted data:
identifiers only, bounded sizes. A plugin that lies in it changes the hookspecs others are
checked against, which it can do in the host too (through its own ``addhooks``); it cannot
write any other plugin's answer.

Standard library only, no relative imports: it runs in the target interpreter.
"""

from __future__ import annotations

import keyword
import types

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_SPECS = 2000
"""Hookspecs described per plugin, at most."""
MAX_ARGS = 64
"""Arguments per hookspec, at most."""


def _hookspec_class(pluggy: Any) -> Any:
    for where in ("_hooks", "hooks"):
        found = getattr(getattr(pluggy, where, None), "HookSpec", None)
        if found is not None:
            return found
    return None


def describe(pluggy: Any, manager: Any, namespaces: list[Any]) -> list[dict[str, Any]]:
    """(census) The hookspecs ``manager`` finds in ``namespaces``, as data."""
    spec_class = _hookspec_class(pluggy)
    found: list[dict[str, Any]] = []
    for namespace in namespaces:
        for name in dir(namespace):
            try:
                opts = manager.parse_hookspec_opts(namespace, name)
                if opts is None:
                    continue
                spec = spec_class(namespace, name, opts)
                found.append(
                    {
                        "name": name,
                        "args": list(spec.argnames),
                        "kwargs": list(spec.kwargnames),
                        "firstresult": bool(opts.get("firstresult")),
                        "historic": bool(opts.get("historic")),
                    }
                )
            except Exception:
                continue
    return found


def _name(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.isidentifier()
        and not keyword.iskeyword(value)
        and len(value) <= 200
    )


def valid(data: object) -> dict[str, list[dict[str, Any]]]:
    """(worker) The census's description, keeping only well-formed hookspecs."""
    kept: dict[str, list[dict[str, Any]]] = {}
    if not isinstance(data, dict):
        return kept
    for plugin, specs in data.items():
        if not isinstance(plugin, str) or not isinstance(specs, list):
            continue
        good = []
        for spec in specs[:MAX_SPECS]:
            if not isinstance(spec, dict) or not _name(spec.get("name")):
                continue
            args, kwargs = spec.get("args"), spec.get("kwargs")
            if not isinstance(args, list) or not isinstance(kwargs, list):
                continue
            names = [*args, *kwargs]
            if len(names) > MAX_ARGS or len(set(names)) != len(names):
                continue
            if not all(_name(n) for n in names):
                continue
            good.append(
                {
                    "name": spec["name"],
                    "args": args,
                    "kwargs": kwargs,
                    "firstresult": spec.get("firstresult") is True,
                    "historic": spec.get("historic") is True,
                }
            )
        kept[plugin] = good
    return kept


def namespace(pluggy: Any, project: str, plugin: str, specs: list[dict[str, Any]]) -> Any:
    """(plugin's process) A module holding ``specs`` as hookspec functions of ``project``."""
    module = types.ModuleType(f"_plugcheck_hookspecs_added_by_{plugin}")
    marker = pluggy.HookspecMarker(project)
    for spec in specs:
        parameters = [*spec["args"], *(f"{k}=None" for k in spec["kwargs"])]
        scope: dict[str, Any] = {}
        # Only identifiers reach this text (valid() above): it defines one empty function.
        exec(f"def {spec['name']}({', '.join(parameters)}):\n    pass\n", scope)
        function = scope[spec["name"]]
        function.__module__ = module.__name__
        marked = marker(firstresult=spec["firstresult"], historic=spec["historic"])(function)
        setattr(module, spec["name"], marked)
    return module
