"""A generator family for the entry-function and subclass hosts (issue 12, entry_hosts.py).

Written by fresh15 after grepping the other families (none writes for these hosts): entry
functions of every shape -- arity, defaults, ``*args``/``**kwargs``, keyword-only parameters,
returns (None, the instance instead of the class, a list of classes, a duck-typed class, a class
with an abstract method left, a class whose ``__init__`` refuses the options), decorators
(``functools.wraps`` or not, ``lru_cache``, one that forgets to return), ``functools.partial`` and
callable objects, re-exports and aliases, dead code, import-time failures, and checkers whose
``check`` fails on use (None or a coroutine where the host iterates, a key the options lack).
Subclass host: classes that do not subclass the base (duck typing, an instance, a factory
function), mixin order against the base's abstract method, ``__init__`` arity, the called
method's parameters, its returns, class and method decorators, dataclasses, metaclass
conflicts, ``__init__`` that skips ``super()``. About half of the variants are healthy; the
real loader (oracle.py, modes ``entry`` and ``subclass``) decides every verdict.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.generate import Draw, Variant, _draws, _structure

Parts = tuple[list[str], str, dict[str, str]]
"""(header lines, module body, sibling files of a package plugin: relative path -> text)"""
Kind = Callable[[Draw, "Api"], Parts]
MISSING = "fresh15_not_installed"


class Api:
    """How a variant names the host's API: ``from ehost import Checker``, ``import ehost``..."""

    def __init__(self, rng: Draw, module: str, base: str) -> None:
        style = rng.choice(["from", "module", "alias"])
        self.base, self.imports = {
            "from": (base, [f"from {module} import {base}"]),
            "module": (f"{module}.{base}", [f"import {module}"]),
            "alias": (f"api.{base}", [f"import {module} as api"]),
        }[style]
        self.module = module
        self.style = style
        self.annotated = rng.random() < 0.5


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line.strip() else line for line in text.splitlines())


# ---------------------------------------------------------------- entry-function host


def _checker(a: Api, name: str = "Spelling", body: str = "", method: str = "check") -> str:
    """A Checker subclass; ``body`` replaces the method's body."""
    sig = "(self, text: str) -> list[str]" if a.annotated else "(self, text)"
    body = body or "return [w for w in text.split() if len(w) > 10]"
    return f"class {name}({a.base}):\n    def {method}{sig}:\n{_indent(body, '        ')}\n"


def _entry(params: str = "registry, options", body: str = "return Spelling") -> str:
    return f"def plugin({params}):\n{_indent(body)}\n"


def _e_arity(rng: Draw, a: Api) -> Parts:
    params = rng.sub(
        ["registry, options", "registry", "", "registry, options, extra", "registry, options, x=1"]
    )
    return [], f"{_checker(a)}\n\n{_entry(params)}", {}


def _e_varargs(rng: Draw, a: Api) -> Parts:
    params = rng.sub(["*args", "registry, *rest", "**kwargs", "*args, **kwargs", "reg, /, *a"])
    return [], f"{_checker(a)}\n\n{_entry(params)}", {}


def _e_keyword_only(rng: Draw, a: Api) -> Parts:
    params = rng.sub(
        ["registry, *, options", "registry, options, *, verbose=False", "*, registry, options"]
    )
    return [], f"{_checker(a)}\n\n{_entry(params)}", {}


def _e_returns(rng: Draw, a: Api) -> Parts:
    body = rng.sub(
        [
            "registry.add_checker(Spelling)",
            "return Spelling(options)",
            "return [Spelling]",
            "return Spelling",
            'return "Spelling"',
            "return (Spelling,)",
            "yield Spelling",
        ]
    )
    return [], f"{_checker(a)}\n\n{_entry(body=body)}", {}


