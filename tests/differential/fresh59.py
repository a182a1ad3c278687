"""A generator family for the pluggy, factory and entry-function hosts: typing-era authoring.

Issue 12. Written by gen61 after grepping every other family for each idea, before reading any
rule, for what a plugin author of 2026 writes with the typing and data-model features of the
day, where those features do something at run time: ``TypedDict`` results and arguments (built,
given extra keys, with a method the dict never has, ``isinstance`` against one, a non-TypedDict
base, ``Required`` keys, ``**kwargs: Unpack[...]``); ``Self`` and ``@final`` (``Self()`` and
``isinstance(x, Self)``, a final class or method subclassed or overridden, a ``Final`` constant
rebound, ``type(self)()``); ``match`` in hooks and calls (class patterns with too many
positional sub-patterns, ``__match_args__`` naming a missing attribute, an irrefutable case
first, a guard that raises, a str that is no sequence pattern, mapping rest patterns);
``enum`` members as plugin objects (functions in an Enum body, ``enum.member``, methods bound
on a member, ``@enum.unique`` duplicates, a member where its value is meant, lookups by value
or name); class-level ``__call__`` (a marked callable instance, ``__call__`` set on the
instance, a staticmethod ``__call__``); ``importlib.resources`` reads (the host's package as
the anchor, a shipped file that does not parse, ``tomllib`` over a text handle, a data folder
that is not shipped, the legacy ``read_text``, ``__spec__.parent`` and namespace data
folders); wrappers of both styles on one hook through ``specname``, markers stacked on one
function, an old-style hookwrapper that tries to catch, a new-style one that does;
``@dataclass(slots=True)`` workers (zero-argument ``super()``, undeclared attributes,
``cached_property``, weak references with and without ``weakref_slot``, a base with a
``__dict__``); callable factories and decorator registries; lifecycle methods that are
positional-only, ``**kwargs``-only, class- or staticmethods, or return ``Self``; a subclass
returned instead of its instance; ``typing.get_type_hints`` over forward references; PEP 695
syntax in a lazily imported submodule or a ``.pyi`` stub; ``cached_property`` named like a
method or bound to two names, slot lay-out conflicts, ``functools.cache`` on an unhashable
dataclass. About half of the variants are healthy, several of them only look suspicious. The
real loader (oracle.py) decides every verdict; nothing here records an expectation.
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

STAR = "from .impl import *  # noqa: F403\n"
TEMPLATE = "> {page}\n"


def _cls(name: str, members: list[str], bases: str = "", decos: str = "") -> str:
    inner = "\n\n".join(m.strip() for m in members if m.strip()) or "pass"
    return f"{decos}class {name}{f'({bases})' if bases else ''}:\n{_indent(inner)}\n"


# ---------------------------------------------------------------- pluggy


def _p_typeddict(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "typeddict-return-good",
            "typeddict-isinstance-context",
            "typeddict-extra-keys-good",
            "typeddict-method-unused-good",
            "typeddict-non-typeddict-base",
            "typeddict-required-keys-good",
            "typeddict-unpack-kwargs-good",
            "typeddict-method-called",
        ]
    )
    typing = ["from typing import TypedDict"]
    rendered = "class _Rendered(TypedDict):\n    page: str\n"
    if how.startswith("typeddict-method"):
        rendered += "\n    def describe(self):\n        return f\"page {self['page']}\"\n"
    if how == "typeddict-non-typeddict-base":
        rendered = "class _Base:\n    pass\n\n\nclass _Rendered(TypedDict, _Base):\n    page: str\n"
    body = "return _Rendered(page=str(page))"
    if how == "typeddict-extra-keys-good":
        body = 'return _Rendered(page=str(page), theme="plain")'
    elif how == "typeddict-method-called":
        body = "return _Rendered(page=str(page)).describe()"
    hook = _hook(m, GOOD, body)
    if how == "typeddict-isinstance-context":
        ctx = "class _Context(TypedDict, total=False):\n    theme: str\n\n\n"
        hook = _hook(
            m, GOOD, "if isinstance(context, _Context):\n    return str(page)\nreturn None"
        )
        return typing, ctx + hook, {}
    if how == "typeddict-required-keys-good":
        ctx = (
            "class _Context(TypedDict, total=False):\n    theme: Required[str]\n    user: str\n\n\n"
        )
        hook = _hook(
            m,
            GOOD,
            "missing = _Context.__required_keys__ - context.keys()\n"
            "return None if missing else str(page)",
        )
        return ["from typing import Required, TypedDict"], ctx + hook, {}
    if how == "typeddict-unpack-kwargs-good":
        args = "class _Args(TypedDict):\n    page: str\n    context: dict\n\n\n"
        hook = _hook(m, "**kwargs: Unpack[_Args]", 'return str(kwargs.get("page"))')
        return ["from typing import TypedDict, Unpack"], args + hook, {}
    return typing, f"{rendered}\n\n{hook}", {}


def _p_self_final(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "self-returning-builder-good",
            "self-instantiated",
            "self-isinstance",
            "final-class-subclassed-good",
            "final-method-overridden-good",
            "self-on-module-function-good",
            "final-constant-rebound-good",
            "type-self-called-without-argument",
        ]
    )
    render = _hook(m, f"self, {GOOD}", "return self.prefix + str(page)")
    init = "def __init__(self, prefix=''):\n    self.prefix = prefix"
    if how == "self-returning-builder-good":
        builder = (
            "def with_prefix(self, prefix) -> Self:\n    self.prefix = prefix\n    return self"
        )
        cls = _cls("_Impl", [init, builder, render])
        return (
            ["from typing import Self"],
            f'{cls}\n\ndh_render = _Impl().with_prefix("> ").dh_render\n',
            {},
        )
    if how == "self-instantiated":
        create = "@classmethod\ndef create(cls) -> Self:\n    return Self()"
        cls = _cls("_Impl", [init, create, render])
        return ["from typing import Self"], f"{cls}\n\ndh_render = _Impl.create().dh_render\n", {}
    if how == "self-isinstance":
        same = "def same(self, other) -> bool:\n    return isinstance(other, Self)"
        hook = _hook(m, f"self, {GOOD}", "return str(page) if self.same(self) else None")
        cls = _cls("_Impl", [init, same, hook])
        return ["from typing import Self"], f"{cls}\n\ndh_render = _Impl().dh_render\n", {}
    if how == "final-class-subclassed-good":
        base = _cls("_Base", [init, render], decos="@final\n")
        sub = _cls("_Impl", ["def __init__(self):\n    super().__init__('> ')"], bases="_Base")
        return (
            ["from typing import final"],
            f"{base}\n\n{sub}\n\ndh_render = _Impl().dh_render\n",
            {},
        )
    if how == "final-method-overridden-good":
        fmt = "@final\ndef fmt(self, page):\n    return str(page)"
        hook = _hook(m, f"self, {GOOD}", "return self.fmt(page)")
        base = _cls("_Base", [fmt, hook])
        sub = _cls("_Impl", ["def fmt(self, page):\n    return '> ' + str(page)"], bases="_Base")
        return (
            ["from typing import final"],
            f"{base}\n\n{sub}\n\ndh_render = _Impl().dh_render\n",
            {},
        )
    if how == "self-on-module-function-good":
        hook = _hook(m, "page: Self, context", "return str(page)")
        return ["from typing import Self"], hook, {}
    if how == "final-constant-rebound-good":
        hook = _hook(m, GOOD, "return _PREFIX + str(page)")
        return (
            ["from typing import Final"],
            f'_PREFIX: Final = "> "\n\n\n{hook}\n\n_PREFIX = ">> "\n',
            {},
        )
    need = "def __init__(self, prefix):\n    self.prefix = prefix"
    hook = _hook(m, f"self, {GOOD}", "return type(self)().prefix + str(page)")
    cls = _cls("_Impl", [need, hook])
    return [], f'{cls}\n\ndh_render = _Impl("> ").dh_render\n', {}


def _p_match(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "match-str-capture-good",
            "match-str-two-positional",
            "match-object-positional",
            "match-class-without-match-args-good",
            "match-irrefutable-first",
            "match-mapping-rest-good",
            "match-guard-raises",
            "match-args-attribute-missing-good",
        ]
    )
    page_class = ""
    if how == "match-str-capture-good":
        body = (
            "match page:\n    case str(text):\n        return text.upper()\n"
            "    case _:\n        return None"
        )
    elif how == "match-str-two-positional":
        body = (
            "match page:\n    case str(name, suffix):\n        return name + suffix\n"
            "    case _:\n        return None"
        )
    elif how == "match-object-positional":
        body = (
            "match session:\n    case object(kind):\n        items.append(kind)\n"
            "    case _:\n        items.append(session)"
        )
        return [], _hook(m, "session, items", body, name="dh_collect"), {}
    elif how == "match-class-without-match-args-good":
        page_class = (
            "class _Page:\n    def __init__(self, title):\n        self.title = title\n\n\n"
        )
        body = (
            "match page:\n    case _Page(title):\n        return title\n"
            "    case str():\n        return page\n    case _:\n        return None"
        )
    elif how == "match-irrefutable-first":
        body = (
            "match page:\n    case text:\n        return str(text)\n"
            "    case _:\n        return None"
        )
    elif how == "match-mapping-rest-good":
        body = (
            'match context:\n    case {"theme": theme, **rest}:\n'
            '        return f"{theme}:{page}"\n    case {**rest}:\n        return str(page)'
        )
    elif how == "match-guard-raises":
        body = (
            "match page:\n    case str() if page.title_case:\n        return page.title()\n"
            "    case _:\n        return str(page)"
        )
    else:
        page_class = (
            'class _Page:\n    __match_args__ = ("title",)\n\n'
            "    def __init__(self, name):\n        self.name = name\n\n\n"
        )
        body = (
            "match _Page(page):\n    case _Page(title):\n        return title\n"
            "    case _:\n        return None"
        )
    return [], page_class + _hook(m, GOOD, body), {}


def _p_enum_callables(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "enum-function-value-good",
            "enum-function-value-attribute",
            "enum-member-wrapped-good",
            "enum-method-bound-good",
            "enum-method-bad-args",
            "call-instance-marked",
            "call-method-bound-good",
            "enum-unique-duplicate",
        ]
    )
    if how.startswith("enum-function-value"):
        member = _hook(m, GOOD, name="RENDER")
        value = ".value" if how.endswith("attribute") else ""
        cls = _cls("_Hooks", [member], bases="enum.Enum")
        return ["import enum"], f"{cls}\n\ndh_render = _Hooks.RENDER{value}\n", {}
    if how == "enum-member-wrapped-good":
        render = _hook(m, GOOD, name="_render")
        cls = _cls("_Hooks", ["RENDER = enum.member(_render)"], bases="enum.Enum")
        return ["import enum"], f"{render}\n\n{cls}\n\ndh_render = _Hooks.RENDER.value\n", {}
    if how.startswith("enum-method"):
        args = BAD if how.endswith("bad-args") else GOOD
        hook = _hook(m, f"self, {args}", 'return f"{self.value}:{page}"')
        cls = _cls("_Mode", ['PLAIN = "plain"', hook], bases="enum.Enum")
        return ["import enum"], f"{cls}\n\ndh_render = _Mode.PLAIN.dh_render\n", {}
    if how == "call-instance-marked":
        call = "def __call__(self, page, context):\n    return str(page)"
        return [], f"{_cls('_Renderer', [call])}\n\ndh_render = {m}(_Renderer())\n", {}
    if how == "call-method-bound-good":
        call = _hook(m, f"self, {GOOD}", name="__call__")
        return [], f"{_cls('_Renderer', [call])}\n\ndh_render = _Renderer().__call__\n", {}
    theme = _cls("_Theme", ['PLAIN = "plain"', 'DEFAULT = "plain"'], bases="enum.Enum")
    hook = _hook(m, GOOD, "return _Theme.PLAIN.value + str(page)")
    return ["import enum"], f"@enum.unique\n{theme}\n\n{hook}", {}


def _p_resources(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "resources-json-shipped-good",
            "resources-json-invalid",
            "resources-host-anchor",
            "resources-legacy-read-text-good",
            "resources-spec-parent-submodule-good",
            "resources-iterdir-missing-folder",
            "resources-namespace-data-folder-good",
            "resources-toml-text-handle",
        ]
    )
    here = "importlib.resources.files(__name__)"
    res = ["import importlib.resources"]
    template = {"template.txt": TEMPLATE}
    if how.startswith("resources-json"):
        text = '{"prefix": "> "}\n' if how.endswith("good") else '{"prefix": "> ",}\n'
        top = f'_SETTINGS = json.loads({here}.joinpath("settings.json").read_text())\n\n\n'
        hook = _hook(m, GOOD, 'return _SETTINGS["prefix"] + str(page)')
        return [*res, "import json"], top + hook, {"settings.json": text}
    if how == "resources-host-anchor":
        body = 'text = (importlib.resources.files("dhost") / "template.txt").read_text()\n'
        hook = _hook(m, GOOD, body + "return text.format(page=page)")
        return res, hook, template
    if how == "resources-legacy-read-text-good":
        body = 'text = importlib.resources.read_text(__name__, "template.txt")\n'
        return res, _hook(m, GOOD, body + "return text.format(page=page)"), template
    if how == "resources-spec-parent-submodule-good":
        impl = (
            "\n".join([*res, *imports])
            + "\n\n\n_TEMPLATE = importlib.resources.files(__spec__.parent)"
            '.joinpath("template.txt").read_text()\n\n\n'
            + _hook(m, GOOD, "return _TEMPLATE.format(page=page)")
        )
        return [], STAR, {"impl.py": impl, **template}
    if how == "resources-iterdir-missing-folder":
        body = (
            f'names = sorted(p.name for p in ({here} / "templates").iterdir())\n'
            "return str(page) if names else None"
        )
        return res, _hook(m, GOOD, body), {"README.md": "templates/ is made by the build\n"}
    if how == "resources-namespace-data-folder-good":
        body = (
            'text = importlib.resources.files(f"{__name__}.data").joinpath("template.txt")'
            ".read_text()\nreturn text.format(page=page)"
        )
        return res, _hook(m, GOOD, body), {"data/template.txt": TEMPLATE}
    top = (
        f'with {here}.joinpath("theme.toml").open("r") as _fh:\n'
        "    _THEME = tomllib.load(_fh)\n\n\n"
    )
    hook = _hook(m, GOOD, 'return _THEME["prefix"] + str(page)')
    return [*res, "import tomllib"], top + hook, {"theme.toml": 'prefix = "> "\n'}


def _p_wrapper_mix(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "old-and-new-wrappers-good",
            "new-wrapper-specname-alone-good",
            "wrapper-raises-after-yield",
            "wrapper-catches-exception-good",
            "hookwrapper-tries-to-catch",
            "specname-wrapper-on-historic",
            "stacked-markers-outer-wins-good",
            "options-dict-both-styles",
        ]
    )
    plain = _hook(m, GOOD)
    if how == "old-and-new-wrappers-good":
        outer = _hook(
            m,
            "page",
            "outcome = yield\noutcome.get_result()",
            name="dh_render_outer",
            options='(hookwrapper=True, tryfirst=True, specname="dh_render")',
        )
        inner = _hook(
            m,
            "context",
            "return (yield)",
            name="dh_render_inner",
            options='(wrapper=True, trylast=True, specname="dh_render")',
        )
        return [], f"{outer}\n\n{inner}\n\n{plain}", {}
    if how == "new-wrapper-specname-alone-good":
        around = _hook(
            m,
            "session, items",
            "result = yield\nreturn result",
            name="dh_collect_around",
            options='(wrapper=True, specname="dh_collect")',
        )
        return [], around, {}
    if how == "wrapper-raises-after-yield":
        empty = _hook(
            m, GOOD, 'return ""', name="dh_render_plain", options='(specname="dh_render")'
        )
        check = _hook(
            m,
            GOOD,
            "result = yield\nif not all(result):\n"
            '    raise ValueError("empty render")\nreturn result',
            options="(wrapper=True, tryfirst=True)",
        )
        return [], f"{empty}\n\n{check}", {}
    if how in ("wrapper-catches-exception-good", "hookwrapper-tries-to-catch"):
        failing = _hook(
            m,
            GOOD,
            'raise RuntimeError("renderer not configured")',
            name="dh_render_plain",
            options='(specname="dh_render")',
        )
        if how.startswith("wrapper"):
            around = _hook(
                m,
                GOOD,
                'try:\n    return (yield)\nexcept RuntimeError:\n    return ["fallback"]',
                options="(wrapper=True)",
            )
        else:
            around = _hook(
                m,
                GOOD,
                "try:\n    outcome = yield\nexcept RuntimeError:\n    outcome = None",
                options="(hookwrapper=True)",
            )
        return [], f"{failing}\n\n{around}", {}
    if how == "specname-wrapper-on-historic":
        around = _hook(
            m,
            "config",
            "return (yield)",
            name="dh_configure_around",
            options='(wrapper=True, specname="dh_configure")',
        )
        return [], f"{around}\n\n{plain}", {}
    if how == "stacked-markers-outer-wins-good":
        hook = _hook(m, GOOD, "return (yield)", options="(hookwrapper=True)")
        return [], f"@{m}(wrapper=True)\n{hook}", {}
    opts = '_OPTIONS = {"wrapper": True, "hookwrapper": True}\n\n\n'
    hook = _hook(m, GOOD, "return (yield)", options="(**_OPTIONS)")
    return [], opts + hook, {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "p-typeddict": _p_typeddict,
    "p-self-final": _p_self_final,
    "p-match": _p_match,
    "p-enum-callables": _p_enum_callables,
    "p-resources": _p_resources,
    "p-wrapper-mix": _p_wrapper_mix,
}


def pluggy_variants(seed: int = 59, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 5901, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m, imports)
        variants.append(
            _variant(
                f"pj{i:03d}",
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

INIT = "def init(self, config):\n    self.greeting = str(config.get('greeting', ''))"
RUN = "def run(self):\n    self.count = len(self.greeting)"
SHUTDOWN = "def shutdown(self, timeout):\n    self.greeting = ''"


def _slotted(
    fields: str = "greeting: str = ''\ncount: int = 0",
    members: tuple[str, ...] = (INIT, RUN, SHUTDOWN),
    options: str = "slots=True",
    bases: str = "",
) -> str:
    return _cls("Worker", [fields, *members], bases, f"@dataclasses.dataclass({options})\n")


def _f_dataclass_slots(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "slots-zero-argument-super",
            "slots-explicit-super-good",
            "slots-undeclared-attribute",
            "slots-declared-field-good",
            "slots-cached-property",
            "slots-weakref-slot-good",
            "slots-weakref-without-slot",
            "slots-base-with-dict-good",
        ]
    )
    dc = ["import dataclasses"]
    if how.endswith("super") or how == "slots-explicit-super-good":
        call = "super()" if how == "slots-zero-argument-super" else "super(Worker, self)"
        base = _cls("_Base", [INIT])
        init = (
            f"def init(self, config):\n    {call}.init(config)\n"
            "    self.greeting = self.greeting.strip()"
        )
        return (
            dc,
            f"{base}\n\n{_slotted(members=(init, RUN, SHUTDOWN), bases='_Base')}\n\n{NEW}",
            {},
        )
    if how == "slots-undeclared-attribute":
        return dc, f"{_slotted(fields='greeting: str = str()')}\n\n{NEW}", {}
    if how == "slots-declared-field-good":
        return dc, f"{_slotted()}\n\n{NEW}", {}
    if how == "slots-cached-property":
        label = "@functools.cached_property\ndef label(self):\n    return self.greeting.title()"
        run = "def run(self):\n    self.count = len(self.label)"
        w = _slotted(members=(label, INIT, run, SHUTDOWN))
        return [*dc, "import functools"], f"{w}\n\n{NEW}", {}
    if how.startswith("slots-weakref"):
        options = "slots=True, weakref_slot=True" if how.endswith("good") else "slots=True"
        init = f"{INIT}\n    _LIVE.add(self)"
        w = _slotted(members=(init, RUN, SHUTDOWN), options=options)
        return [*dc, "import weakref"], f"_LIVE = weakref.WeakSet()\n\n\n{w}\n\n{NEW}", {}
    base = "class _Base:\n    pass\n\n\n"
    w = _slotted(fields="greeting: str = ''", bases="_Base")
    return dc, f"{base}{w}\n\n{NEW}", {}


def _f_enum_workers(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "enum-member-worker-good",
            "enum-class-returned",
            "enum-lookup-by-value-good",
            "enum-lookup-missing-value",
            "enum-member-value-class-good",
            "enum-member-value-instance-good",
            "enum-unique-duplicate",
            "enum-member-returned-not-value",
        ]
    )
    e = ["import enum"]
    if how in (
        "enum-member-worker-good",
        "enum-class-returned",
        "enum-lookup-by-value-good",
        "enum-lookup-missing-value",
    ):
        w = _cls("Worker", ['DEFAULT = "default"', INIT, RUN, SHUTDOWN], bases="enum.Enum")
        made = {
            "enum-member-worker-good": "Worker.DEFAULT",
            "enum-class-returned": "Worker",
            "enum-lookup-by-value-good": 'Worker("default")',
            "enum-lookup-missing-value": 'Worker("worker")',
        }[how]
        return e, f"{w}\n\ndef new():\n    return {made}\n", {}
    if how == "enum-member-value-instance-good":
        kinds = _cls("_Workers", ["DEFAULT = Worker()"], bases="enum.Enum")
        return e, f"{_worker()}\n\n{kinds}\n\ndef new():\n    return _Workers.DEFAULT.value\n", {}
    if how == "enum-unique-duplicate":
        kinds = _cls("_Kinds", ["PLAIN = Worker", "DEFAULT = Worker"], bases="enum.Enum")
        return (
            e,
            f"{_worker()}\n\n@enum.unique\n{kinds}\n\n"
            "def new():\n    return _Kinds.PLAIN.value()\n",
            {},
        )
    kinds = _cls("_Kinds", ["PLAIN = Worker"], bases="enum.Enum")
    made = "_Kinds.PLAIN.value()" if how.endswith("good") else "_Kinds.PLAIN"
    return e, f"{_worker()}\n\n{kinds}\n\ndef new():\n    return {made}\n", {}


def _f_callable_factories(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "call-instance-factory-good",
            "call-set-on-instance",
            "call-staticmethod-good",
            "star-args-factory-good",
            "partial-factory-unknown-keyword",
            "registry-decorator-good",
            "registry-decorator-without-call",
            "registry-key-mismatch",
        ]
    )
    if how == "call-instance-factory-good":
        f = _cls("_Factory", ["def __call__(self):\n    return Worker()"])
        return [], f"{_worker()}\n\n{f}\n\nnew = _Factory()\n", {}
    if how == "call-set-on-instance":
        f = _cls("_Factory", ["def __init__(self):\n    self.__call__ = Worker"])
        return [], f"{_worker()}\n\n{f}\n\nnew = _Factory()\n", {}
    if how == "call-staticmethod-good":
        f = _cls("_Factory", ["__call__ = staticmethod(Worker)"])
        return [], f"{_worker()}\n\n{f}\n\nnew = _Factory()\n", {}
    if how == "star-args-factory-good":
        new = "def new(*args, **kwargs):\n    return Worker(*args, **kwargs)\n"
        return [], f"{_worker()}\n\n{new}", {}
    if how == "partial-factory-unknown-keyword":
        new = 'new = functools.partial(Worker, greeting="hi")\n'
        return ["import functools"], f"{_worker()}\n\n{new}", {}
    registry = (
        "_REGISTRY = {}\n\n\ndef register(name):\n    def decorate(cls):\n"
        "        _REGISTRY[name] = cls\n        return cls\n\n    return decorate\n\n\n"
    )
    deco = {
        "registry-decorator-good": '@register("worker")\n',
        "registry-decorator-without-call": "@register\n",
        "registry-key-mismatch": '@register("Worker")\n',
    }[how]
    new = (
        "def new():\n    return Worker()\n"
        if how == "registry-decorator-without-call"
        else 'def new():\n    return _REGISTRY["worker"]()\n'
    )
    return [], f"{registry}{deco}{_worker()}\n\n{new}", {}


def _f_signatures(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "init-positional-only-good",
            "init-var-keyword-only",
            "init-returns-self-good",
            "init-classmethod-good",
            "run-staticmethod-good",
            "run-staticmethod-takes-self",
            "new-returns-subclass-instance-good",
            "new-returns-subclass-class",
        ]
    )
    if how.startswith("new-returns-subclass"):
        sub = "class _Fast(Worker):\n    pass\n"
        made = "_Fast()" if how.endswith("good") else "_Fast"
        return [], f"{_worker()}\n\n{sub}\n\ndef new():\n    return {made}\n", {}
    head, omit, extra = "", ("init",), []
    if how == "init-positional-only-good":
        head = INIT.replace("(self, config)", "(self, config, /)")
    elif how == "init-var-keyword-only":
        head = "def init(self, **config):\n    self.greeting = str(config.get('greeting', ''))"
    elif how == "init-returns-self-good":
        head = INIT.replace("(self, config)", "(self, config) -> Self") + "\n    return self"
        extra = ["from typing import Self"]
    elif how == "init-classmethod-good":
        head = (
            "@classmethod\ndef init(cls, config):\n"
            "    cls.greeting = str(config.get('greeting', ''))"
        )
    else:
        omit = ("run",)
        params = "self" if how.endswith("takes-self") else ""
        head = f"@staticmethod\ndef run({params}):\n    return None"
    return extra, f"{_worker(omit=omit, head=head)}\n\n{NEW}", {}


def _f_typing_runtime(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "typeddict-config-isinstance",
            "typeddict-config-built-good",
            "self-instantiated-in-classmethod",
            "final-class-subclassed-good",
            "type-hints-forward-undefined",
            "type-hints-forward-defined-good",
            "pep695-in-lazy-submodule",
            "pep695-stub-beside-module-good",
        ]
    )
    if how.startswith("typeddict"):
        td = "class _Config(TypedDict):\n    greeting: str\n\n\n"
        if how.endswith("isinstance"):
            init = (
                "def init(self, config):\n    if isinstance(config, _Config):\n"
                "        self.greeting = config['greeting']"
            )
        else:
            init = "def init(self, config):\n    self.greeting = _Config(**config)['greeting']"
        w = _worker(omit=("init",), head=init)
        return ["from typing import TypedDict"], f"{td}{w}\n\n{NEW}", {}
    if how == "self-instantiated-in-classmethod":
        create = "@classmethod\ndef create(cls) -> Self:\n    return Self()"
        w = _worker(head=create)
        return ["from typing import Self"], f"{w}\n\ndef new():\n    return Worker.create()\n", {}
    if how == "final-class-subclassed-good":
        w = "@final\n" + _worker()
        sub = "class _Fast(Worker):\n    pass\n"
        return ["from typing import final"], f"{w}\n\n{sub}\n\ndef new():\n    return _Fast()\n", {}
    if how.startswith("type-hints"):
        ann = '"Settings"' if how.endswith("undefined") else '"Mapping[str, str]"'
        init = INIT.replace("(self, config)", f"(self, config: {ann})")
        run = "hints = typing.get_type_hints(type(self).init)\nself.count = len(hints)"
        w = _worker(omit=("init",), head=init, run=run)
        extra = ["import typing", "from collections.abc import Mapping"]
        return extra, f"{w}\n\n{NEW}", {}
    if how == "pep695-in-lazy-submodule":
        run = "from ._compat import measure\n\nself.count = measure(self.greeting)"
        compat = (
            '"""Helpers for Python 3.12+."""\n\n\n'
            "def measure[T: str](text: T) -> int:\n    return len(text)\n"
        )
        return [], f"{_worker(run=run)}\n\n{NEW}", {"_compat.py": compat}
    stub = (
        '"""Types of the worker."""\n\nfrom collections.abc import Mapping\n\n\n'
        "class Worker[T: str]:\n    greeting: T\n    count: int\n"
        "    def init(self, config: Mapping[str, str]) -> None: ...\n"
        "    def run(self) -> None: ...\n"
        "    def shutdown(self, timeout: float) -> None: ...\n\n\n"
        "def new() -> Worker[str]: ...\n"
    )
    return [], f"{_worker()}\n\n{NEW}", {"__init__.pyi": stub}


def _f_descriptors(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "cached-property-two-names",
            "cached-property-settings-good",
            "cached-property-named-run",
            "slots-layout-conflict",
            "slots-empty-mixins-good",
            "slots-over-dict-base-good",
            "cache-method-good",
            "cache-method-unhashable-dataclass",
        ]
    )
    ft = ["import functools"]
    label = "@functools.cached_property\ndef label(self):\n    return self.greeting.title()"
    if how == "cached-property-two-names":
        w = _worker(head=f"{label}\n\ntitle = label", run="self.count = len(self.label)")
        return ft, f"{w}\n\n{NEW}", {}
    if how == "cached-property-settings-good":
        return ft, f"{_worker(head=label, run='self.count = len(self.label)')}\n\n{NEW}", {}
    if how == "cached-property-named-run":
        head = "@functools.cached_property\ndef run(self):\n    self.count = len(self.greeting)"
        return ft, f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    if how.startswith("slots-") and how != "slots-over-dict-base-good":
        slots = ('("name",)', '("count",)') if how == "slots-layout-conflict" else ("()", "()")
        mixins = (
            f"class _Named:\n    __slots__ = {slots[0]}\n\n\n"
            f"class _Counted:\n    __slots__ = {slots[1]}\n\n\n"
        )
        return [], f"{mixins}{_worker(bases='_Named, _Counted')}\n\n{NEW}", {}
    if how == "slots-over-dict-base-good":
        w = _worker(bases="_Base", head='__slots__ = ("greeting",)')
        return [], f"class _Base:\n    pass\n\n\n{w}\n\n{NEW}", {}
    cached = "@functools.cache\ndef label(self):\n    return self.greeting.title()"
    run = "def run(self):\n    self.count = len(self.label())"
    if how == "cache-method-good":
        head = f"{cached}\n\n{run}"
        return ft, f"{_worker(omit=('run',), head=head)}\n\n{NEW}", {}
    w = _cls(
        "Worker",
        ["greeting: str = ''\ncount: int = 0", cached, INIT, run, SHUTDOWN],
        decos="@dataclasses.dataclass\n",
    )
    return [*ft, "import dataclasses"], f"{w}\n\n{NEW}", {}


FACTORY_KINDS: dict[str, OtherKind] = {
    "f-dataclass-slots": _f_dataclass_slots,
    "f-enum-workers": _f_enum_workers,
    "f-callable-factories": _f_callable_factories,
    "f-signatures": _f_signatures,
    "f-typing-runtime": _f_typing_runtime,
    "f-descriptors": _f_descriptors,
}


def factory_variants(seed: int = 59, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 5902, count):
        extra, body, siblings = FACTORY_KINDS[kind](rng)
        variants.append(
            _variant(f"fj{i:03d}", "factory", kind, "api=fhost", extra, body, siblings, rng)
        )
    return variants


# ---------------------------------------------------------------- entry function

API = "from ehost import Checker"
ENTRY = "def plugin(registry, options):\n    return MyChecker\n"


def _checker(check: str = "return [text.upper()]", bases: str = "Checker", head: str = "") -> str:
    inner = "\n\n".join(p for p in (head.strip(), f"def check(self, text):\n{_indent(check)}") if p)
    return f"class MyChecker({bases}):\n{_indent(inner)}\n"


def _entry(body: str) -> str:
    return f"def plugin(registry, options):\n{_indent(body)}\n"


def _e_generics(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "subscripted-class-returned",
            "generic-class-returned-good",
            "pep695-in-lazy-submodule",
            "plugin-returns-instance",
            "plugin-returns-type-of-instance-good",
            "final-checker-subclassed-good",
            "typeddict-isinstance-options",
            "typeddict-options-built-good",
        ]
    )
    if how in ("subscripted-class-returned", "generic-class-returned-good"):
        made = "MyChecker[str]" if how.startswith("subscripted") else "MyChecker"
        tv = 'T = TypeVar("T")\n\n\n'
        return (
            [API, "from typing import Generic, TypeVar"],
            f"{tv}{_checker(bases='Checker, Generic[T]')}\n\n{_entry(f'return {made}')}",
            {},
        )
    if how == "pep695-in-lazy-submodule":
        check = "from ._compat import shout\n\nreturn [shout(text)]"
        compat = "def shout[T: str](text: T) -> T:\n    return text.upper()\n"
        return [API], f"{_checker(check)}\n\n{ENTRY}", {"_compat.py": compat}
    if how == "plugin-returns-instance":
        return [API], f"{_checker()}\n\n{_entry('return MyChecker(options)')}", {}
    if how == "plugin-returns-type-of-instance-good":
        return [API], f"{_checker()}\n\n{_entry('return type(MyChecker(options))')}", {}
    if how == "final-checker-subclassed-good":
        base = (
            "@final\nclass _Base(Checker):\n    def check(self, text):\n        return [text]\n\n\n"
        )
        return [API, "from typing import final"], f"{base}{_checker(bases='_Base')}\n\n{ENTRY}", {}
    td = "class _Options(TypedDict):\n    level: str\n    style: str\n\n\n"
    if how == "typeddict-isinstance-options":
        check = "if isinstance(self.options, _Options):\n    return [text.upper()]\nreturn [text]"
    else:
        check = "opts = _Options(**self.options)\nreturn [text.upper()] * int(opts['level'])"
    return [API, "from typing import TypedDict"], f"{td}{_checker(check)}\n\n{ENTRY}", {}


def _e_match(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "match-options-mapping-good",
            "match-options-no-case-matches",
            "match-text-two-positional",
            "match-irrefutable-first",
            "match-split-sequence-good",
            "match-str-is-no-sequence",
            "match-guard-raises",
            "match-keyword-class-pattern-good",
        ]
    )
    if how.startswith("match-options"):
        pattern = "str(level)" if how.endswith("good") else "int(level)"
        entry = _entry(
            f'match options:\n    case {{"level": {pattern}}}:\n        return MyChecker\n'
            "    case _:\n        return None"
        )
        return [API], f"{_checker()}\n\n{entry}", {}
    if how == "match-keyword-class-pattern-good":
        entry = _entry(
            "match registry:\n    case Registry(checkers=list()):\n"
            "        registry.add_checker(MyChecker)\nreturn MyChecker"
        )
        return ["from ehost import Checker, Registry"], f"{_checker()}\n\n{entry}", {}
    check = {
        "match-text-two-positional": (
            "match text:\n    case str(head, tail):\n        return [head, tail]\n"
            "    case _:\n        return []"
        ),
        "match-irrefutable-first": (
            "match text:\n    case words:\n        return [words]\n    case _:\n        return []"
        ),
        "match-split-sequence-good": (
            "match text.split():\n    case [first, *rest]:\n        return [first.upper(), *rest]\n"
            "    case []:\n        return []"
        ),
        "match-str-is-no-sequence": "match text:\n    case [first, *rest]:\n        return [first]",
        "match-guard-raises": (
            'match text:\n    case str() if self.options["strict"]:\n'
            "        return [text.upper()]\n"
            "    case _:\n        return [text]"
        ),
    }[how]
    return [API], f"{_checker(check)}\n\n{ENTRY}", {}


def _e_dataclass_enum(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "dataclass-checker-without-fields",
            "dataclass-checker-options-field-good",
            "dataclass-slots-checker-good",
            "dataclass-slots-super-in-post-init",
            "enum-checker-metaclass-conflict",
            "enum-registry-value-good",
            "enum-member-returned",
            "enum-lookup-by-option-good",
        ]
    )
    dc = [API, "import dataclasses"]
    if how.startswith("dataclass"):
        deco = (
            "@dataclasses.dataclass(slots=True)\n" if "slots" in how else "@dataclasses.dataclass\n"
        )
        head = "" if how.endswith("without-fields") else "options: dict"
        if how.endswith("post-init"):
            head += "\n\ndef __post_init__(self):\n    super().__init__(self.options)"
        return dc, f"{deco}{_checker(head=head)}\n\n{ENTRY}", {}
    e = [API, "import enum"]
    if how == "enum-checker-metaclass-conflict":
        cls = _checker(bases="Checker, enum.Enum", head='PLAIN = "plain"')
        return e, f"{cls}\n\n{_entry('return MyChecker')}", {}
    made = {
        "enum-registry-value-good": "_Kinds.UPPER.value",
        "enum-member-returned": "_Kinds.UPPER",
        "enum-lookup-by-option-good": '_Kinds[options["style"].upper()].value',
    }[how]
    members = ["UPPER = MyChecker", "PLAIN = _Plain"] if "option" in how else ["UPPER = MyChecker"]
    plain = "class _Plain(MyChecker):\n    pass\n\n\n" if "option" in how else ""
    kinds = _cls("_Kinds", members, bases="enum.Enum")
    return e, f"{_checker()}\n\n{plain}{kinds}\n\n{_entry(f'return {made}')}", {}


def _e_callables(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "plugin-call-instance-good",
            "plugin-call-set-on-instance",
            "check-cached-property",
            "check-callable-attribute-good",
            "check-staticmethod-good",
            "registry-decorator-good",
            "registry-decorator-forgets-return-registry-good",
            "registry-decorator-forgets-return-name",
        ]
    )
    if how.startswith("plugin-call"):
        if how.endswith("good"):
            call = "def __call__(self, registry, options):\n    return MyChecker"
        else:
            call = "def __init__(self):\n    self.__call__ = lambda registry, options: MyChecker"
        return [API], f"{_checker()}\n\n{_cls('_Plugin', [call])}\n\nplugin = _Plugin()\n", {}
    if how == "check-cached-property":
        cls = _cls(
            "MyChecker",
            ["@functools.cached_property\ndef check(self):\n    return [self.options['level']]"],
            bases="Checker",
        )
        return [API, "import functools"], f"{cls}\n\n{ENTRY}", {}
    if how == "check-callable-attribute-good":
        upper = _cls("_Upper", ["def __call__(self, text):\n    return [text.upper()]"])
        cls = _cls("MyChecker", ["check = _Upper()"], bases="Checker")
        return [API], f"{upper}\n\n{cls}\n\n{ENTRY}", {}
    if how == "check-staticmethod-good":
        cls = _cls(
            "MyChecker",
            ["@staticmethod\ndef check(text):\n    return [text.upper()]"],
            bases="Checker",
        )
        return [API], f"{cls}\n\n{ENTRY}", {}
    returns = "" if "forgets" in how else "\n    return cls"
    registry = f"_CHECKERS = []\n\n\ndef checker(cls):\n    _CHECKERS.append(cls){returns}\n\n\n"
    made = "MyChecker" if how.endswith("name") else "_CHECKERS[0]"
    return [API], f"{registry}@checker\n{_checker()}\n\n{_entry(f'return {made}')}", {}


ENTRY_KINDS: dict[str, OtherKind] = {
    "e-generics": _e_generics,
    "e-match": _e_match,
    "e-dataclass-enum": _e_dataclass_enum,
    "e-callables": _e_callables,
}


def entry_variants(seed: int = 59, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(ENTRY_KINDS, seed + 5903, count):
        extra, body, siblings = ENTRY_KINDS[kind](rng)
        variants.append(
            _variant(f"ej{i:03d}", "entry", kind, "api=ehost", extra, body, siblings, rng)
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
    header = "\n".join([f'"""Fresh59 {contract} plugin: {kind}."""', "", *dict.fromkeys(extra)])
    if siblings:
        files = {f"{name}/{rel}": text for rel, text in siblings.items()}
        files[f"{name}/__init__.py"] = f"{header}\n\n\n{body.strip()}\n"
        return Variant(name, contract, kind, (trait, "package"), files)
    structure, files = _structure(rng, name, header, body)
    return Variant(name, contract, kind, (trait, structure), files)
