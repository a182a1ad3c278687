"""A generator family of both contracts written as an outsider after listing the others (issue 12).

Written by acc14 after grepping every other family for its idioms, going for what none of them
writes. pluggy: hooks bound by tuple unpacking and annotated assignments, hooks imported under
another hook's name (or a name without the prefix), markers made by ``functools.partial`` or
looked up in a dict, markers chosen by a conditional expression, dead-code gates through module
flags (``IS_WINDOWS = sys.platform == "win32"``) and platform tests (``os.name``,
``sys.platform.startswith``), names removed through ``globals()``, hooks bound in a loop or by
``globals().update``, decorators that replace the function (under or over the marker, or that
forget to return it), hooks exported from a class's ``classmethod``/``staticmethod``, star
re-exports filtered by ``__all__`` and hooks made by a closure. factory: classes built by
``type()`` from another class's namespace and by ``types.new_class``, classes and methods
chosen by platform tests (at module level and inside the class body, ``del`` in a class body),
``Impl[int]`` generic aliases as the factory, ``functools.cached_property`` with ``__slots__``,
``new = None`` fallbacks, ``new`` made by ``functools.partial``, class decorators that replace
the class, dataclass ``field()`` without a default, ``__new__`` returning another object,
``enum`` members as the product, ``__all__`` filtering a star re-export, ``singledispatchmethod``
members, ``types.SimpleNamespace`` products, factories chosen by a module constant and members
bound per instance by ``types.MethodType``. About half of the variants are healthy. The real
loader decides every verdict; nothing here records an expectation.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.fresh12 import _bad, _good, _indent
from differential.generate import (
    WRAPPER_OK,
    Draw,
    Variant,
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
MISSING = "fresh14_not_installed"
IMPL_HEAD = '"""Hook implementations."""\n\nfrom dhost import hookimpl\n\n\n'

# ---------------------------------------------------------------- pluggy


def _p_tuple_unpack(rng: Draw, m: str) -> Parts:
    how = rng.sub(["good", "bad-second", "swapped", "starred"])
    extra = ", verbose" if how == "bad-second" else ""
    defs = (
        "def _start(config):\n    return None\n\n\n"
        f"def _render(page{extra}):\n    return str(page)\n"
    )
    line = {
        "good": f"dh_startup, dh_render = {m}(_start), {m}(_render)",
        "bad-second": f"dh_startup, dh_render = {m}(_start), {m}(_render)",
        "swapped": f"dh_render, dh_startup = {m}(_start), {m}(_render)",
        "starred": f"dh_startup, *_rest = {m}(_start), {m}(_render), None",
    }[how]
    return [], f"{defs}\n\n{line}\n", {}


def _p_annotated_assign(rng: Draw, m: str) -> Parts:
    how = rng.sub(["good", "bad", "bare", "bad"])
    params = "page, verbose" if how == "bad" else "page"
    impl = f"def _render({params}):\n    return str(page)\n"
    line = {
        "good": f"dh_render: Callable[..., object] = {m}(_render)",
        "bad": f"dh_render: Callable[..., object] = {m}(_render)",
        "bare": f"dh_render: Callable[..., object]\ndh_startup = {m}(lambda config: None)",
    }[how]
    return ["from collections.abc import Callable"], f"{impl}\n\n{line}\n", {}


def _p_renamed_import(rng: Draw, m: str) -> Parts:
    how = rng.sub(["private-to-public", "swapped", "unknown", "unprefixed"])
    impl = (
        IMPL_HEAD + "@hookimpl\ndef dh_startup(config):\n    return None\n\n\n"
        "@hookimpl\ndef _render(page):\n    return str(page)\n"
    )
    line = {
        "private-to-public": "from .impl import _render as dh_render",
        "swapped": "from .impl import dh_startup as dh_render",
        "unknown": "from .impl import dh_startup as dh_teardown",
        "unprefixed": "from .impl import dh_startup, dh_startup as on_start",
    }[how]
    return [line], "", {"impl.py": impl}


def _p_partial_marker(rng: Draw, m: str) -> Parts:
    how = rng.sub(["tryfirst-good", "tryfirst-bad", "wrapper-plain", "wrapper-generator"])
    hook = rng.choice(["dh_startup", "dh_render", "dh_collect"])
    opt = "tryfirst=True" if how.startswith("tryfirst") else "wrapper=True"
    args = {"dh_startup": ["config"], "dh_render": ["page"], "dh_collect": ["session"]}[hook]
    if how == "tryfirst-bad":
        args = [*args, "verbose"]
    body = WRAPPER_OK if how == "wrapper-generator" else "return None"
    head = ["import functools", "", f"special = functools.partial({m}, {opt})"]
    return head, _def("special", hook, args, body), {}


def _p_marker_table(rng: Draw, m: str) -> Parts:
    how = rng.sub(["plain-good", "wrap-plain", "wrap-generator", "plain-bad"])
    key = "wrap" if how.startswith("wrap") else "plain"
    args = ["page", "verbose"] if how == "plain-bad" else ["page"]
    body = WRAPPER_OK if how == "wrap-generator" else "return None"
    table = f'MARKS = {{"plain": {m}, "first": {m}(tryfirst=True), "wrap": {m}(wrapper=True)}}'
    return [table], _def(f'MARKS["{key}"]', "dh_render", args, body), {}


GATE_FLAGS = [
    # (flag definition, imports, whether the flag is true on the target: Linux, CPython 3.11)
    ('IS_WINDOWS = sys.platform == "win32"', ["import sys"], False),
    ('WINDOWS = os.name == "nt"', ["import os"], False),
    ("LEGACY = sys.version_info < (3, 8)", ["import sys"], False),
    ('IS_LINUX = sys.platform.startswith("linux")', ["import sys"], True),
    ("MODERN = sys.version_info >= (3, 8)", ["import sys"], True),
    ('POSIX = os.name == "posix"', ["import os"], True),
]


def _p_flag_gate(rng: Draw, m: str) -> Parts:
    flag, imports, _true = rng.sub(GATE_FLAGS)
    name = flag.split(" ", 1)[0]
    negate = rng.sub([False, False, True])
    cond = f"not {name}" if negate else name
    bad, good = _indent(_bad(rng, m)), _indent(_good(rng, m))
    return [*imports, "", flag], f"if {cond}:\n\n{bad}\nelse:\n\n{good}\n", {}


PLATFORM_TESTS = [
    ('sys.platform.startswith("win")', "import sys"),
    ('os.name == "nt"', "import os"),
    ('sys.platform == "darwin"', "import sys"),
    ('sys.platform != "win32"', "import sys"),
    ('sys.platform.startswith("linux")', "import sys"),
    ('platform.system() == "Windows"', "import platform"),
]


def _p_platform_if(rng: Draw, m: str) -> Parts:
    cond, imp = rng.sub(PLATFORM_TESTS)
    bad = _indent(_bad(rng, m))
    return [imp], f"{_good(rng, m)}\n\nif {cond}:\n\n{bad}\n", {}


def _p_globals_delete(rng: Draw, m: str) -> Parts:
    how = rng.sub(["pop", "del-item", "pop-other", "set-none"])
    bad = _bad(rng, m)
    name = bad.split("def ", 1)[1].split("(", 1)[0]
    line = {
        "pop": f'globals().pop("{name}")',
        "del-item": f'del globals()["{name}"]',
        "pop-other": f'globals().pop("{name}_old", None)',
        "set-none": f'globals()["{name}"] = None',
    }[how]
    return [], f"{_good(rng, m)}\n\n{bad}\n\n{line}\n", {}


def _p_loop_registered(rng: Draw, m: str) -> Parts:
    how = rng.sub(["loop-good", "loop-bad", "update-good", "update-unknown"])
    extra = ", verbose" if how == "loop-bad" else ""
    defs = (
        "def _start(config):\n    return None\n\n\n"
        f"def _render(page{extra}):\n    return str(page)\n"
    )
    if how.startswith("loop"):
        line = (
            'for _name, _fn in (("dh_startup", _start), ("dh_render", _render)):\n'
            f"    globals()[_name] = {m}(_fn)\n"
        )
    else:
        target = "dh_render" if how == "update-good" else "dh_teardown"
        line = f'globals().update({{"dh_startup": {m}(_start), "{target}": {m}(_render)}})\n'
    return [], f"{defs}\n\n{line}", {}


LOGGED = (
    "def logged(fn):\n"
    "    def inner(*args, **kwargs):\n"
    "        return fn(*args, **kwargs)\n\n"
    "    return inner\n"
)
LOGGED_CONFIG = (
    "def logged(fn):\n    def inner(config):\n        return fn(config)\n\n    return inner\n"
)
REGISTER = "_SEEN = []\n\n\ndef logged(fn):\n    _SEEN.append(fn)\n"


def _p_replacing_decorator(rng: Draw, m: str) -> Parts:
    how = rng.sub(["marker-over-varargs", "marker-over-fixed", "marker-under", "no-return"])
    helper = {
        "marker-over-varargs": LOGGED,
        "marker-over-fixed": LOGGED_CONFIG,
        "marker-under": LOGGED,
        "no-return": REGISTER,
    }[how]
    if how == "marker-under":
        fn = _def("logged", "dh_startup", ["config"], extra_decos=(m,))
    elif how == "marker-over-fixed":
        fn = _def(m, "dh_render", ["page"], extra_decos=("logged",))
    else:
        hook = "dh_render" if how == "marker-over-varargs" else "dh_startup"
        fn = _def(m, hook, ["page" if hook == "dh_render" else "config"], extra_decos=("logged",))
    return [], f"{helper}\n\n{fn}", {}


def _p_class_export(rng: Draw, m: str) -> Parts:
    how = rng.sub(["classmethod-over-marker", "marker-over-classmethod", "static-self", "cm-extra"])
    params = "cls, config, verbose" if how == "cm-extra" else "cls, config"
    if how == "static-self":
        decos, params, holder = ("staticmethod", m), "self, config", "_Hooks()"
    elif how == "marker-over-classmethod":
        decos, holder = (m, "classmethod"), "_Hooks"
    else:
        decos, holder = ("classmethod", m), "_Hooks"
    fn = _def(decos[0], "dh_startup", params.split(", "), extra_decos=decos[1:])
    return [], f"class _Hooks:\n{_indent(fn)}\n\ndh_startup = {holder}.dh_startup\n", {}


def _p_all_star_filter(rng: Draw, m: str) -> Parts:
    how = rng.sub(["all-good-only", "all-both", "no-all", "all-from-globals", "all-from-dir"])
    bad = "@hookimpl\ndef dh_teardown(config):\n    return None\n"
    good = "@hookimpl\ndef dh_startup(config):\n    return None\n"
    tail = {
        "all-good-only": '__all__ = ["dh_startup"]',
        "all-both": '__all__ = ["dh_startup", "dh_teardown"]',
        "no-all": "",
        "all-from-globals": '__all__ = [n for n in list(globals()) if n.startswith("dh_")]',
        "all-from-dir": '__all__ = [n for n in dir() if n.startswith("dh_")]',
    }[how]
    impl = f"{IMPL_HEAD}{good}\n\n{bad}\n\n{tail}\n".rstrip() + "\n"
    return ["from .impl import *  # noqa: F403"], "", {"impl.py": impl}


def _p_conditional_marker(rng: Draw, m: str) -> Parts:
    how = rng.sub(["flag-true", "flag-false", "version-live", "version-dead"])
    cond = {
        "flag-true": "ENABLED",
        "flag-false": "ENABLED",
        "version-live": "sys.version_info >= (3, 8)",
        "version-dead": "sys.version_info < (3, 8)",
    }[how]
    head = ["import sys", ""]
    if how.startswith("flag"):
        head.append(f"ENABLED = {how == 'flag-true'}")
    head.append(f"impl = {m} if {cond} else (lambda fn: fn)")
    return head, f"{_good(rng, m)}\n\n{_bad(rng, 'impl')}", {}


def _p_closure_made(rng: Draw, m: str) -> Parts:
    how = rng.sub(["good", "bad-param", "wrong-name", "marked-outside"])
    params = "page, context, verbose" if how == "bad-param" else "page, context"
    inner_deco = "" if how == "marked-outside" else f"    @{m}\n"
    make = (
        "def _make(suffix):\n"
        f"{inner_deco}    def dh_render({params}):\n"
        '        return f"{page}{suffix}"\n\n'
        "    return dh_render\n"
    )
    line = {
        "good": 'dh_render = _make("!")',
        "bad-param": 'dh_render = _make("!")',
        "wrong-name": 'dh_startup = _make("!")',
        "marked-outside": f'dh_render = {m}(_make("!"))',
    }[how]
    return [], f"{make}\n\n{line}\n", {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "tuple-unpack": _p_tuple_unpack,
    "annotated-assign": _p_annotated_assign,
    "renamed-import": _p_renamed_import,
    "partial-marker": _p_partial_marker,
    "marker-table": _p_marker_table,
    "flag-gate": _p_flag_gate,
    "platform-if": _p_platform_if,
    "globals-delete": _p_globals_delete,
    "loop-registered": _p_loop_registered,
    "replacing-decorator": _p_replacing_decorator,
    "class-export": _p_class_export,
    "all-star-filter": _p_all_star_filter,
    "conditional-marker": _p_conditional_marker,
    "closure-made": _p_closure_made,
}


def pluggy_variants(seed: int = 14, count: int = 200) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 1414, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m)
        header = "\n".join([f'"""Fresh14 pluggy plugin: {kind}."""', "", *imports, "", *extra])
        name = f"pq{i:03d}"
        source = f"{header.rstrip()}\n\n\n{body.strip()}\n" if body.strip() else f"{header}\n"
        if siblings:
            files = {f"{name}/__init__.py": source}
            files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
            structure = "package"
        else:
            structure, files = _structure(rng, name, header, body)
        variants.append(Variant(name, "pluggy", kind, (f"marker={style}", structure), files))
    return variants


# ---------------------------------------------------------------- factory

MEMBERS = '"init", "run", "shutdown"'
API_IMPORTS = "from fhost import Plugin\nimport fhost\nimport fhost as api\n\n"


def _f_type_namespace(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(
        ["vars-copy", "comprehension-missing", "comprehension-full", "new-class", "new-class-ns"]
    )
    c = f.cls
    made = {
        "vars-copy": f'type("Made", (), dict(vars({c})))',
        "comprehension-missing": (
            f'type("Made", (), {{k: getattr({c}, k) for k in ("__init__", "init", "run")}})'
        ),
        "comprehension-full": (
            f'type("Made", (), {{k: vars({c})[k] for k in ("__init__", {MEMBERS})}})'
        ),
        "new-class": f'types.new_class("Made", ({c},))',
        "new-class-ns": (
            f'types.new_class("Made", (), {{}}, lambda ns: ns.update(init={c}.init, run={c}.run))'
        ),
    }[how]
    f.imports.append("import types")
    f.new = None
    f.after.append(f"Made = {made}\n\n\ndef new():\n    return Made()\n")
    return {}


PLATFORM_CLASS_TESTS = [
    ('sys.platform == "win32"', "import sys", False),
    ('sys.platform.startswith("linux")', "import sys", True),
    ('os.name == "nt"', "import os", False),
    ('sys.platform != "darwin"', "import sys", True),
]


def _f_platform_gated_class(rng: Draw, f: _Factory) -> dict[str, str]:
    cond, imp, _true = rng.sub(PLATFORM_CLASS_TESTS)
    full_first = rng.sub([True, False, False, True, True])
    full = f.render()
    cls = f.cls
    f.new, f.before, f.after, f.methods, f.class_decos = None, [], [], {}, []
    f.cls, f.own_init = "_Unused", False
    partial = f"class {cls}:\n    def init(self, config):\n        return None\n"
    first, second = (full, partial) if full_first else (partial, full)
    f.imports.append(imp)
    f.after.append(
        f"if {cond}:\n\n{_indent(first)}\nelse:\n\n{_indent(second)}\n"
        f"\n\ndef new():\n    return {cls}()\n"
    )
    return {}


def _f_class_body_gate(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["platform-run", "platform-else", "del-run", "chained", "try-else"])
    present = rng.sub(["json", MISSING, "json"])
    run = "def run(self):\n    self.count = len(self.greeting)"
    if how == "platform-run":
        f.imports.append("import sys")
        f.methods["run"] = f'if sys.platform == "win32":\n\n{_indent(run)}'
    elif how == "platform-else":
        f.imports.append("import sys")
        f.methods["run"] = (
            f'if sys.platform == "win32":\n\n    def run(self):\n        raise OSError("windows")\n'
            f"else:\n\n{_indent(run)}"
        )
    elif how == "del-run":
        f.methods["_del"] = "del run"
    elif how == "chained":
        del f.methods["run"], f.methods["shutdown"]
        f.methods["_noop"] = "def _noop(self, *args):\n    return None\n\nrun = shutdown = _noop"
    else:
        f.methods["run"] = (
            f"try:\n    from {present} import dumps\nexcept ImportError:\n    pass\n"
            f"else:\n\n{_indent(run)}"
        )
    return {}


def _f_generic_alias_new(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["alias-new", "alias-var", "not-generic", "list-alias", "cast"])
    c = f.cls
    if how != "not-generic":
        f.imports.append("from typing import Generic, TypeVar")
        f.before.append('T = TypeVar("T")')
        f.bases = "Generic[T]"
    f.new = {
        "alias-new": f"new = {c}[int]\n",
        "alias-var": f"Int{c} = {c}[int]\n\n\ndef new():\n    return Int{c}()\n",
        "not-generic": f"new = {c}[int]\n",
        "list-alias": f"new = list[{c}]\n",
        "cast": f"def new():\n    return typing.cast(typing.Any, {c}[str]())\n",
    }[how]
    if how == "cast":
        f.imports.append("import typing")
    return {}


def _f_cached_property_slots(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(
        ["slots-cached", "slots-dict", "dataclass-slots", "cached-run", "slots-cached-run"]
    )
    f.imports.append("import functools")
    label = "@functools.cached_property\ndef label(self):\n    return 'x'"
    if how == "dataclass-slots":
        f.imports.append("import dataclasses")
        f.class_decos.append("dataclasses.dataclass(slots=True)")
        f.own_init = False
        f.methods = {"_fields": 'greeting: str = ""\ncount: int = 0', **f.methods}
    elif how != "cached-run":
        extra = ', "__dict__"' if how == "slots-dict" else ""
        f.methods = {"_slots": f'__slots__ = ("greeting", "count"{extra})', **f.methods}
    if how.endswith("cached-run"):
        f.methods["run"] = "@functools.cached_property\ndef run(self):\n    return lambda: None"
    else:
        f.methods["label"] = label
        f.methods["run"] = "def run(self):\n    self.count = len(self.label)"
    return {}


def _f_new_none_fallback(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["try-else", "guard-after", "rebound", "fallback-def"])
    module = rng.sub(["json", MISSING, MISSING, "json"])
    c = f.cls
    if how == "try-else":
        f.new = (
            f"try:\n    import {module}\nexcept ImportError:\n    new = None\nelse:\n\n"
            f"    def new():\n        return {c}()\n"
        )
    elif how == "guard-after":
        f.imports.append(f"try:\n    import {module}\nexcept ImportError:\n    {module} = None")
        f.after.append(f"if {module} is None:\n    new = None\n")
    elif how == "rebound":
        f.new = f"new = None\n\nif new is None:\n\n    def new():\n        return {c}()\n"
    else:
        f.new = (
            f"try:\n    from {module} import new\nexcept ImportError:\n\n"
            f"    def new():\n        return {c}()\n"
        )
    return {}


def _f_partial_new(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["kw-accepted", "kw-rejected", "positional-make", "partial-missing"])
    f.imports.append("import functools")
    c = f.cls
    if how == "kw-accepted":
        f.own_init = False
        f.methods = {
            "__init__": 'def __init__(self, greeting=""):\n    self.greeting = greeting',
            **f.methods,
        }
        f.new = f'new = functools.partial({c}, greeting="x")\n'
    elif how == "kw-rejected":
        f.new = f'new = functools.partial({c}, greeting="x")\n'
    else:
        bound = '"x"' if how == "positional-make" else ""
        f.new = (
            f"def _make(label):\n    return {c}()\n\n\n"
            f"new = functools.partial(_make{', ' + bound if bound else ''})\n"
        )
    return {}


def _f_replacing_class_decorator(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["registers", "forgets-return", "returns-instance", "adds-run", "into-function"])
    body = {
        "registers": "_REGISTRY.append(cls)\n    return cls",
        "forgets-return": "_REGISTRY.append(cls)",
        "returns-instance": "return cls()",
        "adds-run": 'return type(cls.__name__, (cls,), {"run": lambda self: None})',
        "into-function": (
            "def make(*args, **kwargs):\n        return cls(*args, **kwargs)\n\n    return make"
        ),
    }[how]
    f.before.append(f"_REGISTRY = []\n\n\ndef plugin(cls):\n    {body}\n")
    f.class_decos.append("plugin")
    if how == "adds-run":
        del f.methods["run"]
    return {}


def _f_dataclass_field_required(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(
        ["field-required", "kw-only-required", "init-false-unset", "init-false-default", "factory"]
    )
    f.imports.append("from dataclasses import dataclass, field")
    f.class_decos.append("dataclass")
    f.own_init = False
    fields = {
        "field-required": "greeting: str = field()",
        "kw-only-required": "greeting: str = field(kw_only=True)",
        "init-false-unset": 'greeting: str = ""\nlabel: str = field(init=False)',
        "init-false-default": 'greeting: str = ""\nlabel: str = field(init=False, default="x")',
        "factory": "greeting: str = field(default_factory=str)",
    }[how]
    f.methods = {"_fields": fields, **f.methods}
    if how.startswith("init-false"):
        f.methods["run"] = "def run(self):\n    self.count = len(self.label)"
    return {}


def _f_dunder_new(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["singleton", "other-partial", "other-full", "returns-none"])
    body = {
        "singleton": (
            "if cls._instance is None:\n        cls._instance = super().__new__(cls)\n"
            "    return cls._instance"
        ),
        "other-partial": "return _Other()",
        "other-full": "return _Other()",
        "returns-none": "cls._count = getattr(cls, '_count', 0) + 1",
    }[how]
    if how.startswith("other"):
        stop = (
            "\n    def shutdown(self, timeout):\n        return None\n"
            if how == "other-full"
            else ""
        )
        f.before.append(
            "class _Other:\n    def init(self, config):\n        return None\n\n"
            f"    def run(self):\n        return None\n{stop}"
        )
    f.methods = {
        "_instance": "_instance = None",
        "__new__": f"def __new__(cls):\n    {body}",
        **f.methods,
    }
    return {}


def _f_enum_member(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["member-callable", "member-plain", "lambda-member", "class-as-new", "by-value"])
    f.imports.append("import enum")
    f.bases = "enum.Enum"
    f.own_init = False
    c = f.cls
    f.methods = {"_members": "FAST = 1\nSLOW = 2", **f.methods}
    if how == "member-callable":
        f.methods["__call__"] = "def __call__(self):\n    return self"
    f.new = {
        "member-callable": f"new = {c}.FAST\n",
        "member-plain": f"new = {c}.FAST\n",
        "lambda-member": f"new = lambda: {c}.FAST  # noqa: E731\n",
        "class-as-new": f"new = {c}\n",
        "by-value": f"def new():\n    return {c}(1)\n",
    }[how]
    return {}


def _f_all_star_export(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["all-with-new", "all-without-new", "all-typo", "no-all", "all-extended"])
    c = f.cls
    tail = {
        "all-with-new": f'__all__ = ["new", "{c}"]',
        "all-without-new": f'__all__ = ["{c}"]',
        "all-typo": f'__all__ = ["new", "{c}s"]',
        "no-all": "",
        "all-extended": f'__all__ = ["{c}"]\n__all__ += ["new"]',
    }[how]
    body = f.render()
    head = "from collections.abc import Mapping\n\n" if f.annotated else ""
    impl = f'"""Implementation."""\n\n{head}{API_IMPORTS}\n{body}\n\n{tail}\n'.rstrip() + "\n"
    f.new, f.before, f.after, f.methods, f.class_decos = None, [], [], {}, []
    f.cls, f.own_init = "_Unused", False
    f.imports.append("from .impl import *  # noqa: F403")
    return {"impl.py": impl}


def _f_singledispatch_members(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["init-dispatch", "run-dispatch", "shutdown-dispatch", "dispatch-function"])
    f.imports.append("import functools")
    if how == "init-dispatch":
        f.methods["init"] = (
            "@functools.singledispatchmethod\ndef init(self, config):\n"
            '    self.greeting = ""\n\n'
            "@init.register\ndef _(self, config: dict):\n"
            '    self.greeting = str(config.get("greeting", ""))'
        )
    elif how == "run-dispatch":
        f.methods["run"] = (
            "@functools.singledispatchmethod\ndef run(self, arg=None):\n"
            "    self.count = len(self.greeting)"
        )
    elif how == "shutdown-dispatch":
        f.methods["shutdown"] = (
            "@functools.singledispatchmethod\ndef shutdown(self, timeout):\n"
            "    return None\n\n"
            "@shutdown.register\ndef _(self, timeout: float):\n"
            '    self.greeting = ""'
        )
    else:
        f.methods["run"] = "run = functools.singledispatch(lambda self: None)"
    return {}


def _f_namespace_product(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["full", "missing-run", "run-none", "wrong-arity", "from-instance"])
    members = {
        "init": "lambda config: None",
        "run": "lambda: None",
        "shutdown": "lambda timeout: None",
    }
    if how == "missing-run":
        del members["run"]
    elif how == "run-none":
        members["run"] = "None"
    elif how == "wrong-arity":
        members["run"] = "lambda item: None"
    f.imports.append("import types")
    if how == "from-instance":
        f.new = (
            f"def new():\n    obj = {f.cls}()\n    return types.SimpleNamespace(\n"
            '        **{k: getattr(obj, k) for k in ("init", "run", "shutdown")}\n    )\n'
        )
    else:
        ns = ", ".join(f"{k}={v}" for k, v in members.items())
        f.new = f"def new():\n    return types.SimpleNamespace({ns})\n"
    return {}


def _f_conditional_new(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["flag-true", "flag-false", "pick-fast", "pick-slow", "or-default"])
    c = f.cls
    f.before.append("class _Slow:\n    def init(self, config):\n        return None\n")
    f.new = {
        "flag-true": f"FAST = True\n\nnew = {c} if FAST else _Slow\n",
        "flag-false": f"FAST = False\n\nnew = {c} if FAST else _Slow\n",
        "pick-fast": f'MODE = "fast"\n\nnew = {{"fast": {c}, "slow": _Slow}}[MODE]\n',
        "pick-slow": f'MODE = "slow"\n\nnew = {{"fast": {c}, "slow": _Slow}}[MODE]\n',
        "or-default": f"_CUSTOM = None\n\nnew = _CUSTOM or {c}\n",
    }[how]
    return {}


def _f_methodtype_bound(rng: Draw, f: _Factory) -> dict[str, str]:
    how = rng.sub(["bound", "wrong-arity", "unbound", "lambda"])
    f.imports.append("import types")
    f.own_init = False
    del f.methods["run"]
    params = "self, extra" if how == "wrong-arity" else "self"
    f.before.append(f"def _run({params}):\n    self.count = len(self.greeting)\n")
    value = {
        "bound": "types.MethodType(_run, self)",
        "wrong-arity": "types.MethodType(_run, self)",
        "unbound": "_run",
        "lambda": "lambda: None",
    }[how]
    f.methods = {
        "__init__": f'def __init__(self):\n    self.greeting = ""\n    self.run = {value}',
        **f.methods,
    }
    return {}


FACTORY_KINDS: dict[str, FactoryKind] = {
    "type-namespace": _f_type_namespace,
    "platform-gated-class": _f_platform_gated_class,
    "class-body-gate": _f_class_body_gate,
    "generic-alias-new": _f_generic_alias_new,
    "cached-property-slots": _f_cached_property_slots,
    "new-none-fallback": _f_new_none_fallback,
    "partial-new": _f_partial_new,
    "replacing-class-decorator": _f_replacing_class_decorator,
    "dataclass-field-required": _f_dataclass_field_required,
    "dunder-new": _f_dunder_new,
    "enum-member": _f_enum_member,
    "all-star-export": _f_all_star_export,
    "singledispatch-members": _f_singledispatch_members,
    "namespace-product": _f_namespace_product,
    "conditional-new": _f_conditional_new,
    "methodtype-bound": _f_methodtype_bound,
}


def factory_variants(seed: int = 14, count: int = 200) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 1415, count):
        f = _factory_base(rng)
        siblings = FACTORY_KINDS[kind](rng, f)
        f.before = [b for b in f.before if b]
        future = rng.random() < 0.5
        head = [f'"""Fresh14 factory plugin: {kind}."""', ""]
        if future:
            head += ["from __future__ import annotations", ""]
        if f.annotated:
            head.append("from collections.abc import Mapping")
        head += f.imports
        name = f"fq{i:03d}"
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
