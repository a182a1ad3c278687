"""A generator family for the pluggy and factory hosts: how a name comes to be bound (issue 12).

Written by gen45 after listing every other family's kinds, for shapes none of them writes around
the host's export: a name bound twice (``X = None`` then the real one, the real one then
``None``, a bad definition shadowed by a good one and the reverse); definitions chosen by an
environment variable, the platform, the word size or the interpreter; hookimpls that live in a
class and reach the module as ``Impl.hook`` (a staticmethod, a classmethod, a plain method whose
``self`` pluggy strips and never passes, the marker above or below ``staticmethod``); star
imports through three modules with ``__all__`` (a list, a tuple, one copied from the next
module) letting a bad hookimpl through or keeping it out; exports fetched with
``importlib.import_module`` (with an ``ImportError`` fallback); names imported only under
``TYPE_CHECKING`` and then used in a body, a default, an evaluated or a string annotation;
firstresult and historic hooks with wrappers of both styles; class decorators that return the
class, None, a subclass, a factory or an instance; ``__init_subclass__`` with class keywords,
metaclasses whose ``__call__`` or ``__new__`` changes what the class makes; explicit subclasses
of the host's Protocol that inherit its stub methods; factories that are properties, callables,
class- or staticmethods, ``functools.cache`` wrappers, frozen dataclasses and ``__slots__``
classes. About half of the variants are healthy. The real loader (oracle.py) decides every
verdict; nothing here records an expectation.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.fresh15 import _indent
from differential.generate import Draw, Variant, _draws, _marker, _structure

Parts = tuple[list[str], str, dict[str, str]]
"""(extra import lines, module body, sibling files of a package: relative path -> text)"""
PluggyKind = Callable[[Draw, str, list[str]], Parts]
"""(generator, marker expression, the marker's import lines) -> parts"""
FactoryKind = Callable[[Draw], Parts]


def _hook(
    m: str | None,
    args: str = "page, context",
    body: str = "return str(page)",
    name: str = "dh_render",
    options: str = "",
) -> str:
    deco = f"@{m}{options}\n" if m else ""
    return f"{deco}def {name}({args}):\n{_indent(body)}\n"


GOOD = "page, context"
BAD = "page, bogus"
"""A hookimpl argument the spec does not have: pluggy's register() refuses it."""


# ---------------------------------------------------------------- pluggy


def _p_rebind(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "none-then-def",
            "def-then-none",
            "bad-then-good",
            "good-then-bad",
            "marked-twice",
            "private-then-marked",
            "del-then-bad",
            "unmarked-rebind",
        ]
    )
    good, bad = _hook(m, GOOD), _hook(m, BAD)
    body = {
        "none-then-def": f"dh_render = None\n\n\n{good}",
        "def-then-none": f"{bad}\n\ndh_render = None\n",
        "bad-then-good": f"{bad}\n\n{good}",
        "good-then-bad": f"{good}\n\n{bad}",
        "marked-twice": f"def _render({GOOD}):\n    return str(page)\n\n\n"
        f"dh_render = {m}(_render)\ndh_render = {m}(tryfirst=True)(_render)\n",
        "private-then-marked": f"_render = None\n\n\ndef _render({BAD}):\n    return page\n\n\n"
        f"def _render({GOOD}):\n    return str(page)\n\n\ndh_render = {m}(_render)\n",
        "del-then-bad": f"{good}\n\ndel dh_render\n\n\n{bad}",
        # unmarked: a plain manager skips it, a pytest-style one takes its prefixed name
        "unmarked-rebind": f"{good}\n\ndef _other({BAD}):\n    return page\n\n\n"
        "dh_render = _other\n",
    }[how]
    return [], body, {}


def _p_gate(rng: Draw, m: str, imports: list[str]) -> Parts:
    cond = rng.sub(
        [
            "sys.maxsize > 2**32",
            'os.environ.get("DH45_LEGACY")',
            'sys.implementation.name == "pypy"',
            'sys.platform.startswith("linux")',
            'not os.environ.get("DH45_LEGACY")',
            'os.name == "nt"',
            'sys.platform == "win32"',
            'os.environ.get("DH45_LEGACY", "") == ""',
        ]
    )
    bad_first = rng.random() < 0.5
    arms = (_hook(m, BAD), _hook(m, GOOD)) if bad_first else (_hook(m, GOOD), _hook(m, BAD))
    body = f"if {cond}:\n{_indent(arms[0])}\nelse:\n{_indent(arms[1])}\n"
    return ["import os", "import sys"], body, {}


