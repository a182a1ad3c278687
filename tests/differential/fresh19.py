"""A generator family for all five differential hosts, written as an outsider (issue 12).

Written by fresh19 after grepping every other family for what it writes, for source-file and
modern-Python corners none of them reaches. Every host: source files as editors and old
projects leave them (a UTF-8 byte-order mark, CRLF line ends, a ``latin-1`` coding cookie, an
``ascii`` cookie over a UTF-8 literal, a BOM beside a ``latin-1`` cookie, tabs mixed with
spaces). pluggy: positional-only hookimpl parameters, PEP 562 module ``__dir__`` +
``__getattr__`` serving hookimpls (pluggy walks ``dir(module)``), ``functools.singledispatch``
hookimpls. factory: ``dataclass(kw_only=True)``, ``KW_ONLY`` and ``InitVar`` products,
``typing.overload`` stubs over a lifecycle method (with and without the implementation),
decorator factories applied without their parentheses (a ``retry()`` function and a
``contextlib.ContextDecorator``), wrapt-style proxies as the product, ``__getattribute__``
overrides. entry-function and subclass: a subscripted host base (``Checker[str]``) and generic
mixins, ``typing.overload`` stubs over the called method, decorator factories without
parentheses, ``dataclass(kw_only=True)`` / ``InitVar`` subclasses. About half of the variants are
healthy. The real loader decides every verdict; nothing here records an expectation.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.fresh15 import Api, _checker, _entry, _indent, _plugin
from differential.generate import (
    Draw,
    Variant,
    _draws,
    _Factory,
    _factory_base,
    _marker,
    _structure,
)

Parts = tuple[list[str], str, str]
"""(header lines, module body, how the file is encoded: "" or an ENCODINGS key)"""
PluggyKind = Callable[[Draw, str], Parts]
FactoryKind = Callable[[Draw, _Factory], tuple[list[str], str]]
HostKind = Callable[[Draw, Api], Parts]

# ---------------------------------------------------------------- source files (every host)

ENCODINGS = ["bom", "crlf", "latin1-cookie", "ascii-cookie", "bom-latin1", "tabs-mixed", "utf8"]


def _encode(text: str, how: str) -> str:
    """The file as an editor or an old project leaves it (written as UTF-8 by the host writer)."""
    if how == "bom":
        return "\ufeff" + text
    if how == "crlf":
        return text.replace("\n", "\r\n")
    if how == "latin1-cookie":
        return "# -*- coding: latin-1 -*-\n" + text
    if how == "ascii-cookie":
        return "# -*- coding: ascii -*-\n" + text
    if how == "bom-latin1":
        return "\ufeff# -*- coding: latin-1 -*-\n" + text
    if how == "tabs-mixed":
        # the first indented line of every block is a tab; the rest are 8 spaces
        out, prev = [], 0
        for line in text.split("\n"):
            stripped = line.lstrip(" ")
            depth = len(line) - len(stripped)
            if depth == 4 and prev == 0 and stripped:
                line = "\t" + stripped
            elif depth == 4 and stripped:
                line = " " * 8 + stripped
            prev = depth if stripped else prev
            out.append(line)
        return "\n".join(out)
    return text


def _files(files: dict[str, str], how: str) -> dict[str, str]:
    return {rel: _encode(text, how) for rel, text in files.items()} if how else files


NON_ASCII = "\u00e9t\u00e9"  # été: in a string literal, as a French author writes it


# ---------------------------------------------------------------- pluggy


def _p_source_encoding(rng: Draw, m: str) -> Parts:
    how = rng.sub(ENCODINGS)
    text = (
        f'TITLE = "{NON_ASCII}"\n\n\n'
        f"@{m}\ndef dh_render(page, context):\n"
        "    if not page:\n        return None\n    return f'{TITLE}: {page}'\n"
    )
    return [], text, how


def _p_positional_only(rng: Draw, m: str) -> Parts:
    how = rng.sub(["all", "first", "extra", "extra-default", "varargs"])
    params = {
        "all": "page, context, /",
        "first": "page, /, context",
        "extra": "page, context, theme, /",
        "extra-default": "page, context, theme=None, /",
        "varargs": "page, /, *rest",
    }[how]
    return [], f"@{m}\ndef dh_render({params}):\n    return str(page)\n", ""


def _p_module_dir(rng: Draw, m: str) -> Parts:
    how = rng.sub(["listed", "listed-bad-args", "unlisted-bad-args", "listed-missing"])
    params = "page, context, theme" if how.endswith("bad-args") else "page, context"
    listed = {
        "listed": '"dh_render"',
        "listed-bad-args": '"dh_render"',
        "unlisted-bad-args": "",
        "listed-missing": '"dh_render", "dh_startup"',
    }[how]
    text = (
        f"def _render({params}):\n    return str(page)\n\n\n"
        f'_LAZY = {{"dh_render": {m}(_render)}}\n\n\n'
        "def __getattr__(name):\n    try:\n        return _LAZY[name]\n"
        "    except KeyError:\n        raise AttributeError(name) from None\n\n\n"
        f"def __dir__():\n    return [*globals(), {listed}]\n"
    )
    return [], text, ""


def _p_singledispatch(rng: Draw, m: str) -> Parts:
    how = rng.sub(["str-registered", "bytes-only", "marker-inside", "base-handles"])
    inner = how == "marker-inside"
    decos = f"@functools.singledispatch\n@{m}\n" if inner else f"@{m}\n@functools.singledispatch\n"
    base = (
        "    return repr(page)\n"
        if how == "base-handles"
        else "    raise NotImplementedError(type(page).__name__)\n"
    )
    reg = "bytes" if how == "bytes-only" else "str"
    text = (
        f"{decos}def dh_render(page, context):\n{base}\n\n"
        f"@dh_render.register\ndef _(page: {reg}, context):\n    return page\n"
    )
    return ["import functools"], text, ""


LARGE_PLUGGY = '''
"""Adds a table of contents to rendered pages.

