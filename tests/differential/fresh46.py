"""A generator family for the pluggy and factory hosts: the object model around the export.

Issue 12.

Written by gen46 after listing every other family's kinds, for shapes none of them writes:
definitions gated by an environment variable read through a module constant, ``os.getenv``,
``from os import environ``, ``in os.environ`` or a truthy default, and by variables the host
does pass (``PATH``); ``try``/``except ImportError`` fallbacks and ``sys.platform`` imports
choosing the module a hookimpl or the plugin class comes from; re-exports through three modules
under other names, ``del`` of a name still used, a good name shadowed by a later import;
module-level ``property``/``cached_property`` objects and ``typing.overload`` stubs carrying
the marker; hookimpls and classes generated with ``exec``, ``types.FunctionType`` and
``type()``; descriptors and properties where the host calls a method; NamedTuple, Enum and
slotted dataclass plugin classes; ``__class_getitem__`` in the factory; classmethod and
staticmethod factories that return the class or need an argument; metaclasses whose
``__call__`` returns something other than an instance; class decorators that delete or replace
a method the host calls. About half of the variants are healthy. The real loader (oracle.py)
decides every verdict; nothing here records an expectation.
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

ENV_TESTS = [
    # (import lines, module-level prelude, the test): none of the DH46_ variables is set in the
    # host's run; PATH is.
    (["import os"], "", 'os.environ.get("DH46_FAST")'),
    (["import os"], "", 'os.getenv("DH46_FAST", "1")'),
    (["from os import environ"], "", '"DH46_FAST" in environ'),
    (["import os"], 'FAST = os.environ.get("DH46_FAST", "") == "1"\n', "FAST"),
    (["import os"], 'FAST = os.getenv("DH46_FAST") is not None\n', "not FAST"),
    (["import os"], "", 'os.environ.get("PATH")'),
    (["import os as _os"], "", 'not _os.environ.get("DH46_SLOW")'),
    (["import os"], "", 'os.environ.get("DH46_MODE", "fast") == "fast"'),
]


# ---------------------------------------------------------------- pluggy


def _p_env(rng: Draw, m: str, imports: list[str]) -> Parts:
    extra, prelude, test = rng.sub(ENV_TESTS)
    arms = (
        (_hook(m, BAD), _hook(m, GOOD)) if rng.random() < 0.5 else (_hook(m, GOOD), _hook(m, BAD))
    )
    body = f"{prelude}\n\nif {test}:\n{_indent(arms[0])}\nelse:\n{_indent(arms[1])}\n"
    return extra, body, {}


def _p_fallback(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "try-missing-good",
            "try-missing-bad",
            "try-present-bad",
            "try-present-good",
            "platform-linux-bad",
            "platform-win-bad",
            "platform-else-bad",
            "try-attribute-error",
        ]
    )
    head = "\n".join(imports) + "\n\n\n"
    good, bad = head + _hook(m, GOOD), head + _hook(m, BAD)
    if how.startswith("try"):
        fast = {
            "try-missing-good": "import dh46_accelerator  # noqa: F401\n\n" + bad,
            "try-missing-bad": "import dh46_accelerator  # noqa: F401\n\n" + good,
            "try-present-bad": bad,
            "try-present-good": good,
            "try-attribute-error": good,
        }[how]
        slow = bad if how in ("try-missing-bad", "try-attribute-error") else good
        caught = "(ImportError, AttributeError)" if how == "try-attribute-error" else "ImportError"
        src = "from ._fast import dh_render"
        if how == "try-attribute-error":
            src = "from . import _fast\n\n    dh_render = _fast.dh_render_fast"
        body = f"try:\n    {src}\nexcept {caught}:\n    from ._slow import dh_render\n"
        return [], body, {"_fast.py": fast, "_slow.py": slow}
    cond = {
        "platform-linux-bad": 'sys.platform.startswith("linux")',
        "platform-win-bad": 'sys.platform == "win32"',
        "platform-else-bad": 'sys.platform in ("win32", "cygwin")',
    }[how]
    first, second = (bad, good) if how != "platform-else-bad" else (good, bad)
    body = f"if {cond}:\n    from ._one import dh_render\nelse:\n    from ._two import dh_render\n"
    return ["import sys"], body, {"_one.py": first, "_two.py": second}


def _p_names(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "chain-alias-bad",
            "chain-alias-good",
            "shadowed-by-later-import-bad",
            "shadowed-by-later-import-good",
            "del-helper-after-use",
            "del-hook-after-use",
            "del-then-reimport-bad",
            "chain-alias-unmarked",
        ]
    )
    head = "\n".join(imports) + "\n\n\n"
    if how.startswith("chain"):
        text = _hook(m, BAD if how.endswith("bad") else GOOD, name="render_page")
        if how == "chain-alias-unmarked":
            text = _hook(None, BAD, name="render_page")
        siblings = {
            "_core.py": head + text,
            "_middle.py": "from ._core import render_page as render\n",
            "_outer.py": "from ._middle import render as page_renderer\n",
        }
        return [], "from ._outer import page_renderer as dh_render\n", siblings
    if how.startswith("shadowed"):
        late = BAD if how.endswith("bad") else GOOD
        siblings = {
            "_good.py": head + _hook(m, GOOD),
            "_late.py": head
            + _hook(m, late)
            + "\n\n"
            + _hook(m, "config", "return None", "dh_startup"),
        }
        body = (
            "from ._good import dh_render\nfrom ._late import dh_startup, dh_render  # noqa: F811\n"
        )
        return [], body, siblings
    if how == "del-helper-after-use":
        body = f"def _render({BAD}):\n    return page\n\n\n"
        body += f"_render_ok = {m}(lambda page, context: str(page))\n"
        body += "dh_render = _render_ok\ndel _render, _render_ok\n"
        return [], body, {}
    if how == "del-hook-after-use":
        body = f"{_hook(m, BAD)}\n\nRENDERERS = [dh_render]\ndel dh_render\n"
        return [], body, {}
    body = f"{_hook(m, GOOD)}\n\ndel dh_render\nfrom ._bad import dh_render  # noqa: E402\n"
    return [], body, {"_bad.py": head + _hook(m, BAD)}


def _p_objects(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "marked-property",
            "property-unmarked",
            "overload-stub-marked-bad",
            "overload-final-marked-good",
            "cached-property",
            "marked-partial",
            "overload-final-marked-bad",
            "overload-stub-marked-good",
        ]
    )
    if how == "marked-property":  # a property object takes no attributes: the marker raises
        return [], f"dh_render = {m}(property(lambda self: None))\n", {}
    if how == "property-unmarked":
        return [], "dh_render = property(lambda self: None)\n", {}
    if how == "cached-property":
        return (
            ["import functools"],
            f"dh_render = {m}(functools.cached_property(lambda self: 1))\n",
            {},
        )
    if how == "marked-partial":
        body = "def _render(prefix, page, context):\n    return prefix + str(page)\n\n\n"
        body += f'dh_render = {m}(functools.partial(_render, "> "))\n'
        return ["import functools"], body, {}
    final_args = BAD if how.endswith("bad") else GOOD
    stub_marked = "stub-marked" in how
    stub_deco = f"@{m}\n@overload" if stub_marked else "@overload"
    stub = f"{stub_deco}\ndef dh_render(page: int, context: dict) -> str: ...\n"
    final = _hook(None if stub_marked else m, final_args)
    return ["from typing import overload"], f"{stub}\n\n{final}", {}


def _p_generated(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "exec-def-bad",
            "exec-def-good",
            "function-type-bad",
            "function-type-good",
            "exec-marked-in-source",
            "exec-marked-in-source-bad",
            "compile-lambda-bad",
        ]
    )
    if how.startswith("exec-def"):
        args = BAD if how.endswith("bad") else GOOD
        body = f'_ns = {{}}\nexec("def dh_render({args}):\\n    return str(page)\\n", _ns)\n'
        body += f'dh_render = {m}(_ns["dh_render"])\n'
        return [], body, {}
    if how.startswith("exec-marked"):
        args = BAD if how.endswith("bad") else GOOD
        body = f'exec("@{m}\\ndef dh_render({args}):\\n    return str(page)\\n")\n'
        return [], body, {}
    if how == "compile-lambda-bad":
        body = f'dh_render = {m}(eval("lambda page, bogus: str(page)"))\n'
        return [], body, {}
    args = "page, bogus" if how.endswith("bad") else "page, context"
    body = (
        f"def _template({args}):\n    return str(page)\n\n\n"
        "dh_render = types.FunctionType(_template.__code__, globals(), 'dh_render')\n"
        f"dh_render = {m}(dh_render)\n"
    )
    return ["import types"], body, {}


def _p_class_plugin(rng: Draw, m: str, imports: list[str]) -> Parts:
    """Hookimpls on class- and staticmethods of a class the module exports an instance of."""
    how = rng.sub(
        [
            "instance-static-bad",
            "instance-class-good",
            "instance-static-good",
            "instance-class-bad",
            "instance-dataclass-field",
            "instance-enum-member",
        ]
    )
    if how.startswith("instance-static"):
        member = f"@staticmethod\n{_hook(m, BAD if how.endswith('bad') else GOOD)}"
    elif how.startswith("instance-class"):
        member = (
            f"@classmethod\n{_hook(m, 'cls, page, bogus' if how.endswith('bad') else 'cls, page')}"
        )
    elif how == "instance-dataclass-field":
        body = (
            "@dataclasses.dataclass\nclass _Impl:\n    prefix: str = '>'\n\n"
            f"{_indent(_hook(m, 'self, page, bogus'))}\n\n_impl = _Impl()\n"
            "dh_render = _impl.dh_render\n"
        )
        return ["import dataclasses"], body, {}
    else:
        body = (
            f"class _Impl(enum.Enum):\n    ONLY = 1\n\n{_indent(_hook(m, 'self, page'))}\n\n"
            "dh_render = _Impl.ONLY.dh_render\n"
        )
        return ["import enum"], body, {}
    body = f"class _Impl:\n{_indent(member)}\n\ndh_render = _Impl().dh_render\n"
    return [], body, {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "p-env-gate": _p_env,
    "p-fallback-import": _p_fallback,
    "p-names": _p_names,
    "p-objects": _p_objects,
    "p-generated": _p_generated,
    "p-class-plugin": _p_class_plugin,
}


def pluggy_variants(seed: int = 46, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 4601, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m, imports)
        variants.append(
            _variant(
                f"pr{i:03d}",
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


def _broken(rng: Draw) -> str:
    return rng.choice(
        [
            _worker(omit=("shutdown",)),
            _worker(run="raise RuntimeError('slow mode')"),
            _worker(init_params="self, config, extra"),
        ]
    )


def _f_env(rng: Draw) -> Parts:
    extra, prelude, test = rng.sub(ENV_TESTS)
    arms = (_broken(rng), _worker()) if rng.random() < 0.5 else (_worker(), _broken(rng))
    body = f"{prelude}\n\nif {test}:\n{_indent(arms[0])}\nelse:\n{_indent(arms[1])}\n\n{NEW}"
    return extra, body, {}


def _f_env_factory(rng: Draw) -> Parts:
    """The factory itself under the switch: defined only in one branch, or two factories."""
    extra, prelude, test = rng.sub(ENV_TESTS[::-1])
    how = rng.sub(["only-if", "two", "only-else"])
    w = _worker()
    if how == "two":
        arms = (NEW, "def new():\n    return None\n")
        if rng.random() < 0.5:
            arms = arms[::-1]
        gate = f"if {test}:\n{_indent(arms[0])}\nelse:\n{_indent(arms[1])}\n"
    elif how == "only-if":
        gate = f"if {test}:\n{_indent(NEW)}\n"
    else:
        gate = f"if {test}:\n    pass\nelse:\n{_indent(NEW)}\n"
    return extra, f"{prelude}\n\n{w}\n\n{gate}", {}


def _f_fallback(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "try-missing-good",
            "try-missing-bad",
            "try-present-bad",
            "platform-linux-bad",
            "platform-win-bad",
            "try-present-good",
        ]
    )
    good = f"{_worker()}"
    bad = f"{_worker(omit=('shutdown',))}"
    if how.startswith("try"):
        fast = {
            "try-missing-good": "import fh46_accelerator  # noqa: F401\n\n\n" + bad,
            "try-missing-bad": "import fh46_accelerator  # noqa: F401\n\n\n" + good,
            "try-present-bad": bad,
            "try-present-good": good,
        }[how]
        slow = bad if how == "try-missing-bad" else good
        body = "try:\n    from ._fast import Worker\nexcept ImportError:\n"
        body += f"    from ._slow import Worker\n\n\n{NEW}"
        return [], body, {"_fast.py": fast, "_slow.py": slow}
    cond = (
        'sys.platform.startswith("linux")'
        if how == "platform-linux-bad"
        else 'sys.platform == "win32"'
    )
    body = (
        f"if {cond}:\n    from ._one import Worker\nelse:\n    from ._two import Worker\n\n\n{NEW}"
    )
    return ["import sys"], body, {"_one.py": bad, "_two.py": good}


def _f_names(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "chain-alias",
            "del-class-after-new",
            "del-helper",
            "shadowed-by-later-import",
            "shadowed-good-later",
            "chain-alias-bad",
        ]
    )
    if how.startswith("chain"):
        core = _worker(omit=("shutdown",) if how.endswith("bad") else ()) + "\n\n" + NEW
        siblings = {
            "_core.py": core.replace("def new():", "def build():"),
            "_middle.py": "from ._core import build as make\n",
            "_outer.py": "from ._middle import make as create\n",
        }
        return [], "from ._outer import create as new\n", siblings
    if how == "del-class-after-new":
        return [], f"{_worker()}\n\n{NEW}\n\ndel Worker\n", {}
    if how == "del-helper":
        helper = "def _greeting(config):\n    return str(config.get('greeting', ''))\n"
        return (
            [],
            f"{helper}\n\n{_worker()}\n\n{NEW}\n\nGREETING = _greeting({{}})\ndel _greeting\n",
            {},
        )
    late, early = (_worker(omit=("shutdown",)), _worker())
    if how == "shadowed-good-later":
        late, early = early, late
    body = f"from ._early import Worker\nfrom ._late import Worker  # noqa: F811\n\n\n{NEW}"
    return [], body, {"_early.py": early, "_late.py": late}


def _f_descriptors(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "run-property",
            "shutdown-staticmethod",
            "run-cached-property-callable",
            "run-partialmethod",
            "init-property",
            "run-custom-descriptor",
            "shutdown-class-attribute-none",
            "run-lambda-attribute",
        ]
    )
    tail = {
        "run-property": "@property\ndef run(self):\n    return None",
        "run-cached-property-callable": "@functools.cached_property\ndef run(self):\n"
        "    return lambda: None",
        "run-partialmethod": "def _run(self, times):\n    self.count = times\n\n"
        "run = functools.partialmethod(_run, 1)",
        "run-custom-descriptor": "run = _Callable()",
        "run-lambda-attribute": "run = lambda self: None  # noqa: E731",
    }
    if how in tail:
        w = _worker(omit=("run",), head=tail[how])
    elif how == "shutdown-staticmethod":
        w = _worker(
            omit=("shutdown",), head="@staticmethod\ndef shutdown(timeout):\n    return None"
        )
    elif how == "init-property":
        w = _worker(omit=("init",), head="@property\ndef init(self):\n    return dict")
    else:
        w = _worker(omit=("shutdown",), head="shutdown = None")
    desc = (
        "class _Callable:\n    def __get__(self, obj, owner=None):\n"
        "        return lambda: None\n\n\n"
    )
    return ["import functools"], f"{desc}{w}\n\n{NEW}", {}


def _f_classes(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "namedtuple",
            "enum-member",
            "slots-dataclass-extra",
            "dataclass-plain",
            "namedtuple-readonly-ok",
            "enum-class-returned",
            "frozen-dataclass-replace",
        ]
    )
    methods = (
        "    def init(self, config):\n        self.greeting = str(config.get('greeting', ''))\n\n"
        "    def run(self):\n        return None\n\n"
        "    def shutdown(self, timeout):\n        return None\n"
    )
    ro = methods.replace("self.greeting = str(config.get('greeting', ''))", "return None")
    if how in ("namedtuple", "namedtuple-readonly-ok"):
        members = methods if how == "namedtuple" else ro
        body = f"class Worker(NamedTuple):\n    greeting: str = ''\n\n{members}"
        return ["from typing import NamedTuple"], f"{body}\n\n{NEW}", {}
    if how.startswith("enum"):
        body = f"class Worker(enum.Enum):\n    ONLY = 1\n\n{methods}"
        new = (
            "def new():\n    return Worker.ONLY\n"
            if how == "enum-member"
            else "def new():\n    return Worker\n"
        )
        return ["import enum"], f"{body}\n\n{new}", {}
    if how == "slots-dataclass-extra":
        body = f"@dataclasses.dataclass(slots=True)\nclass Worker:\n    count: int = 0\n\n{methods}"
        return ["import dataclasses"], f"{body}\n\n{NEW}", {}
    if how == "frozen-dataclass-replace":
        body = f"@dataclasses.dataclass(frozen=True)\nclass Worker:\n    greeting: str = ''\n\n{ro}"
        return ["import dataclasses"], f"{body}\n\n{NEW}", {}
    body = f"@dataclasses.dataclass\nclass Worker:\n    greeting: str = ''\n\n{methods}"
    return ["import dataclasses"], f"{body}\n\n{NEW}", {}


def _f_factories(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "classmethod-default-arg",
            "classmethod-required-keyword",
            "staticmethod-returns-class",
            "class-getitem-alias",
            "class-getitem-missing",
            "class-getitem-returns-cls",
            "staticmethod-instance",
            "singledispatch-factory",
        ]
    )
    if how == "classmethod-default-arg":
        head = "@classmethod\ndef create(cls, debug=False):\n    return cls()"
        return [], f"{_worker(head=head)}\n\nnew = Worker.create\n", {}
    if how == "classmethod-required-keyword":
        head = "@classmethod\ndef create(cls, *, debug):\n    return cls()"
        return [], f"{_worker(head=head)}\n\nnew = Worker.create\n", {}
    if how == "staticmethod-returns-class":
        head = "@staticmethod\ndef create():\n    return Worker"
        return [], f"{_worker(head=head)}\n\nnew = Worker.create\n", {}
    if how == "staticmethod-instance":
        head = "@staticmethod\ndef create():\n    return Worker()"
        return [], f"{_worker(head=head)}\n\nnew = Worker().create\n", {}
    if how == "singledispatch-factory":
        body = (
            f"{_worker()}\n\n@functools.singledispatch\ndef new(flavour=None):\n"
            "    return Worker()\n\n\n@new.register\ndef _(flavour: int):\n    return None\n"
        )
        return ["import functools"], body, {}
    head = {
        "class-getitem-alias": "",
        "class-getitem-missing": "",
        "class-getitem-returns-cls": "def __class_getitem__(cls, item):\n    return cls",
    }[how]
    bases = "Generic[T]" if how == "class-getitem-alias" else ""
    new = "def new():\n    return Worker[int]()\n"
    extra = ["from typing import Generic, TypeVar"] if bases else []
    pre = 'T = TypeVar("T")\n\n\n' if bases else ""
    return extra, f"{pre}{_worker(bases=bases, head=head)}\n\n{new}", {}


def _f_generated(rng: Draw) -> Parts:
    how = rng.sub(
        ["type-full", "type-missing-shutdown", "exec-class", "exec-class-bad", "type-from-base"]
    )
    methods = (
        "def _init(self, config):\n    self.greeting = str(config.get('greeting', ''))\n\n\n"
        "def _run(self):\n    return None\n\n\n"
        "def _shutdown(self, timeout):\n    return None\n\n\n"
    )
    if how.startswith("type"):
        members = '{"init": _init, "run": _run'
        members += "" if how == "type-missing-shutdown" else ', "shutdown": _shutdown'
        members += "}"
        bases = "(_Base,)" if how == "type-from-base" else "()"
        pre = "class _Base:\n    pass\n\n\n" if how == "type-from-base" else ""
        return [], f'{pre}{methods}Worker = type("Worker", {bases}, {members})\n\n\n{NEW}', {}
    src = _worker(omit=("shutdown",) if how.endswith("bad") else ())
    return [], f"_SOURCE = {src!r}\nexec(_SOURCE)\n\n\n{NEW}", {}


def _f_metaclass(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "call-returns-dict",
            "call-returns-none",
            "call-returns-class",
            "call-returns-proxy",
            "call-super",
            "call-returns-tuple",
            "call-wraps-instance",
        ]
    )
    call = {
        "call-returns-dict": "return {'made': cls.__name__}",
        "call-returns-none": "super().__call__(*args, **kwargs)",
        "call-returns-class": "return cls",
        "call-returns-proxy": "return _Proxy(super().__call__(*args, **kwargs))",
        "call-super": "instance = super().__call__(*args, **kwargs)\nreturn instance",
        "call-returns-tuple": "return (super().__call__(*args, **kwargs),)",
        "call-wraps-instance": "instance = super().__call__(*args, **kwargs)\n"
        "instance.made = True\nreturn instance",
    }[how]
    proxy = (
        "class _Proxy:\n    def __init__(self, inner):\n        self.inner = inner\n\n"
        "    def init(self, config):\n        self.inner.init(config)\n\n"
        "    def run(self):\n        self.inner.run()\n\n"
        "    def shutdown(self, timeout):\n        self.inner.shutdown(timeout)\n\n\n"
    )
    meta = (
        f"class _Meta(type):\n    def __call__(cls, *args, **kwargs):\n{_indent(call, ' ' * 8)}\n"
    )
    return [], f"{proxy}{meta}\n\n{_worker(bases='metaclass=_Meta')}\n\n{NEW}", {}


def _f_decorator(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "del-run",
            "delattr-shutdown",
            "set-run-none",
            "replace-shutdown-property",
            "del-unrelated",
            "del-then-readd",
            "setattr-none-init",
            "replace-run-wrapped",
        ]
    )
    deco = {
        "del-run": "del cls.run\nreturn cls",
        "delattr-shutdown": 'delattr(cls, "shutdown")\nreturn cls',
        "set-run-none": "cls.run = None\nreturn cls",
        "replace-shutdown-property": "cls.shutdown = property(lambda self: None)\nreturn cls",
        "del-unrelated": "del cls.helper\nreturn cls",
        "del-then-readd": "original = cls.run\ndel cls.run\ncls.run = original\nreturn cls",
        "setattr-none-init": 'setattr(cls, "init", None)\nreturn cls',
        "replace-run-wrapped": "original = cls.run\n\n\n@functools.wraps(original)\n"
        "def run(self):\n    return original(self)\n\n\ncls.run = run\nreturn cls",
    }[how]
    head = "def helper(self):\n    return None" if how == "del-unrelated" else ""
    body = f"def _tweak(cls):\n{_indent(deco)}\n\n\n@_tweak\n{_worker(head=head)}\n\n{NEW}"
    return ["import functools"], body, {}


FACTORY_KINDS: dict[str, FactoryKind] = {
    "f-env-gate": _f_env,
    "f-env-factory": _f_env_factory,
    "f-fallback-import": _f_fallback,
    "f-names": _f_names,
    "f-descriptors": _f_descriptors,
    "f-plugin-classes": _f_classes,
    "f-factory-objects": _f_factories,
    "f-generated": _f_generated,
    "f-metaclass-call": _f_metaclass,
    "f-class-decorator": _f_decorator,
}


def factory_variants(seed: int = 46, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 4602, count):
        extra, body, siblings = FACTORY_KINDS[kind](rng)
        variants.append(
            _variant(f"fr{i:03d}", "factory", kind, "api=fhost", extra, body, siblings, rng)
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
    header = "\n".join([f'"""Fresh46 {contract} plugin: {kind}."""', "", *rest])
    if siblings:
        files = {f"{name}/__init__.py": f"{header}\n\n\n{body.strip()}\n"}
        files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
        structure = "package"
    else:
        structure, files = _structure(rng, name, header, body)
    return Variant(name, contract, kind, (trait, structure), files)