def _e_non_subclass(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["duck", "alias-base", "type-made", "grandchild", "registry-class"])
    if how == "duck":
        cls = (
            "class Spelling:\n    def __init__(self, options):\n        self.options = options\n\n"
            "    def check(self, text):\n        return []\n"
        )
    elif how == "alias-base":
        cls = f"Base = {a.base}\n\n\n" + _checker(a).replace(f"({a.base})", "(Base)")
    elif how == "type-made":
        cls = (
            "def _check(self, text):\n    return text.split()\n\n\n"
            f'Spelling = type("Spelling", ({a.base},), {{"check": _check}})\n'
        )
    elif how == "grandchild":
        cls = _checker(a, "_Common") + "\n\nclass Spelling(_Common):\n    pass\n"
    else:
        cls = f"from {a.module} import Registry as Spelling\n"
    return [], f"{cls}\n\n{_entry()}", {}


def _e_abstract_left(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["missing", "misspelled", "assigned", "inherited-abstract", "mixin-after"])
    if how == "missing":
        cls = f"class Spelling({a.base}):\n    limit = 10\n"
    elif how == "misspelled":
        cls = _checker(a, method="checks")
    elif how == "assigned":
        cls = (
            "def _check(self, text):\n    return []\n\n\n"
            f"class Spelling({a.base}):\n    check = _check\n"
        )
    elif how == "inherited-abstract":
        cls = (
            f"class _Abstract({a.base}):\n    def describe(self):\n        return 'x'\n\n\n"
            "class Spelling(_Abstract):\n    pass\n"
        )
    else:
        cls = (
            "class _Mixin:\n    def check(self, text):\n        return []\n\n\n"
            f"class Spelling({a.base}, _Mixin):\n    pass\n"
        )
    return [], f"{cls}\n\n{_entry()}", {}


def _e_init_signature(rng: Draw, a: Api) -> Parts:
    init = rng.sub(
        [
            "def __init__(self):\n    self.options = {}",
            "def __init__(self, options, extra):\n    super().__init__(options)",
            "def __init__(self, options, extra=1):\n    super().__init__(options)",
            "def __init__(self, *args, **kwargs):\n    super().__init__(*args, **kwargs)",
            "def __init__(self, **options):\n    super().__init__(options)",
            'def __init__(self, options):\n    self.limit = int(options["limit"])',
            'def __init__(self, options):\n    self.limit = int(options.get("level", 0))',
        ]
    )
    cls = _checker(a).replace(":\n    def check", f":\n{_indent(init)}\n\n    def check", 1)
    return [], f"{cls}\n\n{_entry()}", {}


TRACED = (
    "def traced(fn):\n"
    "    @functools.wraps(fn)\n"
    "    def inner(*args, **kwargs):\n"
    "        return fn(*args, **kwargs)\n\n"
    "    return inner\n"
)
UNWRAPPED = (
    "def traced(fn):\n    def inner(registry, options):\n        return fn(registry, options)\n\n"
    "    return inner\n"
)
FORGETFUL = "def traced(fn):\n    _SEEN.append(fn)\n\n\n_SEEN = []\n"


def _e_decorated(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["wraps", "unwrapped", "forgetful", "lru-cache", "staticmethod"])
    helper = {"wraps": TRACED, "unwrapped": UNWRAPPED, "forgetful": FORGETFUL}.get(how, "")
    deco = {"lru-cache": "functools.lru_cache(maxsize=None)", "staticmethod": "staticmethod"}.get(
        how, "traced"
    )
    body = _checker(a) + "\n\n" + (helper + "\n\n" if helper else "")
    fn = _entry()
    if how == "lru-cache":  # an unhashable options dict: lru_cache raises TypeError
        fn = _entry("registry, options")
    return ["import functools"], f"{body}@{deco}\n{fn}", {}


def _e_partial_callable(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["partial-good", "partial-over", "callable-object", "class-entry", "lambda"])
    make = "def _make(style, registry, options):\n    return Spelling\n"
    tail = {
        "partial-good": 'plugin = functools.partial(_make, "plain")',
        "partial-over": 'plugin = functools.partial(_make, "plain", options={})',
        "callable-object": (
            "class _Entry:\n    def __call__(self, registry, options):\n        return Spelling\n"
            "\n\nplugin = _Entry()"
        ),
        "class-entry": "plugin = Spelling",
        "lambda": "plugin = lambda registry, options: Spelling  # noqa: E731",
    }[how]
    return ["import functools"], f"{_checker(a)}\n\n{make}\n\n{tail}\n", {}


