"""Loads plugins the way their host does and reports the host's verdict. Stdlib only (+ pluggy).

Run by path in the target interpreter (``python -I _ecosystem_worker.py < request.json``);
plugcheck need not be installed there. One JSON line per plugin on stdout. This process imports
no plugin: each is judged in a forked child of its own, its lines taken only for it (apart.py).

``pluggy``
    Each plugin gets a fresh ``PluginManager`` with the host's hookspecs and those the other
    plugins add through the ``addhooks`` hook (rebuilt from data, added_specs.py), then the plugin
    itself: ``register`` runs pluggy's own ``_verify_hook``; unknown hooks are found the way
    ``check_pending`` finds them, restricted to this plugin.
``subclass``
    ``issubclass(plugin_class, host_base)`` against the host's class object, with an identity
    explanation when a same-named class from elsewhere is in the plugin's MRO.
    With ``call_hooks`` and ``stand_ins`` (hook argument -> ``module:callable``, perhaps
    none), each registered plugin's hooks are then called once, in a forked child, and each
    call that raises is a ``call-failed`` answer naming the hook and the innermost line in the
    plugin.
``setup``
    ``export(*stand_ins, **keyword_stand_ins)``: the entry function (``export = "entry-point"``:
    the object the entry point names) called once per plugin with a fresh stand-in per argument,
    then its result against the contract's ``returns`` (a returned class is instantiated with
    the ``instantiate_with`` stand-ins, an iterable is iterated, as the host does).
``classes``
    The concrete subclasses of ``base`` each plugin module defines (in it or its submodules, in
    definition order, as beets finds them); those ``pick`` names (every one, the first or the
    last) are instantiated with fresh ``stand_ins``. A module with none is ``problem: no-class``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import inspect
import json
import os
import re
import signal
import sys
import time
import warnings
from collections.abc import Iterator
from typing import Any


def _sibling(path: str) -> Any:
    """A module of plugcheck's by its file (plugcheck itself is not importable here)."""
    spec = importlib.util.spec_from_file_location(
        "_plugcheck_" + os.path.basename(path)[:-3], os.path.join(os.path.dirname(__file__), path)
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ACCEPTS = _sibling(os.path.join("harness", "worker", "accepts.py"))
"""What a host accepts back from a plugin's function, shared with the harness's calls."""
_APART = _sibling(os.path.join("harness", "worker", "apart.py"))
"""Each plugin in a forked child of its own, its answers taken only for itself."""
_ADDED = _sibling(os.path.join("harness", "worker", "added_specs.py"))
_PLUGGY = _sibling(os.path.join("harness", "worker", "pluggy_manager.py"))
"""The host's PluginManager (a pytest-style prefix), where a hook is, which hooks are unknown."""
"""Hookspecs other plugins add, described as data (their code never runs beside a plugin's)."""

_HOOK = re.compile(r"hook '([^']+)'")
_ATTR = re.compile(r"\.(\w+) is not a hookable attribute")


_PACKAGE_PATH = _sibling(os.path.join("harness", "worker", "package_path.py"))
"""A plugin folder joins its already imported package's ``__path__`` (beets' pluginpath)."""
_ROOTS: list[str] = []
"""The request's ``sys_path``: the import roots of the plugins."""
_PACKAGE_DIRS: dict[str, list[str]] = {}  # per module: folders added to its package's __path__


def _load(ref: str) -> Any:
    module, _, attr = ref.partition(":")
    _PACKAGE_PATH.join_package_path(module, _ROOTS, _PACKAGE_DIRS.get(module, []))
    obj: Any = importlib.import_module(module)
    for part in filter(None, attr.split(".")):
        obj = getattr(obj, part)
    return obj


_OUT: Any = None


def main() -> int:
    global _OUT
    request = json.load(sys.stdin)
    # Plugins may print at import time: keep their output away from the JSON lines.
    _OUT = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    sys.path[:0] = request["sys_path"]
    _ROOTS[:] = request["sys_path"]
    _PACKAGE_DIRS.update(request.get("package_dirs", {}))
    warnings.simplefilter("ignore")
    modes = {"pluggy": _pluggy, "subclass": _subclass, "setup": _setup, "classes": _classes}
    # This process imports the host's modules, never a plugin: each plugin is imported and
    # judged in a child of its own, whose answers name only it (harness/worker/apart.py).
    _APART.not_dumpable()
    # Before any plugin folder is on the path, as in the host (not a plugins/pluggy.py).
    with _APART.without(set(request.get("plugin_roots", [])), sys.path, _ROOTS):
        for ref in _APART.host_refs(request):
            with contextlib.suppress(Exception):
                _load(ref)
    if request["mode"] == "pluggy" and request.get("addhooks"):
        request["added_specs"] = _census(request)
    for plugin in request["plugins"]:
        work = functools.partial(_answer, modes[request["mode"]], {**request, "plugins": [plugin]})
        output, status = _APART.run(work, CHILD_SECONDS, _OWN_FAILURE)
        own, others = _APART.answers(output, plugin["name"])
        if others:
            what = f"it wrote answers naming other plugins ({', '.join(sorted(set(others))[:3])})"
            _emit(plugin["name"], "skipped", f"{what}: none of its answers is taken")
        elif own:
            for answer in own:
                print(json.dumps(answer), file=_OUT)
            _OUT.flush()
        elif status is None or os.waitstatus_to_exitcode(status) != _OWN_FAILURE:
            _emit(plugin["name"], "skipped", _APART.ended(status, CHILD_SECONDS))
    return 0


def _answer(mode: Any, request: dict[str, Any], fd: int) -> None:
    """(child) Judge the request's one plugin; the answers go to ``fd`` only."""
    global _OUT
    os.close(_OUT.fileno())  # the worker's stdout: no child may write there
    _OUT = os.fdopen(fd, "w")
    mode(request)
    _OUT.flush()


def _census(request: dict[str, Any]) -> dict[str, Any]:
    """The hookspecs each plugin adds through the addhooks hook, each described by a child that
    imports that plugin alone (harness/worker/added_specs.py): no plugin's code decides what
    another one adds."""

    def work(one: dict[str, Any], fd: int) -> None:
        global _OUT
        os.close(_OUT.fileno())
        _OUT = open(os.devnull, "w")  # noqa: SIM115  # its answers are not taken
        import pluggy

        fresh = _fresh_manager(one, _PLUGGY.manager_class(pluggy, one.get("prefix")))
        recorder = fresh()
        described = {
            name: _ADDED.describe(pluggy, recorder, namespaces)
            for name, namespaces in _recorded(recorder, _loaded(one)).items()
        }
        with os.fdopen(fd, "w") as out:
            json.dump(described, out)

    added: dict[str, Any] = {}
    for plugin in request["plugins"]:
        one = {**request, "plugins": [plugin]}
        output, _ = _APART.run(functools.partial(work, one), CHILD_SECONDS, _OWN_FAILURE)
        with contextlib.suppress(ValueError):
            described = _ADDED.valid(json.loads(output))
            if plugin["name"] in described:
                added[plugin["name"]] = described[plugin["name"]]
    return added


STEP_SECONDS = 10
"""One plugin's import (or setup call) may not hold up the others' checks for longer."""
CHILD_SECONDS = 5 * STEP_SECONDS + 5
"""One plugin's child (its import, its check, its hooks' calls), at most."""


class StepTimeout(Exception):
    pass


@contextlib.contextmanager
def _bounded(seconds: int = STEP_SECONDS) -> Iterator[None]:
    """Interrupt Python code that runs too long (a hang in C is the process deadline's)."""

    def expire(signum: int, frame: Any) -> None:
        raise StepTimeout(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _loaded(request: dict[str, Any]) -> dict[str, Any]:
    for name in request.get("preload", []):  # what the host imported before its plugins
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    loaded: dict[str, Any] = {}
    for plugin in request["plugins"]:
        try:
            with _bounded():
                loaded[plugin["name"]] = _load(plugin["ref"])
        except BaseException as exc:  # the harness reports import failures; here: skipped
            _emit(plugin["name"], "skipped", f"{type(exc).__name__}: {exc}")
    return loaded


def _pluggy(request: dict[str, Any]) -> None:
    import pluggy

    fresh = _fresh_manager(request, _PLUGGY.manager_class(pluggy, request.get("prefix")))
    optional = set(request.get("optional_hooks", []))
    loaded = _loaded(request)
    # Hookspecs the plugins add (through the addhooks hook): this one's recorded here, the
    # others' rebuilt from the census's description (their code does not run in this process).
    added = _recorded(fresh(), loaded) if request.get("addhooks") else {}
    for other, specs in request.get("added_specs", {}).items():
        if other not in added:
            added[other] = [_ADDED.namespace(pluggy, request["project"], other, specs)]
    for name, obj in loaded.items():
        manager = fresh()
        own = added.get(name, [])
        seen: list[Any] = []
        for other, namespaces in added.items():
            for namespace in namespaces:
                if other == name or any(namespace is x for x in [*own, *seen]):
                    continue
                seen.append(namespace)
                with contextlib.suppress(Exception):
                    manager.add_hookspecs(namespace)
        try:
            manager.register(obj, name)
        except pluggy.PluginValidationError as exc:
            message = str(exc)
        except Exception as exc:
            # The host's register() failed all the same (pytest's manager: AssertionError
            # "... is not a hookable attribute"): the plugin is refused, not unchecked.
            message = f"register() raised {type(exc).__name__}: {exc}"
        else:
            pending = request.get("check_pending", True)
            message = (_PLUGGY.unknown(manager, obj, optional) if pending else None) or ""
        if not message:
            _emit(name, "ok", "")
            if request.get("call_hooks", bool(request.get("stand_ins"))):
                _in_child(functools.partial(_call_hooks, request, manager, obj, name), name)
            continue
        match = _HOOK.search(message) or _ATTR.search(message)
        hook = match.group(1) if match else None
        path, line = _PLUGGY.where(manager, obj, hook)
        _emit(name, "invalid", message, hook=hook, path=path, line=line)


def _fresh_manager(request: dict[str, Any], manager_class: Any) -> Any:
    """A maker of managers with the host's hookspecs, the addhooks hook called on each."""
    specs = [_load(ref) for ref in request["hookspecs"]]
    addhooks = request.get("addhooks")

    def fresh() -> Any:
        manager = manager_class(request["project"])
        for namespace in specs:
            manager.add_hookspecs(namespace)
        caller = getattr(manager.hook, addhooks, None) if addhooks else None
        if caller is not None and caller.is_historic():
            caller.call_historic(kwargs={"pluginmanager": manager})
        return manager

    return fresh


def _recorded(recorder: Any, loaded: dict[str, Any]) -> dict[str, list[Any]]:
    """The hookspec namespaces each plugin adds when registered (through the addhooks hook)."""
    added: dict[str, list[Any]] = {}
    for name, obj in loaded.items():
        recorder.record = added.setdefault(name, [])
        with contextlib.suppress(Exception):
            recorder.register(obj, name)
    recorder.record = None
    return added


def _in_child(work: Any, name: str) -> None:
    """Run ``work`` in a forked child: a plugin that ends or wrecks the process costs only its
    own answers. The child's end by a signal or an exit of the plugin's is a failed call."""
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            work()
        except BaseException:
            code = _OWN_FAILURE
        finally:
            _OUT.flush()
            os._exit(code)
    deadline = time.monotonic() + 4 * STEP_SECONDS
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            done, status = os.waitpid(pid, 0)
            break
        time.sleep(0.01)
    ended = os.waitstatus_to_exitcode(status)
    if ended not in (0, _OWN_FAILURE):
        how = f"signal {-ended}" if ended < 0 else f"exit status {ended}"
        _emit(name, "call-failed", f"calling its hooks ended the process ({how})")


_OWN_FAILURE = 70
"""A child's exit status when the worker itself failed (a stand-in that cannot be loaded): not
the plugin's doing, so not a failed call."""


def _call_hooks(request: dict[str, Any], manager: Any, plugin: Any, name: str) -> None:
    """(child) Call each hook ``plugin`` implements once, as the host would: keyword arguments
    from fresh stand-ins, historic hooks through ``call_historic``, hooks without a spec only
    when the host declares what it passes. A hook whose arguments have no stand-in is skipped."""
    makers = {arg: _load(ref) for arg, ref in request["stand_ins"].items()}
    returns = request.get("hook_returns", {})
    bases = {h: _load(r["return_type"]) for h, r in returns.items() if r.get("return_type")}
    passed = request.get("optional_arguments", {})
    module_file = getattr(inspect.getmodule(plugin), "__file__", None) or getattr(
        sys.modules.get(getattr(plugin, "__module__", "")), "__file__", None
    )
    for caller in sorted(manager.get_hookcallers(plugin) or (), key=lambda c: c.name):
        if caller.spec is not None:
            names = list(caller.spec.argnames)
        elif caller.name in passed:
            names = list(passed[caller.name])
        else:
            continue  # the host never calls a hook it has no spec for
        own = [i for i in caller.get_hookimpls() if i.plugin is plugin]
        wanted = {a for impl in own for a in impl.argnames}
        if not own or not wanted <= set(makers):
            continue
        try:
            kwargs = {a: makers[a]() for a in names if a in makers}
        except BaseException:
            continue  # the stand-in's failure, not the plugin's
        try:
            with _bounded():
                if caller.spec is not None and caller.spec.opts.get("historic"):
                    results: list[Any] = []
                    caller.call_historic(result_callback=results.append, kwargs=kwargs)
                else:
                    results = _ACCEPTS.hook_results(caller, caller(**kwargs))
                for value in results:
                    _ACCEPTS.awaited(value, bool(request.get("awaits")))
        except BaseException as exc:
            message = f"{caller.name}() raised {type(exc).__name__}: {exc}"
            _emit(
                name, "call-failed", message[:2000], hook=caller.name, **_at(exc, own, module_file)
            )
            continue
        accepts = returns.get(caller.name)
        why = accepts and _ACCEPTS.refused_results(
            caller.name, results, accepts, bases.get(caller.name)
        )
        if why:
            _emit(
                name,
                "call-failed",
                why[:2000],
                hook=caller.name,
                problem="returns",
                **_at(None, own, module_file),
            )


def _at(exc: BaseException | None, own: list[Any], module_file: str | None) -> dict[str, Any]:
    """(child) Where a hook call went wrong: the innermost frame of ``exc`` in the plugin, else
    the first hookimpl's ``def`` line."""
    frame = _plugin_frame(exc, module_file) if exc is not None else {"path": None, "line": None}
    code = getattr(inspect.unwrap(own[0].function), "__code__", None)
    if not frame["path"] and code is not None:
        frame = {"path": code.co_filename, "line": code.co_firstlineno}
    return frame


def _origin(obj: Any) -> str:
    module = getattr(obj, "__module__", "?")
    file = getattr(sys.modules.get(module), "__file__", None)
    return f"{module}.{getattr(obj, '__qualname__', obj)}" + (f" ({file})" if file else "")


def _subclass(request: dict[str, Any]) -> None:
    base = _load(request["base"])
    base_file = getattr(sys.modules.get(base.__module__), "__file__", None)
    for name, obj in _loaded(request).items():
        if isinstance(obj, type) and issubclass(obj, base):
            _emit(name, "ok", "")
            continue
        where = _class_where(obj)
        if not isinstance(obj, type):
            _emit(
                name, "invalid", f"{_origin(obj)} is a {type(obj).__name__}, not a class", **where
            )
            continue
        twins = [c for c in obj.__mro__ if c.__name__ == base.__name__ and c is not base]
        if twins:
            message = (
                f"issubclass({obj.__qualname__}, {base.__qualname__}) is False: its MRO has "
                f"{_origin(twins[0])}, a different class object from the host's {_origin(base)}"
            )
            clones = sorted(
                m
                for m, mod in list(sys.modules.items())
                if base_file
                and getattr(mod, "__file__", None) == base_file
                and m != base.__module__
            )
            if clones:
                message += f"; the host module is loaded twice, also as {clones[0]!r}"
        else:
            mro = ", ".join(_origin(c) for c in obj.__mro__[1:-1]) or "object only"
            message = f"issubclass({obj.__qualname__}, {base.__qualname__}) is False (bases: {mro})"
        _emit(name, "invalid", message, **where)


def _class_where(obj: Any) -> dict[str, Any]:
    try:
        path = inspect.getsourcefile(obj)
        line = inspect.getsourcelines(obj)[1]
    except (TypeError, OSError):
        return {"path": None, "line": None}
    return {"path": path, "line": line}


def _classes(request: dict[str, Any]) -> None:
    """Find the plugin classes as beets does (concrete subclasses of the base defined in the
    module or its submodules, in definition order) and instantiate those the host picks."""
    base = _load(request["base"])
    makers = [_load(ref) for ref in request.get("stand_ins", [])]
    pick = request.get("pick", "every")
    for name, module in _loaded(request).items():
        own = module.__name__
        found = [
            obj
            for obj in list(vars(module).values())
            if inspect.isclass(obj)
            and issubclass(obj, base)
            and obj is not base
            and not inspect.isabstract(obj)
            and (obj.__module__ == own or obj.__module__.startswith(own + "."))
        ]
        if not found:
            _emit(name, "invalid", "no plugin class", problem="no-class")
            continue
        chosen = found if pick == "every" else [found[0] if pick == "first" else found[-1]]
        module_file = getattr(module, "__file__", None)
        failed = False
        for cls in chosen:
            try:
                arguments = [make() for make in makers]
            except BaseException as exc:
                _emit(name, "skipped", f"stand-in failed: {type(exc).__name__}: {exc}")
                failed = True
                break
            try:
                with _bounded():
                    cls(*arguments)
            except BaseException as exc:
                frame = _plugin_frame(exc, module_file)
                message = f"{cls.__qualname__}() raised {type(exc).__name__}: {exc}"
                _emit(name, "invalid", message, **(frame if frame["path"] else _class_where(cls)))
                failed = True
        if not failed:
            _emit(name, "ok", "")


def _setup(request: dict[str, Any]) -> None:
    makers = [_load(ref) for ref in request["stand_ins"]]
    keyword_makers = {k: _load(ref) for k, ref in request.get("keyword_stand_ins", {}).items()}
    builders = [_load(ref) for ref in request.get("instantiate_with", [])]
    export = request["export"]
    refs = {plugin["name"]: plugin["ref"] for plugin in request["plugins"]}
    for name, obj in _loaded(request).items():
        if export == "entry-point":  # the host calls what ep.load() returned
            if inspect.ismodule(obj):
                message = f"the entry point names the module {obj.__name__}, not a function"
                _emit(name, "invalid", f"{message}: calling it raises TypeError")
                continue
            function, called = obj, refs[name].partition(":")[2]
        else:
            # A module: the host looks the function up on it; an entry point naming an
            # object: the host calls what ep.load() returned.
            function = getattr(obj, export, None) if inspect.ismodule(obj) else obj
            called = export
        if not callable(function):
            _emit(name, "skipped", f"no callable {called}")
            continue
        module_file = getattr(inspect.getmodule(function), "__file__", None)
        try:
            arguments = [make() for make in makers]
            keywords = {k: make() for k, make in keyword_makers.items()}
        except BaseException as exc:
            _emit(name, "skipped", f"stand-in failed: {type(exc).__name__}: {exc}")
            continue
        try:
            with _bounded():
                result = function(*arguments, **keywords)
                if request.get("returns") == "iterable" and _ACCEPTS.iterable(result):
                    for _ in zip(range(ITEMS), result, strict=False):  # as the host iterates it
                        pass
        except BaseException as exc:
            # No frame in the plugin: the call itself failed (a signature that does not fit).
            frame = _plugin_frame(exc, module_file)
            message = f"{called}() raised {type(exc).__name__}: {exc}"
            _emit(name, "invalid", message, **(frame if frame["path"] else _class_where(function)))
            continue
        try:
            problem, where = _returned(request, called, result, builders, module_file)
        except _StandInFailed as exc:
            _emit(name, "skipped", f"stand-in failed: {exc}")
            continue
        if problem:
            _emit(name, "invalid", problem, **(where or _class_where(function)))
            continue
        _emit(name, "ok", "", proves=_faithful(arguments, request.get("argument_types", [])))


def _faithful(arguments: list[Any], types: list[str]) -> bool:
    """Whether the call with these stand-ins stands for the host's: each argument whose class
    the contract declares is an object of exactly that class (not a fake, not a subclass that
    may add what the host's lacks)."""
    declared = [(a, t) for a, t in zip(arguments, types, strict=False) if t]
    try:
        return bool(declared) and all(type(a) is _load(t) for a, t in declared)
    except Exception:
        return False


ITEMS = 10_000
"""At most this many items of a returned iterable are taken (the rest is the host's input)."""


class _StandInFailed(Exception):
    pass


def _returned(
    request: dict[str, Any],
    export: str,
    result: Any,
    builders: list[Any],
    module_file: str | None,
) -> tuple[str | None, dict[str, Any] | None]:
    """What is wrong with the entry function's result for this host, and where (a traceback)."""
    returns = request.get("returns", "mapping-or-none")
    expected = _load(request["return_type"]) if returns in ("instance", "subclass") else None
    problem = _ACCEPTS.refused(
        export,
        returns,
        result,
        required_keys=request.get("required_keys", []),
        metadata_keys=request.get("metadata_keys"),
        expected=expected,
    )
    if problem is not None or returns != "subclass":
        return problem, None
    try:
        arguments = [make() for make in builders]
    except BaseException as exc:  # the stand-in's failure, not the plugin's
        raise _StandInFailed(f"{type(exc).__name__}: {exc}") from exc
    try:
        with _bounded():
            result(*arguments)
    except BaseException as exc:
        frame = _plugin_frame(exc, module_file)
        return (
            f"{export}() returned {result.__qualname__}, and instantiating it as the "
            f"host does raised {type(exc).__name__}: {exc}",
            frame if frame["path"] else _class_where(result),
        )
    return None, None


def _plugin_frame(exc: BaseException, module_file: str | None) -> dict[str, Any]:
    """The innermost traceback frame in the plugin's own directory."""
    root = os.path.dirname(module_file) if module_file else None
    found: dict[str, Any] = {"path": None, "line": None}
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if root and os.path.abspath(filename).startswith(os.path.abspath(root) + os.sep):
            found = {"path": filename, "line": tb.tb_lineno}
        tb = tb.tb_next
    return found


def _emit(name: str, status: str, message: str, **extra: Any) -> None:
    print(json.dumps({"plugin": name, "status": status, "message": message, **extra}), file=_OUT)
    _OUT.flush()


if __name__ == "__main__":
    sys.path[:] = [p for p in sys.path if p and not p.endswith("plugcheck")]
    sys.exit(main())
