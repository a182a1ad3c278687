"""A generator family of both contracts written as an outsider after listing the others (issue 12).

Written by red12 after listing what ``classic``, ``redteam``, ``unseen``, ``unseen-factory``,
``wild``, ``outsider-factory`` and ``outsider-pluggy`` make, going for what none of them does.
pluggy: ``functools.partial`` and ``staticmethod`` objects over an instance's methods, bound
methods of instances a factory function makes, option combinations (``specname`` to an unknown
hook with ``optionalhook``, ``tryfirst`` with ``trylast``), historic hooks and wrappers that
raise, ``firstresult`` wrappers reading a ``None`` result, dead-code gates spelled every other
way (``sys.version_info[:2]``, ``.major``, ``sys.hexversion``, ``__debug__``, ``while False``,
``typing.TYPE_CHECKING`` through an alias), version gates at the target's own version,
standard-library names newer than the target, hooks defined inside ``contextlib.suppress`` and
``try/except ImportError`` blocks, relative imports (beyond the top level, in a lone module),
import-order cycles inside the plugin, ``.so`` files that shadow or fail, hooks defined by
``exec``, defaults and marker options evaluated at import, module-level ``assert``,
``match`` on ``sys.platform`` and builtins used as hooks. factory: dataclass, attrs and
``NamedTuple`` products, ``__slots__`` conflicts, metaclass ``__call__``,
``functools.total_ordering``, ``typing.overload`` factories, decorated lifecycle methods
(``contextmanager``, ``lru_cache`` on an unhashable class), generic subscription (PEP 695 on
a 3.11 target), classes made by ``type()``, ``__init_subclass__`` side effects, properties
raising inside the Protocol's ``isinstance``, nested packages with relative imports, optional
dependencies, a lazy module ``__getattr__`` serving ``new`` from a submodule, ``.so`` files,
import-order cycles, classes defined per version and builtins used as lifecycle methods.
About half of the variants are healthy. The real loader decides every verdict; nothing here
records an expectation.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.generate import (
    PLAIN,
    WRAPPABLE,
    Draw,
    Variant,
    _args,
    _def,
    _draws,
    _Factory,
    _factory_base,
    _marker,
    _structure,
)

Parts = tuple[list[str], str, dict[str, str]]
"""(header lines, module body, sibling files of a package plugin: relative path -> text)"""
PluggyKind = Callable[[Draw, str], Parts]
FactoryKind = Callable[[Draw, _Factory], dict[str, str]]
SO = "_speedups.cpython-311-x86_64-linux-gnu.so"
"""An extension module's file name for the target (CPython 3.11 on x86-64 Linux)."""
SO_OTHER = "_speedups.cpython-39-x86_64-linux-gnu.so"
"""One for another interpreter: the target's import system never looks at it."""
GARBAGE = "\x7fNOT-AN-ELF this file only looks like an extension module\n"


def _hook(rng: Draw, hooks: list[str] | None = None) -> tuple[str, list[str]]:
    hook = rng.choice(hooks or PLAIN)
    return hook, _args(rng, hook)


def _good(rng: Draw, m: str) -> str:
    hook, args = _hook(rng)
    return _def(m, hook, args)


def _bad(rng: Draw, m: str) -> str:
    hook, args = _hook(rng)
    return _def(m, hook, [*args, rng.choice(["verbose", "cfg2", "session2"])])


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join((by + line) if line else "" for line in text.splitlines())


# ---------------------------------------------------------------- pluggy


def _p_partial_instance(rng: Draw, m: str) -> Parts:
    how = rng.sub(["bound-all", "bound-some", "keyword-all", "method-extra"])
    cls = (
        "class _Impl:\n"
        "    def render(self, prefix, page, context=None):\n"
        "        return f'{prefix}{page}'\n\n"
        "    def startup(self, config, verbose):\n"
        "        return None\n"
    )
    line = {
        "bound-all": f"dh_render = {m}(functools.partial(_impl.render, 'x', 'index'))",
        "bound-some": f"dh_render = {m}(functools.partial(_impl.render, 'x'))",
        "keyword-all": f"dh_startup = {m}(functools.partial(_impl.startup, None, verbose=True))",
        "method-extra": f"dh_startup = {m}(_impl.startup)",
    }[how]
    return ["import functools"], f"{cls}\n\n_impl = _Impl()\n{line}\n", {}