Configure with ``toc_depth`` in the host's config.
"""

LOG = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclasses.dataclass
class _Options:
    depth: int = 2
    title: str = "Contents"

    @classmethod
    def parse(cls, config: Mapping[str, object]) -> _Options:
        try:
            depth = int(str(config.get("toc_depth", 2)))
        except ValueError:
            LOG.warning("toc_depth is not a number; using 2")
            depth = 2
        return cls(depth=depth)


_OPTIONS = _Options()


@{m}
def dh_startup(config: Mapping[str, object]) -> None:
    global _OPTIONS
    _OPTIONS = _Options.parse(config)


@{m}
def dh_render(page: str, context: dict[str, object]) -> str | None:
    headings = [h for h in context.get("headings", []) if isinstance(h, str)]
    if not headings:
        return None
    return "\\n".join([_OPTIONS.title, *headings[: _OPTIONS.depth]])


if __name__ == "__main__":
    print(dh_render("index", {"headings": ["a", "b"]}))
'''


def _p_large_healthy(rng: Draw, m: str) -> Parts:
    head = ["from __future__ import annotations", "", "import dataclasses", "import logging"]
    return [*head, "from typing import TYPE_CHECKING"], LARGE_PLUGGY.replace("{m}", m), ""


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "source-encoding": _p_source_encoding,
    "positional-only": _p_positional_only,
    "module-dir": _p_module_dir,
    "singledispatch": _p_singledispatch,
    "large-healthy": _p_large_healthy,
}


def pluggy_variants(seed: int = 19, count: int = 120) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 1919, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, how = PLUGGY_KINDS[kind](rng, m)
        future = [x for x in extra if x.startswith("from __future__")]
        rest = [x for x in extra if not x.startswith("from __future__")]
        header = "\n".join([f'"""Fresh19 pluggy plugin: {kind}."""', "", *future, *rest, *imports])
        name = f"pn{i:03d}"
        structure, files = _structure(rng, name, header, body)
        traits = (f"marker={style}", structure, *([f"file={how}"] if how else []))
        variants.append(Variant(name, "pluggy", kind, traits, _files(files, how)))
    return variants


# ---------------------------------------------------------------- factory


def _f_source_encoding(rng: Draw, f: _Factory) -> tuple[list[str], str]:
    how = rng.sub(ENCODINGS)
    f.before.append(f'TITLE = "{NON_ASCII}"')
    f.methods["run"] = "def run(self):\n    if self.greeting:\n        self.count = len(TITLE)"
    return [], how


def _f_dataclass_kw(rng: Draw, f: _Factory) -> tuple[list[str], str]:
    how = rng.sub(["kw-only-keyword", "kw-only-positional", "kw-marker", "initvar-post", "initvar"])
    f.own_init = False
    if how.startswith("kw-only"):
        f.class_decos.append("dataclasses.dataclass(kw_only=True)")
        fields = 'greeting: str = ""\nlevel: int'
        args = "level=1" if how == "kw-only-keyword" else '"", 1'
    elif how == "kw-marker":
        f.class_decos.append("dataclasses.dataclass")
        fields = 'greeting: str = ""\n_: dataclasses.KW_ONLY\nlevel: int'
        args = "level=2"
    else:
        f.class_decos.append("dataclasses.dataclass")
        fields = 'greeting: str = ""\nseed: dataclasses.InitVar[int] = 0'
        args = "seed=3"
        if how == "initvar-post":
            f.methods["__post_init__"] = "def __post_init__(self, seed):\n    self.level = seed"
        f.methods["run"] = "def run(self):\n    self.count = len(self.greeting) + self.seed"
    f.methods = {"fields": fields, **f.methods}
    f.new = f"def new():\n    return {f.cls}({args})\n"
    return ["import dataclasses"], ""


def _overloads(name: str, params: str, how: str, body: str) -> str:
    stubs = "".join(
        f"@typing.overload\ndef {name}(self{params}: {t}) -> None: ...\n\n"
        for t in ("dict", "None")
    )
    if not params:
        stubs = f"@typing.overload\ndef {name}(self) -> None: ...\n\n"
    impl = f"def {name}(self{params.replace(', config', ', config=None')}):\n{_indent(body)}\n"
    if how == "no-impl":
        return stubs.rstrip() + "\n"
    if how == "impl-first":
        return impl + "\n" + stubs.rstrip() + "\n"
    return stubs + impl


def _f_overload_member(rng: Draw, f: _Factory) -> tuple[list[str], str]:
    how = rng.sub(["with-impl", "no-impl", "impl-first", "run-with-impl"])
    if how == "run-with-impl":
        f.methods["run"] = _overloads("run", "", "with-impl", "self.count = len(self.greeting)")
    else:
        body = 'self.greeting = str((config or {}).get("greeting", ""))'
        f.methods["init"] = _overloads("init", ", config", how, body)
    return ["import typing"], ""


DECORATORS = '''def retry(times=3):
    """Call the method again when it raises, up to ``times`` times."""

    def deco(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except OSError:
                    if attempt == times - 1:
                        raise
            return None

        return inner

    return deco


class timed(contextlib.ContextDecorator):
    """Log how long the block or the decorated function took."""

    def __init__(self, label="step"):
        self.label = label

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        LOG.debug("%s took %.3f s", self.label, time.perf_counter() - self.start)
        return False


LOG = logging.getLogger(__name__)
'''
DECO_HOW = ["retry-called", "retry-bare", "timed-called", "timed-bare", "retry-bare-noargs"]
DECO_IMPORTS = ["import contextlib", "import functools", "import logging", "import time"]


def _deco(how: str) -> str:
    return {
        "retry-called": "@retry(times=2)",
        "retry-bare": "@retry",
        "timed-called": '@timed("step")',
        "timed-bare": "@timed",
        "retry-bare-noargs": "@retry",
    }[how]


def _f_decorator_no_parens(rng: Draw, f: _Factory) -> tuple[list[str], str]:
    how = rng.sub(DECO_HOW)
    f.before.append(DECORATORS)
    # retry-bare on init (takes config) vs on run (takes nothing: deco(self) returns inner)
    member = "run" if how == "retry-bare-noargs" else "init" if how == "retry-bare" else "run"
    f.methods[member] = f"{_deco(how)}\n{f.methods[member]}"
    return DECO_IMPORTS, ""


def _f_proxy_product(rng: Draw, f: _Factory) -> tuple[list[str], str]:
    how = rng.sub(["delegating", "typo-recursion", "class-spoof", "partial"])
    target = "_wrapped" if how != "typo-recursion" else "_target"
    if how == "partial":
        proxy = (
            "class _Proxy:\n    def __init__(self, wrapped):\n        self._wrapped = wrapped\n\n"
            "    def run(self):\n        return self._wrapped.run()\n"
        )
    else:
        spoof = (
            "    @property\n    def __class__(self):\n        return type(self._wrapped)\n\n"
            if how == "class-spoof"
            else ""
        )
        proxy = (
            'class _Proxy:\n    """Forwards every attribute (as wrapt does)."""\n\n'
            "    def __init__(self, wrapped):\n"
            '        object.__setattr__(self, "_wrapped", wrapped)\n\n'
            f"{spoof}"
            f"    def __getattr__(self, name):\n        return getattr(self.{target}, name)\n\n"
            "    def __setattr__(self, name, value):\n"
            "        setattr(self._wrapped, name, value)\n"
        )
    f.after.append(proxy)
    f.new = None
    f.after.append(f"def new():\n    return _Proxy({f.cls}())\n")
    return [], ""


def _f_getattribute(rng: Draw, f: _Factory) -> tuple[list[str], str]:
    how = rng.sub(["logging", "private-guard", "dict-recursion", "dunder-safe"])
    body = {
        "logging": "_READS.append(name)\nreturn super().__getattribute__(name)",
        "private-guard": 'if name.startswith("_") and not name.startswith("__"):\n'
        "    raise AttributeError(f'{name} is private')\n"
        "return object.__getattribute__(self, name)",
        "dict-recursion": "return self.__dict__[name]",
        "dunder-safe": 'if name == "secret":\n    raise AttributeError(name)\n'
        "return object.__getattribute__(self, name)",
    }[how]
    f.before.append("_READS = []")
    f.methods["__getattribute__"] = f"def __getattribute__(self, name):\n{_indent(body)}"
    f.methods["init"] = (
        'def init(self, config):\n    self.greeting = str(config.get("greeting", ""))\n'
        "    self._ready = True"
    )
    f.methods["run"] = (
        "def run(self):\n    if self._ready:\n        self.count = len(self.greeting)"
    )
    return [], ""


FACTORY_KINDS: dict[str, FactoryKind] = {
    "source-encoding": _f_source_encoding,
    "dataclass-kw": _f_dataclass_kw,
    "overload-member": _f_overload_member,
    "decorator-no-parens": _f_decorator_no_parens,
    "proxy-product": _f_proxy_product,
    "getattribute": _f_getattribute,
}


def factory_variants(seed: int = 19, count: int = 120) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 1920, count):
        f = _factory_base(rng)
        f.annotated = False  # the kinds write their members unannotated
        f.methods["init"] = f.init("config")
        f.methods["run"] = f.method("run", "", "", "None", "self.count = len(self.greeting)")
        f.methods["shutdown"] = f.method("shutdown", "timeout", "", "None", 'self.greeting = ""')
        f.new = f"def new():\n    return {f.cls}()\n"
        extra, how = FACTORY_KINDS[kind](rng, f)
        head = [f'"""Fresh19 factory plugin: {kind}."""', "", *extra, *f.imports]
        name = f"fn{i:03d}"
        structure, files = _structure(rng, name, "\n".join(head), f.render())
        traits = (f"api={f.api}", structure, *([f"file={how}"] if how else []))
        variants.append(Variant(name, "factory", kind, traits, _files(files, how)))
    return variants


# ---------------------------------------------------------------- entry-function and subclass


def _h_source_encoding(rng: Draw, a: Api, entry: bool) -> Parts:
    how = rng.sub(ENCODINGS)
    head = f'TITLE = "{NON_ASCII}"\n\n\n'
    if entry:
        body = "if not text:\n    return []\nreturn [TITLE] if len(text) > 100 else []"
        return [], f"{head}{_checker(a, body=body)}\n\n{_entry()}", how
    return [], head + _plugin(a, body="return [f'{TITLE}:{i}' for i in items]"), how


def _h_subscripted_base(rng: Draw, a: Api, entry: bool) -> Parts:
    how = rng.sub(["base-subscript", "generic-mixin", "generic-unsubscripted", "generic-first"])
    name = "Spelling" if entry else "Plugin"
    make = _checker if entry else _plugin
    if how == "base-subscript":
        cls = make(a, name=name) if entry else _plugin(a, bases=f"{a.base}[str]")
        if entry:
            cls = cls.replace(f"({a.base})", f"({a.base}[str])", 1)
    elif how == "generic-mixin":
        mixin = f"class _Typed({a.base}, Generic[T]):\n    kind: T\n\n\n"
        cls = mixin + (
            make(a, name=name).replace(f"({a.base})", "(_Typed[str])", 1)
            if entry
            else _plugin(a, bases="_Typed[str]")
        )
    else:
        bases = (
            f"{a.base}, Generic[T]" if how == "generic-unsubscripted" else f"Generic[T], {a.base}"
        )
        cls = (
            make(a, name=name).replace(f"({a.base})", f"({bases})", 1)
            if entry
            else _plugin(a, bases=bases)
        )
    text = f'T = TypeVar("T")\n\n\n{cls}'
    return ["from typing import Generic, TypeVar"], text + (f"\n\n{_entry()}" if entry else ""), ""


def _h_overload_member(rng: Draw, a: Api, entry: bool) -> Parts:
    how = rng.sub(["with-impl", "no-impl", "impl-first"])
    method, param, body = (
        ("check", "text", "return text.split()")
        if entry
        else ("process", "items", "return list(items)")
    )
    stubs = "".join(
        f"@typing.overload\ndef {method}(self, {param}: {t}) -> list[str]: ...\n\n"
        for t in (("str", "bytes") if entry else ("list", "tuple"))
    )
    impl = f"def {method}(self, {param}):\n    {body}\n"
    members = {
        "with-impl": stubs + impl,
        "no-impl": stubs.rstrip() + "\n",
        "impl-first": impl + "\n" + stubs,
    }[how]
    cls = f"class {'Spelling' if entry else 'Plugin'}({a.base}):\n{_indent(members.rstrip())}\n"
    return ["import typing"], cls + (f"\n\n{_entry()}" if entry else ""), ""


def _h_decorator_no_parens(rng: Draw, a: Api, entry: bool) -> Parts:
    how = rng.sub(["retry-called", "retry-bare", "timed-called", "timed-bare"])
    method, param, body = (
        ("check", "text", "return text.split()")
        if entry
        else ("process", "items", "return list(items)")
    )
    cls = (
        f"class {'Spelling' if entry else 'Plugin'}({a.base}):\n"
        f"    {_deco(how)}\n    def {method}(self, {param}):\n        {body}\n"
    )
    return DECO_IMPORTS, f"{DECORATORS}\n\n{cls}" + (f"\n\n{_entry()}" if entry else ""), ""


def _h_dataclass_kw(rng: Draw, a: Api, entry: bool) -> Parts:
    how = rng.sub(["kw-only", "kw-field", "initvar-post", "initvar-unstored"])
    method, param = ("check", "text") if entry else ("process", "items")
    use = "return [k for k in self.options if k in " + param + "]"
    if how == "kw-only":
        deco, fields = "@dataclasses.dataclass(kw_only=True)", "options: dict"
    elif how == "kw-field":
        deco = "@dataclasses.dataclass"
        fields = "options: dict\nstrict: bool = dataclasses.field(default=False, kw_only=True)"
    else:
        deco, fields = "@dataclasses.dataclass", "config: dataclasses.InitVar[dict]"
        if how == "initvar-post":
            fields += "\n\ndef __post_init__(self, config):\n    super().__init__(config)"
    cls = (
        f"{deco}\nclass {'Spelling' if entry else 'Plugin'}({a.base}):\n{_indent(fields)}\n\n"
        f"    def {method}(self, {param}):\n        {use}\n"
    )
    return ["import dataclasses"], cls + (f"\n\n{_entry()}" if entry else ""), ""


HOST_KINDS: dict[str, Callable[[Draw, Api, bool], Parts]] = {
    "source-encoding": _h_source_encoding,
    "subscripted-base": _h_subscripted_base,
    "overload-member": _h_overload_member,
    "decorator-no-parens": _h_decorator_no_parens,
    "dataclass-kw": _h_dataclass_kw,
}


def _variants(module: str, base: str, prefix: str, seed: int, count: int) -> list[Variant]:
    variants = []
    entry = module == "ehost"
    contract = "entry" if entry else "subclass"
    for i, kind, rng in _draws(HOST_KINDS, seed, count):
        a = Api(rng, module, base)
        a.annotated = False  # the kinds write their methods unannotated
        extra, body, how = HOST_KINDS[kind](rng, a, entry)
        header = "\n".join([f'"""Fresh19 {contract} plugin: {kind}."""', "", *a.imports, *extra])
        name = f"{prefix}{i:03d}"
        structure, files = _structure(rng, name, header, body)
        traits = (f"api={a.style}", structure, *([f"file={how}"] if how else []))
        variants.append(Variant(name, contract, kind, traits, _files(files, how)))
    return variants


def entry_variants(seed: int = 19, count: int = 120) -> list[Variant]:
    return _variants("ehost", "Checker", "en", seed + 1921, count)


def subclass_variants(seed: int = 19, count: int = 120) -> list[Variant]:
    return _variants("shost", "Base", "sn", seed + 1922, count)