def _e_reexport(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["named", "renamed", "all-without", "module-attr", "all-with"])
    impl_head = "\n".join(a.imports) + "\n\n\n"
    impl = impl_head + _checker(a) + "\n\n" + _entry().replace("def plugin(", "def make(")
    if how == "all-without":
        impl += '\n\n__all__ = ["Spelling"]\nplugin = make\n'
    elif how == "all-with":
        impl += '\n\n__all__ = ["Spelling", "plugin"]\nplugin = make\n'
    line = {
        "named": "from .impl import make as plugin",
        "renamed": "from .impl import Spelling, make\n\nplugin = make",
        "all-without": "from .impl import *  # noqa: F403",
        "all-with": "from .impl import *  # noqa: F403",
        "module-attr": "from . import impl\n\nplugin = impl.make",
    }[how]
    return [], f"{line}\n", {"impl.py": impl}


def _e_dead_code(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["type-checking", "if-false", "redefined-good", "redefined-bad", "try-else"])
    good, bad = _entry(), _entry("registry")
    head: list[str] = []
    if how == "type-checking":
        head = ["from typing import TYPE_CHECKING"]
        fn = f"if TYPE_CHECKING:\n\n{_indent(good)}"
    elif how == "if-false":
        fn = f"if False:\n\n{_indent(good)}\nelse:\n\n{_indent(bad)}"
    elif how == "redefined-good":
        fn = f"{bad}\n\n{good}"
    elif how == "redefined-bad":
        fn = f"{good}\n\n{bad}"
    else:
        gate = "try:\n    import json\nexcept ImportError:\n\n"
        fn = f"{gate}{_indent(bad)}\nelse:\n\n{_indent(good)}"
    return head, f"{_checker(a)}\n\n{fn}\n", {}


def _import_failure(rng: Draw, a: Api, make: Callable[[str], str], use: str) -> Parts:
    """Imports that fail (at import, or when the host calls the plugin) or are guarded; ``make``
    builds the plugin from the body of its called function, ``use`` is that body's last line."""
    how = rng.sub(["missing", "guarded", "raise", "missing-host-name", "lazy-missing", "lazy-ok"])
    head: list[str] = []
    body, pre = use, ""
    if how == "missing":
        head = [f"import {MISSING}"]
    elif how == "guarded":
        head = ["try:", f"    import {MISSING}", "except ImportError:", f"    {MISSING} = None"]
    elif how == "raise":
        pre = 'raise ImportError("this plugin needs a newer host")\n\n\n'
    elif how == "missing-host-name":
        head = [f"from {a.module} import {a.base.rpartition('.')[2]}Base"]
    elif how == "lazy-missing":
        body = f"import {MISSING}\n\n{use}"
    else:
        body = f"import json\n\n{use}"
    return head, pre + make(body), {}


def _e_import_failure(rng: Draw, a: Api) -> Parts:
    return _import_failure(
        rng, a, lambda body: f"{_checker(a)}\n\n{_entry(body=body)}", "return Spelling"
    )


def _e_check_fails(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["none", "async", "key", "generator", "super-abstract", "get"])
    body = {
        "none": "self.seen = text",
        "key": 'return text.split(self.options["separator"])',
        "generator": "for word in text.split():\n    yield word",
        "super-abstract": "return super().check(text)",
        "get": 'return text.split(self.options.get("separator", " "))',
        "async": "return []",
    }[how]
    cls = _checker(a, body=body)
    if how == "async":
        cls = cls.replace("    def check", "    async def check")
    return [], f"{cls}\n\n{_entry()}", {}