def _p_class(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "static-marker-outside",
            "static-marker-inside-bad",
            "class-marker-outside",
            "class-marker-inside",
            "plain-method-from-class",
            "bound-method",
            "static-via-instance",
            "static-marker-outside-bad",
        ]
    )
    member = {
        "static-marker-outside": f"@staticmethod\n{_hook(m, GOOD)}",
        "static-marker-outside-bad": f"@staticmethod\n{_hook(m, BAD)}",
        # the marker lands on the staticmethod object, which Impl.dh_render does not return
        "static-marker-inside-bad": f"@{m}\n@staticmethod\n{_hook(None, BAD)}",
        "class-marker-outside": f"@classmethod\n{_hook(m, 'cls, page')}",
        "class-marker-inside": f"@{m}\n@classmethod\n{_hook(None, 'cls, page, bogus')}",
        # pluggy strips `self` from Impl.dh_render's names and never passes it
        "plain-method-from-class": _hook(m, "self, page"),
        "bound-method": _hook(m, "self, page"),
        "static-via-instance": f"@staticmethod\n{_hook(m, GOOD)}",
    }[how]
    source = "_Impl()" if how in ("bound-method", "static-via-instance") else "_Impl"
    body = f"class _Impl:\n{_indent(member)}\n\ndh_render = {source}.dh_render\n"
    return [], body, {}


def _p_star_chain(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "open",
            "inner-all-hides-bad",
            "inner-all-lets-bad",
            "middle-all-hides-bad",
            "middle-all-lets-bad",
            "middle-copies-inner-all",
            "middle-copies-inner-all-bad",
            "inner-all-tuple-empty",
        ]
    )
    bad_render = how.endswith("-bad") or "bad" in how.split("-all-")[-1]
    inner_all = {
        "open": "",
        "inner-all-hides-bad": '__all__ = ["dh_startup"]\n',
        "inner-all-lets-bad": '__all__ = ["dh_startup", "dh_render"]\n',
        "middle-copies-inner-all": '__all__ = ["dh_startup"]\n',
        "middle-copies-inner-all-bad": '__all__ = ["dh_render", "dh_startup"]\n',
        "inner-all-tuple-empty": "__all__ = ()\n",
    }.get(how, "")
    middle = "from .inner import *  # noqa: F403\n"
    if how == "middle-all-hides-bad":
        middle += '\n__all__ = ["dh_startup"]\n'
    elif how == "middle-all-lets-bad":
        middle += '\n__all__ = ["dh_render", "dh_startup"]\n'
    elif how.startswith("middle-copies"):
        middle = "from . import inner as _inner\nfrom .inner import *  # noqa: F403\n\n"
        middle += "__all__ = list(_inner.__all__)\n"
    render = _hook(m, BAD if bad_render else GOOD)
    inner = "\n".join(imports) + f"\n\n\n{_hook(m, 'config', 'return None', 'dh_startup')}"
    inner += f"\n\n{render}\n{inner_all}"
    siblings = {"middle.py": middle, "inner.py": inner}
    return [], "from .middle import *  # noqa: F403\n", siblings


def _p_import_module(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        ["relative", "relative-bad", "absolute-bad", "fallback", "fallback-bad", "missing"]
    )
    impl = "\n".join(imports) + "\n\n\n" + _hook(m, BAD if how.endswith("bad") else GOOD)
    if how.startswith("relative"):
        body = 'dh_render = importlib.import_module("._impl", __package__).dh_render\n'
        return ["import importlib"], body, {"_impl.py": impl}
    if how == "absolute-bad":
        body = '_impl = importlib.import_module(f"{__name__}._impl")\ndh_render = _impl.dh_render\n'
        return ["import importlib"], body, {"_impl.py": impl}
    if how.startswith("fallback"):
        body = (
            'try:\n    _impl = importlib.import_module("dh45_accelerated")\n'
            'except ImportError:\n    _impl = importlib.import_module("._impl", __package__)\n\n'
            "dh_render = _impl.dh_render\n"
        )
        return ["import importlib"], body, {"_impl.py": impl}
    body = 'dh_render = importlib.import_module("._gone", __package__).dh_render\n'
    return ["import importlib"], body, {"_impl.py": impl}


