"""A generator family for the pluggy and factory hosts: what happens when the host calls (issue 12).

Written by gen47 after listing every other family's kinds, for shapes none of them writes:
marker options the marker does not take (``first_result=True``), ``optionalhook`` on a hook that
has a spec, the host's ``hookspec`` marker on a plugin's function (a plain manager skips it, a
pytest-style one takes its prefixed name), ``specname`` wrappers under an unprefixed name;
new-style wrappers that return before their ``yield`` on the argument the host passes, or use
their result as the wrong type (a list from a plain hook, ``None`` from a firstresult one),
old-style hookwrappers that compute with the outcome; historic hooks that read a key the config
lacks, firstresult hooks that are generators or coroutines; packages whose hookimpls or factory
come from a PEP 562 ``__getattr__`` with or without ``__dir__`` (pluggy lists a module's names
through ``dir()``); names that exist only in newer ``typing`` (``override``, ``TypeIs``,
``ReadOnly``: absent on 3.11) or come from ``typing_extensions``, and its ``deprecated``
wrapper over a hookimpl; globals a hook body reads that are deleted, platform-gated, only
imported under ``TYPE_CHECKING`` or bound through ``globals()``; ``__init__``/``__new__``
signatures the factory's call does not fit; instance state that only some paths set (a key the
config lacks, a typo, an attribute only ``shutdown`` sets); config values used as the wrong type;
classes whose ``__abstractmethods__`` the plugin rewrites (before or after the subclass is
made, with ``abc.update_abstractmethods``). About half of the variants are healthy. The real
loader (oracle.py) decides every verdict; nothing here records an expectation.
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


def _p_options(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "typo-option",
            "tryfirst-and-trylast",
            "optional-known-bad",
            "optional-unknown-ok",
            "hookspec-marked-bad",
            "specname-wrapper-unprefixed",
            "wrapper-hookwrapper-false",
            "hookspec-marked-good",
        ]
    )
    if how == "typo-option":
        return [], _hook(m, "request", "return None", "dh_handle", "(first_result=True)"), {}
    if how == "tryfirst-and-trylast":
        return [], _hook(m, GOOD, options="(tryfirst=True, trylast=True)"), {}
    if how == "optional-known-bad":
        return [], _hook(m, BAD, options="(optionalhook=True)"), {}
    if how == "optional-unknown-ok":
        return [], _hook(m, "config", "return None", "dh_flush", "(optionalhook=True)"), {}
    if how.startswith("hookspec-marked"):
        args = BAD if how.endswith("bad") else GOOD
        return ["from dhost import hookspec"], _hook("hookspec", args), {}
    if how == "specname-wrapper-unprefixed":
        body = "result = yield\nreturn result"
        opts = '(specname="dh_handle", wrapper=True)'
        return [], _hook(m, "request", body, "handle_wrapper", opts), {}
    body = "result = yield\nreturn result"
    return [], _hook(m, "page", body, options="(wrapper=True, hookwrapper=False)"), {}


def _p_wrappers(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "return-before-yield-taken",
            "return-before-yield-not-taken",
            "list-result-as-str",
            "list-result-mapped",
            "firstresult-none-appended",
            "firstresult-none-defaulted",
            "hookwrapper-force-result",
            "hookwrapper-adds-to-outcome",
        ]
    )
    wrapper = "(wrapper=True)"
    if how.startswith("return-before-yield"):
        page = "index" if how.endswith("taken") and "not" not in how else "missing"
        body = f'if page == "{page}":\n    return ["cached"]\nresult = yield\nreturn result'
        return [], _hook(m, "page", body, options=wrapper), {}
    if how == "list-result-as-str":
        return [], _hook(m, "page", "result = yield\nreturn result.upper()", options=wrapper), {}
    if how == "list-result-mapped":
        body = "result = yield\nreturn [str(r).upper() for r in result]"
        return [], _hook(m, "page", body, options=wrapper), {}
    if how == "firstresult-none-appended":
        body = "result = yield\nresult.append(request)\nreturn result"
        return [], _hook(m, "request", body, "dh_handle", wrapper), {}
    if how == "firstresult-none-defaulted":
        body = 'result = yield\nreturn result if result is not None else "404"'
        return [], _hook(m, "request", body, "dh_handle", wrapper), {}
    old = "(hookwrapper=True)"
    if how == "hookwrapper-force-result":
        body = 'outcome = yield\nif outcome.get_result() is None:\n    outcome.force_result("404")'
        return [], _hook(m, "request", body, "dh_handle", old), {}
    return [], _hook(m, "request", "outcome = yield\nreturn outcome + 1", "dh_handle", old), {}


def _p_historic(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "historic-missing-key",
            "historic-present-key",
            "historic-tryfirst",
            "historic-wrapper",
            "firstresult-generator",
            "firstresult-generator-expression",
            "deprecated-hook",
            "firstresult-async",
        ]
    )
    if how == "historic-missing-key":
        return [], _hook(m, "config", 'return config["verbose"]', "dh_configure"), {}
    if how == "historic-present-key":
        return [], _hook(m, "config", 'return config["greeting"]', "dh_configure"), {}
    if how == "historic-tryfirst":
        return [], _hook(m, "config", "return None", "dh_configure", "(tryfirst=True)"), {}
    if how == "historic-wrapper":
        body = "result = yield\nreturn result"
        return [], _hook(m, "config", body, "dh_configure", "(wrapper=True)"), {}
    if how == "firstresult-generator":
        return [], _hook(m, "request", "yield request", "dh_handle"), {}
    if how == "firstresult-generator-expression":
        return [], _hook(m, "request", "return (c for c in request)", "dh_handle"), {}
    if how == "deprecated-hook":
        return [], _hook(m, "config", "return None", "dh_legacy"), {}
    text = _hook(m, "request", "return request", "dh_handle").replace("def ", "async def ")
    return [], text, {}


_LAZY = (
    "def __getattr__(name):\n"
    '    if name == "dh_render":\n'
    "{load}"
    "        return dh_render\n"
    "    raise AttributeError(name)\n"
)
_DIR = '\n\ndef __dir__():\n    return ["dh_render"]\n'


def _p_lazy(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "getattr-dir-good",
            "getattr-dir-bad",
            "getattr-no-dir-bad",
            "getattr-dir-missing-module",
            "import-module-dir-good",
            "dir-lists-unserved",
            "getattr-no-dir-good",
            "import-module-dir-bad",
        ]
    )
    head = "\n".join(imports) + "\n\n\n"
    args = BAD if how.endswith("bad") else GOOD
    siblings = {"_impl.py": head + _hook(m, args)}
    load = "        from ._impl import dh_render\n"
    extra: list[str] = []
    if how.startswith("import-module"):
        load = '        dh_render = importlib.import_module("._impl", __name__).dh_render\n'
        extra = ["import importlib"]
    if how == "getattr-dir-missing-module":
        load = "        from ._absent import dh_render\n"
    body = _LAZY.format(load=load)
    if how == "dir-lists-unserved":
        body += '\n\ndef __dir__():\n    return ["dh_render", "dh_startup"]\n'
    elif "no-dir" not in how:
        body += _DIR
    return extra, body, siblings


def _p_typing(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "typing-override",
            "override-fallback",
            "deprecated-outer-good",
            "deprecated-outer-bad",
            "typing-final",
            "typing-typeis",
            "extensions-typeis",
            "extensions-missing-name",
        ]
    )
    good = _hook(m, GOOD)
    if how == "typing-override":
        return ["from typing import override"], f"@override\n{_hook(None, GOOD)}", {}
    if how == "override-fallback":
        imports_ = [
            "try:\n    from typing import override\nexcept ImportError:\n"
            "    from typing_extensions import override"
        ]
        return imports_, good.replace("def ", "@override\ndef ", 1), {}
    if how.startswith("deprecated-outer"):
        args = BAD if how.endswith("bad") else GOOD
        text = f'@deprecated("implement dh_startup instead")\n{_hook(m, args)}'
        return ["from typing_extensions import deprecated"], text, {}
    if how == "typing-final":
        return ["from typing import final"], good.replace("def ", "@final\ndef ", 1), {}
    helper = "def _is_text(value: object) -> TypeIs[str]:\n    return isinstance(value, str)\n\n\n"
    text = helper + _hook(m, GOOD, "return page if _is_text(page) else str(page)")
    if how == "typing-typeis":
        return ["from typing import TypeIs"], text, {}
    if how == "extensions-typeis":
        return ["from typing_extensions import TypeIs"], text, {}
    return ["from typing_extensions import TypeIs, NoSuchThing  # noqa: F401"], text, {}


def _p_globals(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "undefined-global",
            "type-checking-only",
            "bound-through-globals",
            "defined-below",
            "deleted-after",
            "call-counter",
            "platform-gated-global",
            "closure-made",
        ]
    )
    use = "return _PREFIX + str(page)"
    if how == "undefined-global":
        return [], _hook(m, GOOD, use), {}
    if how == "type-checking-only":
        extra = ["from typing import TYPE_CHECKING"]
        body = "if TYPE_CHECKING:\n    from collections import OrderedDict\n\n\n"
        return extra, body + _hook(m, GOOD, "return OrderedDict(page=page)"), {}
    if how == "bound-through-globals":
        return [], 'globals()["_PREFIX"] = "> "\n\n\n' + _hook(m, GOOD, use), {}
    if how == "defined-below":
        return [], _hook(m, GOOD, use) + '\n\n_PREFIX = "> "\n', {}
    if how == "deleted-after":
        return [], '_PREFIX = "> "\n\n\n' + _hook(m, GOOD, use) + "\n\ndel _PREFIX\n", {}
    if how == "call-counter":
        body = (
            "global _CALLS\n_CALLS += 1\nif _CALLS > 1:\n"
            '    raise RuntimeError("rendered twice")\nreturn str(page)'
        )
        return [], "_CALLS = 0\n\n\n" + _hook(m, GOOD, body), {}
    if how == "platform-gated-global":
        gate = 'if sys.platform == "win32":\n    _PREFIX = "\\\\"\n\n\n'
        return ["import sys"], gate + _hook(m, GOOD, use), {}
    maker = (
        "def _make(prefix):\n"
        f"{_indent(_hook(m, GOOD, 'return prefix + str(page)'))}\n"
        "    return dh_render\n\n\n"
        'dh_render = _make("> ")\n'
    )
    return [], maker, {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "p-marker-options": _p_options,
    "p-wrapper-flow": _p_wrappers,
    "p-historic-firstresult": _p_historic,
    "p-lazy-package": _p_lazy,
    "p-typing-names": _p_typing,
    "p-hook-globals": _p_globals,
}


def pluggy_variants(seed: int = 47, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 4701, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m, imports)
        variants.append(
            _variant(
                f"ps{i:03d}",
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


def _f_init(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "init-required-arg",
            "init-default-arg",
            "init-keyword-only",
            "new-passes-extra",
            "dunder-new-arg",
            "mixin-init-required",
            "init-varargs",
            "super-init-extra",
        ]
    )
    if how == "new-passes-extra":
        return [], f'{_worker()}\n\ndef new():\n    return Worker("fast")\n', {}
    if how == "mixin-init-required":
        mixin = "class _Named:\n    def __init__(self, name):\n        self.name = name\n\n\n"
        w = _worker(bases="_Named", omit=("__init__",))
        return [], f"{mixin}{w}\n\n{NEW}", {}
    if how == "super-init-extra":
        base = "class _Base:\n    def __init__(self):\n        self.ready = True\n\n\n"
        head = 'def __init__(self):\n    super().__init__("fast")\n    self.greeting = ""'
        w = _worker(bases="_Base", omit=("__init__",), head=head)
        return [], f"{base}{w}\n\n{NEW}", {}
    head = {
        "init-required-arg": "def __init__(self, name):\n    self.greeting = name",
        "init-default-arg": 'def __init__(self, name="w"):\n    self.greeting = name',
        "init-keyword-only": "def __init__(self, *, name):\n    self.greeting = name",
        "dunder-new-arg": "def __new__(cls, name):\n    return super().__new__(cls)",
        "init-varargs": "def __init__(self, *args, **kwargs):\n    self.greeting = ''",
    }[how]
    omit = () if how == "dunder-new-arg" else ("__init__",)
    return [], f"{_worker(omit=omit, head=head)}\n\n{NEW}", {}


def _f_state(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "key-absent-guarded-attribute",
            "key-present-guarded-attribute",
            "attribute-only-shutdown-sets",
            "attribute-typo",
            "attributes-from-config-loop",
            "class-default-attribute",
            "post-init-attribute",
            "second-call-guard",
        ]
    )
    init = {
        "key-absent-guarded-attribute": 'if "verbose" in config:\n    self.verbose = True',
        "key-present-guarded-attribute": 'if "greeting" in config:\n    self.verbose = True',
        "attribute-typo": "self.greting = str(config.get('greeting', ''))",
        "attributes-from-config-loop": "for key, value in config.items():\n"
        "    setattr(self, key, value)",
        "class-default-attribute": 'if "verbose" in config:\n    self.verbose = True',
    }
    if how in init:
        run = (
            "self.count = len(self.greeting)"
            if how.startswith(("attribute-typo", "attributes"))
            else "self.count = 1 if self.verbose else 0"
        )
        head = f"def init(self, config):\n{_indent(init[how])}"
        if how == "class-default-attribute":
            head = f"verbose = False\n\n{head}"
        omit: tuple[str, ...] = ("init", "__init__") if how == "attribute-typo" else ("init",)
        return [], f"{_worker(omit=omit, head=head, run=run)}\n\n{NEW}", {}
    if how == "attribute-only-shutdown-sets":
        w = _worker(omit=("shutdown",), run="self.count = 0 if self.closed else 1")
        w += "\n    def shutdown(self, timeout):\n        self.closed = True\n"
        return [], f"{w}\n\n{NEW}", {}
    if how == "post-init-attribute":
        head = "greeting: str = ''\n\ndef __post_init__(self):\n    self.verbose = False"
        w = _worker(omit=("__init__",), head=head, run="self.count = int(self.verbose)")
        return ["import dataclasses"], f"@dataclasses.dataclass\n{w}\n\n{NEW}", {}
    run = (
        'if getattr(self, "ran", False):\n    raise RuntimeError("run twice")\n'
        "self.ran = True\nself.count = len(self.greeting)"
    )
    return [], f"{_worker(run=run)}\n\n{NEW}", {}


def _f_values(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "key-absent",
            "get-none-used",
            "get-default",
            "greeting-as-int",
            "greeting-upper",
            "timeout-as-range",
            "timeout-clamped",
            "config-mutated",
        ]
    )
    init = {
        "key-absent": 'self.level = int(config["level"])',
        "get-none-used": 'self.level = config.get("level")',
        "get-default": 'self.level = int(config.get("level", "1"))',
        "greeting-as-int": 'self.level = int(config["greeting"])',
        "greeting-upper": 'self.level = len(config["greeting"].upper())',
        "config-mutated": 'config["seen"] = "yes"\nself.level = 1',
    }
    if how in init:
        head = f"def init(self, config):\n{_indent(init[how])}\n    self.greeting = ''"
        w = _worker(omit=("init",), head=head, run="self.count = self.level + 1")
        return [], f"{w}\n\n{NEW}", {}
    body = (
        "for _ in range(timeout):\n    pass"
        if how == "timeout-as-range"
        else "self.waited = max(0.0, min(timeout, 1.0))"
    )
    w = _worker(omit=("shutdown",), head=f"def shutdown(self, timeout):\n{_indent(body)}")
    return [], f"{w}\n\n{NEW}", {}


def _f_typing(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "typing-override",
            "override-fallback",
            "typing-self",
            "deprecated-class",
            "typing-readonly",
            "extensions-readonly",
            "typing-typeis",
        ]
    )
    if how in ("typing-override", "override-fallback"):
        head = "@override\ndef __repr__(self):\n    return 'Worker()'"
        extra = (
            ["from typing import override"]
            if how == "typing-override"
            else [
                "try:\n    from typing import override\nexcept ImportError:\n"
                "    from typing_extensions import override"
            ]
        )
        return extra, f"{_worker(head=head)}\n\n{NEW}", {}
    if how == "typing-self":
        head = "def configured(self) -> Self:\n    return self"
        return ["from typing import Self"], f"{_worker(head=head)}\n\n{NEW}", {}
    if how == "deprecated-class":
        text = f'@deprecated("use the v2 worker")\n{_worker()}\n\n{NEW}'
        return ["from typing_extensions import deprecated"], text, {}
    if how in ("typing-readonly", "extensions-readonly"):
        source = "typing" if how == "typing-readonly" else "typing_extensions"
        td = "class _Settings(TypedDict):\n    greeting: ReadOnly[str]\n\n\n"
        return [f"from {source} import ReadOnly, TypedDict"], f"{td}{_worker()}\n\n{NEW}", {}
    head = "@staticmethod\ndef _is_text(value: object) -> TypeIs[str]:\n    return True"
    return ["from typing import TypeIs"], f"{_worker(head=head)}\n\n{NEW}", {}


def _f_lazy(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "getattr-new",
            "getattr-new-broken-worker",
            "getattr-serves-other-name",
            "getattr-submodule-named-new",
            "getattr-missing-dependency",
            "getattr-caches-in-globals",
        ]
    )
    w = _worker(omit=("shutdown",)) if how == "getattr-new-broken-worker" else _worker()
    impl = f"{w}\n\n{NEW}"
    if how == "getattr-missing-dependency":
        impl = f"import fh47_accelerator  # noqa: F401\n\n\n{impl}"
    served, load = "new", "        from ._impl import new\n        return new\n"
    if how == "getattr-serves-other-name":
        served, load = "New", "        from ._impl import new as New\n        return New\n"
    if how == "getattr-submodule-named-new":
        load = "        return importlib.import_module(f'.{name}', __name__)\n"
    if how == "getattr-caches-in-globals":
        load = "        from ._impl import new\n        globals()[name] = new\n        return new\n"
    body = (
        f'def __getattr__(name):\n    if name == "{served}":\n{load}'
        "    raise AttributeError(name)\n"
    )
    siblings = {"_impl.py": impl}
    extra: list[str] = []
    if how == "getattr-submodule-named-new":
        siblings = {"new.py": impl.replace("def new():", "def make():")}
        extra = ["import importlib"]
    return extra, body, siblings


def _f_abstract(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "cleared-on-own-class",
            "left-abstract",
            "cleared-on-base-before",
            "cleared-on-base-after",
            "updated-after-assignment",
            "assigned-without-update",
            "cleared-stub-raises",
        ]
    )
    stub = "raise NotImplementedError" if how == "cleared-stub-raises" else "return None"
    base = (
        "class _Base(abc.ABC):\n    @abc.abstractmethod\n    def run(self):\n"
        f"{_indent(stub, ' ' * 8)}\n\n\n"
    )
    w = _worker(bases="_Base", omit=("run",))
    run = "def _run(self):\n    self.count = len(self.greeting)\n\n\n"
    tail = {
        "cleared-on-own-class": "Worker.__abstractmethods__ = frozenset()\n",
        "cleared-stub-raises": "Worker.__abstractmethods__ = frozenset()\n",
        "left-abstract": "",
        "cleared-on-base-after": "_Base.__abstractmethods__ = frozenset()\n",
        "updated-after-assignment": f"{run}Worker.run = _run\nabc.update_abstractmethods(Worker)\n",
        "assigned-without-update": f"{run}Worker.run = _run\n",
    }
    if how == "cleared-on-base-before":
        body = f"{base}_Base.__abstractmethods__ = frozenset()\n\n\n{w}\n\n{NEW}"
    else:
        body = f"{base}{w}\n\n{tail[how]}\n\n{NEW}"
    return ["import abc"], body, {}


FACTORY_KINDS: dict[str, FactoryKind] = {
    "f-init-signature": _f_init,
    "f-instance-state": _f_state,
    "f-config-values": _f_values,
    "f-typing-names": _f_typing,
    "f-lazy-package": _f_lazy,
    "f-abstract-rewritten": _f_abstract,
}


def factory_variants(seed: int = 47, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 4702, count):
        extra, body, siblings = FACTORY_KINDS[kind](rng)
        variants.append(
            _variant(f"fs{i:03d}", "factory", kind, "api=fhost", extra, body, siblings, rng)
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
    rest = list(dict.fromkeys(extra))
    header = "\n".join([f'"""Fresh47 {contract} plugin: {kind}."""', "", *rest])
    if siblings:
        files = {f"{name}/__init__.py": f"{header}\n\n\n{body.strip()}\n"}
        files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
        structure = "package"
    else:
        structure, files = _structure(rng, name, header, body)
    return Variant(name, contract, kind, (trait, structure), files)