def _e_registry_use(rng: Draw, a: Api) -> Parts:
    body = rng.sub(
        [
            "registry.add_checker(Spelling)\nreturn Spelling",
            'registry.add_option("max-length", 10)\nreturn Spelling',
            "registry.register(Spelling)\nreturn Spelling",
            'registry.options["max-length"] = 10\nreturn Spelling',
            'registry.add_option(name="max-length", value=10)\nreturn Spelling',
            'level = int(options["level"])\nreturn Spelling',
            'level = int(options["verbosity"])\nreturn Spelling',
        ]
    )
    return [], f"{_checker(a)}\n\n{_entry(body=body)}", {}


def _e_dataclass_checker(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["options-field", "extra-field", "extra-default", "frozen"])
    fields = {
        "options-field": "options: dict",
        "extra-field": "options: dict\n    limit: int",
        "extra-default": "options: dict\n    limit: int = 10",
        "frozen": "options: dict",
    }[how]
    deco = "@dataclass(frozen=True)" if how == "frozen" else "@dataclass"
    cls = (
        f"{deco}\nclass Spelling({a.base}):\n    {fields}\n\n"
        "    def check(self, text):\n        return text.split()\n"
    )
    return ["from dataclasses import dataclass"], f"{cls}\n\n{_entry()}", {}


def _e_choose_class(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["by-option", "by-missing-option", "dict-lookup", "getattr-module"])
    body = {
        "by-option": 'return Strict if options.get("style") == "strict" else Spelling',
        "by-missing-option": 'return {"strict": Strict}[options["style"]]',
        "dict-lookup": 'return CHECKERS[options.get("style", "plain")]',
        "getattr-module": 'return getattr(sys.modules[__name__], "Spelling")',
    }[how]
    strict = _checker(a, "Strict", body="return text.split()")
    table = 'CHECKERS = {"plain": Spelling, "strict": Strict}\n\n\n'
    return ["import sys"], f"{_checker(a)}\n\n{strict}\n\n{table}{_entry(body=body)}", {}


def _e_class_method(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["classmethod", "staticmethod", "bound-instance", "unbound-function"])
    holder = {
        "classmethod": "class _Entries:\n    @classmethod\n    def plugin(cls, registry, options):",
        "staticmethod": "class _Entries:\n    @staticmethod\n    def plugin(registry, options):",
        "bound-instance": "class _Entries:\n    def plugin(self, registry, options):",
        "unbound-function": "class _Entries:\n    def plugin(self, registry, options):",
    }[how]
    ref = "_Entries().plugin" if how == "bound-instance" else "_Entries.plugin"
    text = f"{holder}\n        return Spelling\n\n\nplugin = {ref}\n"
    return [], f"{_checker(a)}\n\n{text}", {}


ENTRY_KINDS: dict[str, Kind] = {
    "entry-arity": _e_arity,
    "entry-varargs": _e_varargs,
    "entry-keyword-only": _e_keyword_only,
    "entry-returns": _e_returns,
    "entry-non-subclass": _e_non_subclass,
    "entry-abstract-left": _e_abstract_left,
    "entry-init-signature": _e_init_signature,
    "entry-decorated": _e_decorated,
    "entry-partial-callable": _e_partial_callable,
    "entry-reexport": _e_reexport,
    "entry-dead-code": _e_dead_code,
    "entry-import-failure": _e_import_failure,
    "entry-check-fails": _e_check_fails,
    "entry-registry-use": _e_registry_use,
    "entry-dataclass-checker": _e_dataclass_checker,
    "entry-choose-class": _e_choose_class,
    "entry-class-method": _e_class_method,
}


def _variants(
    kinds: dict[str, Kind], module: str, base: str, prefix: str, seed: int, count: int
) -> list[Variant]:
    variants = []
    contract = "entry" if module == "ehost" else "subclass"
    for i, kind, rng in _draws(kinds, seed, count):
        a = Api(rng, module, base)
        extra, body, siblings = kinds[kind](rng, a)
        header = "\n".join([f'"""Fresh15 {contract} plugin: {kind}."""', "", *a.imports, *extra])
        name = f"{prefix}{i:03d}"
        if siblings:
            files = {f"{name}/__init__.py": f"{header}\n\n{body}"}
            files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
            structure = "package"
        else:
            structure, files = _structure(rng, name, header, body)
        traits = (f"api={a.style}", "annotated" if a.annotated else "unannotated", structure)
        variants.append(Variant(name, contract, kind, traits, files))
    return variants