TC_IMPORT = "if TYPE_CHECKING:\n    from collections import OrderedDict\n"


def _type_checking(rng: Draw) -> tuple[str, list[str]]:
    """(how a name imported only under TYPE_CHECKING is used, the import lines)."""
    how = rng.sub(
        ["body", "future-annotation", "evaluated-annotation", "default", "string", "guarded"]
    )
    extra = ["from typing import TYPE_CHECKING"]
    if how == "future-annotation":
        extra.insert(0, "from __future__ import annotations")
    return how, extra


def _tc_parts(how: str, params: str, body: str) -> tuple[str, str]:
    """(params, body) of a function using ``OrderedDict`` as ``how`` says."""
    if how == "body":
        return params, f"_seen = OrderedDict()\n{body}"
    if how in ("future-annotation", "evaluated-annotation"):
        return f"{params}, extra: OrderedDict | None = None", body
    if how == "default":
        return f"{params}, extra=OrderedDict", body
    if how == "string":
        return f'{params}, extra: "OrderedDict | None" = None', body
    return params, f"if TYPE_CHECKING:\n    _seen = OrderedDict()\n{body}"


def _p_type_checking(rng: Draw, m: str, imports: list[str]) -> Parts:
    how, extra = _type_checking(rng)
    params, body = _tc_parts(how, "page", "return str(page)")
    return extra, f"{TC_IMPORT}\n\n{_hook(m, params, body)}", {}


def _p_special(rng: Draw, m: str, imports: list[str]) -> Parts:
    how = rng.sub(
        [
            "firstresult-genexp",
            "firstresult-wrapper-new",
            "firstresult-hookwrapper-old",
            "firstresult-wrapper-old-body",
            "historic-raises",
            "historic-tryfirst",
            "historic-hookwrapper",
            "hookwrapper-new-body",
        ]
    )
    if how == "firstresult-genexp":
        text = _hook(m, "request", "return (part for part in str(request).split())", "dh_handle")
    elif how == "firstresult-wrapper-new":
        body = "result = yield\nreturn result or 'default'"
        text = _hook(m, "request", body, "dh_handle", "(wrapper=True)")
    elif how == "firstresult-hookwrapper-old":
        body = "outcome = yield\noutcome.force_result(outcome.get_result() or 'default')"
        text = _hook(m, "request", body, "dh_handle", "(hookwrapper=True)")
    elif how == "firstresult-wrapper-old-body":
        body = "outcome = yield\noutcome.force_result(outcome.get_result() or 'default')"
        text = _hook(m, "request", body, "dh_handle", "(wrapper=True)")
    elif how == "historic-raises":
        body = 'raise RuntimeError(f"no greeting in {config!r}")'
        text = _hook(m, "config", body, "dh_configure")
    elif how == "historic-tryfirst":
        text = _hook(m, "config", "return len(config)", "dh_configure", "(tryfirst=True)")
    elif how == "historic-hookwrapper":
        text = _hook(m, "config", "yield", "dh_configure", "(hookwrapper=True)")
    else:  # an old-style wrapper whose body returns like a new-style one: the value is dropped
        body = "result = yield\nreturn result"
        text = _hook(m, "page", body, "dh_render", "(hookwrapper=True)")
    return [], text, {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "p-rebind": _p_rebind,
    "p-gate": _p_gate,
    "p-class-member": _p_class,
    "p-star-chain": _p_star_chain,
    "p-import-module": _p_import_module,
    "p-type-checking": _p_type_checking,
    "p-special-hooks": _p_special,
}