def _p_staticmethod_object(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    extra = rng.sub([False, False, True])
    params = [*args, "verbose"] if extra else args
    how = rng.sub(["wrap-marked", "mark-wrapped", "class-attr"])
    fn = _def(None, f"_{hook}", params)
    if how == "wrap-marked":
        return [], f"{fn}\n\n{hook} = staticmethod({m}(_{hook}))\n", {}
    if how == "mark-wrapped":
        return [], f"{fn}\n\n{hook} = {m}(staticmethod(_{hook}))\n", {}
    body = _indent(_def(m, "impl", params, extra_decos=()))
    return [], f"class _Holder:\n    @staticmethod\n{body}\n\n{hook} = _Holder.impl\n", {}


def _p_factory_made_instance(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    extra = rng.sub([False, True, False])
    params = ["self", *args, *(["verbose"] if extra else [])]
    export = rng.sub(["bound", "getattr", "bound"])
    cls = "class _Plugin:\n" + _indent(_def(m, hook, params))
    make = "def make_plugin():\n    return _Plugin()\n"
    line = (
        f"{hook} = _plugin.{hook}" if export == "bound" else f"{hook} = getattr(_plugin, {hook!r})"
    )
    return [], f"{cls}\n\n{make}\n\n_plugin = make_plugin()\n{line}\n", {}


def _p_options_combo(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    how = rng.sub(
        ["specname-unknown-optional", "specname-unknown", "both-orders", "optional-known-extra"]
    )
    if how == "specname-unknown-optional":
        deco = f'{m}(specname="dh_nothing_here", optionalhook=True)'
        return [], _def(deco, "on_nothing", ["config"]), {}
    if how == "specname-unknown":
        return [], _def(f'{m}(specname="dh_nothing_here")', "on_nothing", ["config"]), {}
    if how == "both-orders":
        return [], _def(f"{m}(tryfirst=True, trylast=True)", hook, args), {}
    return [], _def(f"{m}(optionalhook=True)", hook, [*args, "verbose"]), {}


def _p_historic_raises(rng: Draw, m: str) -> Parts:
    how = rng.sub(["raises", "fine", "key", "wrapper-before"])
    if how == "raises":
        return [], _def(m, "dh_configure", ["config"], "raise RuntimeError('not configured')"), {}
    if how == "fine":
        return [], _def(m, "dh_configure", ["config"], "return config.get('greeting')"), {}
    if how == "key":
        return [], _def(m, "dh_configure", ["config"], "return config['missing']"), {}
    return (
        [],
        _def(f"{m}(tryfirst=True)", "dh_configure", ["config"], "return len(config)"),
        {},
    )


def _p_wrapper_raises(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, WRAPPABLE)
    how = rng.sub(["before", "after", "swallow", "reraise-other"])
    body = {
        "before": "raise RuntimeError('wrapper refuses')\nyield",
        "after": "result = yield\nraise ValueError(result)",
        "swallow": "try:\n    return (yield)\nexcept Exception:\n    return None",
        "reraise-other": "try:\n    return (yield)\nexcept Exception as exc:\n"
        "    raise RuntimeError('wrapped') from exc",
    }[how]
    return [], _def(f"{m}(wrapper=True)", hook, args, body), {}


def _p_firstresult_none(rng: Draw, m: str) -> Parts:
    how = rng.sub(["upper", "guarded", "plain-none", "len"])
    impl = _def(m, "dh_handle", ["request"], "return None")
    if how == "plain-none":
        return [], impl, {}
    body = {
        "upper": "result = yield\nreturn result.upper()",
        "guarded": "result = yield\nreturn result.upper() if result else result",
        "len": "result = yield\nreturn len(result)",
    }[how]
    wrapper = _def(f"{m}(wrapper=True)", "dh_handle", ["request"], body).replace(
        "def dh_handle", "def _wrap_handle"
    )
    wrapper = wrapper.replace(f"@{m}(wrapper=True)", f'@{m}(wrapper=True, specname="dh_handle")')
    return [], f"{impl}\n\n{wrapper}", {}


def _p_dead_gate_spellings(rng: Draw, m: str) -> Parts:
    gates = [
        ("sys.version_info[:2] < (3, 8)", ["import sys"], True),
        ("sys.version_info.major == 2", ["import sys"], True),
        ("sys.hexversion < 0x03080000", ["import sys"], True),
        ("not __debug__", [], True),
        ("t.TYPE_CHECKING", ["import typing as t"], True),
        ("TC", ["from typing import TYPE_CHECKING as TC"], True),
        ("sys.version_info[:2] >= (3, 8)", ["import sys"], False),
        ("sys.version_info.major == 3", ["import sys"], False),
        ("sys.hexversion >= 0x03080000", ["import sys"], False),
        ("__debug__", [], False),
    ]
    cond, imports, _dead = rng.sub(gates)
    block = _indent(_bad(rng, m))
    loop = rng.random() < 0.2 and cond == "not __debug__"
    head = "while False:" if loop else f"if {cond}:"
    tail = "\n    break\n" if loop else ""
    return imports, f"{_good(rng, m)}\n\n{head}\n\n{block}{tail}\n", {}


def _p_target_version_gate(rng: Draw, m: str) -> Parts:
    minor = rng.sub([10, 11, 12, 13])
    newer_first = rng.sub([True, False])
    good, bad = _indent(_good(rng, m)), _indent(_bad(rng, m))
    if newer_first:
        text = f"if sys.version_info >= (3, {minor}):\n\n{bad}\nelse:\n\n{good}\n"
    else:
        text = f"if sys.version_info < (3, {minor}):\n\n{good}\nelse:\n\n{bad}\n"
    return ["import sys"], text, {}


STDLIB_NEWER = [
    ("from itertools import batched", "batched"),
    ("from typing import override", "override"),
    ("from typing import Self", "Self"),
    ("import tomllib", "tomllib"),
    ("from datetime import UTC", "UTC"),
    ("from warnings import deprecated", "deprecated"),
]


def _p_stdlib_by_version(rng: Draw, m: str) -> Parts:
    line, name = rng.choice(STDLIB_NEWER)
    guarded = rng.sub([False, False, True])
    head = f"try:\n    {line}\nexcept ImportError:\n    {name} = None" if guarded else line
    return [head], _def(m, "dh_startup", ["config"], f"return {name} is None"), {}


MISSING = "fresh12_not_installed"


def _p_suppress_block(rng: Draw, m: str) -> Parts:
    present = rng.sub([False, True, False, True])
    bad = rng.sub([True, True, False])
    module = "json" if present else MISSING
    hook = _bad(rng, m) if bad else _good(rng, m)
    body = f"with contextlib.suppress(ImportError):\n    import {module}\n\n{_indent(hook)}\n"
    return ["import contextlib"], body, {}


def _p_try_except_hook(rng: Draw, m: str) -> Parts:
    present = rng.sub([False, True, False])
    bad_in_try = rng.sub([True, False, True, False])
    module = "json" if present else MISSING
    a = _bad(rng, m) if bad_in_try else _good(rng, m)
    b = _good(rng, m) if bad_in_try else _bad(rng, m)
    text = f"try:\n    import {module}\n\n{_indent(a)}\nexcept ImportError:\n\n{_indent(b)}\n"
    return [], text, {}


def _p_relative_import(rng: Draw, m: str) -> Parts:
    how = rng.sub(["sibling", "lone-module", "beyond-top", "nested-parent", "missing-sibling"])
    hook = _def(m, "dh_render", ["page"], "return fmt(page)")
    helpers = '"""Helpers."""\n\n\ndef fmt(page):\n    return str(page)\n'
    if how == "sibling":
        return ["from .helpers import fmt"], hook, {"helpers.py": helpers}
    if how == "lone-module":
        return ["from .helpers import fmt"], hook, {}
    if how == "missing-sibling":
        return ["from .helper import fmt"], hook, {"helpers.py": helpers}
    inner = "from .." if how == "nested-parent" else "from ..."
    sub = f'"""Nested."""\n\n{inner}helpers import fmt\n\n__all__ = ["fmt"]\n'
    return (
        ["from .sub.impl import fmt"],
        hook,
        {"helpers.py": helpers, "sub/__init__.py": "", "sub/impl.py": sub},
    )


def _p_import_order_cycle(rng: Draw, m: str) -> Parts:
    before = rng.sub([True, False])
    hooks = (
        '"""Hooks."""\n\nfrom . import GREETING\nfrom dhost import hookimpl\n\n\n'
        "@hookimpl\ndef dh_startup(config):\n    return GREETING\n"
    )
    if before:
        return ['GREETING = "hi"', "from .hooks import dh_startup"], "", {"hooks.py": hooks}
    return ["from .hooks import dh_startup", 'GREETING = "hi"'], "", {"hooks.py": hooks}


def _p_so_extension(rng: Draw, m: str) -> Parts:
    how = rng.sub(["so-guarded", "so-unguarded", "so-shadows-py", "py-only", "other-abi"])
    py = '"""Pure-Python fallback."""\n\n\ndef fast(page):\n    return page\n'
    siblings = {
        "so-guarded": {SO: GARBAGE},
        "so-unguarded": {SO: GARBAGE},
        "so-shadows-py": {SO: GARBAGE, "_speedups.py": py},
        "py-only": {"_speedups.py": py},
        "other-abi": {SO_OTHER: GARBAGE, "_speedups.py": py},
    }[how]
    if how == "so-guarded":
        head = "try:\n    from ._speedups import fast\nexcept ImportError:\n    fast = str"
    else:
        head = "from ._speedups import fast"
    return [head], _def(m, "dh_render", ["page"], "return fast(page)"), siblings


def _p_exec_defined(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    extra = rng.sub([False, True])
    params = ", ".join([*args, *(["verbose"] if extra else [])])
    src = f"def {hook}({params}):\n    return None\n"
    return [], f"exec({src!r})\n{hook} = {m}({hook})  # noqa: F821\n", {}


def _p_default_evaluated(rng: Draw, m: str) -> Parts:
    key = rng.sub(["context", "ctx", "context", "first"])
    how = rng.sub(["default", "default", "option", "option"])
    table = '_DEFAULTS = {"context": None, "first": True}'
    if how == "default":
        return [table], _def(m, "dh_render", ["page", f"context=_DEFAULTS[{key!r}]"]), {}
    deco = f"{m}(tryfirst=_DEFAULTS[{key!r}])"
    return [table], _def(deco, "dh_startup", ["config"]), {}


def _p_module_assert(rng: Draw, m: str) -> Parts:
    how = rng.sub(["assert-old", "assert-new", "raise-new", "raise-old"])
    line = {
        "assert-old": 'assert sys.version_info >= (3, 8), "needs Python 3.8"',
        "assert-new": 'assert sys.version_info >= (3, 99), "needs a newer Python"',
        "raise-new": 'if sys.version_info < (3, 99):\n    raise ImportError("needs 3.99")',
        "raise-old": 'if sys.version_info < (3, 8):\n    raise ImportError("needs Python 3.8")',
    }[how]
    return ["import sys", "", line], _good(rng, m), {}


def _p_match_platform(rng: Draw, m: str) -> Parts:
    bad_on = rng.sub(["other", "linux", "other", "default"])
    good, bad = _indent(_good(rng, m), " " * 8), _indent(_bad(rng, m), " " * 8)
    arms = {
        "other": [("'win32'", bad), ("'linux'", good), ("_", good)],
        "linux": [("'linux'", bad), ("_", good)],
        "default": [("'linux'", good), ("_", bad)],
    }[bad_on]
    text = "match sys.platform:\n" + "".join(f"    case {p}:\n\n{b}\n" for p, b in arms)
    return ["import sys"], text, {}


def _p_builtin_hook(rng: Draw, m: str) -> Parts:
    how = rng.sub(["marked-print", "bare-print", "bare-len", "marked-lambda-print"])
    hook = rng.choice(["dh_startup", "dh_render", "dh_collect"])
    line = {
        "marked-print": f"{hook} = {m}(print)",
        "bare-print": f"{hook} = print",
        "bare-len": f"{hook} = len",
        "marked-lambda-print": f"{hook} = {m}(lambda *args: print(*args))",
    }[how]
    return [], f"{_good(rng, m)}\n\n{line}\n", {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "partial-instance": _p_partial_instance,
    "staticmethod-object": _p_staticmethod_object,
    "factory-made-instance": _p_factory_made_instance,
    "options-combo": _p_options_combo,
    "historic-raises": _p_historic_raises,
    "wrapper-raises": _p_wrapper_raises,
    "firstresult-none-wrapper": _p_firstresult_none,
    "dead-gate-spellings": _p_dead_gate_spellings,
    "target-version-gate": _p_target_version_gate,
    "stdlib-by-version": _p_stdlib_by_version,
    "suppress-block": _p_suppress_block,
    "try-except-hook": _p_try_except_hook,
    "relative-import": _p_relative_import,
    "import-order-cycle": _p_import_order_cycle,
    "so-extension": _p_so_extension,
    "exec-defined": _p_exec_defined,
    "default-evaluated": _p_default_evaluated,
    "module-assert": _p_module_assert,
    "match-platform": _p_match_platform,
    "builtin-hook": _p_builtin_hook,
}

PACKAGE_KINDS = {"relative-import", "import-order-cycle", "so-extension"}


def pluggy_variants(seed: int = 12, count: int = 200) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 1212, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m)
        header = "\n".join([f'"""Fresh pluggy plugin: {kind}."""', "", *imports, "", *extra])
        name = f"pf{i:03d}"
        source = f"{header.rstrip()}\n\n\n{body.strip()}\n" if body.strip() else f"{header}\n"
        lone = kind == "relative-import" and not siblings
        if siblings or (kind in PACKAGE_KINDS and not lone):
            files = {f"{name}/__init__.py": source}
            files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
            structure = "package"
        elif lone:
            structure, files = "module", {f"{name}.py": source}
        else:
            structure, files = _structure(rng, name, header, body)
        variants.append(Variant(name, "pluggy", kind, (f"marker={style}", structure), files))
    return variants


# ---------------------------------------------------------------- factory


def _f_dataclass_pitfalls(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["mutable-default", "factory-default", "order", "slots-new-attr", "eq-cache"])
    f.imports.append("import dataclasses")
    f.own_init = False
    fields = {
        "mutable-default": 'greeting: str = ""\nitems: list = []',
        "factory-default": (
            'greeting: str = ""\nitems: list = dataclasses.field(default_factory=list)'
        ),
        "order": 'greeting: str = ""\nlabel: str',
        "slots-new-attr": 'greeting: str = ""',
        "eq-cache": 'greeting: str = ""',
    }[how]
    f.class_decos.append(
        "dataclasses.dataclass(slots=True)" if how == "slots-new-attr" else "dataclasses.dataclass"
    )
    f.methods = {"_fields": fields, **f.methods}
    if how == "eq-cache":
        f.imports.append("import functools")
        f.methods["run"] = "@functools.lru_cache(maxsize=None)\ndef run(self):\n    return None"
    return {}


def _f_attrs_product(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["define", "define-noslots", "attr-s", "frozen"])
    f.own_init = False
    if how == "attr-s":
        f.imports.append("import attr")
        f.class_decos.append("attr.s(auto_attribs=True)")
    else:
        f.imports.append("import attrs")
        f.class_decos.append(
            {
                "define": "attrs.define",
                "define-noslots": "attrs.define(slots=False)",
                "frozen": "attrs.frozen",
            }[how]
        )
    f.methods = {"_fields": 'greeting: str = ""', **f.methods}
    return {}


def _f_namedtuple_product(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["sets-attr", "reads-only", "underscore-field"])
    f.imports.append("from typing import NamedTuple")
    f.own_init = False
    f.bases = "NamedTuple"
    field = "_greeting" if how == "underscore-field" else "greeting"
    f.methods = {"_fields": f'{field}: str = ""', **f.methods}
    if how != "sets-attr":
        f.methods["init"] = "def init(self, config):\n    return None"
        f.methods["run"] = "def run(self):\n    return None"
        f.methods["shutdown"] = "def shutdown(self, timeout):\n    return None"
    return {}


def _f_slots_conflicts(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["classvar", "missing-slot", "complete", "cached-property"])
    slots = {
        "classvar": '__slots__ = ("greeting", "count")\ngreeting = ""',
        "missing-slot": '__slots__ = ("greeting",)',
        "complete": '__slots__ = ("greeting", "count")',
        "cached-property": '__slots__ = ("greeting", "count")',
    }[how]
    f.methods = {"_slots": slots, **f.methods}
    if how == "cached-property":
        f.imports.append("import functools")
        f.methods["label"] = "@functools.cached_property\ndef label(self):\n    return 'x'"
        f.methods["run"] = "def run(self):\n    self.count = len(self.label)"
    return {}


def _f_metaclass_call(rng: Draw, f: _Factory) -> dict[str, str]:
    returns = rng.sub([False, True, True])
    tail = "\n        return obj" if returns else ""
    f.before.append(
        "REGISTRY = []\n\n\nclass Registered(type):\n"
        "    def __call__(cls, *args, **kwargs):\n"
        "        obj = super().__call__(*args, **kwargs)\n"
        f"        REGISTRY.append(obj){tail}\n"
    )
    f.bases = "metaclass=Registered"
    return {}


def _f_total_ordering(rng: Draw, f: _Factory) -> dict[str, str]:
    with_lt = rng.sub([False, True])
    f.imports.append("import functools")
    f.class_decos.append("functools.total_ordering")
    if with_lt:
        f.methods["__lt__"] = "def __lt__(self, other):\n    return id(self) < id(other)"
    return {}


def _f_overload_new(rng: Draw, f: _Factory) -> dict[str, str]:
    with_impl = rng.sub([True, False, True])
    f.imports.append("from typing import overload")
    stubs = (
        f"@overload\ndef new() -> {f.cls}: ...\n\n\n"
        f"@overload\ndef new(label: str) -> {f.cls}: ...\n"
    )
    impl = f"\n\ndef new(label=None):\n    return {f.cls}()\n" if with_impl else ""
    f.new = stubs + impl
    return {}


def _f_decorated_run(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["contextmanager", "cache", "eq-cache", "eq-hash-cache"])
    if how == "contextmanager":
        f.imports.append("import contextlib")
        f.methods["run"] = "@contextlib.contextmanager\ndef run(self):\n    yield self"
        return {}
    f.imports.append("import functools")
    f.methods["run"] = "@functools.lru_cache(maxsize=None)\ndef run(self):\n    return None"
    if how in ("eq-cache", "eq-hash-cache"):
        f.methods["__eq__"] = "def __eq__(self, other):\n    return self is other"
    if how == "eq-hash-cache":
        f.methods["__hash__"] = "__hash__ = object.__hash__"
    return {}


def _f_generic_subscript(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["generic", "not-generic", "pep695", "generic-lambda"])
    if how in ("generic", "generic-lambda"):
        f.imports.append("from typing import Generic, TypeVar")
        f.before.append('T = TypeVar("T")')
        f.bases = "Generic[T]"
    if how == "pep695":
        f.cls = f.cls + "[T]"
        f.new = f"def new():\n    return {f.cls.split('[')[0]}[str]()\n"
        return {}
    if how == "generic-lambda":
        f.new = f"new = lambda: {f.cls}[int]()  # noqa: E731\n"
    else:
        f.new = f"def new():\n    return {f.cls}[str]()\n"
    return {}


def _f_type_call_class(rng: Draw, f: _Factory) -> dict[str, str]:
    drop = rng.sub([None, "run", None, "shutdown"])
    members = {
        "init": "lambda self, config: None",
        "run": "lambda self: None",
        "shutdown": "lambda self, timeout: None",
    }
    if drop:
        del members[drop]
    ns = ", ".join(f'"{k}": {v}' for k, v in members.items())
    f.after.append(f'Made = type("Made", (), {{{ns}}})\n\n\ndef new():\n    return Made()\n')
    f.new = None
    return {}


def _f_init_subclass(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["adds-run", "nones-run", "requires-attr", "requires-attr-set"])
    body = {
        "adds-run": "cls.run = lambda self: None",
        "nones-run": "cls.run = None",
        "requires-attr": 'if not hasattr(cls, "label"):\n            raise TypeError("label")',
        "requires-attr-set": 'if not hasattr(cls, "label"):\n            raise TypeError("label")',
    }[how]
    f.before.append(
        "class Base:\n    def __init_subclass__(cls, **kwargs):\n"
        f"        super().__init_subclass__(**kwargs)\n        {body}\n"
    )
    f.bases = "Base"
    if how == "adds-run":
        del f.methods["run"]
    if how == "requires-attr-set":
        f.methods = {"label": 'label = "x"', **f.methods}
    return {}


def _f_property_raises(rng: Draw, f: _Factory) -> dict[str, str]:
    which = rng.sub(["run", "shutdown", "run"])
    exc = rng.sub(["AttributeError", "AttributeError", "RuntimeError", "None"])
    params = "self" if which == "run" else "self, timeout"
    del f.methods[which]
    f.methods["_real"] = f"def _real({params}):\n    return None"
    getter = "return self._real" if exc == "None" else f"raise {exc}('not ready')"
    f.methods[which] = f"@property\ndef {which}(self):\n    {getter}"
    return {}


def _f_nested_relative(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["parent", "beyond", "namespace-sub", "parent"])
    util = '"""Utilities."""\n\n\ndef label():\n    return "x"\n'
    dots = "..." if how == "beyond" else ".."
    impl = f'"""The implementation."""\n\nfrom {dots}util import label\n\nLABEL = label()\n'
    files = {"util.py": util, "core/impl.py": impl}
    if how != "namespace-sub":
        files["core/__init__.py"] = '"""Core."""\n'
    f.imports.append("from .core.impl import LABEL")
    return files


def _f_optional_dep(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["fallback", "none-used", "installed", "find-spec-used", "none-guarded"])
    imp = {
        "fallback": "try:\n    import ujson as json\nexcept ImportError:\n    import json",
        "none-used": "try:\n    import ujson\nexcept ImportError:\n    ujson = None",
        "none-guarded": "try:\n    import ujson\nexcept ImportError:\n    ujson = None",
        "installed": "import yaml",
        "find-spec-used": 'import importlib.util\n\nif importlib.util.find_spec("ujson"):\n'
        "    import ujson",
    }[how]
    use = {
        "fallback": "json.dumps({})",
        "none-used": "ujson.dumps({})",
        "none-guarded": "ujson.dumps({}) if ujson else '{}'",
        "installed": "yaml.safe_dump({})",
        "find-spec-used": "ujson.dumps({})",
    }[how]
    f.imports.append(imp)
    f.methods["run"] = f"def run(self):\n    self.count = len({use})"
    return {}


def _f_stdlib_by_version(rng: Draw, f: _Factory) -> dict[str, str]:
    line, name = rng.choice(STDLIB_NEWER)
    where = rng.sub(["top", "run", "top"])
    if where == "top":
        f.imports.append(line)
        f.methods["run"] = f"def run(self):\n    self.count = {name} is None"
    else:
        f.methods["run"] = f"def run(self):\n    {line}\n    self.count = {name} is None"
    return {}


def _f_lazy_getattr_new(rng: Draw, f: _Factory) -> dict[str, str]:
    target = rng.sub(["impl", "impl", "impls", "impl-attr"])
    sub = "impls" if target == "impls" else "impl"
    attr = "make" if target == "impl-attr" else "new"
    body = f.render()
    f.new = None
    f.before, f.after, f.methods, f.class_decos = [], [], {}, []
    f.cls = "_Unused"
    f.own_init = False
    f.imports.append("import importlib")
    f.after.append(
        "def __getattr__(name):\n"
        '    if name == "new":\n'
        f'        return getattr(importlib.import_module(".{sub}", __name__), "{attr}")\n'
        "    raise AttributeError(name)\n"
    )
    head = "from collections.abc import Mapping\n\n" if f.annotated else ""
    api = "from fhost import Plugin\nimport fhost\nimport fhost as api\n\n"
    return {"impl.py": f'"""Implementation."""\n\n{head}{api}\n{body}'}


def _f_so_extension(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["so-guarded", "so-unguarded", "so-shadows-py", "other-abi"])
    py = '"""Pure-Python fallback."""\n\n\ndef fast(value):\n    return value\n'
    files = {
        "so-guarded": {SO: GARBAGE},
        "so-unguarded": {SO: GARBAGE},
        "so-shadows-py": {SO: GARBAGE, "_speedups.py": py},
        "other-abi": {SO_OTHER: GARBAGE, "_speedups.py": py},
    }[how]
    if how == "so-guarded":
        f.imports.append(
            "try:\n    from ._speedups import fast\nexcept ImportError:\n    fast = str"
        )
    else:
        f.imports.append("from ._speedups import fast")
    return files


def _f_import_order_cycle(rng: Draw, f: _Factory) -> dict[str, str]:
    before = rng.sub([True, False])
    body = f.render()
    head = "from collections.abc import Mapping\n\n" if f.annotated else ""
    api = "from fhost import Plugin\nimport fhost\nimport fhost as api\n\n"
    impl = f'"""Implementation."""\n\n{head}{api}from . import DEFAULTS\n\n\n{body}'
    f.new, f.before, f.after, f.methods, f.class_decos = None, [], [], {}, []
    f.cls, f.own_init = "_Unused", False
    if before:
        f.imports += ['DEFAULTS = {"greeting": ""}', "from .impl import new"]
    else:
        f.imports += ["from .impl import new", 'DEFAULTS = {"greeting": ""}']
    return {"impl.py": impl}


def _f_version_gated_class(rng: Draw, f: _Factory) -> dict[str, str]:
    minor = rng.sub([10, 11, 12, 13])
    full = f.render()
    cls = f.cls
    f.new, f.before, f.after, f.methods, f.class_decos = None, [], [], {}, []
    f.cls, f.own_init = "_Unused", False
    partial = f"class {cls}:\n    def init(self, config):\n        return None\n"
    f.imports.append("import sys")
    f.after.append(
        f"if sys.version_info >= (3, {minor}):\n\n{_indent(full)}\nelse:\n\n{_indent(partial)}\n"
        f"\n\ndef new():\n    return {cls}()\n"
    )
    return {}


def _f_builtin_members(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["run-print", "run-len", "init-print", "init-dict-update", "shutdown-abs"])
    member, value = {
        "run-print": ("run", "print"),
        "run-len": ("run", "len"),
        "init-print": ("init", "print"),
        "init-dict-update": ("init", "dict.update"),
        "shutdown-abs": ("shutdown", "abs"),
    }[how]
    f.methods[member] = f"{member} = {value}"
    return {}


def _f_new_syntax(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["type-alias", "nested-fstring", "except-star", "walrus"])
    line = {
        "type-alias": "type Config = dict[str, str]",
        "nested-fstring": 'LABEL = f"{ {"a": "x"}["a"] }"',
        "except-star": "try:\n    LABEL = 'x'\nexcept* ValueError:\n    LABEL = ''",
        "walrus": "if (LABEL := 'x'):\n    pass",
    }[how]
    f.before.append(line)
    return {}


FACTORY_KINDS: dict[str, FactoryKind] = {
    "dataclass-pitfalls": _f_dataclass_pitfalls,
    "attrs-product": _f_attrs_product,
    "namedtuple-product": _f_namedtuple_product,
    "slots-conflicts": _f_slots_conflicts,
    "metaclass-call": _f_metaclass_call,
    "total-ordering": _f_total_ordering,
    "overload-new": _f_overload_new,
    "decorated-run": _f_decorated_run,
    "generic-subscript": _f_generic_subscript,
    "type-call-class": _f_type_call_class,
    "init-subclass-effects": _f_init_subclass,
    "property-raises": _f_property_raises,
    "nested-relative": _f_nested_relative,
    "optional-dep": _f_optional_dep,
    "stdlib-by-version": _f_stdlib_by_version,
    "lazy-getattr-new": _f_lazy_getattr_new,
    "so-extension": _f_so_extension,
    "import-order-cycle": _f_import_order_cycle,
    "version-gated-class": _f_version_gated_class,
    "builtin-members": _f_builtin_members,
    "new-syntax": _f_new_syntax,
}


def factory_variants(seed: int = 12, count: int = 200) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 1213, count):
        f = _factory_base(rng)
        siblings = FACTORY_KINDS[kind](rng, f)
        f.before = [b for b in f.before if b]
        future = rng.random() < 0.5
        head = [f'"""Fresh factory plugin: {kind}."""', ""]
        if future:
            head += ["from __future__ import annotations", ""]
        if f.annotated:
            head.append("from collections.abc import Mapping")
        head += f.imports
        name = f"ff{i:03d}"
        body = f.render() if f.cls != "_Unused" else "\n\n".join(f.after)
        if siblings:
            text = "\n".join(head).rstrip()
            source = f"{text}\n\n\n{body.strip()}\n"
            files = {f"{name}/__init__.py": source}
            files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
            structure = "package"
        else:
            structure, files = _structure(rng, name, "\n".join(head), body)
        traits = (
            "annotated" if f.annotated else "unannotated",
            "future" if future else "eager",
            f"api={f.api}",
            structure,
        )
        variants.append(Variant(name, "factory", kind, traits, files))
    return variants
