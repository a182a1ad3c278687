"""A second generator family for the differential test: mutations the first one does not make.

``generate`` is the family plugcheck was tuned on. This one was written afterwards, as a red
team of variants plugcheck had not seen: wrappers whose yields hide in loops, ``try`` and dead
code, hooks reached through class attributes (staticmethod, classmethod, plain methods, bound
methods), marker presets and markers re-exported through the plugin's own modules, computed
``specname``, positional-only and variadic parameters, platform and import-guarded branches,
``globals()`` assignments, decorators without ``functools.wraps``, ``__all__``-restricted star
re-exports and prefixed builtins; for factories, classmethod/staticmethod/partial factories,
mixins from another module of the plugin, members set to ``None``, properties, ``__slots__``,
``__init_subclass__``, frozen dataclasses and branches returning the wrong object. As in
``generate``, what a variant should do is never recorded: the oracle decides.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from differential.generate import (
    PLAIN,
    SPECS,
    WRAPPABLE,
    WRAPPER_OK,
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

# (header lines, body, sibling modules of a package plugin: relative path -> source)
Parts = tuple[list[str], str, dict[str, str]]
RedKind = Callable[[Draw, str], Parts]


def _hook(rng: Draw, hooks: list[str] | None = None) -> tuple[str, list[str]]:
    hook = rng.choice(hooks or PLAIN)
    return hook, _args(rng, hook)


def _maybe_bad(rng: Draw, args: list[str]) -> list[str]:
    """The arguments, with one the spec lacks in every other instance."""
    return [*args, "bogus"] if rng.sub([False, True]) else args


def _indent(text: str) -> str:
    return textwrap.indent(text, "    ")


def _rk_wrapper_dead_yield(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, WRAPPABLE)
    opt = rng.sub(["wrapper=True", "hookwrapper=True"])
    body = rng.sub(["return None\nyield", "if False:\n    yield\nreturn None"])
    return [], _def(f"{m}({opt})", hook, args, body), {}


def _rk_wrapper_loop_yield(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, WRAPPABLE)
    body = rng.sub(
        [
            "for _ in range(2):\n    yield",
            "for _ in range(1):\n    result = yield\nreturn result",
            "while True:\n    result = yield\n    return result",
            "for _ in (1, 2, 3):\n    yield",
            "while True:\n    yield\n    break",
        ]
    )
    return [], _def(f"{m}(wrapper=True)", hook, args, body), {}


def _rk_wrapper_try_yield(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, WRAPPABLE)
    body = rng.sub(
        [
            "try:\n    return (yield)\nfinally:\n    pass",
            "try:\n    result = yield\nexcept ValueError:\n    result = yield\nreturn result",
            "try:\n    result = yield\nfinally:\n    yield",
        ]
    )
    return [], _def(f"{m}(wrapper=True)", hook, args, body), {}


def _rk_dead_yield_plain(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    body = rng.sub(["return None\nyield", "def inner():\n    yield 1\n\nreturn list(inner())"])
    return [], _def(m, hook, args, body), {}


def _rk_firstresult_generator(rng: Draw, m: str) -> Parts:
    args = _args(rng, "dh_handle")
    body = rng.sub(["yield None", "yield from ()"])
    return [], _def(m, "dh_handle", args, body), {}


def _rk_specname_historic_wrapper(rng: Draw, m: str) -> Parts:
    opt = rng.sub(["wrapper=True", "tryfirst=True"])
    body = WRAPPER_OK if opt == "wrapper=True" else "return None"
    return [], _def(f'{m}(specname="dh_configure", {opt})', "configure", ["config"], body), {}


def _rk_specname_computed(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    spelled = rng.sub(
        [f'"dh_" + "{hook[3:]}"', f'PREFIX + "{hook[3:]}"', f'"{hook}".lower()', "HOOK"]
    )
    consts = f'PREFIX = "dh_"\nHOOK = "{hook}"\n\n\n'
    return (
        [],
        consts + _def(f"{m}(specname={spelled})", "implementation", _maybe_bad(rng, args)),
        {},
    )


def _rk_specname_from_module(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    header = ["from ._names import HOOK"]
    names = f'"""Hook names."""\n\nHOOK = "{hook}"\n'
    return header, _def(f"{m}(specname=HOOK)", "impl", _maybe_bad(rng, args)), {"_names.py": names}


def _rk_class_attr_alias(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    args = _maybe_bad(rng, args)
    how = rng.sub(["staticmethod", "classmethod", "method", "bound"])
    if how == "staticmethod":
        inner = _def(m, hook, args, extra_decos=("staticmethod",))
    elif how == "classmethod":
        inner = _def(m, hook, ["cls", *args], extra_decos=("classmethod",))
    else:
        inner = _def(m, hook, ["self", *args])
    alias = f"_Impl().{hook}" if how == "bound" else f"_Impl.{hook}"
    return [], f"class _Impl:\n{_indent(inner)}\n\n{hook} = {alias}", {}


def _rk_partial_hookimpl(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    fixed = args[0] if args else "config"
    return (
        ["import functools"],
        _def(None, "_impl", [*args, "bogus"])
        + f"\n\n{hook} = {m}(functools.partial(_impl, {fixed}=None))",
        {},
    )


def _rk_parameters(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    params = rng.sub(
        [
            [*args, "*", "verbose=False"],
            [*args, "*rest", "**kw"],
            ["*args"],
            [*args, "/"] if args else ["*args"],
            [*args, "bogus", "/"],
            [*args, "**kw"],
            [*args, "*", "bogus"],
        ]
    )
    return [], _def(m, hook, params), {}


def _rk_platform_branch(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    bad = _indent(_def(m, hook, [*args, "bogus"]))
    good = _indent(_def(m, hook, args))
    cond = rng.sub(
        [
            'sys.platform == "win32"',
            'sys.platform.startswith("linux")',
            'sys.platform != "win32"',
            'sys.platform in ("darwin", "win32")',
        ]
    )
    return ["import sys"], f"if {cond}:\n{bad}\nelse:\n{good}", {}


def _rk_version_flag(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    bad = _indent(_def(m, hook, [*args, "bogus"]))
    flag = rng.sub(
        [
            "PY3 = sys.version_info[0] == 3",
            "PY3 = sys.version_info >= (3,)",
            "PY3 = sys.version_info.major >= 3",
        ]
    )
    test = rng.sub(["PY3", "not PY3"])
    return ["import sys"], f"{flag}\n\nif {test}:\n{bad}", {}


def _rk_guarded_import_branch(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    bad = _indent(_def(m, hook, [*args, "bogus"]))
    module = rng.sub(["dh_not_installed", "json"])
    guard = (
        f"try:\n    import {module}\nexcept ImportError:\n    HAVE = False\nelse:\n    HAVE = True"
    )
    return [], f"{guard}\n\nif HAVE:\n{bad}", {}


def _rk_marker_preset(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    opt = rng.sub(["tryfirst=True", "trylast=True"])
    preset = f"first = {m}({opt})\n\n\n"
    return [], preset + _def("first", hook, _maybe_bad(rng, args)), {}


def _rk_marker_variable(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    return [], f"impl = {m}\n\n\n" + _def("impl", hook, _maybe_bad(rng, args)), {}


def _rk_marker_reexport(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    how = rng.sub(["from", "module", "star"])
    compat = '"""Markers."""\n\nfrom dhost import hookimpl as impl\n'
    if how == "from":
        header, deco = ["from ._compat import impl"], "impl"
    elif how == "module":
        header, deco = ["from . import _compat"], "_compat.impl"
    else:
        compat = '"""Markers."""\n\nfrom dhost import hookimpl as impl\n\n__all__ = ["impl"]\n'
        header, deco = ["from ._compat import *  # noqa: F403"], "impl"
    return header, _def(deco, hook, _maybe_bad(rng, args)), {"_compat.py": compat}


def _rk_marker_fallback(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    fallback = (
        "try:\n    from dhost import hookimpl as mark\nexcept ImportError:\n\n"
        "    def mark(function=None, **options):\n        return function\n"
    )
    return [], fallback + "\n\n" + _def("mark", hook, _maybe_bad(rng, args)), {}


def _rk_globals(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    how = rng.sub(["subscript", "update"])
    impl = _def(None, "_impl", _maybe_bad(rng, args))
    if how == "subscript":
        return [], f'{impl}\n\nglobals()["{hook}"] = {m}(_impl)', {}
    return [], f"{impl}\n\nglobals().update({hook}={m}(_impl))", {}


LOGGED = """def logged(fn):
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)

    return inner
