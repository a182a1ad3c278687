"""A generator family for the pluggy and factory hosts: how authors build the export (issue 12).

Written by gen49 after listing every other family's kinds, for shapes none of them writes:
hookimpls whose first parameter is ``self`` outside a class (pluggy drops it when the function's
``__qualname__`` has a dot -- closures, class bodies -- and keeps it otherwise); plugin
packages whose ``__init__`` runs a settings module, imports a submodule named like a hook or
factory (the import rebinds the package's attribute to the submodule), imports its hooks
module only as a module, or is missing altogether (a namespace package); hookimpls built
through ``contextlib`` (``contextmanager`` bodies, ``ContextDecorator`` decorators, a
``suppress`` instance used as a decorator); hookimpls a base's ``__init_subclass__``, a
metaclass or a class decorator copies out of a class into the module; hookimpls reached through
attribute paths (``_app.hooks.render``, ``types.SimpleNamespace``, ``operator.attrgetter``,
a dict); hooks that return coroutines of helpers, drive them with ``asyncio.run`` or are
``types.coroutine`` generators; frozen dataclass and ``__slots__`` workers whose lifecycle
assigns; ``functools.cache``/``lru_cache`` over methods of unhashable instances or with a dict
argument, ``singledispatchmethod`` lifecycle methods; lifecycle methods that are context
managers or run under ``contextlib.closing``; factories looked up in registries that
``__init_subclass__``, a metaclass or a class decorator fill; Protocol members that are
properties, builtins, method descriptors or served by ``__getattr__``. About half of the
variants are healthy. The real loader (oracle.py) decides every verdict; nothing here records
an expectation.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.fresh15 import _indent
from differential.fresh45 import BAD, GOOD, NEW, _hook, _worker
from differential.generate import Draw, Variant, _draws, _marker, _structure

Parts = tuple[list[str], str | None, dict[str, str]]
"""(extra import lines, module body -- None: no ``__init__.py`` at all --, sibling files of a
package: relative path -> text)"""
PluggyKind = Callable[[Draw, str, list[str]], Parts]
FactoryKind = Callable[[Draw], Parts]


# ---------------------------------------------------------------- pluggy


def _p_self(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "toplevel-self-first",
            "closure-self-first",
            "closure-no-self",
            "lambda-self",
            "closure-lambda-self",
            "self-defaulted",
            "class-body-no-self",
            "closure-self-only",
        ]
    )
    if how == "toplevel-self-first":
        return [], _hook(m, "self, page"), {}
    if how == "lambda-self":
        return [], f"dh_render = {m}(lambda self, page: str(page))\n", {}
    if how == "closure-lambda-self":
        return (
            [],
            (
                f"def _make(prefix):\n    return {m}(lambda self, page: prefix + str(page))\n\n\n"
                'dh_render = _make("> ")\n'
            ),
            {},
        )
    if how == "self-defaulted":
        return [], _hook(m, "self=None, page=None, context=None"), {}
    if how == "class-body-no-self":
        return (
            [],
            (f"class _Hooks:\n{_indent(_hook(m, GOOD))}\n\n\ndh_render = _Hooks.dh_render\n"),
            {},
        )
    args = {"closure-self-first": "self, page", "closure-no-self": GOOD}.get(how, "self")
    body = "return prefix + str(page)" if "page" in args else "return prefix"
    maker = f"def _make(prefix):\n{_indent(_hook(m, args, body))}\n    return dh_render\n\n\n"
    return [], maker + 'dh_render = _make("> ")\n', {}


def _p_package(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "namespace-bad-submodule",
            "empty-init-bad-submodule",
            "init-imports-module-bad",
            "init-from-submodule-bad",
            "hook-shadowed-by-submodule-bad",
            "submodule-then-bad-hook",
            "settings-raise-at-import",
            "optional-speedups-guarded",
        ]
    )
    head = "\n".join(imports) + "\n\n\n"
    bad_hooks = {"hooks.py": head + _hook(m, BAD)}
    if how == "namespace-bad-submodule":
        return [], None, bad_hooks
    if how == "empty-init-bad-submodule":
        return [], '"""Nothing here: the hooks live in hooks.py."""\n', bad_hooks
    if how == "init-imports-module-bad":
        return [], "from . import hooks  # noqa: F401\n", bad_hooks
    if how == "init-from-submodule-bad":
        return [], "from .hooks import dh_render  # noqa: F401\n", bad_hooks
    helper = {"dh_render.py": 'def helper():\n    return "> "\n'}
    if how == "hook-shadowed-by-submodule-bad":
        return [], _hook(m, BAD) + "\n\nfrom .dh_render import helper  # noqa: E402,F401\n", helper
    if how == "submodule-then-bad-hook":
        return [], "from .dh_render import helper  # noqa: F401\n\n\n" + _hook(m, BAD), helper
    if how == "settings-raise-at-import":
        settings = 'import os\n\nLEVEL = int(os.environ.get("DH49_LEVEL", "verbose"))\n'
        return (
            [],
            "from . import settings  # noqa: F401\n\n\n" + _hook(m, GOOD),
            {"settings.py": settings},
        )
    guarded = "try:\n    from . import _speedups\nexcept ImportError:\n    _speedups = None\n\n\n"
    return [], guarded + _hook(m, GOOD), {"_speedups.py": "import dh49_native_speedups\n"}


_QUIET = (
    "class _quiet(contextlib.ContextDecorator):\n"
    "    def __enter__(self):\n        return self\n\n"
    "    def __exit__(self, *exc):\n        return False\n\n\n"
)


def _p_contextlib(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "contextmanager-hook",
            "contextmanager-wrapper",
            "context-decorator-good",
            "context-decorator-bad",
            "suppress-as-decorator",
            "contextmanager-as-decorator",
            "cleanup-raises-after-yield",
            "atexit-registered",
        ]
    )
    if how == "contextmanager-hook":
        cm = "@contextlib.contextmanager\ndef dh_render(page, context):\n    yield str(page)\n"
        text = f"@{m}\n{cm}"
        return ["import contextlib"], text, {}
    if how == "contextmanager-wrapper":
        body = "result = yield\nreturn result"
        text = _hook(m, GOOD, body, options="(wrapper=True)")
        text = text.replace("def ", "@contextlib.contextmanager\ndef ", 1)
        return ["import contextlib"], text, {}
    if how.startswith("context-decorator"):
        args = BAD if how.endswith("bad") else GOOD
        text = _QUIET + _hook(m, args).replace("def ", "@_quiet()\ndef ", 1)
        return ["import contextlib"], text, {}
    if how == "suppress-as-decorator":
        text = _hook(m, GOOD).replace("def ", "@contextlib.suppress(KeyError)\ndef ", 1)
        return ["import contextlib"], text, {}
    if how in ("contextmanager-as-decorator", "cleanup-raises-after-yield"):
        after = '\n    raise RuntimeError("left open")' if how.startswith("cleanup") else ""
        cm = f"@contextlib.contextmanager\ndef _timed():\n    yield{after}\n\n\n"
        return ["import contextlib"], cm + _hook(m, GOOD).replace("def ", "@_timed()\ndef ", 1), {}
    return ["import atexit"], _hook(m, GOOD).replace("def ", "@atexit.register\ndef ", 1), {}


_EXPORTERS = {
    "init-subclass": (
        "class _Exporter:\n"
        "    def __init_subclass__(cls, **kwargs):\n"
        "        super().__init_subclass__(**kwargs)\n"
        "        for key, value in vars(cls).items():\n"
        '            if key.startswith("dh_"):\n'
        "                globals()[key] = value\n\n\n",
        "class _Hooks(_Exporter):\n",
    ),
    "metaclass": (
        "class _Exporting(type):\n"
        "    def __new__(mcls, name, bases, namespace):\n"
        "        for key, value in namespace.items():\n"
        '            if key.startswith("dh_"):\n'
        "                globals()[key] = value\n"
        "        return super().__new__(mcls, name, bases, namespace)\n\n\n",
        "class _Hooks(metaclass=_Exporting):\n",
    ),
    "class-decorator": (
        "def _export(cls):\n"
        "    for key, value in vars(cls).items():\n"
        '        if key.startswith("dh_"):\n'
        "            globals()[key] = value\n"
        "    return cls\n\n\n",
        "@_export\nclass _Hooks:\n",
    ),
}


def _p_class_exports(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "init-subclass-good",
            "init-subclass-bad",
            "metaclass-good",
            "metaclass-bad",
            "class-decorator-good",
            "class-decorator-bad",
            "globals-update-bad",
            "module-dict-update-good",
        ]
    )
    args = BAD if how.endswith("bad") else GOOD
    inner = _indent(_hook(m, args))
    for key, (maker, head) in _EXPORTERS.items():
        if how.startswith(key):
            return [], f"{maker}{head}{inner}\n", {}
    cls = f"class _Hooks:\n{inner}\n\n\n"
    pick = '{k: v for k, v in vars(_Hooks).items() if k.startswith("dh_")}'
    if how == "globals-update-bad":
        return [], f"{cls}globals().update({pick})\n", {}
    return ["import sys"], f"{cls}sys.modules[__name__].__dict__.update({pick})\n", {}


def _p_paths(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "namespace-function-good",
            "namespace-function-bad",
            "instance-chain-good",
            "instance-chain-bad",
            "module-chain-good",
            "module-chain-bad",
            "attrgetter-chain-good",
            "dict-entry-bad",
        ]
    )
    args = BAD if how.endswith("bad") else GOOD
    render = _hook(m, args, name="_render")
    if how.startswith("namespace-function"):
        text = f"{render}\n\n_ns = types.SimpleNamespace(render=_render)\ndh_render = _ns.render\n"
        return ["import types"], text, {}
    if how == "dict-entry-bad":
        return [], f'{render}\n\n_HOOKS = {{"render": _render}}\ndh_render = _HOOKS["render"]\n', {}
    method = _hook(m, f"self, {args}", name="render")
    hooks = f"class _Hooks:\n{_indent(method)}\n\n\n"
    if how.startswith("instance-chain"):
        app = "_app = types.SimpleNamespace(hooks=_Hooks())\n"
        return ["import types"], f"{hooks}{app}dh_render = _app.hooks.render\n", {}
    if how == "attrgetter-chain-good":
        app = "_app = types.SimpleNamespace(hooks=_Hooks())\n"
        get = 'dh_render = operator.attrgetter("hooks.render")(_app)\n'
        return ["import operator", "import types"], f"{hooks}{app}{get}", {}
    static = _hook(m, args, name="render").replace("def ", "@staticmethod\ndef ", 1)
    impl = "\n".join(imports) + f"\n\n\nclass Hooks:\n{_indent(static)}\n"
    return [], "from . import _impl\n\ndh_render = _impl.Hooks.render\n", {"_impl.py": impl}


def _p_coroutines(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "returns-helper-coroutine",
            "asyncio-run-helper",
            "returns-helper-generator",
            "yield-from-helper",
            "types-coroutine",
            "awaitable-instance",
            "firstresult-helper-coroutine",
            "sync-wrapper-over-async",
        ]
    )
    helper = "async def _render_async(page):\n    return str(page)\n\n\n"
    if how == "returns-helper-coroutine":
        return [], helper + _hook(m, GOOD, "return _render_async(page)"), {}
    if how == "asyncio-run-helper":
        return (
            ["import asyncio"],
            helper + _hook(m, GOOD, "return asyncio.run(_render_async(page))"),
            {},
        )
    if how == "firstresult-helper-coroutine":
        return [], helper + _hook(m, "request", "return _render_async(request)", "dh_handle"), {}
    gen = "def _chunks(page):\n    yield str(page)\n\n\n"
    if how == "returns-helper-generator":
        return [], gen + _hook(m, GOOD, "return _chunks(page)"), {}
    if how == "yield-from-helper":
        return [], gen + _hook(m, GOOD, "yield from _chunks(page)"), {}
    if how == "types-coroutine":
        text = _hook(m, GOOD, "yield str(page)").replace("def ", "@types.coroutine\ndef ", 1)
        return ["import types"], text, {}
    if how == "awaitable-instance":
        cls = (
            "class _Later:\n    def __init__(self, page):\n        self.page = page\n\n"
            "    def __await__(self):\n        yield\n        return str(self.page)\n\n\n"
        )
        return [], cls + _hook(m, GOOD, "return _Later(page)"), {}
    sync = (
        "def _sync(function):\n"
        "    @functools.wraps(function)\n"
        "    def run(*args, **kwargs):\n"
        "        return asyncio.run(function(*args, **kwargs))\n\n"
        "    return run\n\n\n"
    )
    text = f"{sync}@{m}\n@_sync\nasync def dh_render(page, context):\n    return str(page)\n"
    return ["import asyncio", "import functools"], text, {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "p-self-parameter": _p_self,
    "p-package-init": _p_package,
    "p-contextlib": _p_contextlib,
    "p-class-exports": _p_class_exports,
    "p-attribute-paths": _p_paths,
    "p-coroutine-results": _p_coroutines,
}


def pluggy_variants(seed: int = 49, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 4901, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m, imports)
        variants.append(
            _variant(
                f"pt{i:03d}",
                "pluggy",
                kind,
                f"marker={style}",
                extra + imports,
                body,
                siblings,
                rng,
            )
        )
    return variants


# ---------------------------------------------------------------- factory


def _f_frozen(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "frozen-init-assigns",
            "frozen-object-setattr",
            "frozen-post-init-assigns",
            "frozen-inherits-plain",
            "frozen-slots-extra-attribute",
            "slots-init-unlisted",
            "slots-listed",
            "slots-over-dict-base",
        ]
    )
    dc = ["import dataclasses"]
    setter = (
        "def init(self, config):\n"
        "    object.__setattr__(self, 'greeting', str(config.get('greeting', '')))\n\n"
        "def run(self):\n    object.__setattr__(self, 'count', len(self.greeting))\n\n"
        "def shutdown(self, timeout):\n    object.__setattr__(self, 'greeting', '')"
    )
    if how == "frozen-init-assigns":
        w = _worker(omit=("__init__",), head="greeting: str = ''")
        return dc, f"@dataclasses.dataclass(frozen=True)\n{w}\n\n{NEW}", {}
    if how == "frozen-object-setattr":
        fields = "greeting: str = ''\ncount: int = 0"
        w = _worker(omit=("__init__", "init", "run", "shutdown"), head=f"{fields}\n\n{setter}")
        return dc, f"@dataclasses.dataclass(frozen=True)\n{w}\n\n{NEW}", {}
    if how == "frozen-post-init-assigns":
        head = "greeting: str = ''\n\ndef __post_init__(self):\n    self.count = 0"
        w = _worker(omit=("__init__", "init", "run", "shutdown"), head=f"{head}\n\n{setter}")
        return dc, f"@dataclasses.dataclass(frozen=True)\n{w}\n\n{NEW}", {}
    if how == "frozen-inherits-plain":
        base = "@dataclasses.dataclass\nclass _Base:\n    greeting: str = ''\n\n\n"
        w = _worker(bases="_Base", omit=("__init__", "init", "run", "shutdown"), head=setter)
        return dc, f"{base}@dataclasses.dataclass(frozen=True)\n{w}\n\n{NEW}", {}
    if how == "frozen-slots-extra-attribute":
        w = _worker(
            omit=("__init__", "init", "run", "shutdown"), head=f"greeting: str = ''\n\n{setter}"
        )
        return dc, f"@dataclasses.dataclass(frozen=True, slots=True)\n{w}\n\n{NEW}", {}
    if how == "slots-init-unlisted":
        return [], f"{_worker(head='__slots__ = (' + repr('greeting') + ',)')}\n\n{NEW}", {}
    if how == "slots-listed":
        slots = "__slots__ = ('greeting', 'count')"
        return [], f"{_worker(head=slots)}\n\n{NEW}", {}
    base = "class _Base:\n    pass\n\n\n"
    w = _worker(bases="_Base", head="__slots__ = ('greeting',)")
    return [], f"{base}{w}\n\n{NEW}", {}


def _f_cache(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "cache-run-dataclass",
            "cache-run-plain-class",
            "lru-cache-init-dict",
            "singledispatchmethod-run",
            "singledispatchmethod-init",
            "lru-cache-shutdown-float",
            "cache-run-eq-no-hash",
            "cache-run-eq-and-hash",
        ]
    )
    ft = ["import functools"]
    cached_run = "@functools.cache\ndef run(self):\n    return len(self.greeting)"
    if how == "cache-run-dataclass":
        w = _worker(omit=("__init__", "run"), head=f"greeting: str = ''\n\n{cached_run}")
        return [*ft, "import dataclasses"], f"@dataclasses.dataclass\n{w}\n\n{NEW}", {}
    if how == "cache-run-plain-class":
        return ft, f"{_worker(omit=('run',), head=cached_run)}\n\n{NEW}", {}
    if how.startswith("cache-run-eq"):
        eq = "def __eq__(self, other):\n    return self is other"
        if how.endswith("and-hash"):
            eq += "\n\ndef __hash__(self):\n    return id(self)"
        return ft, f"{_worker(omit=('run',), head=f'{eq}{chr(10) * 2}{cached_run}')}\n\n{NEW}", {}
    if how == "lru-cache-init-dict":
        head = "@functools.lru_cache(maxsize=None)\ndef init(self, config):\n    self.greeting = ''"
        return ft, f"{_worker(omit=('init',), head=head)}\n\n{NEW}", {}
    if how == "lru-cache-shutdown-float":
        head = (
            "@functools.lru_cache(maxsize=None)\ndef shutdown(self, timeout):\n    return timeout"
        )
        return ft, f"{_worker(omit=('shutdown',), head=head)}\n\n{NEW}", {}
    if how == "singledispatchmethod-run":
        head = (
            "@functools.singledispatchmethod\ndef run(self, arg=None):\n    self.count = 0\n\n"
            "@run.register\ndef _(self, arg: int):\n    self.count = arg"
        )
        return ft, f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    head = (
        "@functools.singledispatchmethod\ndef init(self, config):\n    self.greeting = ''\n\n"
        "@init.register\ndef _(self, config: dict):\n"
        "    self.greeting = str(config.get('greeting'))"
    )
    return ft, f"{_worker(omit=('init',), head=head)}\n\n{NEW}", {}


def _f_contextlib(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "run-contextmanager",
            "new-contextmanager",
            "suppress-decorates-run",
            "context-decorator-run",
            "cleanup-raises-after-yield",
            "exitstack-shutdown",
            "closing-without-close",
            "closing-with-close",
        ]
    )
    cl = ["import contextlib"]
    if how == "run-contextmanager":
        head = "@contextlib.contextmanager\ndef run(self):\n    yield len(self.greeting)"
        return cl, f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    if how == "new-contextmanager":
        return (
            cl,
            f"{_worker()}\n\n@contextlib.contextmanager\ndef new():\n    yield Worker()\n",
            {},
        )
    if how == "suppress-decorates-run":
        head = "@contextlib.suppress(KeyError)\ndef run(self):\n    self.count = 0"
        return cl, f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    if how == "context-decorator-run":
        head = "@_quiet()\ndef run(self):\n    self.count = len(self.greeting)"
        return cl, f"{_QUIET}{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    if how == "cleanup-raises-after-yield":
        cm = (
            "@contextlib.contextmanager\ndef _timed():\n"
            '    yield\n    raise RuntimeError("left open")\n\n\n'
        )
        head = "@_timed()\ndef run(self):\n    self.count = len(self.greeting)"
        return cl, f"{cm}{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    if how == "exitstack-shutdown":
        head = (
            "def init(self, config):\n    self.greeting = ''\n"
            "    self.stack = contextlib.ExitStack()\n"
            "    self.stack.callback(print, 'closed')\n\n"
            "def shutdown(self, timeout):\n    self.stack.close()"
        )
        return cl, f"{_worker(omit=('init', 'shutdown'), head=head)}\n\n{NEW}", {}
    run = "with contextlib.closing(self):\n    self.count = len(self.greeting)"
    close = "def close(self):\n    self.count = 0" if how == "closing-with-close" else ""
    return cl, f"{_worker(run=run, head=close)}\n\n{NEW}", {}


_REGISTRIES = {
    "init-subclass": (
        "class _Registered:\n"
        "    def __init_subclass__(cls, key, **kwargs):\n"
        "        super().__init_subclass__(**kwargs)\n"
        "        _REGISTRY[key] = cls\n\n\n",
        "_Registered, key='worker'",
        "",
    ),
    "metaclass": (
        "class _Registering(type):\n"
        "    def __new__(mcls, name, bases, namespace):\n"
        "        cls = super().__new__(mcls, name, bases, namespace)\n"
        "        _REGISTRY[name.lower()] = cls\n"
        "        return cls\n\n\n",
        "metaclass=_Registering",
        "",
    ),
    "decorator": (
        "def _register(key):\n"
        "    def store(cls):\n"
        "        _REGISTRY[key] = cls\n"
        "        return cls\n\n"
        "    return store\n\n\n",
        "",
        "@_register('worker')\n",
    ),
}


def _f_registry(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "init-subclass-good",
            "init-subclass-wrong-key",
            "metaclass-good",
            "metaclass-wrong-key",
            "decorator-good",
            "decorator-wrong-key",
            "decorator-returns-nothing",
            "decorator-returns-nothing-class-used",
        ]
    )
    key = "Worker" if how.endswith("wrong-key") else "worker"
    new = f"def new():\n    return _REGISTRY[{key!r}]()\n"
    for name, (maker, bases, deco) in _REGISTRIES.items():
        if how.startswith(name):
            return [], f"_REGISTRY = {{}}\n\n\n{maker}{deco}{_worker(bases=bases)}\n\n{new}", {}
    maker = (
        "def _register(key):\n    def store(cls):\n        _REGISTRY[key] = cls\n\n"
        "    return store\n\n\n"
    )
    new = new if how == "decorator-returns-nothing" else NEW
    return [], f"_REGISTRY = {{}}\n\n\n{maker}@_register('worker')\n{_worker()}\n\n{new}", {}


def _f_members(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "run-property-raises",
            "run-property-returns-bound",
            "shutdown-from-getattr",
            "run-builtin",
            "init-method-descriptor",
            "run-staticmethod",
            "run-classmethod",
            "shutdown-builtin-print",
        ]
    )
    if how == "run-property-raises":
        head = "@property\ndef run(self):\n    raise AttributeError('run is not ready')"
        return [], f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    if how == "run-property-returns-bound":
        head = (
            "@property\ndef run(self):\n    return self._run\n\ndef _run(self):\n    self.count = 0"
        )
        return [], f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    if how == "shutdown-from-getattr":
        head = (
            "def __getattr__(self, name):\n    if name == 'shutdown':\n"
            "        return lambda timeout: None\n    raise AttributeError(name)"
        )
        return [], f"{_worker(omit=('shutdown',), head=head)}\n\n{NEW}", {}
    if how == "run-builtin":
        return [], f"{_worker(omit=('run',), head='run = len')}\n\n{NEW}", {}
    if how == "init-method-descriptor":
        return [], f"{_worker(omit=('init',), head='init = dict.update')}\n\n{NEW}", {}
    if how == "run-staticmethod":
        head = "@staticmethod\ndef run():\n    return None"
        return [], f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    if how == "run-classmethod":
        head = "@classmethod\ndef run(cls):\n    return cls.__name__"
        return [], f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    return [], f"{_worker(omit=('shutdown',), head='shutdown = print')}\n\n{NEW}", {}


def _f_package(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "new-shadowed-by-submodule",
            "submodule-then-new",
            "init-imports-factory-module",
            "init-reexports-new",
            "settings-raise-at-import",
            "optional-speedups-guarded",
            "namespace-package",
            "del-submodule-name",
        ]
    )
    impl = {"_impl.py": f"{_worker()}\n\n{NEW}"}
    if how == "new-shadowed-by-submodule":
        body = (
            "from ._impl import Worker\n\n\ndef new():\n    return Worker()\n\n\n"
            "from .new import DEFAULTS  # noqa: E402,F401\n"
        )
        return [], body, {**impl, "new.py": "DEFAULTS = {}\n"}
    if how == "submodule-then-new":
        body = (
            "from ._impl import Worker\nfrom .new import DEFAULTS  # noqa: F401\n\n\n"
            "def new():\n    return Worker()\n"
        )
        return [], body, {**impl, "new.py": "DEFAULTS = {}\n"}
    if how == "init-imports-factory-module":
        return [], "from . import _impl  # noqa: F401\n", impl
    if how == "init-reexports-new":
        return [], "from ._impl import new  # noqa: F401\n", impl
    if how == "settings-raise-at-import":
        settings = 'import os\n\nLEVEL = int(os.environ.get("FH49_LEVEL", "verbose"))\n'
        return (
            [],
            "from . import settings  # noqa: F401\nfrom ._impl import new  # noqa: F401\n",
            {
                **impl,
                "settings.py": settings,
            },
        )
    if how == "optional-speedups-guarded":
        guarded = "try:\n    from . import _speedups\nexcept ImportError:\n    _speedups = None\n\n"
        return (
            [],
            guarded + "from ._impl import new  # noqa: F401,E402\n",
            {
                **impl,
                "_speedups.py": "import fh49_native_speedups\n",
            },
        )
    if how == "namespace-package":
        return [], None, impl
    return [], "from ._impl import new\n\ndel _impl\n", impl


FACTORY_KINDS: dict[str, FactoryKind] = {
    "f-frozen-slots": _f_frozen,
    "f-cache-dispatch": _f_cache,
    "f-contextlib": _f_contextlib,
    "f-registries": _f_registry,
    "f-protocol-members": _f_members,
    "f-package-init": _f_package,
}


def factory_variants(seed: int = 49, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 4902, count):
        extra, body, siblings = FACTORY_KINDS[kind](rng)
        variants.append(
            _variant(f"ft{i:03d}", "factory", kind, "api=fhost", extra, body, siblings, rng)
        )
    return variants


def _variant(
    name: str,
    contract: str,
    kind: str,
    trait: str,
    extra: list[str],
    body: str | None,
    siblings: dict[str, str],
    rng: Draw,
) -> Variant:
    rest = list(dict.fromkeys(extra))
    header = "\n".join([f'"""Fresh49 {contract} plugin: {kind}."""', "", *rest])
    if siblings or body is None:
        files = {f"{name}/{rel}": text for rel, text in siblings.items()}
        if body is not None:
            files[f"{name}/__init__.py"] = f"{header}\n\n\n{body.strip()}\n"
        structure = "package" if body is not None else "namespace"
    else:
        structure, files = _structure(rng, name, header, body)
    return Variant(name, contract, kind, (trait, structure), files)
