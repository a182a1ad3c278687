"""A generator family for the pluggy and factory hosts: the class and module machinery (issue 12).

Written by gen54 after listing every other family's kinds, before reading any rule, for shapes
none of them writes: hookimpls that are methods of a slotted, dataclass or attrs instance made
at import (one the dataclass cannot build without a field), ``singledispatchmethod`` hookimpls
with the marker under or over it; new- and old-style wrappers with ``tryfirst``/``trylast``,
``force_result`` on a firstresult hook, an async generator as a wrapper, ``yield from`` a
helper that yields once or twice, a raise after the yield; ``specname`` from a constant, an
f-string, a typo'd constant, on a private name, on a historic hook; ``match`` with a class
pattern naming nothing, ``type`` statements, ``except*`` with a ``return``, hookimpls and
helpers defined only under ``if __name__ == "__main__"``; circular imports between a plugin's
submodules and its ``__init__``, C-accelerated imports whose pure fallback lacks the name,
``__all__`` naming what the module does not define; ``__set_name__`` raising at class
creation, ``__slots__`` conflicting with a class variable or missing an attribute
``__init__`` sets, ``__init_subclass__`` checks, class decorators returning an instance or
None. Factory workers: dataclass field order across a base, ``order=True`` with ``__lt__``,
``ClassVar`` registries, a field named like a lifecycle method, ``field(init=False)`` never
set; the plugin's own ``typing.Protocol`` with data members (``issubclass``, without
``runtime_checkable``, a property that raises), a worker that is itself a Protocol; custom
method descriptors, ``__slots__`` without ``__weakref__``; ``match`` on the config, PEP 695
syntax, ``new`` only under ``__main__``, ``del`` of a helper the run uses, methods gated on the
interpreter or the platform; lazy submodules through a package ``__getattr__`` read as a global;
class decorators returning a function, None or a slotted dataclass, ``runtime_checkable`` on a
plain class, ``__init_subclass__`` wrapping ``run``. About half of the variants are healthy.
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
FactoryKind = Callable[[Draw], Parts]


# ---------------------------------------------------------------- pluggy


def _method(m: str | None, args: str = GOOD, body: str = "return str(page)") -> str:
    return _hook(m, f"self, {args}", body)


def _p_instances(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "slots-instance-good",
            "slots-instance-bad",
            "dataclass-instance-good",
            "dataclass-required-field",
            "dispatch-marker-under-good",
            "dispatch-marker-over-bad",
            "frozen-slots-dataclass-good",
            "attrs-define-good",
        ]
    )
    args = BAD if how.endswith("bad") else GOOD
    bound = "_plugin = _Plugin()\ndh_render = _plugin.dh_render\n"
    if how.startswith("slots-instance"):
        init = "__slots__ = ('prefix',)\n\ndef __init__(self):\n    self.prefix = '> '"
        hook = _method(m, args, "return self.prefix + str(page)")
        return [], f"class _Plugin:\n{_indent(init)}\n\n{_indent(hook)}\n\n{bound}", {}
    if how.startswith("dispatch"):
        # under: the marker is on the function singledispatchmethod wraps; over: on the wrapper
        if how == "dispatch-marker-under-good":
            hook = "@functools.singledispatchmethod\n" + _method(m, args)
        else:
            hook = f"@{m}\n@functools.singledispatchmethod\n" + _method(None, args)
        more = "@dh_render.register\ndef _(self, page: int, context):\n    return str(page + 1)"
        text = f"class _Plugin:\n{_indent(hook)}\n\n{_indent(more)}\n\n\n{bound}"
        return ["import functools"], text, {}
    field = "prefix: str" if how == "dataclass-required-field" else "prefix: str = '> '"
    deco = {
        "frozen-slots-dataclass-good": "@dataclasses.dataclass(frozen=True, slots=True)",
        "attrs-define-good": "@attrs.define",
    }.get(how, "@dataclasses.dataclass")
    hook = _method(m, args, "return self.prefix + str(page)")
    extra = ["import attrs"] if how.startswith("attrs") else ["import dataclasses"]
    return extra, f"{deco}\nclass _Plugin:\n{_indent(field)}\n\n{_indent(hook)}\n\n{bound}", {}


def _p_wrappers(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "wrapper-tryfirst-good",
            "hookwrapper-trylast-good",
            "hookwrapper-force-result-good",
            "async-generator-wrapper",
            "yield-from-helper-good",
            "yield-from-helper-twice",
            "wrapper-specname-good",
            "hookwrapper-raises-after-yield",
        ]
    )
    if how == "wrapper-tryfirst-good":
        return (
            [],
            _hook(
                m, GOOD, "result = yield\nreturn result", options="(wrapper=True, tryfirst=True)"
            ),
            {},
        )
    if how == "hookwrapper-trylast-good":
        hook = _hook(
            m,
            "session, items",
            "outcome = yield\noutcome.get_result()",
            name="dh_collect",
            options="(hookwrapper=True, trylast=True)",
        )
        return [], hook, {}
    if how == "hookwrapper-force-result-good":
        body = (
            "outcome = yield\nif outcome.get_result() is None:\n"
            '    outcome.force_result("fallback")'
        )
        return [], _hook(m, "request, context", body, "dh_handle", "(hookwrapper=True)"), {}
    if how == "async-generator-wrapper":
        hook = _hook(m, GOOD, "yield", options="(wrapper=True)").replace("def ", "async def ", 1)
        return [], hook, {}
    if how.startswith("yield-from"):
        twice = "yield\n    " if how.endswith("twice") else ""
        helper = f"def _around():\n    {twice}result = yield\n    return result\n\n\n"
        return (
            [],
            helper + _hook(m, GOOD, "return (yield from _around())", options="(wrapper=True)"),
            {},
        )
    if how == "wrapper-specname-good":
        hook = _hook(
            m,
            GOOD,
            "result = yield\nreturn result",
            name="around_render",
            options='(wrapper=True, specname="dh_render")',
        )
        return [], hook, {}
    body = 'outcome = yield\nraise RuntimeError("teardown failed")'
    return [], _hook(m, GOOD, body, options="(hookwrapper=True)"), {}


def _p_specname(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "specname-good",
            "specname-bad-args",
            "specname-constant-good",
            "specname-constant-typo",
            "specname-fstring-good",
            "specname-historic-extra-arg",
            "specname-private-name-bad",
            "specname-other-hook-name-good",
        ]
    )
    head, spec = "", '"dh_render"'
    if how.startswith("specname-constant"):
        target = "dh_rendr" if how.endswith("typo") else "dh_render"
        head, spec = f'RENDER_HOOK = "{target}"\n\n\n', "RENDER_HOOK"
    elif how == "specname-fstring-good":
        head, spec = '_PREFIX = "dh_"\n\n\n', 'f"{_PREFIX}render"'
    if how == "specname-historic-extra-arg":
        hook = _hook(
            m, "config, verbose", "return None", "on_configure", '(specname="dh_configure")'
        )
        return [], hook, {}
    name = {"specname-private-name-bad": "_render", "specname-other-hook-name-good": "dh_handle"}
    args = BAD if how.endswith("bad-args") or how.endswith("bad") else GOOD
    hook = _hook(m, args, name=name.get(how, "render_page"), options=f"(specname={spec})")
    return [], head + hook, {}


def _p_syntax(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "match-good",
            "match-undefined-class-pattern",
            "type-statement",
            "typealias-good",
            "main-block-only-good",
            "main-block-helper",
            "except-star-return",
            "except-star-good",
        ]
    )
    if how.startswith("match"):
        first = "case Page():\n    return str(page)\n" if "undefined" in how else ""
        body = (
            f"match page:\n{_indent(first)}"
            "    case str() if page:\n        return page.upper()\n"
            "    case _:\n        return None"
        )
        return [], _hook(m, GOOD, body), {}
    if how == "type-statement":
        return [], "type Page = str\n\n\n" + _hook(m, "page: Page, context"), {}
    if how == "typealias-good":
        alias = "Page: TypeAlias = str\n\n\n"
        return ["from typing import TypeAlias"], alias + _hook(m, "page: Page, context"), {}
    if how == "main-block-only-good":
        return [], f'if __name__ == "__main__":\n{_indent(_hook(m, BAD))}\n', {}
    if how == "main-block-helper":
        helper = (
            'if __name__ == "__main__":\n\n    def _shout(text):\n        return text.upper()\n\n\n'
        )
        return [], helper + _hook(m, GOOD, "return _shout(str(page))"), {}
    if how == "except-star-return":
        body = "try:\n    return str(page)\nexcept* ValueError:\n    return None"
    else:
        body = "text = None\ntry:\n    text = str(page)\nexcept* ValueError:\n    pass\nreturn text"
    return [], _hook(m, GOOD, body), {}


def _p_submodules(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "circular-late-good",
            "circular-early",
            "init-name-after-import",
            "init-name-before-import-good",
            "accel-fallback-good",
            "accel-fallback-wrong-name",
            "all-lists-missing-name",
            "all-good",
        ]
    )
    head = "\n".join(imports) + "\n"
    if how.startswith("circular"):
        util = (
            "from .hooks import LABEL\n\n\n"
            if how == "circular-early"
            else "from . import hooks  # noqa: F401\n\n\n"
        )
        util += "def shout(page):\n    return str(page).upper()\n"
        hooks = f"{head}from . import util\n\nLABEL = 'hooks'\n\n\n" + _hook(
            m, GOOD, "return util.shout(page)"
        )
        return (
            [],
            "from .hooks import dh_render  # noqa: F401\n",
            {"hooks.py": hooks, "util.py": util},
        )
    if how.startswith("init-name"):
        hooks = f"{head}from . import LABEL\n\n\n" + _hook(m, GOOD, "return LABEL + str(page)")
        imp = "from .hooks import dh_render  # noqa: F401\n"
        init = (
            f"{imp}\nLABEL = '> '\n"
            if how == "init-name-after-import"
            else f"LABEL = '> '\n\n{imp}"
        )
        return [], init, {"hooks.py": hooks}
    if how.startswith("accel"):
        name = "shout_page" if how.endswith("wrong-name") else "shout"
        guard = (
            "try:\n    from ._speedups import shout\n"
            "except ImportError:\n    from ._pure import shout\n\n\n"
        )
        pure = f"def {name}(page):\n    return str(page).upper()\n"
        return [], guard + _hook(m, GOOD, "return shout(page)"), {"_pure.py": pure}
    listed = (
        '["dh_render", "render_helper"]' if how == "all-lists-missing-name" else '["dh_render"]'
    )
    impl = f"{head}\n__all__ = {listed}\n\n\n" + _hook(m, GOOD)
    return [], "from .impl import *  # noqa: F403\n", {"impl.py": impl}


def _p_class_creation(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "set-name-raises",
            "set-name-good",
            "slots-conflict",
            "slots-undeclared-assign",
            "init-subclass-requires-bad",
            "init-subclass-requires-good",
            "decorator-returns-instance-good",
            "decorator-returns-none",
        ]
    )
    hook = _indent(_method(m))
    if how.startswith("set-name"):
        option = (
            "class _Option:\n    def __set_name__(self, owner, name):\n"
            "        if not name.isupper():\n"
            '            raise TypeError(f"option {name} must be upper case")\n\n\n'
        )
        attr = "LEVEL" if how.endswith("good") else "level"
        cls = f"class _Plugin:\n    {attr} = _Option()\n\n{hook}\n\n\n"
        return [], option + cls + "dh_render = _Plugin().dh_render\n", {}
    if how.startswith("slots"):
        if how == "slots-conflict":
            head = "__slots__ = ('prefix',)\nprefix = '> '"
        else:
            head = (
                "__slots__ = ('prefix',)\n\n"
                "def __init__(self):\n    self.prefix = '> '\n    self.suffix = ''"
            )
        cls = f"class _Plugin:\n{_indent(head)}\n\n{hook}\n\n\n"
        return [], cls + "dh_render = _Plugin().dh_render\n", {}
    if how.startswith("init-subclass"):
        base = (
            "class _Base:\n    def __init_subclass__(cls, **kwargs):\n"
            "        super().__init_subclass__(**kwargs)\n"
            '        if not hasattr(cls, "name"):\n'
            '            raise TypeError(f"{cls.__name__} needs a name")\n\n\n'
        )
        named = "    name = 'render'\n\n" if how.endswith("good") else ""
        cls = f"class _Plugin(_Base):\n{named}{hook}\n\n\n"
        return [], base + cls + "dh_render = _Plugin().dh_render\n", {}
    if how == "decorator-returns-instance-good":
        deco = "def _instantiate(cls):\n    return cls()\n\n\n"
        return (
            [],
            f"{deco}@_instantiate\nclass _plugin:\n{hook}\n\n\ndh_render = _plugin.dh_render\n",
            {},
        )
    deco = "_REGISTRY = []\n\n\ndef _register(cls):\n    _REGISTRY.append(cls)\n\n\n"
    return (
        [],
        f"{deco}@_register\nclass _Plugin:\n{hook}\n\n\ndh_render = _Plugin().dh_render\n",
        {},
    )


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "p-instance-hooks": _p_instances,
    "p-wrapper-order": _p_wrappers,
    "p-specname": _p_specname,
    "p-modern-syntax": _p_syntax,
    "p-submodules": _p_submodules,
    "p-class-creation": _p_class_creation,
}


def pluggy_variants(seed: int = 53, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 5301, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m, imports)
        variants.append(
            _variant(
                f"pz{i:03d}",
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


def _f_dataclasses(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "inherited-default-order",
            "inherited-kw-only-good",
            "order-with-lt",
            "classvar-registry-good",
            "field-named-run",
            "init-false-unset",
            "init-false-post-init-good",
            "replace-in-new-good",
        ]
    )
    imports = ["import dataclasses"]
    field = "greeting: str = ''"
    if how.startswith("inherited"):
        base = f"@dataclasses.dataclass\nclass _Base:\n    {field}\n\n\n"
        deco = "(kw_only=True)" if how.endswith("good") else ""
        w = _worker(bases="_Base", omit=("__init__",), head="level: int")
        return (
            imports,
            f"{base}@dataclasses.dataclass{deco}\n{w}\n\ndef new():\n    return Worker(level=1)\n",
            {},
        )
    deco, head, run, new = "@dataclasses.dataclass", field, "self.count = len(self.greeting)", NEW
    omit: tuple[str, ...] = ("__init__",)
    if how == "order-with-lt":
        deco = "@dataclasses.dataclass(order=True)"
        head = f"{field}\n\ndef __lt__(self, other):\n    return self.greeting < other.greeting"
    elif how == "classvar-registry-good":
        imports = [*imports, "from typing import ClassVar"]
        head = f"{field}\nseen: ClassVar[list[str]] = []"
        run = "self.seen.append(self.greeting)"
    elif how == "field-named-run":
        head, omit = f"{field}\nrun: object = None", ("__init__", "run")
    elif how.startswith("init-false"):
        head = f"{field}\ncount: int = dataclasses.field(init=False)"
        if how.endswith("good"):
            head += "\n\ndef __post_init__(self):\n    self.count = 0"
        run = "self.count += len(self.greeting)"
    else:
        new = "def new():\n    return dataclasses.replace(Worker(), greeting='x')\n"
    return imports, f"{deco}\n{_worker(omit=omit, run=run, head=head)}\n\n{new}", {}


def _f_protocols(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "own-protocol-isinstance-data-good",
            "own-protocol-issubclass-data",
            "own-protocol-not-runtime",
            "protocol-default-method-good",
            "worker-is-protocol",
            "generic-protocol-good",
            "own-protocol-property-raises",
            "host-protocol-super-good",
        ]
    )
    imports = ["from typing import Protocol, runtime_checkable"]
    checked = (
        "def new():\n    worker = Worker()\n"
        "    if not {test}:\n        raise TypeError('not a worker')\n    return worker\n"
    )
    if ("data" in how and how.startswith("own-protocol")) or how == "own-protocol-not-runtime":
        deco = "" if how.endswith("not-runtime") else "@runtime_checkable\n"
        proto = f"{deco}class _Named(Protocol):\n    greeting: str\n\n\n"
        test = "issubclass(Worker, _Named)" if "issubclass" in how else "isinstance(worker, _Named)"
        return imports, f"{proto}{_worker()}\n\n{checked.format(test=test)}", {}
    if how == "own-protocol-property-raises":
        proto = (
            "@runtime_checkable\nclass _Sized(Protocol):\n"
            "    @property\n    def size(self) -> int: ...\n\n\n"
        )
        head = "@property\ndef size(self):\n    return len(self._items)"
        return (
            imports,
            f"{proto}{_worker(head=head)}\n\n{checked.format(test='isinstance(worker, _Sized)')}",
            {},
        )
    if how == "protocol-default-method-good":
        proto = (
            "class _Lifecycle(Protocol):\n    def shutdown(self, timeout):\n"
            "        self.greeting = ''\n\n\n"
        )
        return imports, f"{proto}{_worker(bases='_Lifecycle', omit=('shutdown',))}\n\n{NEW}", {}
    if how == "worker-is-protocol":
        return (
            ["from typing import Protocol", "from fhost import Plugin"],
            f"{_worker(bases='Plugin, Protocol')}\n\n{NEW}",
            {},
        )
    if how == "generic-protocol-good":
        proto = (
            "T = TypeVar('T')\n\n\nclass _Source(Protocol[T]):\n    def read(self) -> T: ...\n\n\n"
        )
        head = "def read(self):\n    return self.greeting"
        imports = ["from typing import Protocol, TypeVar"]
        return imports, f"{proto}{_worker(bases='_Source[str]', head=head)}\n\n{NEW}", {}
    run = "super().run()\nself.count = len(self.greeting)"
    return ["from fhost import Plugin"], f"{_worker(bases='Plugin', run=run)}\n\n{NEW}", {}


def _f_descriptors(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "set-name-raises",
            "set-name-good",
            "descriptor-method-good",
            "descriptor-none-on-instance",
            "slots-conflict",
            "slots-property-good",
            "slots-weakref-missing",
            "slots-weakref-declared-good",
        ]
    )
    if how.startswith("set-name"):
        option = (
            "class _Option:\n    def __set_name__(self, owner, name):\n"
            "        if not name.isupper():\n"
            '            raise TypeError(f"option {name} must be upper case")\n\n'
            "    def __get__(self, instance, owner=None):\n        return 1\n\n\n"
        )
        attr = "LEVEL" if how.endswith("good") else "level"
        return [], f"{option}{_worker(head=f'{attr} = _Option()')}\n\n{NEW}", {}
    if how.startswith("descriptor"):
        ready = "instance.ready" if how.endswith("instance") else "True"
        step = (
            "class _Step:\n    def __init__(self, function):\n        self.function = function\n\n"
            "    def __get__(self, instance, owner=None):\n"
            "        if instance is None:\n            return self\n"
            f"        if not {ready}:\n            return None\n"
            "        return functools.partial(self.function, instance)\n\n\n"
            "def _run(self):\n    self.count = len(self.greeting)\n\n\n"
        )
        head = "ready = False\nrun = _Step(_run)"
        return ["import functools"], f"{step}{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    if how == "slots-conflict":
        head = "__slots__ = ('greeting', 'count')\ngreeting = ''"
        return [], f"{_worker(omit=('__init__',), head=head)}\n\n{NEW}", {}
    if how == "slots-property-good":
        head = (
            "__slots__ = ('_greeting', 'count')\n\ndef __init__(self):\n    self._greeting = ''\n\n"
            "@property\ndef greeting(self):\n    return self._greeting\n\n"
            "@greeting.setter\ndef greeting(self, value):\n    self._greeting = value"
        )
        return [], f"{_worker(omit=('__init__',), head=head)}\n\n{NEW}", {}
    slots = (
        "('greeting', 'count', '__weakref__')" if how.endswith("good") else "('greeting', 'count')"
    )
    head = f"__slots__ = {slots}\n\ndef __init__(self):\n    self.greeting = ''"
    init = (
        "def init(self, config):\n    _LIVE.add(self)\n"
        "    self.greeting = str(config.get('greeting', ''))"
    )
    w = _worker(omit=("__init__", "init"), head=f"{head}\n\n{init}")
    return ["import weakref"], f"_LIVE = weakref.WeakSet()\n\n\n{w}\n\n{NEW}", {}


def _f_syntax(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "match-config-good",
            "match-config-missing-key",
            "pep695-generic-class",
            "type-statement",
            "main-block-new",
            "del-helper-used",
            "version-gated-method-future",
            "platform-gated-method-good",
        ]
    )
    if how.startswith("match-config"):
        key = "greeting" if how.endswith("good") else "name"
        init = (
            "def init(self, config):\n    match config:\n"
            f"        case {{'{key}': str(greeting)}}:\n"
            "            self.greeting = greeting\n        case _:\n"
            "            raise ValueError('no greeting in the config')"
        )
        return [], f"{_worker(omit=('init',), head=init)}\n\n{NEW}", {}
    if how == "pep695-generic-class":
        return [], f"{_worker().replace('class Worker', 'class Worker[T]', 1)}\n\n{NEW}", {}
    if how == "type-statement":
        init = (
            "def init(self, config: Config):\n    self.greeting = str(config.get('greeting', ''))"
        )
        return (
            [],
            f"type Config = dict[str, str]\n\n\n{_worker(omit=('init',), head=init)}\n\n{NEW}",
            {},
        )
    if how == "main-block-new":
        return [], f'{_worker()}\n\nif __name__ == "__main__":\n\n{_indent(NEW)}\n', {}
    if how == "del-helper-used":
        helper = "def _measure(text):\n    return len(text)\n\n\n"
        w = _worker(run="self.count = _measure(self.greeting)")
        return [], f"{helper}{w}\n\n{NEW}\n\ndel _measure\n", {}
    if how == "version-gated-method-future":
        gate = (
            "if sys.version_info >= (3, 13):\n\n"
            "    def shutdown(self, timeout):\n        self.greeting = ''"
        )
    else:
        gate = (
            'if sys.platform == "win32":\n\n'
            "    def shutdown(self, timeout):\n        self.greeting = None\n\n"
            "else:\n\n    def shutdown(self, timeout):\n        self.greeting = ''"
        )
    return ["import sys"], f"{_worker(omit=('shutdown',), head=gate)}\n\n{NEW}", {}


def _f_submodules(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "circular-late-good",
            "init-name-after-import",
            "init-name-before-import-good",
            "accel-fallback-good",
            "accel-fallback-missing-attribute",
            "lazy-getattr-global-name",
            "lazy-getattr-from-import-good",
            "all-lists-missing-name",
        ]
    )
    if how == "circular-late-good":
        util = "from . import worker  # noqa: F401\n\n\ndef measure(text):\n    return len(text)\n"
        body = (
            "from . import util\n\n\n"
            + _worker(run="self.count = util.measure(self.greeting)")
            + f"\n\n{NEW}"
        )
        return (
            [],
            "from .worker import Worker, new  # noqa: F401\n",
            {"worker.py": body, "util.py": util},
        )
    if how.startswith("init-name"):
        body = (
            "from . import GREETING\n\n\n"
            + _worker(run="self.count = len(GREETING)")
            + f"\n\n{NEW}"
        )
        imp = "from .worker import Worker, new  # noqa: F401\n"
        init = (
            f"{imp}\nGREETING = 'hello'\n"
            if how.endswith("after-import")
            else f"GREETING = 'hello'\n\n{imp}"
        )
        return [], init, {"worker.py": body}
    if how.startswith("accel"):
        guard = (
            "try:\n    from . import _speedups as _impl\n"
            "except ImportError:\n    from . import _pure as _impl\n\n\n"
        )
        name = "count_chars" if how.endswith("attribute") else "measure"
        pure = f"def {name}(text):\n    return len(text)\n"
        w = _worker(run="self.count = _impl.measure(self.greeting)")
        return [], f"{guard}{w}\n\n{NEW}", {"_pure.py": pure}
    if how.startswith("lazy-getattr"):
        lazy = (
            "def __getattr__(name):\n    if name == 'worker':\n"
            "        return importlib.import_module('.worker', __name__)\n"
            "    raise AttributeError(name)\n\n\n"
        )
        new = (
            "def new():\n    from . import worker\n\n    return worker.Worker()\n"
            if how.endswith("good")
            else "def new():\n    return worker.Worker()\n"
        )
        return ["import importlib"], lazy + new, {"worker.py": _worker()}
    impl = "__all__ = ['Worker', 'new', 'make_worker']\n\n\n" + _worker() + f"\n\n{NEW}"
    return [], "from .impl import *  # noqa: F403\n", {"impl.py": impl}


def _f_class_wrappers(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "wraps-factory-decorator-good",
            "runtime-checkable-plain-class",
            "init-subclass-wraps-run-good",
            "init-subclass-wraps-run-drops-self",
            "decorator-returns-none",
            "decorator-helper-slots-dataclass",
            "final-methods-good",
            "decorator-wraps-methods-good",
        ]
    )
    w = _worker()
    if how == "wraps-factory-decorator-good":
        deco = (
            "def _singleton(cls):\n    instance = cls()\n\n"
            "    @functools.wraps(cls, updated=())\n    def get():\n        return instance\n\n"
            "    return get\n\n\n"
        )
        return ["import functools"], f"{deco}@_singleton\n{w}\n\n{NEW}", {}
    if how == "runtime-checkable-plain-class":
        return ["import typing"], f"@typing.runtime_checkable\n{w}\n\n{NEW}", {}
    if how.startswith("init-subclass-wraps"):
        call = "original(self)" if how.endswith("good") else "original(*args)"
        base = (
            "class _Timed:\n    def __init_subclass__(cls, **kwargs):\n"
            "        super().__init_subclass__(**kwargs)\n        original = cls.run\n\n"
            f"        def run(self, *args):\n            return {call}\n\n"
            "        cls.run = run\n\n\n"
        )
        return [], f"{base}{_worker(bases='_Timed')}\n\n{NEW}", {}
    if how == "decorator-returns-none":
        deco = "_REGISTRY = []\n\n\ndef _register(cls):\n    _REGISTRY.append(cls)\n\n\n"
        return [], f"{deco}@_register\n{w}\n\n{NEW}", {}
    if how == "decorator-helper-slots-dataclass":
        deco = "def _model(cls):\n    return dataclasses.dataclass(cls, slots=True)\n\n\n"
        head = "greeting: str = ''"
        return (
            ["import dataclasses"],
            f"{deco}@_model\n{_worker(omit=('__init__',), head=head)}\n\n{NEW}",
            {},
        )
    if how == "final-methods-good":
        text = f"@typing.final\n{w}".replace("    def run", "    @typing.final\n    def run", 1)
        return ["import typing"], f"{text}\n\n{NEW}", {}
    deco = (
        "def _logged(cls):\n    for name in ('init', 'run', 'shutdown'):\n"
        "        original = getattr(cls, name)\n\n"
        "        @functools.wraps(original)\n"
        "        def wrapper(self, *args, _original=original):\n"
        "            return _original(self, *args)\n\n"
        "        setattr(cls, name, wrapper)\n    return cls\n\n\n"
    )
    return ["import functools"], f"{deco}@_logged\n{w}\n\n{NEW}", {}


FACTORY_KINDS: dict[str, FactoryKind] = {
    "f-dataclass-fields": _f_dataclasses,
    "f-own-protocols": _f_protocols,
    "f-descriptors": _f_descriptors,
    "f-modern-syntax": _f_syntax,
    "f-submodules": _f_submodules,
    "f-class-wrappers": _f_class_wrappers,
}


def factory_variants(seed: int = 53, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 5302, count):
        extra, body, siblings = FACTORY_KINDS[kind](rng)
        variants.append(
            _variant(f"fz{i:03d}", "factory", kind, "api=fhost", extra, body, siblings, rng)
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
    header = "\n".join([f'"""Fresh53 {contract} plugin: {kind}."""', "", *dict.fromkeys(extra)])
    if siblings:
        files = {f"{name}/{rel}": text for rel, text in siblings.items()}
        files[f"{name}/__init__.py"] = f"{header}\n\n\n{body.strip()}\n"
        return Variant(name, contract, kind, (trait, "package"), files)
    structure, files = _structure(rng, name, header, body)
    return Variant(name, contract, kind, (trait, structure), files)