def entry_variants(seed: int = 15, count: int = 170) -> list[Variant]:
    return _variants(ENTRY_KINDS, "ehost", "Checker", "ef", seed + 1515, count)


# ---------------------------------------------------------------- subclass host


def _plugin(a: Api, body: str = "", name: str = "Plugin", bases: str = "", extra: str = "") -> str:
    sig = "(self, items: list[str]) -> list[str]" if a.annotated else "(self, items)"
    body = body or "return [item.upper() for item in items]"
    method = f"    def process{sig}:\n{_indent(body, '        ')}\n"
    return f"class {name}({bases or a.base}):\n{extra}{method}"


def _s_not_subclass(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["duck", "alias", "instance", "factory-function", "grandchild", "none"])
    if how == "duck":
        text = _plugin(a, bases="object").replace(
            "    def process", "    def __init__(self, options):\n        pass\n\n    def process"
        )
    elif how == "alias":
        text = _plugin(a, name="Upper") + "\n\nPlugin = Upper\n"
    elif how == "instance":
        text = _plugin(a, name="Upper") + '\n\nPlugin = Upper({"level": "1"})\n'
    elif how == "factory-function":
        text = _plugin(a, name="Upper") + "\n\ndef Plugin(options):\n    return Upper(options)\n"
    elif how == "grandchild":
        text = _plugin(a, name="_Common") + "\n\nclass Plugin(_Common):\n    pass\n"
    else:
        text = _plugin(a, name="Upper") + "\n\nPlugin = None\n"
    return [], text, {}


def _s_mixin_order(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["mixin-first", "mixin-after", "missing", "misspelled", "abstract-own"])
    mixin = "class _Mixin:\n    def process(self, items):\n        return list(items)\n\n\n"
    text = {
        "mixin-first": f"{mixin}class Plugin(_Mixin, {a.base}):\n    pass\n",
        "mixin-after": f"{mixin}class Plugin({a.base}, _Mixin):\n    pass\n",
        "missing": f"class Plugin({a.base}):\n    name = 'upper'\n",
        "misspelled": _plugin(a).replace("def process", "def processes"),
        "abstract-own": _plugin(a).replace(
            "    def process", "    @abc.abstractmethod\n    def process"
        ),
    }[how]
    return ["import abc"], text, {}


def _s_init_arity(rng: Draw, a: Api) -> Parts:
    init = rng.sub(
        [
            "def __init__(self):\n    self.options = {}",
            "def __init__(self, options, extra):\n    super().__init__(options)",
            "def __init__(self, options=None):\n    super().__init__(options or {})",
            "def __init__(self, *args, **kwargs):\n    super().__init__(*args, **kwargs)",
            "def __init__(self, **options):\n    super().__init__(options)",
            "def __init__(self, options, /):\n    super().__init__(options)",
        ]
    )
    return [], _plugin(a, extra=_indent(init) + "\n\n"), {}


def _s_process_signature(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["none", "extra", "extra-default", "star", "static", "class", "kwonly"])
    sig, deco = {
        "none": ("(self)", ""),
        "extra": ("(self, items, limit)", ""),
        "extra-default": ("(self, items, limit=10)", ""),
        "star": ("(self, *items)", ""),
        "static": ("(items)", "    @staticmethod\n"),
        "class": ("(cls, items)", "    @classmethod\n"),
        "kwonly": ("(self, *, items=())", ""),
    }[how]
    text = f"class Plugin({a.base}):\n{deco}    def process{sig}:\n        return ['x']\n"
    return [], text, {}


def _s_returns(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["none", "generator", "async", "list", "count", "map", "dict"])
    body = {
        "none": "self.items = list(items)",
        "generator": "for item in items:\n    yield item.strip()",
        "async": "return list(items)",
        "list": "return list(items)",
        "count": "return len(items)",
        "map": "return map(str.upper, items)",
        "dict": "return {item: len(item) for item in items}",
    }[how]
    text = _plugin(a, body=body)
    if how == "async":
        text = text.replace("    def process", "    async def process")
    return [], text, {}


