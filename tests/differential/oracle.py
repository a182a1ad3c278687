"""The real loaders, run on every plugin of a generated host: the differential test's ground truth.

    python oracle.py MODE HOST_DIR PLUGIN...

(MODE: plain, pytest, factory, entry, subclass, setup-none, setup-mapping, setup-instance,
stage)

prints one JSON line per plugin: ``{"plugin", "verdict", "step", "detail"}`` with verdict
``ok``, ``refused`` (the host fails at start-up: import, registration, ``check_pending``, the
factory, the isinstance check) or ``broken`` (start-up succeeded, but calling the plugin fails:
a hook call raises, returns a coroutine, or is a generator function whose body never runs
(a generator the body builds and returns, ``(x for x in items)``, is a result like a list;
a name carrying the marker that ``register`` passed over never runs either);
``init``/``run``/``shutdown`` raises or returns a coroutine; the method the host calls on the
class it built raises or returns what it cannot iterate). Each plugin runs in its own
forked child, so one plugin's import cannot affect another's. Stdlib and pluggy only: it runs
in the interpreter the host would use.

pluggy: ``plain`` is ``PluginManager`` + ``add_hookspecs`` + ``register`` + ``check_pending``
+ one call of every hook the plugin implements (historic hooks through ``call_historic``;
hooks without a spec only when the host calls them, ``OPTIONAL_HOOKS``). ``pytest`` is the same
with a manager that picks hooks the way pytest's does: only names with the prefix, unmarked
prefixed routines are hookimpls, and pluggy's own ``AssertionError`` for a routine it cannot bind.

factory: import -> ``new`` -> ``new()`` -> ``isinstance(obj, Plugin)`` -> ``init(config)`` ->
``run()`` -> ``shutdown(deadline)``, as the host calls them.

entry (entry_hosts.py): import -> ``plugin`` -> ``plugin(Registry(), options)`` -> a class with
``issubclass(cls, ehost.Checker)`` -> ``cls(options)`` -> iterate ``obj.check(text)``.
subclass: import -> ``Plugin`` -> ``issubclass(Plugin, shost.Base)`` -> ``Plugin(options)`` ->
iterate ``obj.process(items)``. Everything up to the build refuses the plugin at start-up; the
call is its use.

gen32's hosts (entry_hosts.py): ``setup-none``: import -> ``setup`` -> ``setup(App(), options)``
must return None; ``setup-mapping``: ``setup(App())`` must return a dict with the keys
``version`` and ``parallel_safe``; ``setup-instance``: ``create(options)`` must return a
``xhost.Handler`` instance (all of that start-up), then ``handle(text)`` and ``close()`` are its
use; ``stage``: import -> ``Plugin`` -> ``issubclass(Plugin, khost.Stage)`` ->
``Plugin("stage", options)`` (start-up), then ``prepare()``, iterate ``process(items)``,
``close()``. A call returning a coroutine or a generator never ran its body: broken.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import json
import os
import select
import signal
import sys
import traceback
import warnings
from typing import Any

PREFIX = "dh_"
OPTIONAL_HOOKS = {"dh_extra": ("session",)}
VALUES: dict[str, Any] = {
    "config": {"greeting": "hello"},
    "request": "GET /",
    "context": {},
    "page": "index",
    "session": object(),
    "items": [],
}
CONFIG = {"greeting": "hello"}
DEADLINE = 2.0
OPTIONS = {"level": "1", "style": "plain"}
TEXT = "some text"
ITEMS = ["a", "b"]
HOST_MODULES = {
    "factory": "fhost",
    "entry": "ehost",
    "subclass": "shost",
    "setup-none": "xhost",
    "setup-mapping": "xhost",
    "setup-instance": "xhost",
    "stage": "khost",
}
REQUIRED_KEYS = ("version", "parallel_safe")
CHILD_SECONDS = 10


class Verdict(Exception):
    def __init__(self, verdict: str, step: str, detail: str) -> None:
        super().__init__(detail)
        self.verdict, self.step, self.detail = verdict, step, detail


def _describe(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip().splitlines()[-1][:300]


def _unrun(value: Any) -> str | None:
    """What a result is when its body never ran (a coroutine or a generator nobody drives)."""
    if inspect.iscoroutine(value):
        value.close()
        return "returned a coroutine that is never awaited"
    if inspect.isgenerator(value) or inspect.isasyncgen(value):
        return "returned a generator whose body never runs"
    return None


def _own_codes(impls: list[Any], module: Any) -> set[Any]:
    """The code of the plugin's own hookimpl functions (through ``functools.wraps`` chains).

    A generator running one of these is a hookimpl whose body never runs (``def hook(): yield``);
    any other generator a hookimpl returns (a generator expression, a helper's generator) is
    the hook's result, made by a body that did run: the host iterates it like a list. Judging
    those as broken was an oracle artefact (wild ``returns-iterable``: ``return (str(i) for i
    in items)`` from ``dh_collect``, a hook whose results are the items collected).
    """
    codes = set()
    for impl in impls:
        if impl.plugin is not module:
            continue
        function = impl.function
        while function is not None:
            codes.add(getattr(function, "__code__", None))
            # functools.wraps chains, then functools.partial's function
            function = getattr(function, "__wrapped__", None) or getattr(function, "func", None)
    return codes


def _manager(mode: str) -> Any:
    import pluggy

    if mode == "plain":
        return pluggy.PluginManager("dh")

    class PytestStyle(pluggy.PluginManager):  # type: ignore[misc]
        def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
            if not name.startswith(PREFIX):
                return None
            opts = super().parse_hookimpl_opts(plugin, name)
            if opts is not None:
                return opts
            if not inspect.isroutine(getattr(plugin, name)):
                return None
            return {}

    return PytestStyle("dh")


def _pluggy(mode: str, name: str) -> None:
    hookspecs = importlib.import_module("dhost.hookspecs")
    try:
        module = importlib.import_module(name)
    except BaseException as exc:
        raise Verdict("refused", "import", _describe(exc)) from None
    pm = _manager(mode)
    pm.add_hookspecs(hookspecs)
    try:
        pm.register(module, name)
    except BaseException as exc:
        raise Verdict("refused", "register", _describe(exc)) from None
    # pm.check_pending(), except that hooks the host calls without a spec are known to it.
    for hook, caller in vars(pm.hook).items():
        if hook[0] == "_" or caller.spec is not None or hook in OPTIONAL_HOOKS:
            continue
        for impl in caller.get_hookimpls():
            if not impl.optionalhook:
                raise Verdict("refused", "check_pending", f"unknown hook {hook!r} in {name}")
    for caller in sorted(pm.get_hookcallers(module) or (), key=lambda c: c.name):
        if caller.spec is not None:
            kwargs = {a: VALUES[a] for a in caller.spec.argnames}
        elif caller.name in OPTIONAL_HOOKS:
            kwargs = {a: VALUES[a] for a in OPTIONAL_HOOKS[caller.name]}
        else:
            continue  # the host never calls a hook it has no spec for
        results: list[Any] = []
        try:
            if caller.spec is not None and caller.spec.opts.get("historic"):
                caller.call_historic(result_callback=results.append, kwargs=kwargs)
            else:
                result = caller(**kwargs)
                firstresult = caller.spec is not None and caller.spec.opts.get("firstresult")
                results = [result] if firstresult else list(result)
        except BaseException as exc:
            raise Verdict("broken", f"call {caller.name}", _describe(exc)) from None
        own = _own_codes(caller.get_hookimpls(), module)
        for value in results:
            if inspect.isgenerator(value) and value.gi_code not in own:
                continue  # a generator the body made and returned: a value, the body ran
            why = _unrun(value)
            if why:
                raise Verdict("broken", f"call {caller.name}", why)
    skipped = _marked_unregistered(pm, module, mode)
    if skipped:
        raise Verdict(
            "broken",
            "register",
            f"{skipped} carries the hookimpl marker, but "
            "register() passed over it: its body never runs",
        )


def _marked_unregistered(pm: Any, module: Any, mode: str) -> str | None:
    """A name of the plugin that carries the host's hookimpl marker (its options dict, read
    without running descriptors) but that pluggy's own ``parse_hookimpl_opts`` passes over: a
    ``functools.partial``, an instance, a class, an ``lru_cache`` wrapper under pluggy 1.7.
    (A pytest-style manager looks at prefixed names only: another is skipped for its name.)"""
    for attr in dir(module):
        if mode == "pytest" and not attr.startswith(PREFIX):
            continue
        value = inspect.getattr_static(module, attr, None)
        marked = inspect.getattr_static(value, "dh_impl", None) if value is not None else None
        if isinstance(marked, dict) and pm.parse_hookimpl_opts(module, attr) is None:
            return attr
    return None


def _factory(name: str) -> None:
    protocol = importlib.import_module("fhost").Plugin
    steps: list[tuple[str, Any]] = []
    try:
        module = importlib.import_module(name)
    except BaseException as exc:
        raise Verdict("refused", "import", _describe(exc)) from None
    try:
        new = module.new
    except BaseException as exc:
        raise Verdict("refused", "lookup", _describe(exc)) from None
    try:
        obj = new()
    except BaseException as exc:
        raise Verdict("refused", "factory", _describe(exc)) from None
    if _unrun(obj):
        raise Verdict("refused", "factory", "new() " + str(_unrun(obj)))
    if not isinstance(obj, protocol):
        raise Verdict("refused", "isinstance", f"{type(obj).__name__} is not a Plugin")
    steps = [("init", (CONFIG,)), ("run", ()), ("shutdown", (DEADLINE,))]
    for step, args in steps:
        _called(obj, step, *args)


def _built(
    api: Any, base: str, cls: Any, source: str, name: str, args: tuple[Any, ...] | None = None
) -> Any:
    """``issubclass(cls, api.<base>)`` and ``cls(options)`` (or ``cls(*args)``), as the entry,
    subclass and stage hosts do."""
    if _unrun(cls):
        raise Verdict("refused", source, f"{source} {_unrun(cls)}")
    if not isinstance(cls, type) or not issubclass(cls, getattr(api, base)):
        raise Verdict("refused", "issubclass", f"{cls!r:.80} is not a subclass of {base}")
    try:
        return cls(*(args or (dict(OPTIONS),)))
    except BaseException as exc:
        raise Verdict("refused", "instantiate", _describe(exc)) from None


def _used(obj: Any, method: str, *args: Any) -> None:
    """One call of ``method``, whose result the host iterates."""
    try:
        value = getattr(obj, method)(*args)
        why = _unrun(value) if inspect.iscoroutine(value) else None
        if why is None:
            for _ in value:
                pass
    except BaseException as exc:
        raise Verdict("broken", method, _describe(exc)) from None
    if why:
        raise Verdict("broken", method, f"{method}() {why}")


def _called(obj: Any, method: str, *args: Any) -> None:
    """One call of ``method`` whose result the host ignores: it fails when it raises, or when
    its body never ran (a coroutine or a generator came back)."""
    try:
        value = getattr(obj, method)(*args)
    except BaseException as exc:
        raise Verdict("broken", method, _describe(exc)) from None
    why = _unrun(value)
    if why:
        raise Verdict("broken", method, f"{method}() {why}")


def _loaded(name: str, attr: str) -> Any:
    """``mod:attr`` as ``ep.load()`` gives it: the import, then the lookup."""
    try:
        module = importlib.import_module(name)
    except BaseException as exc:
        raise Verdict("refused", "import", _describe(exc)) from None
    try:
        return getattr(module, attr)
    except BaseException as exc:
        raise Verdict("refused", "lookup", _describe(exc)) from None


def _entry(name: str) -> None:
    api = importlib.import_module("ehost")
    function = _loaded(name, "plugin")
    try:
        cls = function(api.Registry(), dict(OPTIONS))
    except BaseException as exc:
        raise Verdict("refused", "plugin", _describe(exc)) from None
    _used(_built(api, "Checker", cls, "plugin()", name), "check", TEXT)


def _subclass(name: str) -> None:
    api = importlib.import_module("shost")
    cls = _loaded(name, "Plugin")
    _used(_built(api, "Base", cls, "Plugin", name), "process", list(ITEMS))


def _setup(mode: str, name: str) -> None:
    api = importlib.import_module("xhost")
    export = "create" if mode == "setup-instance" else "setup"
    function = _loaded(name, export)
    args = {
        "setup-none": (api.App(), dict(OPTIONS)),
        "setup-mapping": (api.App(),),
        "setup-instance": (dict(OPTIONS),),
    }[mode]
    try:
        result = function(*args)
    except BaseException as exc:
        raise Verdict("refused", export, _describe(exc)) from None
    got = f"{export}() returned {type(result).__name__}"
    _unrun(result)  # closes a coroutine: each host below refuses it
    if mode == "setup-none":
        if result is not None:
            raise Verdict("refused", "returns", f"{got}; the host expects None")
    elif mode == "setup-mapping":
        if not isinstance(result, dict):
            raise Verdict("refused", "returns", f"{got}; the host expects a dict")
        missing = [key for key in REQUIRED_KEYS if key not in result]
        if missing:
            raise Verdict("refused", "returns", f"{got} without the keys {missing}")
    else:
        if not isinstance(result, api.Handler):
            raise Verdict("refused", "returns", f"{got}, not a Handler")
        _called(result, "handle", TEXT)
        _called(result, "close")


def _stage(name: str) -> None:
    api = importlib.import_module("khost")
    cls = _loaded(name, "Plugin")
    obj = _built(api, "Stage", cls, "Plugin", name, ("stage", dict(OPTIONS)))
    _called(obj, "prepare")
    _used(obj, "process", list(ITEMS))
    _called(obj, "close")


def _child(mode: str, name: str, out: int) -> None:
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    signal.alarm(CHILD_SECONDS)
    warnings.simplefilter("ignore")
    try:
        if mode == "factory":
            _factory(name)
        elif mode == "entry":
            _entry(name)
        elif mode == "subclass":
            _subclass(name)
        elif mode.startswith("setup-"):
            _setup(mode, name)
        elif mode == "stage":
            _stage(name)
        else:
            _pluggy(mode, name)
        answer = {"verdict": "ok", "step": "", "detail": ""}
    except Verdict as v:
        answer = {"verdict": v.verdict, "step": v.step, "detail": v.detail}
    except BaseException as exc:
        answer = {"verdict": "refused", "step": "oracle", "detail": _describe(exc)}
    os.write(out, json.dumps(answer).encode())


def judge(mode: str, name: str) -> dict[str, str]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            _child(mode, name, write)
        finally:
            os._exit(0)
    os.close(write)
    data = b""
    while select.select([read], [], [], CHILD_SECONDS + 5)[0]:
        chunk = os.read(read, 65536)
        if not chunk:
            break
        data += chunk
    os.close(read)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if not data:
        return {"verdict": "refused", "step": "crash", "detail": f"wait status {status}"}
    answer: dict[str, str] = json.loads(data)
    return answer


def main(argv: list[str]) -> int:
    mode, host, *plugins = argv
    sys.path[:0] = [os.path.join(host, "api"), os.path.join(host, "plugins")]
    sys.dont_write_bytecode = True
    importlib.import_module(HOST_MODULES.get(mode, "dhost.hookspecs"))
    for name in plugins:
        print(json.dumps({"plugin": name, **judge(mode, name)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