"""


def _rk_decorator_no_wraps(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    if rng.sub([True, False]):
        # the marker's attribute stays on the inner function: pluggy never sees it
        return (
            [],
            LOGGED
            + "\n\n"
            + _def(m, hook, [*args, "bogus"], extra_decos=()).replace(
                f"@{m}\n", f"@logged\n@{m}\n"
            ),
            {},
        )
    return [], LOGGED + "\n\n" + _def(m, hook, args, extra_decos=("logged",)), {}


def _rk_all_star(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    other = rng.choice([h for h in PLAIN if h != hook])
    exported = rng.sub([[hook], [hook, other]])
    impl = (
        f'"""Implementation."""\n\nfrom dhost import hookimpl\n\n__all__ = {exported!r}\n\n\n'
        + _def("hookimpl", hook, args)
        + "\n\n"
        + _def("hookimpl", other, [*SPECS[other], "bogus"])
    )
    return ["from .impl import *  # noqa: F403"], "", {"impl.py": impl}


def _rk_named_reexport(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    impl = '"""Implementation."""\n\nfrom dhost import hookimpl\n\n\n' + _def(
        "hookimpl", "render", _maybe_bad(rng, args)
    )
    how = rng.sub(["as", "assign"])
    if how == "as":
        return [f"from .impl import render as {hook}"], "", {"impl.py": impl}
    return ["from . import impl"], f"{hook} = impl.render", {"impl.py": impl}


def _rk_prefixed_callables(rng: Draw, m: str) -> Parts:
    what = rng.sub(
        [
            ([], "dh_startup = len"),
            (["import os.path"], "dh_join = os.path.join"),
            (["from os.path import join as dh_join"], ""),
            (
                [],
                "class dh_startup:\n    def __init__(self, config):\n        self.config = config",
            ),
            (["import functools"], "dh_render = functools.partial(print, end='')"),
            ([], "dh_startup = max"),
        ]
    )
    header, body = what
    return header, (_def(m, "dh_collect", ["items"]) + "\n\n" + body).strip(), {}


def _rk_async_wrapper(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, WRAPPABLE)
    opt = rng.sub(["wrapper=True", "hookwrapper=True"])
    return [], _def(f"{m}({opt})", hook, args, "yield", prefix="async "), {}


def _rk_lambda_specname(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    args = _maybe_bad(rng, args)
    return [], f'on_event = {m}(specname="{hook}")(lambda {", ".join(args)}: None)', {}


def _rk_constant_flag(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    bad = _indent(_def(m, hook, [*args, "bogus"]))
    flag = rng.sub(["DEBUG = False", "DEBUG = True", "DEBUG = 0", "DEBUG = None"])
    return [], f"{flag}\n\nif DEBUG:\n{bad}", {}


def _rk_own_helper_module(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    helper = '"""Helpers."""\n\nfrom dhost import hookimpl\n\n\n' + _def(
        "hookimpl", "startup", _maybe_bad(rng, args)
    )
    return ["from . import _helpers"], f"{hook} = _helpers.startup", {"_helpers.py": helper}


PLUGGY_KINDS: dict[str, RedKind] = {
    "wrapper-dead-yield": _rk_wrapper_dead_yield,
    "wrapper-loop-yield": _rk_wrapper_loop_yield,
    "wrapper-try-yield": _rk_wrapper_try_yield,
    "dead-or-nested-yield": _rk_dead_yield_plain,
    "firstresult-generator": _rk_firstresult_generator,
    "specname-historic": _rk_specname_historic_wrapper,
    "specname-computed": _rk_specname_computed,
    "specname-from-module": _rk_specname_from_module,
    "class-attribute-alias": _rk_class_attr_alias,
    "partial-hookimpl": _rk_partial_hookimpl,
    "parameter-kinds": _rk_parameters,
    "platform-branch": _rk_platform_branch,
    "version-flag": _rk_version_flag,
    "guarded-import-branch": _rk_guarded_import_branch,
    "marker-preset": _rk_marker_preset,
    "marker-variable": _rk_marker_variable,
    "marker-reexport": _rk_marker_reexport,
    "marker-fallback": _rk_marker_fallback,
    "globals-assignment": _rk_globals,
    "decorator-without-wraps": _rk_decorator_no_wraps,
    "all-restricted-star": _rk_all_star,
    "named-reexport": _rk_named_reexport,
    "prefixed-callables": _rk_prefixed_callables,
    "async-wrapper": _rk_async_wrapper,
    "lambda-specname": _rk_lambda_specname,
    "constant-flag": _rk_constant_flag,
    "own-helper-module": _rk_own_helper_module,
}


def pluggy_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 1000, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m)
        header = "\n".join([f'"""Red-team pluggy plugin: {kind}."""', "", *extra, *imports])
        name = f"pr{i:03d}"
        if siblings:
            source = f"{header.rstrip()}\n\n\n{body.strip()}\n" if body else f"{header}\n"
            files = {f"{name}/__init__.py": source}
            files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
            structure = "package"
        else:
            structure, files = _structure(rng, name, header, body)
        variants.append(Variant(name, "pluggy", kind, (f"marker={style}", structure), files))
    return variants


# ---------------------------------------------------------------- factory

FactoryParts = dict[str, str]
"""Sibling modules of a package plugin (relative path -> source); empty for one module."""
RedFactoryKind = Callable[[Draw, _Factory], FactoryParts]


def _ann(f: _Factory) -> str:
    return f" -> {f.api}" if f.annotated else ""


def _fr_classmethod_factory(rng: Draw, f: _Factory) -> FactoryParts:
    how = rng.sub(["classmethod", "staticmethod", "method"])
    if how == "classmethod":
        f.methods["create"] = "@classmethod\ndef create(cls):\n    return cls()"
    elif how == "staticmethod":
        f.methods["create"] = f"@staticmethod\ndef create():\n    return {f.cls}()"
    else:
        f.methods["create"] = "def create(self):\n    return self"
    f.new = f"new = {f.cls}.create\n"
    return {}


def _fr_partial_factory(rng: Draw, f: _Factory) -> FactoryParts:
    f.imports.append("import functools")
    f.own_init = False
    takes = rng.sub([True, False])
    init = (
        "def __init__(self, greeting):\n    self.greeting = greeting"
        if takes
        else ('def __init__(self):\n    self.greeting = ""')
    )
    f.methods = {"__init__": init, **f.methods}
    f.new = f'new = functools.partial({f.cls}, "hi")\n'
    return {}


def _fr_cached_factory(rng: Draw, f: _Factory) -> FactoryParts:
    f.imports.append("import functools")
    deco = rng.sub(["functools.lru_cache(maxsize=None)", "functools.cache"])
    f.new = f"@{deco}\ndef new(){_ann(f)}:\n    return {f.cls}()\n"
    return {}


def _fr_mixin_module(rng: Draw, f: _Factory) -> FactoryParts:
    which = rng.sub(["run", "shutdown", "init"])
    sig = {"run": "self", "shutdown": "self, timeout", "init": "self, config"}[which]
    bad = rng.sub([False, True])
    params = sig + (", extra" if bad else "")
    mixin = f'"""Mixins."""\n\n\nclass Mixin:\n    def {which}({params}):\n        return None\n'
    del f.methods[which]
    f.bases = "Mixin"
    f.imports.append("from .mixins import Mixin")
    return {"mixins.py": mixin}


def _fr_diamond(rng: Draw, f: _Factory) -> FactoryParts:
    first_bad = rng.sub([True, False])
    bad, good = "def run(self, times):\n        return None", "def run(self):\n        return None"
    a, b = (bad, good) if first_bad else (good, bad)
    f.before += [f"class A:\n    {a}\n", f"class B:\n    {b}\n"]
    del f.methods["run"]
    f.bases = "A, B"
    return {}


def _fr_member_none(rng: Draw, f: _Factory) -> FactoryParts:
    which = rng.sub(["run", "shutdown"])
    f.methods[which] = f"{which} = None"
    return {}


def _fr_property(rng: Draw, f: _Factory) -> FactoryParts:
    returns = rng.sub(["lambda: None", "None", "self._run"])
    f.methods["run"] = f"@property\ndef run(self):\n    return {returns}"
    f.methods["_run"] = "def _run(self):\n    return None"
    return {}


def _fr_async_generator(rng: Draw, f: _Factory) -> FactoryParts:
    which = rng.sub(["run", "shutdown"])
    params = "self" if which == "run" else "self, timeout"
    body = rng.sub(["yield None", "return None\n    yield"])
    f.methods[which] = f"{rng.sub(['async ', ''])}def {which}({params}):\n    {body}"
    return {}


def _fr_init_subclass(rng: Draw, f: _Factory) -> FactoryParts:
    how = rng.sub(["keyword", "raises", "records"])
    if how == "keyword":
        base = (
            "class Base:\n    def __init_subclass__(cls, flavor='', **kw):\n"
            "        super().__init_subclass__(**kw)\n        cls.flavor = flavor\n"
        )
        f.bases = 'Base, flavor="x"'
    elif how == "raises":
        base = (
            "class Base:\n    def __init_subclass__(cls, **kw):\n        raise TypeError('final')\n"
        )
        f.bases = "Base"
    else:
        base = (
            "REGISTRY = []\n\n\nclass Base:\n    def __init_subclass__(cls, **kw):\n"
            "        REGISTRY.append(cls)\n"
        )
        f.bases = "Base"
    f.before.append(base)
    return {}


def _fr_slots(rng: Draw, f: _Factory) -> FactoryParts:
    slots = rng.sub([("greeting",), ("greeting", "count")])
    f.methods = {"__slots__": f"__slots__ = {slots!r}", **f.methods}
    return {}


def _fr_branch_object(rng: Draw, f: _Factory) -> FactoryParts:
    how = rng.sub(["flag-true", "flag-false", "env", "platform"])
    if how == "env":
        f.imports.append("import os")
        test = 'os.environ.get("FR_LEGACY_MODE")'
    elif how == "platform":
        f.imports.append("import sys")
        test = 'sys.platform == "win32"'
    else:
        f.before.append(f"LEGACY = {how == 'flag-true'}\n")
        test = "LEGACY"
    f.new = f"def new():\n    if {test}:\n        return object()\n    return {f.cls}()\n"
    return {}


def _fr_class_getattr(rng: Draw, f: _Factory) -> FactoryParts:
    which = rng.sub(["run", "shutdown"])
    del f.methods[which]
    f.methods["__getattr__"] = (
        "def __getattr__(self, name):\n"
        f'    if name == "{which}":\n'
        "        return lambda *args: None\n"
        "    raise AttributeError(name)"
    )
    return {}


def _fr_init_varargs(rng: Draw, f: _Factory) -> FactoryParts:
    params = rng.sub(["self, *args", "self, **config", "self, config=None, /", "self, *, config"])
    f.methods["init"] = f"def init({params}):\n    self.greeting = 'x'"
    return {}


def _fr_attr_function(rng: Draw, f: _Factory) -> FactoryParts:
    how = rng.sub(["plain", "staticmethod", "lambda-self", "lambda-none"])
    f.before.append("def _run(self):\n    self.count = 1\n")
    f.methods["run"] = {
        "plain": "run = _run",
        "staticmethod": "run = staticmethod(_run)",
        "lambda-self": "run = lambda self: None  # noqa: E731",
        "lambda-none": "run = lambda: None  # noqa: E731",
    }[how]
    return {}


def _fr_new_submodule(rng: Draw, f: _Factory) -> FactoryParts:
    bad = rng.sub([False, True])
    body = "return None" if bad else f"return {f.cls}()"
    factory = f'"""The factory."""\n\n\ndef make(cls):\n    {body}\n'
    f.imports.append("from ._factory import make")
    f.new = f"def new():\n    return make({f.cls})\n"
    return {"_factory.py": factory}


def _fr_frozen_dataclass(rng: Draw, f: _Factory) -> FactoryParts:
    f.imports.append("import dataclasses")
    frozen = rng.sub([True, False])
    f.class_decos.append(f"dataclasses.dataclass(frozen={frozen})")
    f.own_init = False
    f.methods = {"_field": 'greeting: str = ""', **f.methods}
    return {}


def _fr_shutdown_params(rng: Draw, f: _Factory) -> FactoryParts:
    params = rng.sub(["self, timeout, /", "self, /, *, timeout", "self, *timeouts", "self, t=1.0"])
    f.methods["shutdown"] = f"def shutdown({params}):\n    self.greeting = ''"
    return {}


def _fr_nested_class(rng: Draw, f: _Factory) -> FactoryParts:
    methods = "\n\n".join(_indent(_indent(m)) for m in f.methods.values())
    f.before.append(f"class Outer:\n    class Inner:\n{methods}\n")
    f.new = "def new():\n    return Outer.Inner()\n"
    return {}


FACTORY_KINDS: dict[str, RedFactoryKind] = {
    "classmethod-factory": _fr_classmethod_factory,
    "partial-factory": _fr_partial_factory,
    "cached-factory": _fr_cached_factory,
    "mixin-module": _fr_mixin_module,
    "diamond-mixins": _fr_diamond,
    "member-none": _fr_member_none,
    "property-run": _fr_property,
    "async-generator": _fr_async_generator,
    "init-subclass": _fr_init_subclass,
    "slots": _fr_slots,
    "branch-wrong-object": _fr_branch_object,
    "class-getattr": _fr_class_getattr,
    "init-parameters": _fr_init_varargs,
    "function-attribute": _fr_attr_function,
    "factory-submodule": _fr_new_submodule,
    "dataclass-frozen": _fr_frozen_dataclass,
    "shutdown-parameters": _fr_shutdown_params,
    "nested-class": _fr_nested_class,
}


def factory_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 1001, count):
        f = _factory_base(rng)
        siblings = FACTORY_KINDS[kind](rng, f)
        future = rng.random() < 0.5
        head = [f'"""Red-team factory plugin: {kind}."""', ""]
        if future:
            head += ["from __future__ import annotations", ""]
        if f.annotated:
            head.append("from collections.abc import Mapping")
        head += f.imports
        name = f"fr{i:03d}"
        if siblings:
            files = {f"{name}/__init__.py": "\n".join(head) + "\n\n\n" + f.render()}
            files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
            structure = "package"
        else:
            structure, files = _structure(rng, name, "\n".join(head), f.render())
        traits = (
            "annotated" if f.annotated else "unannotated",
            "future" if future else "eager",
            f"api={f.api}",
            structure,
        )
        variants.append(Variant(name, "factory", kind, traits, files))
    return variants
