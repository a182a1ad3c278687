"""The judge for pluggy cases: real pluggy on one plugin, run as a script in a subprocess.

``python pluggy_oracle.py PROJECT HOOKSPECS REF [SYS_PATH...]`` prints one word (each hook is
called with the contract's stand-ins, given as JSON in ``PLUGGY_ORACLE_STAND_INS``, and
``None`` for an argument without one; as many times as ``PLUGGY_ORACLE_CALLS``, the contract's
``calls``, and its samples say, in rounds):
``rejected`` (``register`` or ``check_pending`` raised), ``broken`` (registered, but one call
of a hook it implements raised or handed back an unawaited coroutine or an unrun generator),
``ok``, or ``import-error``. A host package with a ``main`` module has its ``run(manager)``
called last: the host's own hook calls, also of hooks without a hookspec.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import os
import sys
import warnings


def load(ref: str) -> object:
    module, _, attr = ref.partition(":")
    obj: object = importlib.import_module(module)
    for part in filter(None, attr.split(".")):
        obj = getattr(obj, part)
    return obj


def verdict(project: str, hookspecs: str, ref: str) -> str:
    import pluggy

    _keep_makers()  # the host's own, before the plugin's import can rewrite them
    try:
        plugin = load(ref)
        specs = load(hookspecs)
    except Exception:
        return "import-error"
    manager = pluggy.PluginManager(project)
    manager.add_hookspecs(specs)
    try:
        manager.register(plugin, "plugin")
        manager.check_pending()
    except Exception:
        return "rejected"
    callers = [c for c in manager.get_hookcallers(plugin) or [] if c.spec is not None]
    times = {c.name: 1 if c.is_historic() else _times(c) for c in callers}
    for round_ in range(max(times.values(), default=0)):  # as a host handling item after item
        for caller in callers:
            if round_ >= times[caller.name]:
                continue
            names = (*caller.spec.argnames, *caller.spec.kwargnames)
            try:  # a plugin that rewrote a stand-in's maker: its code fails the host's call
                kwargs = {name: stand_in(name, round_) for name in names}
                if caller.is_historic():
                    results: list[object] = []
                    caller.call_historic(results.append, kwargs=kwargs)
                else:
                    found = caller(**kwargs)
                    results = found if isinstance(found, list) else [found]
            except (Exception, SystemExit):  # sys.exit() in a hook ends the host: broken
                return "broken"
            for result in results:
                if inspect.isgenerator(result) and _iterates(caller.spec.function):
                    try:  # a host whose hookspec returns an iterator iterates each result
                        list(result)
                    except (Exception, SystemExit):
                        return "broken"
                    continue
                if inspect.iscoroutine(result) or inspect.isgenerator(result):
                    result.close()
                    return "broken"
    host_main = hookspecs.split(".")[0] + ".main"
    if importlib.util.find_spec(host_main) is not None:
        try:  # the host's own calls, also of hooks without a hookspec
            load(host_main).run(manager)  # type: ignore[attr-defined]
        except (Exception, SystemExit):
            return "broken"
    return "ok"


def _iterates(spec: object) -> bool:
    """The hookspec is annotated ``-> Iterator[...]`` (``Iterable``, ``Generator``)."""
    returns = str(getattr(spec, "__annotations__", {}).get("return", ""))
    return any(word in returns for word in ("Iterator", "Iterable", "Generator"))


def _times(caller: object) -> int:
    """How many times the host calls a hook that is not historic: the contract's ``calls``
    (``PLUGGY_ORACLE_CALLS``, a number or a table), at least once per sample of an argument."""
    calls = json.loads(os.environ.get("PLUGGY_ORACLE_CALLS", "1"))
    name = getattr(caller, "name", "")
    wanted = calls.get(name, 1) if isinstance(calls, dict) else calls
    given = json.loads(os.environ.get("PLUGGY_ORACLE_STAND_INS", "{}"))
    spec = getattr(caller, "spec", None)
    args = getattr(spec, "argnames", ())
    samples = [len(given[a]["samples"]) for a in args if "samples" in given.get(a, {})]
    return max([wanted, *samples])


def stand_in(name: str, round_: int = 0) -> object:
    """A fresh value of the contract's stand-in for ``name`` (``module:callable``, called;
    ``{value = ...}``; ``{none = true}``; ``{samples = [...]}``, the one for call ``round_``,
    cycled), ``None`` without one."""
    spec = json.loads(os.environ.get("PLUGGY_ORACLE_STAND_INS", "{}")).get(name)
    if isinstance(spec, dict) and "samples" in spec:
        spec = spec["samples"][round_ % len(spec["samples"])]
    if isinstance(spec, str):
        maker = load(spec)
        for part, value in KEPT.get(spec, {}).items():  # as the host made it
            setattr(maker, part, value)
        return maker()  # type: ignore[operator]
    return spec.get("value") if isinstance(spec, dict) else None


KEPT: dict[str, dict[str, object]] = {}
"""Each stand-in maker's code and defaults before the plugin ran: the host's values are its own,
whatever a plugin does to the contract's stand-ins in its process."""


def _keep_makers() -> None:
    given = json.loads(os.environ.get("PLUGGY_ORACLE_STAND_INS", "{}"))
    for spec in given.values():
        refs = spec.get("samples", []) if isinstance(spec, dict) else [spec]
        for ref in refs:
            if not isinstance(ref, str):
                continue
            try:
                maker = load(ref)
            except Exception:
                continue
            parts = ("__code__", "__defaults__", "__kwdefaults__")
            KEPT[ref] = {p: getattr(maker, p) for p in parts if hasattr(maker, p)}


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    sys.path[:0] = sys.argv[4:]
    print(verdict(sys.argv[1], sys.argv[2], sys.argv[3]))