def pluggy_variants(seed: int = 45, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 4501, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m, imports)
        variants.append(
            _variant(
                f"pq{i:03d}",
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


def _worker(
    name: str = "Worker",
    bases: str = "",
    omit: tuple[str, ...] = (),
    run: str = "self.count = len(self.greeting)",
    head: str = "",
    init_params: str = "self, config",
) -> str:
    members = {
        "__init__": "def __init__(self):\n    self.greeting = ''",
        "init": f"def init({init_params}):\n    self.greeting = str(config.get('greeting', ''))",
        "run": f"def run(self):\n{_indent(run)}",
        "shutdown": "def shutdown(self, timeout):\n    self.greeting = ''",
    }
    parts = [head.strip()] if head.strip() else []
    parts += [text for key, text in members.items() if key not in omit]
    inner = "\n\n".join(parts) or "pass"
    return f"class {name}{f'({bases})' if bases else ''}:\n{_indent(inner)}\n"


NEW = "def new():\n    return Worker()\n"


def _f_rebind(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "new-none-then-def",
            "def-then-lambda-none",
            "impl-class-then-none",
            "class-none-then-class",
            "new-def-then-none",
            "impl-none-then-class",
            "optional-annotated",
            "lambda-then-def",
        ]
    )
    w = _worker()
    body = {
        "new-none-then-def": f"new = None\n\n\n{w}\n\n{NEW}",
        "new-def-then-none": f"{w}\n\n{NEW}\n\nnew = None\n",
        "impl-none-then-class": f"_impl = None\n\n\n{w}\n\n_impl = Worker\n\n\n"
        "def new():\n    return _impl()\n",
        "impl-class-then-none": f"{w}\n\n_impl = Worker\n\n\ndef new():\n    return _impl()\n\n\n"
        "_impl = None\n",
        "class-none-then-class": f"Worker = None\n\n\n{w}\n\n{NEW}",
        "optional-annotated": f"{w}\n\n_impl: type[Worker] | None = None\n\n\n"
        "def new():\n    assert _impl is not None\n    return _impl()\n\n\n_impl = Worker\n",
        "lambda-then-def": f"{w}\n\nnew = lambda: None  # noqa: E731\n\n\n{NEW}",
        "def-then-lambda-none": f"{w}\n\n{NEW}\n\nnew = lambda: None  # noqa: E731\n",
    }[how]
    return [], body, {}


def _f_gate(rng: Draw) -> Parts:
    cond = rng.sub(
        [
            "sys.maxsize > 2**32",
            'not os.environ.get("FH45_LEGACY")',
            'sys.implementation.name == "pypy"',
            'sys.platform != "win32"',
            'os.environ.get("FH45_LEGACY")',
            'sys.platform == "win32"',
        ]
    )
    broken = rng.choice(
        [
            _worker(omit=("shutdown",)),
            _worker(run="raise RuntimeError('legacy mode')"),
            _worker(init_params="self, config, extra"),
        ]
    )
    arms = (broken, _worker()) if rng.random() < 0.5 else (_worker(), broken)
    body = f"if {cond}:\n{_indent(arms[0])}\nelse:\n{_indent(arms[1])}\n\n{NEW}"
    return ["import os", "import sys"], body, {}


def _f_decorator(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "returns-class",
            "returns-none",
            "returns-subclass",
            "returns-factory",
            "returns-instance",
            "deletes-method",
            "adds-method",
            "wraps-in-function",
        ]
    )
    deco = {
        "returns-class": "REGISTRY.append(cls)\nreturn cls",
        "returns-none": "REGISTRY.append(cls)",
        "returns-subclass": "class Sub(cls):\n    def shutdown(self, timeout):\n"
        "        self.greeting = ''\n\nreturn Sub",
        "returns-factory": "return lambda: cls()",
        "returns-instance": "return cls()",
        "deletes-method": "del cls.shutdown\nreturn cls",
        "adds-method": "cls.shutdown = lambda self, timeout: None\nreturn cls",
        "wraps-in-function": "@functools.wraps(cls, updated=())\ndef make(*args):\n"
        "    return cls(*args)\n\nreturn make",
    }[how]
    omit = ("shutdown",) if how in ("returns-subclass", "adds-method") else ()
    body = (
        f"REGISTRY = []\n\n\ndef registered(cls):\n{_indent(deco)}\n\n\n"
        f"@registered\n{_worker(omit=omit)}\n\n{NEW}"
    )
    return ["import functools"], body, {}


