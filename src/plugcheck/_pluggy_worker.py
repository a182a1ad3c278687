"""Registers plugins in a real ``pluggy.PluginManager``, reports what pluggy says. Stdlib + pluggy.

Run by path in the target interpreter (``python -I _pluggy_worker.py < request.json``); plugcheck
need not be installed there. Each plugin gets a fresh manager with the host's hookspecs, the
other plugins registered first (so hookspecs they add through the ``addhooks`` hook exist), then
the plugin itself: ``register`` runs pluggy's own ``_verify_hook``; unknown hooks are found the
way ``check_pending`` finds them, restricted to this plugin. One JSON line per plugin on stdout.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import json
import os
import re
import sys
import warnings
from typing import Any

_HOOK = re.compile(r"hook '([^']+)'")


def _manager_class(pluggy: Any, prefix: str | None) -> Any:
    """A PluginManager that, given a prefix, picks hooks the way pytest's manager does."""

    class Manager(pluggy.PluginManager):  # type: ignore[misc]  # pluggy: Any here
        def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
            if prefix and not name.startswith(prefix):
                return None
            opts = super().parse_hookimpl_opts(plugin, name)
            if opts is not None or not prefix:
                return opts
            method = getattr(plugin, name, None)
            if not inspect.isroutine(method):
                return None
            return {
                "wrapper": False,
                "hookwrapper": False,
                "optionalhook": False,
                "tryfirst": False,
                "trylast": False,
                "specname": None,
            }

        def parse_hookspec_opts(self, namespace: Any, name: str) -> Any:
            opts = super().parse_hookspec_opts(namespace, name)
            if opts is not None or not prefix or not name.startswith(prefix):
                return opts
            if not inspect.isroutine(getattr(namespace, name, None)):
                return None
            return {
                "firstresult": False,
                "historic": False,
                "warn_on_impl": None,
                "warn_on_impl_args": None,
            }

    return Manager


def _load(ref: str) -> Any:
    module, _, attr = ref.partition(":")
    obj: Any = importlib.import_module(module)
    for part in filter(None, attr.split(".")):
        obj = getattr(obj, part)
    return obj


def _where(manager: Any, plugin: Any, hook: str | None) -> tuple[str | None, int | None]:
    """File and first line of the plugin's implementation of ``hook``."""
    if hook is None:
        return None, None
    for attr in dir(plugin):
        try:
            opts = manager.parse_hookimpl_opts(plugin, attr)
        except Exception:
            continue
        if opts is None or (opts.get("specname") or attr) != hook:
            continue
        code = getattr(inspect.unwrap(getattr(plugin, attr)), "__code__", None)
        if code is not None:
            return code.co_filename, code.co_firstlineno
    return None, None


def _unknown(manager: Any, plugin: Any, optional: set[str]) -> str | None:
    for name in sorted(vars(manager.hook)):
        if name.startswith("_"):
            continue
        caller = getattr(manager.hook, name)
        if caller.has_spec() or name in optional:
            continue
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and not impl.optionalhook:
                return f"unknown hook {name!r} in plugin {plugin!r}"
    return None


_OUT: Any = None


def main() -> int:
    global _OUT
    request = json.load(sys.stdin)
    # Plugins may print at import time: keep their output away from the JSON lines.
    _OUT = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    sys.path[:0] = request["sys_path"]
    warnings.simplefilter("ignore")
    import pluggy

    manager_class = _manager_class(pluggy, request.get("prefix"))
    specs = [_load(ref) for ref in request["hookspecs"]]
    optional = set(request.get("optional_hooks", []))
    addhooks = request.get("addhooks")
    loaded: dict[str, Any] = {}
    for plugin in request["plugins"]:
        try:
            loaded[plugin["name"]] = _load(plugin["ref"])
        except BaseException as exc:  # the harness reports import failures; here: skipped
            _emit(plugin["name"], "skipped", f"{type(exc).__name__}: {exc}")
    for name, obj in loaded.items():
        manager = manager_class(request["project"])
        for namespace in specs:
            manager.add_hookspecs(namespace)
        caller = getattr(manager.hook, addhooks, None) if addhooks else None
        if caller is not None and caller.is_historic():
            caller.call_historic(kwargs={"pluginmanager": manager})
        for other, other_obj in loaded.items():
            if other != name:
                with contextlib.suppress(Exception):
                    manager.register(other_obj, other)
        try:
            manager.register(obj, name)
        except pluggy.PluginValidationError as exc:
            message = str(exc)
        except Exception as exc:
            _emit(name, "skipped", f"{type(exc).__name__}: {exc}")
            continue
        else:
            message = _unknown(manager, obj, optional) or ""
        if not message:
            _emit(name, "ok", "")
            continue
        match = _HOOK.search(message)
        hook = match.group(1) if match else None
        path, line = _where(manager, obj, hook)
        _emit(name, "invalid", message, hook=hook, path=path, line=line)
    return 0


def _emit(name: str, status: str, message: str, **extra: Any) -> None:
    print(json.dumps({"plugin": name, "status": status, "message": message, **extra}), file=_OUT)
    _OUT.flush()


if __name__ == "__main__":
    sys.path[:] = [p for p in sys.path if p and not p.endswith("plugcheck")]
    sys.exit(main())
