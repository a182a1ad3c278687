"""A generator family for the pluggy, factory and entry-function hosts: run-time machinery.

Issue 12. Written by gen56 after listing every other family's kinds, before reading any rule,
for shapes none of them writes: ``__all__`` arithmetic along a star chain three modules deep
(copied from the next module, a tuple sum naming what is absent, a comprehension over
``dir()``, ``del __all__``, an ``__all__`` naming a submodule nobody imported -- the star import
loads it and binds the module, not its function); ``importlib.metadata.version`` of a
distribution that is not installed, at import, under ``except ImportError`` (it catches
``PackageNotFoundError``) or ``except LookupError`` (it does not), and in the call;
``asyncio.run`` at import, in a hook, nested, of a plain function; ``contextlib.AsyncExitStack``
with a callback that raises, or entered with a plain ``with``; guards around an API the host
does not have (``try: from host import new_api``) whose fallback is wrong: the handler defines
the bad hook, binds ``None`` that the call uses, catches ``ModuleNotFoundError`` for a missing
name, a ``hasattr`` gate, a ``getattr`` default; ``enum.StrEnum`` hook names for ``specname``
(``auto()`` lower-cases, a plain ``Enum`` member is not a string), ``IntEnum`` marker options;
dataclass plugin objects whose ``field(default_factory=...)`` raises or is not callable, with
``default`` and ``default_factory`` together, ``__post_init__`` raising, assigning to a frozen
instance or calling a base's missing ``__post_init__``; generic plugin classes (``Generic[T]``
subscripted at instantiation, a plain class subscripted, ``__class_getitem__`` returning the
class or None, too many type arguments, ``__slots__`` against ``__orig_class__``); ``abc``
abstract properties left abstract, set only in ``__init__``, implemented by a class attribute
or by a mixin before or after the abstract base; keyword-only parameters and defaults the host
does not pass in ``__init__``, ``init``, ``shutdown`` and ``new``; ``types.SimpleNamespace``
registries and ``functools.cached_property`` settings; entry functions returning a generic
alias instead of the class, ``NamedTuple`` and ``StrEnum`` views of the options, a module that
replaces itself in ``sys.modules`` with a namespace. About half of the variants are healthy.
The real loader (oracle.py) decides every verdict; nothing here records an expectation.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.fresh15 import _indent
from differential.fresh45 import BAD, GOOD, NEW, _hook, _worker
from differential.generate import Draw, Variant, _draws, _marker, _structure

Parts = tuple[list[str], str, dict[str, str]]
"""(extra import lines, module body, sibling files of a package: relative path -> text)"""
PluggyKind = Callable[[Draw, str, list[str]], Parts]
OtherKind = Callable[[Draw], Parts]

STAR = "from .{} import *  # noqa: F403\n"
MISSING_DIST = "dh-render-extras"


# ---------------------------------------------------------------- pluggy


def _bad_handle(m: str) -> str:
    return _hook(m, "request, bogus", "return None", name="dh_handle")


def _p_all_arith(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "all-copied-three-levels-good",
            "all-copied-three-levels-bad",
            "all-names-unimported-submodule",
            "all-names-submodule-like-hook",
            "all-tuple-sum-missing-name",
            "all-excludes-bad-hook-good",
            "all-comprehension-over-dir",
            "all-deleted",
        ]
    )
    head = "\n".join(imports) + "\n\n"
    init = STAR.format("mid")
    if how.startswith("all-names"):
        name = "hooks" if how.endswith("unimported-submodule") else "dh_render"
        sub = f"{head}\n" + _hook(m, BAD)
        return [], init, {"mid/__init__.py": f'__all__ = ["{name}"]\n', f"mid/{name}.py": sub}
    mid = STAR.format("leaf") + "from . import leaf as _leaf\n\n__all__ = [*_leaf.__all__]\n"
    good, bad = _hook(m, GOOD), _hook(m, BAD)
    leaf = {
        "all-copied-three-levels-good": f'__all__ = ["dh_render"]\n\n\n{good}',
        "all-copied-three-levels-bad": f'__all__ = ["dh_render"]\n\n\n{bad}',
        "all-tuple-sum-missing-name": f'__all__ = ("dh_render",) + ("dh_collect",)\n\n\n{good}',
        "all-excludes-bad-hook-good": f'__all__ = ["dh_render"]\n\n\n{good}\n\n{_bad_handle(m)}',
        "all-comprehension-over-dir": f"{good}\n\n{_bad_handle(m)}\n\n"
        '__all__ = [n for n in dir() if n.startswith("dh_")]\n',
        "all-deleted": f'__all__ = ["dh_render"]\n\n\n{good}\n\n{_bad_handle(m)}\n\ndel __all__\n',
    }[how]
    if how == "all-deleted":
        mid = STAR.format("leaf")
    return [], init, {"mid.py": mid, "leaf.py": head + leaf}


def _p_import_runtime(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "metadata-version-missing",
            "metadata-version-except-importerror-good",
            "metadata-version-except-lookuperror",
            "metadata-version-in-hook",
            "metadata-version-installed-good",
            "asyncio-run-at-import-good",
            "async-exit-stack-callback-raises",
            "asyncio-run-in-hook-good",
        ]
    )
    meta = ["import importlib.metadata"]
    if how == "metadata-version-missing":
        return (
            meta,
            f'__version__ = importlib.metadata.version("{MISSING_DIST}")\n\n\n' + _hook(m),
            {},
        )
    if how.startswith("metadata-version-except"):
        caught = "ImportError" if "importerror" in how else "LookupError"
        guard = (
            f'try:\n    __version__ = importlib.metadata.version("{MISSING_DIST}")\n'
            f'except {caught}:\n    __version__ = "0"\n\n\n'
        )
        return meta, guard + _hook(m), {}
    if how == "metadata-version-in-hook":
        body = f'return importlib.metadata.version("{MISSING_DIST}") + str(page)'
        return meta, _hook(m, GOOD, body), {}
    if how == "metadata-version-installed-good":
        return meta, '_PLUGGY = importlib.metadata.version("pluggy")\n\n\n' + _hook(m), {}
    aio = ["import asyncio", "import contextlib"]
    if how == "asyncio-run-at-import-good":
        load = (
            'async def _load():\n    return {"prefix": "> "}\n\n\n'
            "_SETTINGS = asyncio.run(_load())\n\n\n"
        )
        return aio, load + _hook(m, GOOD, 'return _SETTINGS["prefix"] + str(page)'), {}
    if how == "async-exit-stack-callback-raises":
        load = (
            'async def _fail():\n    raise RuntimeError("cleanup failed")\n\n\n'
            "async def _open():\n    async with contextlib.AsyncExitStack() as stack:\n"
            '        stack.push_async_callback(_fail)\n        return {"prefix": "> "}\n\n\n'
            "_SETTINGS = asyncio.run(_open())\n\n\n"
        )
        return aio, load + _hook(m, GOOD, 'return _SETTINGS["prefix"] + str(page)'), {}
    shout = "async def _shout(page):\n    return str(page).upper()\n\n\n"
    return aio, shout + _hook(m, GOOD, "return asyncio.run(_shout(page))"), {}


def _p_api_fallback(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "fallback-defines-bad-hook",
            "fallback-else-unreached-good",
            "fallback-none-called",
            "fallback-none-guarded-good",
            "hasattr-gate",
            "version-getattr-default-good",
            "fallback-wrong-exception",
            "module-not-found-good",
        ]
    )
    good, bad = _hook(m, GOOD), _hook(m, BAD)
    if how in ("fallback-defines-bad-hook", "fallback-else-unreached-good"):
        probe = "dh_render_async" if how == "fallback-defines-bad-hook" else "dh_render"
        body = (
            f"try:\n    from dhost.hookspecs import {probe}  # noqa: F401\n"
            f"except ImportError:\n\n{_indent(bad)}\n\nelse:\n\n{_indent(good)}\n"
        )
        return [], body, {}
    if how.startswith("fallback-none") or how == "fallback-wrong-exception":
        caught = "ModuleNotFoundError" if how == "fallback-wrong-exception" else "ImportError"
        guard = (
            f"try:\n    from dhost import render_helper\nexcept {caught}:\n"
            "    render_helper = None\n\n\n"
        )
        call = "return render_helper(page)"
        if how == "fallback-none-guarded-good":
            call = "if render_helper is None:\n    return str(page)\n" + call
        return [], guard + _hook(m, GOOD, call), {}
    if how == "module-not-found-good":
        guard = (
            "try:\n    import dhost_extras\n"
            "except ModuleNotFoundError:\n    dhost_extras = None\n\n\n"
        )
        return [], guard + good, {}
    if how == "hasattr-gate":
        test = 'hasattr(_api, "render_v2")'
    else:
        test = 'tuple(map(int, getattr(_api, "__version__", "3.0").split("."))) >= (2, 0)'
    body = f"if {test}:\n\n{_indent(good)}\n\nelse:\n\n{_indent(bad)}\n"
    return ["import dhost as _api"], body, {}


def _p_enums(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "strenum-specname-good",
            "strenum-specname-typo",
            "strenum-auto-value",
            "plain-enum-member-specname",
            "plain-enum-value-specname-good",
            "strenum-historic-good",
            "intenum-tryfirst-good",
            "strenum-globals-key",
        ]
    )
    base = "enum.Enum" if how.startswith("plain-enum") else "enum.StrEnum"
    value = {
        "strenum-specname-typo": '"dh_rendr"',
        "strenum-auto-value": "enum.auto()",
    }.get(how, '"dh_render"')
    hooks = f'class Hook({base}):\n    RENDER = {value}\n    CONFIGURE = "dh_configure"\n\n\n'
    if how == "strenum-historic-good":
        hook = _hook(m, "config", "return None", "on_configure", "(specname=Hook.CONFIGURE)")
        return ["import enum"], hooks + hook, {}
    if how == "intenum-tryfirst-good":
        order = "class Order(enum.IntEnum):\n    FIRST = 1\n\n\n"
        return ["import enum"], order + _hook(m, options="(tryfirst=Order.FIRST)"), {}
    if how == "strenum-globals-key":
        impl = f"def _render({BAD}):\n    return str(page)\n\n\n"
        return ["import enum"], hooks + impl + f"globals()[Hook.RENDER] = {m}(_render)\n", {}
    spec = "Hook.RENDER.value" if how.endswith("value-specname-good") else "Hook.RENDER"
    return (
        ["import enum"],
        hooks + _hook(m, GOOD, name="render_page", options=f"(specname={spec})"),
        {},
    )


def _p_dataclass_plugins(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "default-factory-good",
            "default-factory-raises",
            "default-factory-not-callable",
            "post-init-raises",
            "post-init-good",
            "post-init-super-good",
            "default-and-default-factory",
            "field-kw-only-metadata-good",
        ]
    )
    fields = {
        "default-factory-good": (
            "prefix: str = '> '\ncache: dict = dataclasses.field(default_factory=dict)"
        ),
        "default-factory-raises": (
            "prefix: str = dataclasses.field(default_factory=lambda: _SETTINGS['prefix'])"
        ),
        "default-factory-not-callable": (
            "prefix: str = '> '\ncache: dict = dataclasses.field(default_factory={})"
        ),
        "post-init-raises": (
            "prefix: str = ''\n\ndef __post_init__(self):\n    if not self.prefix:\n"
            "        raise ValueError('a prefix is required')"
        ),
        "post-init-good": (
            "prefix: str = ''\n\ndef __post_init__(self):\n    self.prefix = self.prefix or '> '"
        ),
        "post-init-super-good": (
            "prefix: str = '> '\n\ndef __post_init__(self):\n"
            "    super().__post_init__()\n    self.prefix = self.prefix.strip() + ' '"
        ),
        "default-and-default-factory": (
            "prefix: str = dataclasses.field(default='> ', default_factory=str)"
        ),
        "field-kw-only-metadata-good": (
            "prefix: str = dataclasses.field("
            "default='> ', kw_only=True, metadata={'doc': 'shown first'})"
        ),
    }[how]
    pre = "_SETTINGS = {}\n\n\n" if how == "default-factory-raises" else ""
    bases = ""
    if how == "post-init-super-good":
        pre = (
            "@dataclasses.dataclass\nclass _Base:\n"
            "    def __post_init__(self):\n        self.ready = True\n\n\n"
        )
        bases = "(_Base)"
    hook = _hook(m, f"self, {GOOD}", "return self.prefix + str(page)")
    cls = f"@dataclasses.dataclass\nclass _Plugin{bases}:\n{_indent(fields)}\n\n{_indent(hook)}\n\n"
    bound = "_plugin = _Plugin()\ndh_render = _plugin.dh_render\n"
    return ["import dataclasses"], f"{pre}{cls}\n{bound}", {}


def _p_generics(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "generic-alias-instance-good",
            "subscript-plain-class",
            "class-getitem-returns-class-good",
            "class-getitem-returns-none",
            "generic-base-good",
            "generic-base-too-many-args",
            "generic-slots-orig-class-good",
            "generic-alias-instance-bad-args",
        ]
    )
    args = BAD if how.endswith("bad-args") else GOOD
    hook = _indent(_hook(m, f"self, {args}", "return str(page)"))
    typing = ["from typing import Generic, TypeVar"]
    tvar = 'T = TypeVar("T")\n\n\n'
    make = "_plugin = _Plugin[int]()\ndh_render = _plugin.dh_render\n"
    if how.startswith("generic-base"):
        arg = "int, str" if how.endswith("too-many-args") else "int"
        base = f"{tvar}class _Base(Generic[T]):\n    pass\n\n\n"
        cls = f"class _Plugin(_Base[{arg}]):\n{hook}\n\n\n"
        return typing, base + cls + "_plugin = _Plugin()\ndh_render = _plugin.dh_render\n", {}
    if how.startswith("class-getitem") or how == "subscript-plain-class":
        getitem = ""
        if how.startswith("class-getitem"):
            result = "cls" if how.endswith("class-good") else "None"
            getitem = f"    def __class_getitem__(cls, item):\n        return {result}\n\n"
        return [], f"class _Plugin:\n{getitem}{hook}\n\n\n{make}", {}
    slots = "    __slots__ = ()\n\n" if how == "generic-slots-orig-class-good" else ""
    return typing, f"{tvar}class _Plugin(Generic[T]):\n{slots}{hook}\n\n\n{make}", {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "p-all-arithmetic": _p_all_arith,
    "p-import-runtime": _p_import_runtime,
    "p-api-fallback": _p_api_fallback,
    "p-enum-names": _p_enums,
    "p-dataclass-objects": _p_dataclass_plugins,
    "p-generic-objects": _p_generics,
}


def pluggy_variants(seed: int = 55, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 5501, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m, imports)
        variants.append(
            _variant(
                f"py{i:03d}",
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


def _f_abstract(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "abstract-property-left",
            "abstract-property-good",
            "abstract-property-class-attribute-good",
            "abstract-property-set-in-init",
            "abstract-mixin-first-good",
            "abstract-mixin-last",
            "abstract-run-super-raises",
            "abstract-run-super-default-good",
        ]
    )
    imports = ["import abc"]
    if how.startswith("abstract-run"):
        body = "raise NotImplementedError" if how.endswith("raises") else "return None"
        base = (
            "class _Base(abc.ABC):\n    @abc.abstractmethod\n"
            f"    def run(self):\n        {body}\n\n\n"
        )
        run = "super().run()\nself.count = len(self.greeting)"
        return imports, f"{base}{_worker(bases='_Base', run=run)}\n\n{NEW}", {}
    base = (
        "class _Base(abc.ABC):\n    @property\n    @abc.abstractmethod\n"
        "    def name(self):\n        ...\n\n\n"
    )
    mixin = "class _Named:\n    @property\n    def name(self):\n        return 'worker'\n\n\n"
    if how.startswith("abstract-mixin"):
        bases = "_Named, _Base" if how.endswith("first-good") else "_Base, _Named"
        return imports, f"{base}{mixin}{_worker(bases=bases)}\n\n{NEW}", {}
    head = {
        "abstract-property-left": "",
        "abstract-property-good": "@property\ndef name(self):\n    return 'worker'",
        "abstract-property-class-attribute-good": "name = 'worker'",
        "abstract-property-set-in-init": (
            "def __init__(self):\n    self.greeting = ''\n    self.label = 'worker'"
        ),
    }[how]
    omit = ("__init__",) if how.endswith("set-in-init") else ()
    return imports, f"{base}{_worker(bases='_Base', head=head, omit=omit)}\n\n{NEW}", {}


def _f_kwonly(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "init-kwonly-default-good",
            "init-kwonly-required",
            "init-kwonly-called-positionally",
            "lifecycle-init-kwonly-config",
            "lifecycle-init-kwonly-extra-default-good",
            "shutdown-kwonly-timeout",
            "new-kwonly-required",
            "new-kwonly-default-good",
        ]
    )
    if how.startswith("init-kwonly"):
        default = "" if how == "init-kwonly-required" else "=''"
        head = f"def __init__(self, *, greeting{default}):\n    self.greeting = greeting"
        new = "def new():\n    return Worker('hi')\n" if how.endswith("positionally") else NEW
        return [], f"{_worker(omit=('__init__',), head=head)}\n\n{new}", {}
    if how.startswith("lifecycle-init"):
        params = "self, *, config" if how.endswith("config") else "self, config, *, strict=False"
        return [], f"{_worker(init_params=params)}\n\n{NEW}", {}
    if how == "shutdown-kwonly-timeout":
        head = "def shutdown(self, *, timeout):\n    self.greeting = ''"
        return [], f"{_worker(omit=('shutdown',), head=head)}\n\n{NEW}", {}
    default = "=1" if how.endswith("good") else ""
    new = (
        f"def new(*, level{default}):\n    worker = Worker()\n"
        "    worker.level = level\n    return worker\n"
    )
    return [], f"{_worker()}\n\n{new}", {}


def _f_dataclass_post_init(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "default-factory-good",
            "default-factory-raises",
            "default-factory-not-callable",
            "post-init-raises",
            "post-init-good",
            "post-init-frozen-assign",
            "post-init-frozen-object-setattr-good",
            "post-init-super-missing",
        ]
    )
    deco = "@dataclasses.dataclass"
    pre = ""
    head = {
        "default-factory-good": (
            "greeting: str = ''\nseen: list = dataclasses.field(default_factory=list)"
        ),
        "default-factory-raises": (
            "greeting: str = dataclasses.field(default_factory=lambda: _DEFAULTS['greeting'])"
        ),
        "default-factory-not-callable": (
            "greeting: str = ''\nseen: list = dataclasses.field(default_factory=[])"
        ),
        "post-init-raises": (
            "greeting: str = ''\n\ndef __post_init__(self):\n    if not self.greeting:\n"
            "        raise ValueError('a greeting is required')"
        ),
        "post-init-good": "greeting: str = ''\n\ndef __post_init__(self):\n    self.count = 0",
        "post-init-super-missing": (
            "greeting: str = ''\n\ndef __post_init__(self):\n"
            "    super().__post_init__()\n    self.count = 0"
        ),
    }.get(how, "")
    if how == "default-factory-raises":
        pre = "_DEFAULTS = {}\n\n\n"
    if how.startswith("post-init-frozen"):
        deco = "@dataclasses.dataclass(frozen=True)"
        pre = "_SEEN = []\n\n\n"
        setter = (
            "object.__setattr__(self, 'count', 0)" if how.endswith("good") else "self.count = 0"
        )
        head = (
            f"greeting: str = ''\n\ndef __post_init__(self):\n    {setter}\n\n"
            "def init(self, config):\n"
            "    object.__setattr__(self, 'greeting', str(config.get('greeting', '')))\n\n"
            "def run(self):\n    _SEEN.append(self.greeting)\n\n"
            "def shutdown(self, timeout):\n    _SEEN.clear()"
        )
        w = _worker(omit=("__init__", "init", "run", "shutdown"), head=head)
        return ["import dataclasses"], f"{pre}{deco}\n{w}\n\n{NEW}", {}
    w = _worker(omit=("__init__",), head=head)
    return ["import dataclasses"], f"{pre}{deco}\n{w}\n\n{NEW}", {}


def _f_async(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "asyncio-run-in-init-good",
            "asyncio-run-nested",
            "async-exit-stack-at-import-good",
            "async-exit-stack-callback-raises-in-shutdown",
            "get-running-loop-in-init",
            "asyncio-run-plain-function-at-import",
            "async-exit-stack-plain-with-at-import",
            "asyncio-run-in-run-good",
        ]
    )
    imports = ["import asyncio", "import contextlib"]
    if how == "asyncio-run-in-init-good":
        head = (
            "async def _load(self, config):\n    return str(config.get('greeting', ''))\n\n"
            "def init(self, config):\n    self.greeting = asyncio.run(self._load(config))"
        )
        return imports, f"{_worker(omit=('init',), head=head)}\n\n{NEW}", {}
    if how == "asyncio-run-nested":
        head = (
            "async def _outer(self):\n    return asyncio.run(self._inner())\n\n"
            "async def _inner(self):\n    return len(self.greeting)"
        )
        return (
            imports,
            f"{_worker(head=head, run='self.count = asyncio.run(self._outer())')}\n\n{NEW}",
            {},
        )
    if how == "asyncio-run-in-run-good":
        head = "async def _measure(self):\n    return len(self.greeting)"
        return (
            imports,
            f"{_worker(head=head, run='self.count = asyncio.run(self._measure())')}\n\n{NEW}",
            {},
        )
    if how == "async-exit-stack-at-import-good":
        pre = (
            "_OPENED = []\n\n\nasync def _release():\n    _OPENED.clear()\n\n\n"
            "async def _open():\n    async with contextlib.AsyncExitStack() as stack:\n"
            "        stack.push_async_callback(_release)\n        _OPENED.append('db')\n"
            "        return list(_OPENED)\n\n\n_RESOURCES = asyncio.run(_open())\n\n\n"
        )
        return imports, f"{pre}{_worker(run='self.count = len(_RESOURCES)')}\n\n{NEW}", {}
    if how == "async-exit-stack-callback-raises-in-shutdown":
        pre = "async def _fail():\n    raise RuntimeError('cleanup failed')\n\n\n"
        head = (
            "async def _close(self):\n    async with contextlib.AsyncExitStack() as stack:\n"
            "        stack.push_async_callback(_fail)\n\n"
            "def shutdown(self, timeout):\n    asyncio.run(self._close())"
        )
        return imports, f"{pre}{_worker(omit=('shutdown',), head=head)}\n\n{NEW}", {}
    if how == "get-running-loop-in-init":
        head = (
            "def init(self, config):\n    self.loop = asyncio.get_running_loop()\n"
            "    self.greeting = str(config.get('greeting', ''))"
        )
        return imports, f"{_worker(omit=('init',), head=head)}\n\n{NEW}", {}
    if how == "asyncio-run-plain-function-at-import":
        pre = "def _setup():\n    return {'ready': True}\n\n\n_STATE = asyncio.run(_setup())\n\n\n"
        return imports, f"{pre}{_worker()}\n\n{NEW}", {}
    pre = "with contextlib.AsyncExitStack() as _stack:\n    _READY = True\n\n\n"
    return imports, f"{pre}{_worker()}\n\n{NEW}", {}


def _f_api_fallback(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "new-api-fallback-object-good",
            "fallback-wrong-exception",
            "fallback-none-called-in-run",
            "fallback-none-guarded-good",
            "metadata-version-missing-at-import",
            "metadata-version-except-importerror-good",
            "metadata-version-in-init",
            "metadata-entry-points-good",
        ]
    )
    meta = ["import importlib.metadata"]
    if how == "new-api-fallback-object-good":
        guard = (
            "try:\n    from fhost import PluginBase as _Base\n"
            "except ImportError:\n    _Base = object\n\n\n"
        )
        return [], f"{guard}{_worker(bases='_Base')}\n\n{NEW}", {}
    if how.startswith("fallback"):
        caught = "ModuleNotFoundError" if how == "fallback-wrong-exception" else "ImportError"
        guard = f"try:\n    from fhost import measure\nexcept {caught}:\n    measure = None\n\n\n"
        run = "self.count = measure(self.greeting)"
        if how.endswith("guarded-good"):
            run = "self.count = len(self.greeting) if measure is None else measure(self.greeting)"
        return [], f"{guard}{_worker(run=run)}\n\n{NEW}", {}
    if how == "metadata-version-missing-at-import":
        return (
            meta,
            f'__version__ = importlib.metadata.version("{MISSING_DIST}")\n\n\n{_worker()}\n\n{NEW}',
            {},
        )
    if how == "metadata-version-except-importerror-good":
        guard = (
            f'try:\n    __version__ = importlib.metadata.version("{MISSING_DIST}")\n'
            'except ImportError:\n    __version__ = "0"\n\n\n'
        )
        return meta, f"{guard}{_worker()}\n\n{NEW}", {}
    if how == "metadata-version-in-init":
        head = (
            "def init(self, config):\n"
            f'    self.version = importlib.metadata.version("{MISSING_DIST}")\n'
            "    self.greeting = str(config.get('greeting', ''))"
        )
        return meta, f"{_worker(omit=('init',), head=head)}\n\n{NEW}", {}
    pre = '_SIBLINGS = importlib.metadata.entry_points(group="fhost.plugins")\n\n\n'
    return (
        meta,
        f"{pre}{_worker(run='self.count = len(_SIBLINGS) + len(self.greeting)')}\n\n{NEW}",
        {},
    )


def _f_generics(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "generic-base-good",
            "generic-alias-new-good",
            "subscript-plain-class-in-new",
            "class-getitem-returns-none-in-new",
            "generic-base-too-many-args",
            "namespace-registry-good",
            "namespace-registry-typo",
            "cached-property-settings-good",
        ]
    )
    typing = ["from typing import Generic, TypeVar"]
    tvar = 'T = TypeVar("T")\n\n\n'
    alias_new = "def new():\n    return Worker[int]()\n"
    if how.startswith("generic-base"):
        arg = "int, str" if how.endswith("too-many-args") else "int"
        base = f"{tvar}class _Base(Generic[T]):\n    pass\n\n\n"
        return typing, f"{base}{_worker(bases=f'_Base[{arg}]')}\n\n{NEW}", {}
    if how == "generic-alias-new-good":
        return typing, f"{tvar}{_worker(bases='Generic[T]')}\n\n{alias_new}", {}
    if how == "subscript-plain-class-in-new":
        return [], f"{_worker()}\n\n{alias_new}", {}
    if how == "class-getitem-returns-none-in-new":
        head = "def __class_getitem__(cls, item):\n    return None"
        return [], f"{_worker(head=head)}\n\n{alias_new}", {}
    if how.startswith("namespace-registry"):
        attr = "wroker" if how.endswith("typo") else "worker"
        reg = "_REGISTRY = types.SimpleNamespace(worker=Worker)\n\n\n"
        return (
            ["import types"],
            f"{_worker()}\n\n{reg}def new():\n    return _REGISTRY.{attr}()\n",
            {},
        )
    head = "@functools.cached_property\ndef settings(self):\n    return {'upper': True}"
    run = "self.count = len(self.greeting.upper() if self.settings['upper'] else self.greeting)"
    return ["import functools"], f"{_worker(head=head, run=run)}\n\n{NEW}", {}


FACTORY_KINDS: dict[str, OtherKind] = {
    "f-abstract-members": _f_abstract,
    "f-keyword-only": _f_kwonly,
    "f-dataclass-post-init": _f_dataclass_post_init,
    "f-asyncio": _f_async,
    "f-api-fallback": _f_api_fallback,
    "f-generic-objects": _f_generics,
}


def factory_variants(seed: int = 55, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 5502, count):
        extra, body, siblings = FACTORY_KINDS[kind](rng)
        variants.append(
            _variant(f"fy{i:03d}", "factory", kind, "api=fhost", extra, body, siblings, rng)
        )
    return variants


# ---------------------------------------------------------------- entry function

CHECK = "def check(self, text):\n    return [text.upper()]"
ENTRY = "def plugin(registry, options):\n    return MyChecker\n"


def _checker(bases: str = "Checker", head: str = "", deco: str = "") -> str:
    inner = "\n\n".join(p for p in (head.strip(), CHECK) if p)
    return f"{deco}class MyChecker({bases}):\n{_indent(inner)}\n"


def _e_classes(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "generic-checker-good",
            "generic-checker-alias-returned",
            "abstract-property-left",
            "abstract-property-attribute-good",
            "init-kwonly-required",
            "init-kwonly-default-good",
            "dataclass-post-init-raises",
            "dataclass-post-init-good",
        ]
    )
    api = ["from ehost import Checker"]
    if how.startswith("generic-checker"):
        entry = ENTRY.replace("MyChecker", "MyChecker[int]") if how.endswith("returned") else ENTRY
        text = f'T = TypeVar("T")\n\n\n{_checker("Checker, Generic[T]")}\n\n{entry}'
        return [*api, "from typing import Generic, TypeVar"], text, {}
    if how.startswith("abstract-property"):
        named = (
            "class _Named(abc.ABC):\n    @property\n    @abc.abstractmethod\n"
            "    def name(self):\n        ...\n\n\n"
        )
        head = "name = 'upper'" if how.endswith("good") else ""
        return [*api, "import abc"], f"{named}{_checker('Checker, _Named', head)}\n\n{ENTRY}", {}
    if how.startswith("init-kwonly"):
        default = "=False" if how.endswith("good") else ""
        head = (
            f"def __init__(self, options, *, strict{default}):\n"
            "    super().__init__(options)\n    self.strict = strict"
        )
        return api, f"{_checker(head=head)}\n\n{ENTRY}", {}
    key = "mode" if how.endswith("raises") else "level"
    head = (
        "options: dict\n\ndef __post_init__(self):\n"
        f"    if {key!r} not in self.options:\n        raise KeyError({key!r})"
    )
    return (
        [*api, "import dataclasses"],
        f"{_checker(head=head, deco='@dataclasses.dataclass' + chr(10))}\n\n{ENTRY}",
        {},
    )


def _e_plugin_body(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "add-option-good",
            "add-checker-extra-argument",
            "options-namespace-good",
            "options-attribute-access",
            "metadata-version-missing",
            "metadata-version-except-importerror-good",
            "asyncio-run-in-plugin-good",
            "asyncio-run-of-function",
        ]
    )
    api = ["from ehost import Checker"]
    checker = _checker()
    body = {
        "add-option-good": "registry.add_option('upper', default=True)\nreturn MyChecker",
        "add-checker-extra-argument": "registry.add_checker(MyChecker, 'upper')\nreturn MyChecker",
        "options-namespace-good": (
            "settings = types.SimpleNamespace(**options)\n"
            "return MyChecker if settings.level else Checker"
        ),
        "options-attribute-access": "return MyChecker if options.level else Checker",
        "metadata-version-missing": (
            f"MyChecker.version = importlib.metadata.version({MISSING_DIST!r})\nreturn MyChecker"
        ),
        "metadata-version-except-importerror-good": (
            f"try:\n    MyChecker.version = importlib.metadata.version({MISSING_DIST!r})\n"
            "except ImportError:\n    MyChecker.version = '0'\nreturn MyChecker"
        ),
        "asyncio-run-in-plugin-good": "return asyncio.run(_discover())",
        "asyncio-run-of-function": "return asyncio.run(_discover)",
    }[how]
    extra = {"options-namespace-good": ["import types"]}.get(how, [])
    pre = ""
    if how.startswith("metadata"):
        extra = ["import importlib.metadata"]
    if how.startswith("asyncio"):
        extra = ["import asyncio"]
        pre = "async def _discover():\n    return MyChecker\n\n\n"
    text = f"{checker}\n\n{pre}def plugin(registry, options):\n{_indent(body)}\n"
    return [*api, *extra], text, {}


def _e_star_chain(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "star-chain-good",
            "star-chain-all-omits-plugin",
            "star-chain-only-plugin-good",
            "all-names-submodule",
            "all-tuple-sum-names-uncarried",
            "all-names-missing-class",
            "all-deleted-good",
            "all-imported-from-leaf-good",
        ]
    )
    init = STAR.format("mid")
    leaf_code = f"from ehost import Checker\n\n\n{_checker()}\n\n{ENTRY}"
    if how == "all-names-submodule":
        return [], init, {"mid/__init__.py": '__all__ = ["plugin"]\n', "mid/plugin.py": leaf_code}
    listed = {
        "star-chain-good": '["plugin", "MyChecker"]',
        "star-chain-all-omits-plugin": '["MyChecker"]',
        "star-chain-only-plugin-good": '["plugin"]',
        "all-tuple-sum-names-uncarried": '("plugin",)',
        "all-names-missing-class": '["plugin", "LegacyChecker"]',
        "all-deleted-good": '["MyChecker"]',
        "all-imported-from-leaf-good": '["plugin"]',
    }[how]
    leaf = f"__all__ = {listed}\n\n{leaf_code}"
    mid = STAR.format("leaf") + "from . import leaf as _leaf\n\n__all__ = list(_leaf.__all__)\n"
    if how == "all-tuple-sum-names-uncarried":
        mid = (
            STAR.format("leaf")
            + "from . import leaf as _leaf\n\n__all__ = _leaf.__all__ + ('MyChecker',)\n"
        )
    elif how == "all-deleted-good":
        leaf += "\ndel __all__\n"
        mid = STAR.format("leaf")
    elif how == "all-imported-from-leaf-good":
        mid = STAR.format("leaf") + "from .leaf import __all__  # noqa: F401\n"
    return [], init, {"mid.py": mid, "leaf.py": leaf}


def _e_import_time(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "sys-modules-namespace-good",
            "sys-modules-namespace-without-plugin",
            "host-api-fallback-object",
            "host-api-fallback-checker-good",
            "strenum-option-good",
            "strenum-option-auto",
            "namedtuple-options-good",
            "namedtuple-options-extra-field",
        ]
    )
    api = ["from ehost import Checker"]
    if how.startswith("sys-modules"):
        keep = "plugin=plugin" if how.endswith("good") else "check=MyChecker"
        text = f"{_checker()}\n\n{ENTRY}\n\nsys.modules[__name__] = types.SimpleNamespace({keep})\n"
        return [*api, "import sys", "import types"], text, {}
    if how.startswith("host-api-fallback"):
        fallback = (
            "from ehost import Checker as _Base" if how.endswith("good") else "_Base = object"
        )
        guard = (
            "try:\n    from ehost import CheckerV2 as _Base\n"
            f"except ImportError:\n    {fallback}\n\n\n"
        )
        head = "def __init__(self, options):\n    self.options = dict(options)"
        return [], f"{guard}{_checker('_Base', head)}\n\n{ENTRY}", {}
    if how.startswith("strenum"):
        value = "enum.auto()" if how.endswith("auto") else '"1"'
        level = f'class Level(enum.StrEnum):\n    ONE = {value}\n    TWO = "2"\n\n\n'
        head = (
            "def __init__(self, options):\n    super().__init__(options)\n"
            "    self.level = Level(options['level'])"
        )
        return [*api, "import enum"], f"{level}{_checker(head=head)}\n\n{ENTRY}", {}
    more = "\n    mode: str" if how.endswith("extra-field") else ""
    opts = f"class _Options(NamedTuple):\n    level: str\n    style: str{more}\n\n\n"
    head = (
        "def __init__(self, options):\n    super().__init__(options)\n"
        "    self.settings = _Options(**options)"
    )
    return [*api, "from typing import NamedTuple"], f"{opts}{_checker(head=head)}\n\n{ENTRY}", {}


ENTRY_KINDS: dict[str, OtherKind] = {
    "e-checker-classes": _e_classes,
    "e-plugin-body": _e_plugin_body,
    "e-star-chain": _e_star_chain,
    "e-import-time": _e_import_time,
}


def entry_variants(seed: int = 55, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(ENTRY_KINDS, seed + 5503, count):
        extra, body, siblings = ENTRY_KINDS[kind](rng)
        variants.append(
            _variant(f"ey{i:03d}", "entry", kind, "api=ehost", extra, body, siblings, rng)
        )
    return variants


def _variant(
    name: str,
    contract: str,
    kind: str,
    trait: str,
    extra: list[str],
    body: str,
    siblings: dict[str, str],
    rng: Draw,
) -> Variant:
    header = "\n".join([f'"""Fresh55 {contract} plugin: {kind}."""', "", *dict.fromkeys(extra)])
    if siblings:
        files = {f"{name}/{rel}": text for rel, text in siblings.items()}
        files[f"{name}/__init__.py"] = f"{header}\n\n\n{body.strip()}\n"
        return Variant(name, contract, kind, (trait, "package"), files)
    structure, files = _structure(rng, name, header, body)
    return Variant(name, contract, kind, (trait, structure), files)