def _f_class_hooks(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "init-subclass-raises",
            "init-subclass-keyword",
            "init-subclass-keyword-missing",
            "meta-call-dict",
            "meta-call-super",
            "meta-new-adds",
            "meta-call-singleton",
            "init-subclass-private-ok",
        ]
    )
    if how.startswith("init-subclass"):
        if how == "init-subclass-raises" or how == "init-subclass-private-ok":
            hook = "super().__init_subclass__(**kwargs)\nif not cls.__name__.startswith('_'):\n"
            hook += "    raise TypeError(f'{cls.__name__}: plugin classes must be private')"
            sig = "cls, **kwargs"
        else:
            hook = "super().__init_subclass__(**kwargs)\ncls.tag = tag"
            sig = "cls, tag, **kwargs"
        base = f"class _Base:\n    def __init_subclass__({sig}):\n{_indent(hook, ' ' * 8)}\n"
        bases = "_Base, tag='fast'" if how == "init-subclass-keyword" else "_Base"
        name = "_Worker" if how == "init-subclass-private-ok" else "Worker"
        tail = "def new():\n    return _Worker()\n" if name == "_Worker" else NEW
        return [], f"{base}\n\n{_worker(name, bases)}\n\n{tail}", {}
    meta = {
        "meta-call-dict": "def __call__(cls, *args, **kwargs):\n    return {'made': cls.__name__}",
        "meta-call-super": "def __call__(cls, *args, **kwargs):\n"
        "    return super().__call__(*args, **kwargs)",
        "meta-new-adds": "def __new__(mcs, name, bases, ns):\n"
        "    ns.setdefault('shutdown', lambda self, timeout: None)\n"
        "    return super().__new__(mcs, name, bases, ns)",
        "meta-call-singleton": "_made = None\n\ndef __call__(cls, *args, **kwargs):\n"
        "    if cls._made is None:\n        cls._made = super().__call__(*args, **kwargs)\n"
        "    return cls._made",
    }[how]
    omit = ("shutdown",) if how == "meta-new-adds" else ()
    text = f"class _Meta(type):\n{_indent(meta)}\n\n\n{_worker(bases='metaclass=_Meta', omit=omit)}"
    return [], f"{text}\n\n{NEW}", {}


def _f_protocol(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "omits-shutdown",
            "also-protocol",
            "incompatible-run",
            "complete",
            "init-only",
            "abstract-run-left",
        ]
    )
    base = "fhost.Plugin"
    if how == "complete":
        w = _worker(bases=base)
    elif how == "omits-shutdown":
        w = _worker(bases=base, omit=("shutdown",))
    elif how == "init-only":
        w = _worker(bases=base, omit=("run", "shutdown"))
    elif how == "incompatible-run":
        w = _worker(bases=base, omit=("run",), head="def run(self, extra):\n    self.extra = extra")
    elif how == "also-protocol":
        w = _worker(bases=f"{base}, Protocol")
    else:
        head = "@abc.abstractmethod\ndef run(self):\n    ..."
        w = _worker(bases=f"{base}, abc.ABC", omit=("run",), head=head)
    return ["import abc", "from typing import Protocol", "import fhost"], f"{w}\n\n{NEW}", {}


def _f_exports(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "chain-open",
            "chain-inner-all-hides",
            "chain-middle-all-hides",
            "chain-middle-copies",
            "getattr",
            "import-module",
            "import-module-wrong-name",
        ]
    )
    impl = f"{_worker()}\n\n{NEW}"
    if how.startswith("chain"):
        inner_all = {"chain-inner-all-hides": '\n__all__ = ["Worker"]\n'}.get(
            how, '\n__all__ = ["Worker", "new"]\n' if how == "chain-middle-copies" else ""
        )
        middle = "from .inner import *  # noqa: F403\n"
        if how == "chain-middle-all-hides":
            middle += '\n__all__ = ["Worker"]\n'
        elif how == "chain-middle-copies":
            middle = "from . import inner as _inner\nfrom .inner import *  # noqa: F403\n\n"
            middle += "__all__ = list(_inner.__all__)\n"
        siblings = {"middle.py": middle, "inner.py": impl + inner_all}
        return [], "from .middle import *  # noqa: F403\n", siblings
    if how == "getattr":
        body = (
            "def __getattr__(name):\n    if name == 'new':\n"
            "        from ._impl import new\n\n        return new\n"
            "    raise AttributeError(name)\n"
        )
        return [], body, {"_impl.py": impl}
    attr = "make" if how.endswith("wrong-name") else "new"
    body = f'new = getattr(importlib.import_module("._impl", __package__), "{attr}")\n'
    return ["import importlib"], body, {"_impl.py": impl}


