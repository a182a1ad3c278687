"""A generator family for the pluggy and factory hosts: idioms of 2026 plugin authors (issue 12).

Written by gen51 after listing every other family's kinds, for shapes none of them writes:
hookimpls a loop sets with ``setattr(sys.modules[__name__], ...)``, copies out of the plugin's
own submodules found by ``pkgutil.iter_modules``, or carries on an object that replaces the
module in ``sys.modules``; annotations evaluated at run time (a string joined by ``|`` without
``from __future__ import annotations``, ``TypeVar(default=...)`` older interpreters refuse,
``typing.get_type_hints`` over names imported only under ``TYPE_CHECKING``, ``ParamSpec``-typed
decorators, dataclass fields with a mutable default); optional extras imported under the wrong
``except``, a ``find_spec`` of a dotted name whose parent is missing, an extra that raises
something other than ``ImportError``, a ``suppress(ImportError)`` import used later; hookimpls
reached through a metaclass's ``__getattr__``, an ``Enum`` member, an ``ABC`` instance with an
abstract method left, a module-level ``staticmethod`` or ``classmethod``; relative imports in a
plain module, in a namespace sub-package, ``import_module`` of a relative name without its
package, a sibling named like a stdlib module imported relatively; decorators that forget to
return, wrappers with and without ``functools.wraps``/``update_wrapper``, class-based
decorators. Factory workers: properties without a setter, ``cached_property`` on a slotted
dataclass, classes built by ``type()``, ``setattr`` loops or served by a metaclass's
``__getattr__`` (which instances never consult), ``Enum`` workers, abstract properties and
methods assigned after the class was made. About half of the variants are healthy. The real
loader (oracle.py) decides every verdict; nothing here records an expectation.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.fresh15 import _indent
from differential.fresh45 import BAD, GOOD, NEW, _hook, _worker
from differential.generate import Draw, Variant, _draws, _marker, _structure

Parts = tuple[list[str], str, dict[str, str]]
"""(extra import lines, module body, sibling files of a package: relative path -> text; a
sibling named ``.module`` asks for a plain module, never a package)"""
PluggyKind = Callable[[Draw, str, list[str]], Parts]
FactoryKind = Callable[[Draw], Parts]
MODULE_ONLY = ".module"
_GUARD = "try:\n    import {name}\nexcept {error}:\n    {name} = None\n\n\n"


# ---------------------------------------------------------------- pluggy


def _p_setattr(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "setattr-loop-good",
            "setattr-loop-bad",
            "setattr-literal-bad",
            "module-replaced-by-instance-good",
            "module-replaced-by-instance-bad",
            "iter-modules-copy-good",
            "iter-modules-copy-bad",
            "globals-setdefault-bad",
        ]
    )
    args = BAD if how.endswith("bad") else GOOD
    render = _hook(None, args, name="_render")
    if how.startswith("setattr-loop"):
        loop = (
            'for _name, _function in {"dh_render": _render}.items():\n'
            f"    setattr(sys.modules[__name__], _name, {m}(_function))\n"
        )
        return ["import sys"], f"{render}\n\n{loop}", {}
    if how == "setattr-literal-bad":
        return (
            ["import sys"],
            f'{render}\n\nsetattr(sys.modules[__name__], "dh_render", {m}(_render))\n',
            {},
        )
    if how == "globals-setdefault-bad":
        return [], f'{render}\n\nglobals().setdefault("dh_render", {m}(_render))\n', {}
    if how.startswith("module-replaced"):
        cls = f"class _Plugin:\n{_indent(_hook(m, f'self, {args}'))}\n\n\n"
        return ["import sys"], f"{cls}sys.modules[__name__] = _Plugin()\n", {}
    head = "\n".join(imports) + "\n\n\n"
    body = (
        "for _info in pkgutil.iter_modules(__path__):\n"
        '    _module = importlib.import_module(f"{__name__}.{_info.name}")\n'
        "    for _key, _value in vars(_module).items():\n"
        '        if _key.startswith("dh_"):\n'
        "            globals()[_key] = _value\n"
    )
    return (
        ["import importlib", "import pkgutil"],
        body,
        {"rendering.py": head + _hook(m, args)},
    )


def _p_annotations(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "string-union-bad",
            "string-union-future-good",
            "typevar-default-bad",
            "typevar-default-extensions-good",
            "get-type-hints-type-checking-bad",
            "get-type-hints-runtime-good",
            "paramspec-decorator-good",
            "annotated-metadata-good",
        ]
    )
    page = "class Page(str):\n    pass\n\n\n"
    if how.startswith("string-union"):
        hook = _hook(m, 'page: "Page" | None, context: dict')
        extra = ["from __future__ import annotations"] if how.endswith("future-good") else []
        return extra, page + hook, {}
    if how.startswith("typevar-default"):
        source = "typing_extensions" if "extensions" in how else "typing"
        tv = 'T = TypeVar("T", default=str)\n\n\n'
        return [f"from {source} import TypeVar"], tv + _hook(m, "page: T, context"), {}
    if how.startswith("get-type-hints"):
        if how.endswith("bad"):
            extra = [
                "from __future__ import annotations",
                "import typing",
                "from typing import TYPE_CHECKING",
                "",
                "if TYPE_CHECKING:\n    from collections import OrderedDict",
            ]
        else:
            extra = [
                "from __future__ import annotations",
                "import typing",
                "from collections import OrderedDict",
            ]
        hook = _hook(m, "page: str, context: OrderedDict")
        return extra, f"{hook}\n\n_HINTS = typing.get_type_hints(dh_render)\n", {}
    if how == "paramspec-decorator-good":
        deco = (
            'P = ParamSpec("P")\nR = TypeVar("R")\n\n\n'
            "def _traced(function: Callable[P, R]) -> Callable[P, R]:\n"
            "    @functools.wraps(function)\n"
            "    def inner(*args: P.args, **kwargs: P.kwargs) -> R:\n"
            "        return function(*args, **kwargs)\n\n"
            "    return inner\n\n\n"
        )
        text = deco + _hook(m, GOOD).replace("def ", "@_traced\ndef ", 1)
        return (
            [
                "import functools",
                "from collections.abc import Callable",
                "from typing import ParamSpec, TypeVar",
            ],
            text,
            {},
        )
    return (
        ["from typing import Annotated"],
        _hook(m, 'page: Annotated[str, "the page"], context'),
        {},
    )


def _p_extras(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "importerror-guarded-good",
            "importerror-unguarded-use-bad",
            "wrong-exception-bad",
            "find-spec-dotted-missing-parent-bad",
            "find-spec-good",
            "extra-raises-runtimeerror-bad",
            "extra-raises-caught-exception-good",
            "suppress-import-used-bad",
        ]
    )
    if how.startswith("importerror"):
        guard = _GUARD.format(name="px51_missing_extra", error="ImportError")
        body = (
            "if px51_missing_extra is None:\n    return str(page)\n"
            "return px51_missing_extra.render(page)"
            if how.endswith("good")
            else "return px51_missing_extra.render(page)"
        )
        return [], guard + _hook(m, GOOD, body), {}
    if how == "wrong-exception-bad":
        guard = _GUARD.format(name="px51_missing_extra", error="AttributeError")
        return [], guard + _hook(m, GOOD), {}
    if how.startswith("find-spec"):
        name = "px51_missing_extra.speedups" if "dotted" in how else "px51_missing_extra"
        gate = f'HAVE_SPEEDUPS = importlib.util.find_spec("{name}") is not None\n\n\n'
        return ["import importlib.util"], gate + _hook(m, GOOD), {}
    if how.startswith("extra-raises"):
        caught = "Exception" if how.endswith("good") else "ImportError"
        guard = f"try:\n    from . import _gpu\nexcept {caught}:\n    _gpu = None\n\n\n"
        return [], guard + _hook(m, GOOD), {"_gpu.py": 'raise RuntimeError("no GPU found")\n'}
    guard = "with contextlib.suppress(ImportError):\n    import px51_missing_extra\n\n\n"
    return (
        ["import contextlib"],
        guard + _hook(m, GOOD, "return px51_missing_extra.render(page)"),
        {},
    )


def _p_class_access(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "metaclass-getattr-good",
            "metaclass-getattr-bad",
            "enum-member-good",
            "enum-member-bad",
            "abc-instance-abstract-left",
            "abc-instance-complete-good",
            "module-staticmethod",
            "module-classmethod",
        ]
    )
    args = BAD if how.endswith("bad") else GOOD
    if how.startswith("metaclass-getattr"):
        text = (
            f"{_hook(m, args, name='_render')}\n\n"
            "class _Lookup(type):\n"
            "    def __getattr__(cls, name):\n"
            '        if name == "render":\n'
            "            return _render\n"
            "        raise AttributeError(name)\n\n\n"
            "class _Hooks(metaclass=_Lookup):\n    pass\n\n\n"
            "dh_render = _Hooks.render\n"
        )
        return [], text, {}
    if how.startswith("enum-member"):
        cls = f"class _Hooks(enum.Enum):\n    ONLY = 1\n\n{_indent(_hook(m, f'self, {args}'))}\n\n"
        return ["import enum"], f"{cls}dh_render = _Hooks.ONLY.dh_render\n", {}
    if how.startswith("abc-instance"):
        helper = "def helper(self):\n    return 1" if how.endswith("good") else ""
        base = "class _Base(abc.ABC):\n    @abc.abstractmethod\n    def helper(self): ...\n\n\n"
        inner = _hook(m, f"self, {GOOD}") + (f"\n{helper}" if helper else "")
        made = "_hooks = _Hooks()\ndh_render = _hooks.dh_render\n"
        text = f"{base}class _Hooks(_Base):\n{_indent(inner)}\n\n{made}"
        return ["import abc"], text, {}
    wrap = "staticmethod" if how == "module-staticmethod" else "classmethod"
    params = GOOD if wrap == "staticmethod" else f"cls, {GOOD}"
    return [], _hook(m, params).replace("def ", f"@{wrap}\ndef ", 1), {}


def _p_relative(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "namespace-subpackage-good",
            "namespace-subpackage-bad",
            "relative-in-plain-module",
            "import-module-relative-no-package",
            "import-module-relative-with-package-good",
            "stdlib-named-sibling-absolute-good",
            "stdlib-named-sibling-relative-bad",
            "beyond-top-level",
        ]
    )
    head = "\n".join(imports) + "\n\n\n"
    if how.startswith("namespace-subpackage"):
        args = BAD if how.endswith("bad") else GOOD
        return (
            [],
            "from .parts.hooks import dh_render  # noqa: F401\n",
            {"parts/hooks.py": head + _hook(m, args)},
        )
    if how == "relative-in-plain-module":
        return [], "from . import helpers  # noqa: F401\n\n\n" + _hook(m, GOOD), {MODULE_ONLY: ""}
    if how.startswith("import-module-relative"):
        package = ", __name__" if how.endswith("good") else ""
        text = (
            f'_hooks = importlib.import_module("._hooks"{package})\ndh_render = _hooks.dh_render\n'
        )
        return ["import importlib"], text, {"_hooks.py": head + _hook(m, GOOD)}
    if how.startswith("stdlib-named-sibling"):
        imp = "from . import json" if how.endswith("bad") else "import json"
        sibling = {"json.py": '"""Our own json settings."""\n\nINDENT = 2\n'}
        return [imp], _hook(m, GOOD, "return json.dumps(page)"), sibling
    return [], "from .. import shared  # noqa: F401\n\n\n" + _hook(m, GOOD), {"_unused.py": ""}


def _p_decorators(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "forgets-return-under-marker",
            "forgets-return-over-marker",
            "wraps-good",
            "wraps-bad",
            "no-wraps",
            "update-wrapper-good",
            "class-decorator-instance",
            "class-decorator-function-good",
        ]
    )
    forgetful = "def _traced(function):\n    function.traced = True\n\n\n"
    if how == "forgets-return-under-marker":
        return [], forgetful + _hook(m, GOOD).replace("\ndef ", "\n@_traced\ndef ", 1), {}
    if how == "forgets-return-over-marker":
        return [], forgetful + "@_traced\n" + _hook(m, GOOD), {}
    if how in ("wraps-good", "wraps-bad", "no-wraps"):
        wraps = "" if how == "no-wraps" else "    @functools.wraps(function)\n"
        deco = (
            f"def _traced(function):\n{wraps}"
            "    def inner(*args, **kwargs):\n"
            "        return function(*args, **kwargs)\n\n"
            "    return inner\n\n\n"
        )
        args = BAD if how.endswith("bad") else GOOD
        return (
            ["import functools"],
            deco + _hook(m, args).replace("\ndef ", "\n@_traced\ndef ", 1),
            {},
        )
    if how == "update-wrapper-good":
        deco = (
            "def _traced(function):\n"
            "    def inner(*args, **kwargs):\n"
            "        return function(*args, **kwargs)\n\n"
            "    return functools.update_wrapper(inner, function)\n\n\n"
        )
        return (
            ["import functools"],
            deco + _hook(m, GOOD).replace("\ndef ", "\n@_traced\ndef ", 1),
            {},
        )
    if how == "class-decorator-instance":
        deco = (
            "class _Traced:\n"
            "    def __init__(self, function):\n"
            "        functools.update_wrapper(self, function)\n"
            "        self.function = function\n\n"
            "    def __call__(self, *args, **kwargs):\n"
            "        return self.function(*args, **kwargs)\n\n\n"
        )
        return (
            ["import functools"],
            deco + _hook(m, GOOD).replace("\ndef ", "\n@_Traced\ndef ", 1),
            {},
        )
    deco = (
        "class _Traced:\n"
        "    def __init__(self, label):\n        self.label = label\n\n"
        "    def __call__(self, function):\n"
        "        function.label = self.label\n"
        "        return function\n\n\n"
    )
    return [], deco + _hook(m, GOOD).replace("\ndef ", '\n@_Traced("render")\ndef ', 1), {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "p-setattr-exports": _p_setattr,
    "p-runtime-annotations": _p_annotations,
    "p-optional-extras": _p_extras,
    "p-class-access": _p_class_access,
    "p-relative-imports": _p_relative,
    "p-decorator-returns": _p_decorators,
}


def pluggy_variants(seed: int = 51, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 5101, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m, imports)
        variants.append(
            _variant(
                f"px{i:03d}",
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


def _f_properties(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "property-no-setter-assigned",
            "property-with-setter-good",
            "cached-property-slots-dataclass",
            "cached-property-dataclass-good",
            "cached-property-reset-good",
            "property-deleter-missing",
            "cached-property-in-new-good",
            "property-raises-before-init",
        ]
    )
    getter = "@property\ndef greeting(self):\n    return self._greeting"
    setter = "@greeting.setter\ndef greeting(self, value):\n    self._greeting = value"
    if how == "property-no-setter-assigned":
        init = "def __init__(self):\n    self._greeting = ''"
        return (
            [],
            f"{_worker(omit=('__init__',), head=f'{init}{chr(10) * 2}{getter}')}\n\n{NEW}",
            {},
        )
    if how == "property-with-setter-good":
        head = f"def __init__(self):\n    self._greeting = ''\n\n{getter}\n\n{setter}"
        return [], f"{_worker(omit=('__init__',), head=head)}\n\n{NEW}", {}
    if how.startswith("cached-property") and "dataclass" in how:
        options = "(slots=True)" if "slots" in how else ""
        head = (
            "greeting: str = ''\n\n"
            "@functools.cached_property\ndef size(self):\n    return len(self.greeting)"
        )
        w = _worker(omit=("__init__",), run="self.count = self.size", head=head)
        return (
            ["import dataclasses", "import functools"],
            f"@dataclasses.dataclass{options}\n{w}\n\n{NEW}",
            {},
        )
    if how == "cached-property-reset-good":
        head = "@functools.cached_property\ndef size(self):\n    return len(self.greeting)"
        init = (
            "def init(self, config):\n    self.greeting = str(config.get('greeting', ''))\n"
            "    self.__dict__.pop('size', None)"
        )
        run = "self.count = self.size"
        return (
            ["import functools"],
            f"{_worker(omit=('init',), run=run, head=f'{head}{chr(10) * 2}{init}')}\n\n{NEW}",
            {},
        )
    if how == "property-deleter-missing":
        head = f"def __init__(self):\n    self._greeting = ''\n\n{getter}\n\n{setter}"
        shutdown = "def shutdown(self, timeout):\n    del self.greeting"
        w = _worker(omit=("__init__", "shutdown"), head=f"{head}\n\n{shutdown}")
        return [], f"{w}\n\n{NEW}", {}
    if how == "cached-property-in-new-good":
        head = "@functools.cached_property\ndef size(self):\n    return 0"
        new = "def new():\n    worker = Worker()\n    assert worker.size == 0\n    return worker\n"
        return ["import functools"], f"{_worker(head=head)}\n\n{new}", {}
    head = "@property\ndef ready(self):\n    return self._ready"
    run = "if self.ready:\n    self.count = 0"
    return [], f"{_worker(run=run, head=head)}\n\n{NEW}", {}


def _f_built(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "metaclass-getattr-shutdown",
            "metaclass-getattr-plus-method-good",
            "setattr-loop-all-good",
            "setattr-loop-misses-one",
            "type-call-good",
            "type-call-missing-run",
            "init-subclass-fills-good",
            "setattr-on-instance-good",
        ]
    )
    methods = (
        "def _init(self, config):\n    self.greeting = str(config.get('greeting', ''))\n\n\n"
        "def _run(self):\n    self.count = len(self.greeting)\n\n\n"
        "def _shutdown(self, timeout):\n    self.greeting = ''\n\n\n"
    )
    if how.startswith("metaclass-getattr"):
        meta = (
            "class _Lookup(type):\n"
            "    def __getattr__(cls, name):\n"
            "        if name == 'shutdown':\n"
            "            return _shutdown\n"
            "        raise AttributeError(name)\n\n\n"
        )
        omit: tuple[str, ...] = ("shutdown",) if how == "metaclass-getattr-shutdown" else ()
        return [], f"{methods}{meta}{_worker(bases='metaclass=_Lookup', omit=omit)}\n\n{NEW}", {}
    if how.startswith("setattr-loop"):
        names = "('init', 'run', 'shutdown')" if how.endswith("good") else "('init', 'run')"
        loop = f"for _name in {names}:\n    setattr(Worker, _name, globals()['_' + _name])\n\n\n"
        cls = "class Worker:\n    def __init__(self):\n        self.greeting = ''\n\n\n"
        return [], f"{methods}{cls}{loop}{NEW}", {}
    if how.startswith("type-call"):
        keys = ["init", "run", "shutdown"] if how.endswith("good") else ["init", "shutdown"]
        table = ", ".join(f"'{k}': _{k}" for k in keys)
        return (
            [],
            f"{methods}Worker = type('Worker', (), {{{table}, 'greeting': ''}})\n\n\n{NEW}",
            {},
        )
    if how == "init-subclass-fills-good":
        base = (
            "class _Base:\n"
            "    def __init_subclass__(cls, **kwargs):\n"
            "        super().__init_subclass__(**kwargs)\n"
            "        cls.init, cls.run, cls.shutdown = _init, _run, _shutdown\n\n\n"
        )
        return [], f"{methods}{base}class Worker(_Base):\n    greeting = ''\n\n\n{NEW}", {}
    new = (
        "def new():\n    worker = Worker()\n"
        "    for _name in ('init', 'run', 'shutdown'):\n"
        "        setattr(worker, _name, getattr(_Impl(), _name))\n"
        "    return worker\n"
    )
    impl = _worker(name="_Impl")
    return [], f"{impl}\n\nclass Worker:\n    pass\n\n\n{new}", {}


def _f_enum(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "enum-member-good",
            "enum-class-called",
            "enum-value-lookup-good",
            "enum-value-lookup-missing",
            "strenum-member-good",
            "member-named-like-method",
            "functional-enum-called",
            "intenum-member-good",
        ]
    )
    base = {"strenum-member-good": "enum.StrEnum", "intenum-member-good": "enum.IntEnum"}.get(
        how, "enum.Enum"
    )
    value = {"enum.StrEnum": "'default'", "enum.IntEnum": "1"}.get(base, "'default'")
    member = f"DEFAULT = {value}"
    if how == "member-named-like-method":
        w = _worker(bases=base, omit=("__init__", "run"), head=f"{member}\nrun = 'fast'")
    else:
        w = _worker(bases=base, omit=("__init__",), head=member)
    if how == "functional-enum-called":
        return (
            ["import enum"],
            "Worker = enum.Enum('Worker', ['DEFAULT'])\n\n\ndef new():\n    return Worker()\n",
            {},
        )
    new = {
        "enum-class-called": "def new():\n    return Worker()\n",
        "enum-value-lookup-good": "def new():\n    return Worker('default')\n",
        "enum-value-lookup-missing": "def new():\n    return Worker('fast')\n",
    }.get(how, "def new():\n    return Worker.DEFAULT\n")
    return ["import enum"], f"{w}\n\n{new}", {}


def _f_abstract(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "abstract-property-left",
            "abstract-property-class-attribute-good",
            "method-assigned-after-class",
            "method-assigned-then-updated-good",
            "abstract-in-sibling-mixin",
            "abstractmethod-without-abcmeta-good",
            "abc-register-virtual-good",
            "abstract-classmethod-implemented-good",
        ]
    )
    prop = (
        "class _Base(abc.ABC):\n    @property\n    @abc.abstractmethod\n"
        "    def name(self): ...\n\n\n"
    )
    if how == "abstract-property-left":
        return ["import abc"], f"{prop}{_worker(bases='_Base')}\n\n{NEW}", {}
    if how == "abstract-property-class-attribute-good":
        return (
            ["import abc"],
            f"{prop}{_worker(bases='_Base', head='name = ' + repr('worker'))}\n\n{NEW}",
            {},
        )
    close = "class _Base(abc.ABC):\n    @abc.abstractmethod\n    def close(self): ...\n\n\n"
    if how.startswith("method-assigned"):
        update = "abc.update_abstractmethods(Worker)\n" if how.endswith("good") else ""
        return (
            ["import abc"],
            f"{close}{_worker(bases='_Base')}\n\nWorker.close = lambda self: None\n"
            f"{update}\n\n{NEW}",
            {},
        )
    if how == "abstract-in-sibling-mixin":
        body = f"from ._base import _Base\n\n\n{_worker(bases='_Base')}\n\n{NEW}"
        return [], body, {"_base.py": f"import abc\n\n\n{close.rstrip()}\n"}
    if how == "abstractmethod-without-abcmeta-good":
        base = "class _Base:\n    @abc.abstractmethod\n    def close(self): ...\n\n\n"
        return ["import abc"], f"{base}{_worker(bases='_Base')}\n\n{NEW}", {}
    if how == "abc-register-virtual-good":
        return ["import abc"], f"{close}{_worker()}\n\n_Base.register(Worker)\n\n\n{NEW}", {}
    base = (
        "class _Base(abc.ABC):\n    @classmethod\n    @abc.abstractmethod\n"
        "    def make(cls): ...\n\n\n"
    )
    head = "@classmethod\ndef make(cls):\n    return cls()"
    return (
        ["import abc"],
        f"{base}{_worker(bases='_Base', head=head)}\n\ndef new():\n    return Worker.make()\n",
        {},
    )


def _f_annotations(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "string-union-return",
            "string-union-future-good",
            "typevar-default",
            "typevar-default-extensions-good",
            "get-type-hints-type-checking",
            "get-type-hints-runtime-good",
            "dataclass-mutable-default",
            "dataclass-default-factory-good",
        ]
    )
    if how.startswith("string-union"):
        head = 'def peer(self) -> "Worker" | None:\n    return None'
        extra = ["from __future__ import annotations"] if how.endswith("good") else []
        return extra, f"{_worker(head=head)}\n\n{NEW}", {}
    if how.startswith("typevar-default"):
        source = "typing_extensions" if "extensions" in how else "typing"
        tv = 'T = TypeVar("T", default=str)\n\n\n'
        imports = ["from typing import Generic", f"from {source} import TypeVar"]
        return imports, f"{tv}{_worker(bases='Generic[T]')}\n\n{NEW}", {}
    if how.startswith("get-type-hints"):
        if how.endswith("good"):
            extra = [
                "from __future__ import annotations",
                "import typing",
                "from collections import OrderedDict",
            ]
        else:
            extra = [
                "from __future__ import annotations",
                "import typing",
                "from typing import TYPE_CHECKING",
                "",
                "if TYPE_CHECKING:\n    from collections import OrderedDict",
            ]
        head = "settings: OrderedDict | None = None"
        init = (
            "def init(self, config):\n"
            "    for key in typing.get_type_hints(type(self)):\n"
            "        setattr(self, key, config.get(key))\n"
            "    self.greeting = str(config.get('greeting', ''))"
        )
        return extra, f"{_worker(omit=('init',), head=f'{head}{chr(10) * 2}{init}')}\n\n{NEW}", {}
    default = "dataclasses.field(default_factory=list)" if how.endswith("good") else "[]"
    head = f"greeting: str = ''\nseen: list = {default}"
    run = "self.seen.append(self.greeting)"
    w = _worker(omit=("__init__",), run=run, head=head)
    return ["import dataclasses"], f"@dataclasses.dataclass\n{w}\n\n{NEW}", {}


def _f_extras(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "importerror-guarded-good",
            "importerror-unguarded-use",
            "wrong-exception",
            "find-spec-dotted-missing-parent",
            "find-spec-good",
            "extra-raises-runtimeerror",
            "stdlib-named-sibling-absolute-good",
            "stdlib-named-sibling-relative",
        ]
    )
    if how.startswith("importerror"):
        guard = _GUARD.format(name="fx51_missing_extra", error="ImportError")
        run = (
            "if fx51_missing_extra is not None:\n    fx51_missing_extra.speed_up()\nself.count = 0"
            if how.endswith("good")
            else "fx51_missing_extra.speed_up()\nself.count = 0"
        )
        return [], f"{guard}{_worker(run=run)}\n\n{NEW}", {}
    if how == "wrong-exception":
        guard = _GUARD.format(name="fx51_missing_extra", error="AttributeError")
        return [], f"{guard}{_worker()}\n\n{NEW}", {}
    if how.startswith("find-spec"):
        name = "fx51_missing_extra.speedups" if "dotted" in how else "fx51_missing_extra"
        gate = f'HAVE_SPEEDUPS = importlib.util.find_spec("{name}") is not None\n\n\n'
        return ["import importlib.util"], f"{gate}{_worker()}\n\n{NEW}", {}
    if how == "extra-raises-runtimeerror":
        guard = "try:\n    from . import _gpu\nexcept ImportError:\n    _gpu = None\n\n\n"
        return (
            [],
            f"{guard}{_worker()}\n\n{NEW}",
            {"_gpu.py": 'raise RuntimeError("no GPU found")\n'},
        )
    imp = "from . import json" if how.endswith("relative") else "import json"
    run = "self.count = len(json.dumps(self.greeting))"
    sibling = {"json.py": '"""Our own json settings."""\n\nINDENT = 2\n'}
    return [imp], f"{_worker(run=run)}\n\n{NEW}", sibling


FACTORY_KINDS: dict[str, FactoryKind] = {
    "f-properties": _f_properties,
    "f-built-classes": _f_built,
    "f-enum-workers": _f_enum,
    "f-abstract-bases": _f_abstract,
    "f-runtime-annotations": _f_annotations,
    "f-optional-extras": _f_extras,
}


def factory_variants(seed: int = 51, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 5102, count):
        extra, body, siblings = FACTORY_KINDS[kind](rng)
        variants.append(
            _variant(f"fx{i:03d}", "factory", kind, "api=fhost", extra, body, siblings, rng)
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
    # ``from __future__`` first: it must be the module's first statement after the docstring.
    rest = sorted(dict.fromkeys(extra), key=lambda line: not line.startswith("from __future__"))
    header = "\n".join([f'"""Fresh51 {contract} plugin: {kind}."""', "", *rest])
    if MODULE_ONLY in siblings:
        return Variant(
            name,
            contract,
            kind,
            (trait, "module"),
            {f"{name}.py": f"{header}\n\n\n{body.strip()}\n"},
        )
    if siblings:
        files = {f"{name}/{rel}": text for rel, text in siblings.items()}
        files[f"{name}/__init__.py"] = f"{header}\n\n\n{body.strip()}\n"
        return Variant(name, contract, kind, (trait, "package"), files)
    structure, files = _structure(rng, name, header, body)
    return Variant(name, contract, kind, (trait, structure), files)