def _s_class_decorator(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["total-ordering", "registering", "forgetful", "instance-making", "final"])
    helper = {
        "registering": "REGISTRY = []\n\n\ndef registered(cls):\n    REGISTRY.append(cls)\n"
        "    return cls\n",
        "forgetful": "REGISTRY = []\n\n\ndef registered(cls):\n    REGISTRY.append(cls)\n",
        "instance-making": 'def registered(cls):\n    return cls({"level": "0"})\n',
    }.get(how, "")
    deco = {"total-ordering": "functools.total_ordering", "final": "typing.final"}.get(
        how, "registered"
    )
    extra = (
        "    def __lt__(self, other):\n        return False\n\n" if how == "total-ordering" else ""
    )
    text = (helper + "\n\n" if helper else "") + f"@{deco}\n" + _plugin(a, extra=extra)
    return ["import functools", "import typing"], text, {}


def _s_method_decorator(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["wraps", "unwrapped", "property", "forgetful", "cached"])
    helper = {
        "wraps": "def logged(fn):\n    @functools.wraps(fn)\n    def inner(*args, **kwargs):\n"
        "        return fn(*args, **kwargs)\n\n    return inner\n",
        "unwrapped": "def logged(fn):\n    def inner(self, items):\n"
        "        return fn(self, items)\n\n    return inner\n",
        "forgetful": "def logged(fn):\n    fn.logged = True\n",
    }.get(how, "")
    deco = {"property": "property", "cached": "functools.cache"}.get(how, "logged")
    text = _plugin(a).replace("    def process", f"    @{deco}\n    def process")
    if how == "property":
        text = text.replace("(self, items: list[str]) -> list[str]", "(self) -> list[str]")
        text = text.replace("(self, items)", "(self)").replace("in items]", 'in ["a"]]')
    return ["import functools"], (helper + "\n\n" if helper else "") + text, {}


def _s_reexport(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["named", "renamed", "all-without", "getattr", "all-with"])
    impl = "\n".join(a.imports) + "\n\n\n" + _plugin(a, name="Upper")
    if how == "all-without":
        impl += '\n\n__all__ = ["Upper"]\nPlugin = Upper\n'
    elif how == "all-with":
        impl += '\n\n__all__ = ["Upper", "Plugin"]\nPlugin = Upper\n'
    line = {
        "named": "from .impl import Upper\n\nPlugin = Upper",
        "renamed": "from .impl import Upper as Plugin",
        "all-without": "from .impl import *  # noqa: F403",
        "all-with": "from .impl import *  # noqa: F403",
        "getattr": 'from . import impl\n\nPlugin = getattr(impl, "Upper")',
    }[how]
    return [], f"{line}\n", {"impl.py": impl}


def _s_dead_code(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["type-checking", "old-python", "redefined-good", "redefined-bad", "platform"])
    good, bad = _plugin(a), _plugin(a, bases="object")
    head = ["import sys"]
    if how == "type-checking":
        head.append("from typing import TYPE_CHECKING")
        text = f"if TYPE_CHECKING:\n\n{_indent(good)}\n"
    elif how == "old-python":
        text = f"if sys.version_info < (3, 0):\n\n{_indent(good)}\nelse:\n\n{_indent(bad)}\n"
    elif how == "redefined-good":
        text = f"{bad}\n\n{good}"
    elif how == "redefined-bad":
        text = f"{good}\n\n{bad}"
    else:
        text = f'if sys.platform == "win32":\n\n{_indent(bad)}\nelse:\n\n{_indent(good)}\n'
    return head, text, {}


def _s_import_failure(rng: Draw, a: Api) -> Parts:
    return _import_failure(rng, a, lambda body: _plugin(a, body=body), "return list(items)")