def _f_type_checking(rng: Draw) -> Parts:
    how, extra = _type_checking(rng)
    params, body = _tc_parts(how, "self", "self.count = len(self.greeting)")
    w = _worker(omit=("run",), head=f"def run({params}):\n{_indent(body)}")
    return extra, f"{TC_IMPORT}\n\n{w}\n\n{NEW}", {}


def _f_factory(rng: Draw) -> Parts:
    how = rng.sub(
        [
            "frozen-dataclass",
            "plain-method",
            "slots-conflict",
            "callable-instance",
            "property",
            "class-itself",
            "classmethod",
            "staticmethod",
            "bound-clone",
            "cache",
            "slots-missing",
            "module-staticmethod",
        ]
    )
    w = _worker()
    if how == "property":
        return [], f"{w}\n\nnew = property(lambda: Worker())\n", {}
    if how == "callable-instance":
        text = "class _Factory:\n    def __call__(self):\n        return Worker()\n\n\n"
        text += "new = _Factory()\n"
        return [], f"{w}\n\n{text}", {}
    if how == "class-itself":
        return [], f"{w}\n\nnew = Worker\n", {}
    if how in ("classmethod", "staticmethod", "plain-method"):
        make = {
            "classmethod": "@classmethod\ndef create(cls):\n    return cls()",
            "staticmethod": "@staticmethod\ndef create():\n    return Worker()",
            "plain-method": "def create(self):\n    return self",
        }[how]
        return [], f"{_worker(head=make)}\n\nnew = Worker.create\n", {}
    if how == "bound-clone":
        head = "def clone(self):\n    return type(self)()"
        return [], f"{_worker(head=head)}\n\nnew = Worker().clone\n", {}
    if how == "cache":
        return ["import functools"], f"{w}\n\n@functools.cache\n{NEW}", {}
    if how == "frozen-dataclass":
        cls = (
            "@dataclasses.dataclass(frozen=True)\nclass Worker:\n    greeting: str = ''\n\n"
            "    def init(self, config):\n        self.greeting = str(config['greeting'])\n\n"
            "    def run(self):\n        return None\n\n"
            "    def shutdown(self, timeout):\n        return None\n"
        )
        return ["import dataclasses"], f"{cls}\n\n{NEW}", {}
    if how == "slots-conflict":
        head = "__slots__ = ('greeting',)\ngreeting = ''"
        return [], f"{_worker(head=head)}\n\n{NEW}", {}
    if how == "slots-missing":
        head = "__slots__ = ('greeting',)\n\ndef __init__(self):\n    self.greeting = ''"
        return [], f"{_worker(head=head, omit=('__init__',), run='self.count = 1')}\n\n{NEW}", {}
    return [], f"{w}\n\nnew = staticmethod(lambda: Worker())\n", {}


FACTORY_KINDS: dict[str, FactoryKind] = {
    "f-rebind": _f_rebind,
    "f-gate": _f_gate,
    "f-class-decorator": _f_decorator,
    "f-class-hooks": _f_class_hooks,
    "f-protocol-subclass": _f_protocol,
    "f-exports": _f_exports,
    "f-type-checking": _f_type_checking,
    "f-factory-shapes": _f_factory,
}


def factory_variants(seed: int = 45, count: int = 100) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 4502, count):
        extra, body, siblings = FACTORY_KINDS[kind](rng)
        variants.append(
            _variant(f"fq{i:03d}", "factory", kind, "api=fhost", extra, body, siblings, rng)
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
    future = [x for x in extra if x.startswith("from __future__")]
    rest = list(dict.fromkeys(x for x in extra if not x.startswith("from __future__")))
    header = "\n".join([f'"""Fresh45 {contract} plugin: {kind}."""', "", *future, *rest])
    if siblings:
        files = {f"{name}/__init__.py": f"{header}\n\n\n{body.strip()}\n"}
        files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
        structure = "package"
    else:
        structure, files = _structure(rng, name, header, body)
    return Variant(name, contract, kind, (trait, structure), files)