def _s_options_use(rng: Draw, a: Api) -> Parts:
    init = rng.sub(
        [
            'super().__init__(options)\nself.level = int(options["level"])',
            'super().__init__(options)\nself.level = int(options["verbosity"])',
            'self.level = int(options.get("verbosity", 0))',
            "self.level = 1",
            'super().__init__(options)\nself.style = options["style"].upper()',
        ]
    )
    init = f"def __init__(self, options):\n{_indent(init)}"
    body = "return [f\"{self.options['style']}:{item}\" for item in items]"
    return [], _plugin(a, body=body, extra=_indent(init) + "\n\n"), {}


def _s_dataclass(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["options-field", "extra-field", "extra-default", "post-init", "slots"])
    fields = {
        "options-field": "options: dict",
        "extra-field": "options: dict\n    prefix: str",
        "extra-default": 'options: dict\n    prefix: str = ">"',
        "post-init": "options: dict\n\n    def __post_init__(self):\n"
        '        self.level = int(self.options["level"])\n',
        "slots": "options: dict",
    }[how]
    deco = "@dataclass(slots=True)" if how == "slots" else "@dataclass"
    return (
        ["from dataclasses import dataclass"],
        f"{deco}\n" + _plugin(a, extra=f"    {fields}\n\n"),
        {},
    )


def _s_metaclass(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["abcmeta", "conflict", "subclass-meta", "generic", "subscripted"])
    head = ["import abc", "from typing import Generic, TypeVar", "", 'T = TypeVar("T")']
    if how == "abcmeta":
        text = _plugin(a, bases=f"{a.base}, metaclass=abc.ABCMeta")
    elif how == "conflict":
        text = "class Meta(type):\n    pass\n\n\n" + _plugin(a, bases=f"{a.base}, metaclass=Meta")
    elif how == "subclass-meta":
        text = "class Meta(abc.ABCMeta):\n    pass\n\n\n" + _plugin(
            a, bases=f"{a.base}, metaclass=Meta"
        )
    elif how == "generic":
        text = _plugin(a, bases=f"{a.base}, Generic[T]")
    else:
        text = _plugin(a, bases=f"{a.base}[str]")
    return head, text, {}


def _s_super_skipped(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["no-super-reads", "no-super-own", "super-process", "describe", "init-subclass"])
    if how == "no-super-reads":
        init = "def __init__(self, options):\n    self.level = 1\n\n"
        body = 'return [self.options.get("style", "") + item for item in items]'
    elif how == "no-super-own":
        init = "def __init__(self, options):\n    self.level = 1\n\n"
        body = "return [item * self.level for item in items]"
    elif how == "super-process":
        init, body = "", "return super().process(items)"
    elif how == "describe":
        init, body = "", "return [self.describe() + item for item in items]"
    else:
        init = "def __init_subclass__(cls, **kwargs):\n    super().__init_subclass__(**kwargs)\n\n"
        body = "return list(items)"
    return [], _plugin(a, body=body, extra=_indent(init) + "\n" if init else ""), {}


SUBCLASS_KINDS: dict[str, Kind] = {
    "subclass-not-subclass": _s_not_subclass,
    "subclass-mixin-order": _s_mixin_order,
    "subclass-init-arity": _s_init_arity,
    "subclass-process-signature": _s_process_signature,
    "subclass-returns": _s_returns,
    "subclass-class-decorator": _s_class_decorator,
    "subclass-method-decorator": _s_method_decorator,
    "subclass-reexport": _s_reexport,
    "subclass-dead-code": _s_dead_code,
    "subclass-import-failure": _s_import_failure,
    "subclass-options-use": _s_options_use,
    "subclass-dataclass": _s_dataclass,
    "subclass-metaclass": _s_metaclass,
    "subclass-super-skipped": _s_super_skipped,
}


def subclass_variants(seed: int = 15, count: int = 170) -> list[Variant]:
    return _variants(SUBCLASS_KINDS, "shost", "Base", "sc", seed + 1516, count)


def pluggy_variants(seed: int = 15, count: int = 0) -> list[Variant]:
    return []


def factory_variants(seed: int = 15, count: int = 0) -> list[Variant]:
    return []
