"""A generator family for gen32's setup-function and stage hosts (issue 12, entry_hosts.py).

Written by gen32 for the hosts no other family writes for: three setup-function hosts that differ
in what they accept back (``setup(app, options)`` returning None, ``setup(app)`` returning a dict
with required keys, ``create(options)`` returning a ``Handler`` instance the host then calls) and
a subclass host whose base takes two arguments and has overridable methods called in turn
(``prepare``, ``process``, ``close``). Each kind mutates one thing around what the host uses:
the entry function's parameters (arity, defaults, ``*args``/``**kwargs``, keyword- and
positional-only), what it returns (on every path or on one), the host API it calls, aliases and
re-exports, decorators, dead branches, failures on a path the host takes or not, imports; the
class's ``__init__``, its overridden methods (async, generators, properties, class attributes
bound to functions or builtins, staticmethods), ``__init_subclass__``, metaclasses and class
decorators. About half of the variants are healthy look-alikes. The real loader (oracle.py,
modes ``setup-none``, ``setup-mapping``, ``setup-instance``, ``stage``) decides every verdict;
nothing here records an expectation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from differential.fresh15 import _import_failure, _indent
from differential.generate import Draw, Variant, _draws, _structure

Parts = tuple[list[str], str, dict[str, str]]
"""(extra import lines, module body, sibling files of a package plugin: relative path -> text)"""


class Api:
    """How a variant names the host's API: ``from xhost import App``, ``import xhost``..."""

    def __init__(self, rng: Draw, module: str, names: tuple[str, ...]) -> None:
        self.style = rng.choice(["from", "module", "alias"])
        prefix = {"from": "", "module": f"{module}.", "alias": "api."}[self.style]
        self.ref = {name: prefix + name for name in names}
        self.imports = {
            "from": [f"from {module} import {', '.join(names)}"],
            "module": [f"import {module}"],
            "alias": [f"import {module} as api"],
        }[self.style]
        self.annotated = rng.random() < 0.5
        self.module, self.base = module, self.ref[names[-1]]  # for fresh15._import_failure


# ---------------------------------------------------------------- the three setup hosts


@dataclass(frozen=True)
class Host:
    key: str
    """``none``, ``mapping`` or ``instance``."""
    export: str
    params: tuple[str, ...]
    returns: str
    """The healthy function's last line."""

    def annotation(self, a: Api, param: str) -> str:
        return a.ref["App"] if param == "app" else "dict[str, str]"

    def result(self, a: Api) -> str:
        return {"none": "None", "mapping": "dict[str, object]", "instance": a.ref["Handler"]}[
            self.key
        ]


HOSTS = {
    "none": Host("none", "setup", ("app", "options"), ""),
    "mapping": Host(
        "mapping", "setup", ("app",), 'return {"version": "1.0", "parallel_safe": True}'
    ),
    "instance": Host("instance", "create", ("options",), "return Shout(options)"),
}
META = 'META = {"version": "1.0", "parallel_safe": True}\n'


def _prelude(h: Host, a: Api) -> str:
    """What every setup plugin defines before its entry function."""
    text = "def shout(text):\n    return text.upper()\n"
    if h.key == "instance":
        sig = "(self, request: str) -> str" if a.annotated else "(self, request)"
        text += (
            f"\n\nclass Shout({a.ref['Handler']}):\n    def handle{sig}:\n"
            "        return request.upper()\n"
        )
    return text


def _use(h: Host) -> str:
    """The healthy body's first line: what it does with what the host passes."""
    if h.key == "instance":
        return 'level = int(options.get("level", "0"))'
    return 'app.add_handler("shout", shout)'


def _body(h: Host, use: str | None = None, returns: str | None = None) -> str:
    lines = [_use(h) if use is None else use, h.returns if returns is None else returns]
    return "\n".join(line for line in lines if line) or "pass"


def _fn(
    h: Host,
    a: Api,
    body: str | None = None,
    params: str | None = None,
    name: str = "",
    prefix: str = "",
) -> str:
    """The entry function; annotated (for some variants) only with the host's own parameters."""
    if params is None and a.annotated:
        params = ", ".join(f"{p}: {h.annotation(a, p)}" for p in h.params)
        ret = f" -> {h.result(a)}"
    else:
        params = ", ".join(h.params) if params is None else params
        ret = ""
    body = _body(h) if body is None else body
    return f"{prefix}def {name or h.export}({params}){ret}:\n{_indent(body)}\n"


def _module(h: Host, a: Api, *parts: str) -> str:
    return "\n\n".join([_prelude(h, a), *parts])


def _k_arity(rng: Draw, h: Host, a: Api) -> Parts:
    own = ", ".join(h.params)
    params = rng.sub(
        [
            own,
            ", ".join(h.params[:-1]),
            f"{own}, extra",
            f"{own}, extra=None",
            "*args",
            "**kwargs",
            "*args, **kwargs",
            f"{h.params[0]}, *, {', '.join(h.params[1:]) or 'flag'}",
            f"{own}, /",
            ", ".join(f"{p}=None" for p in h.params),
            f"*, {own}",
        ]
    )
    body = {
        "none": "_CALLS.append(1)",
        "mapping": "return dict(META)",
        "instance": "return Shout({})",
    }[h.key]
    return [], _module(h, a, "_CALLS = []\n" + META, _fn(h, a, body, params)), {}


RETURNS = {
    "none": [
        "return True",
        "return app",
        "return None",
        "return",
        'if options.get("style") == "plain":\n    return "plain"',
        'if options.get("style") == "fancy":\n    return "fancy"',
        "return app.add_handler('loud', shout)",
        "return _register(app)",
        "return _count(app)",
        "yield",
        "async",
        "return print('registered')",
    ],
    "mapping": [
        'return {"version": "1.0", "parallel_safe": True}',
        "return None",
        'return {"version": "1.0"}',
        'return {"version": "1.0", "parallel-safe": True}',
        'return dict(version="1.0", parallel_safe=True)',
        'return dict(version="1.0")',
        '_BASE = {"version": "1.0"}\nreturn {**_BASE, "parallel_safe": False}',
        'return collections.OrderedDict(version="1.0", parallel_safe=True)',
        "return types.MappingProxyType(META)",
        "return META",
        "return dict.fromkeys(KEYS, True)",
        "return {key: True for key in KEYS[:1]}",
        'meta = {"version": "1.0"}\nif app.config.get("style") == "plain":\n'
        '    meta["parallel_safe"] = True\nreturn meta',
        'meta = {"version": "1.0"}\nif app.config.get("style") == "fancy":\n'
        '    meta["parallel_safe"] = True\nreturn meta',
        'return [("version", "1.0"), ("parallel_safe", True)]',
        "yield META",
        "async",
    ],
    "instance": [
        "return Shout(options)",
        "return Shout",
        "return Shout()",
        "return None",
        "return Duck(options)",
        "return [Shout(options)]",
        "return _SHARED",
        'return Shout(options) if options.get("style") == "plain" else None',
        'return None if options.get("style") == "plain" else Shout(options)',
        "return Virtual(options)",
        "return Closing(options)",
        "yield Shout(options)",
        "async",
    ],
}
RETURN_HELPERS = {
    "none": "def _register(app):\n    app.add_handler('loud', shout)\n\n\n"
    "def _count(app):\n    app.add_handler('loud', shout)\n    return len(app.handlers)\n",
    "mapping": 'KEYS = ("version", "parallel_safe")\n' + META,
    "instance": (
        "class Duck:\n    def __init__(self, options):\n        self.options = options\n\n"
        "    def handle(self, request):\n        return request\n\n\n"
        "class Virtual(Duck):\n    pass\n\n\n"
        "class Closing(Duck):\n    def close(self):\n        pass\n\n\n"
        "HANDLER.register(Virtual)\nHANDLER.register(Closing)\n_SHARED = Shout({})\n"
    ),
}


def _k_returns(rng: Draw, h: Host, a: Api) -> Parts:
    line = rng.sub(RETURNS[h.key])
    prefix = ""
    if line == "async":
        prefix, line = "async ", h.returns or "return None"
    helpers = RETURN_HELPERS[h.key].replace("HANDLER", a.ref["Handler"])
    body = _body(h, returns=line)
    extra = ["import collections", "import types"] if h.key == "mapping" else []
    return extra, _module(h, a, helpers, _fn(h, a, body, prefix=prefix)), {}


HOST_USES = {
    "app": [
        'app.add_handler("shout", shout)',
        'app.add_handler("shout", "shout")',
        'app.add_handlers("shout", shout)',
        'app.add_handler("shout", shout)\napp.add_handler("shout", shout)',
        'app.add_handler("shout", shout)\napp.add_handler("loud", shout)',
        'app.handlers["shout"] = shout',
        'getattr(app, "add_handler")("shout", shout)',
        'if hasattr(app, "add_filter"):\n    app.add_filter(shout)',
        'level = app.config["level"]',
        'level = app.config["verbosity"]',
        'level = app.config.get("verbosity", "0")',
        'app.add_config_value("greeting")',
        'app.add_config_value("greeting", "hi")',
        'app.connect("build-finished", shout)',
        'app.add_handler(name="shout", handler=shout)',
        'app.add_handler(shout, "shout")',
    ],
    "options": [
        'level = int(options["level"])',
        'level = int(options["style"])',
        'level = options["verbosity"]',
        'level = options.get("verbosity", "1")',
        'style = options["style"].upper()',
        'options.setdefault("verbosity", "2")',
        "level = options.level",
        "level, = options.values()",
        "level, style = options.values()",
    ],
}


def _k_host_api(rng: Draw, h: Host, a: Api) -> Parts:
    use = rng.sub(HOST_USES["options" if h.key == "instance" else "app"])
    return [], _module(h, a, _fn(h, a, _body(h, use=use))), {}


def _k_alias(rng: Draw, h: Host, a: Api) -> Parts:
    own = ", ".join(h.params)
    how = rng.sub(
        [
            "alias",
            "partial-good",
            "partial-over",
            "callable-good",
            "callable-wrong",
            "staticmethod",
            "lambda",
            "class",
            "bound-method",
        ]
    )
    inner = _fn(h, a, name="_impl", params=f"{own}, extra=None" if "partial" in how else None)
    tail = {
        "alias": f"{h.export} = _impl",
        "partial-good": f"{h.export} = functools.partial(_impl, extra=1)",
        "partial-over": f"{h.export} = functools.partial(_impl, {h.params[-1]}=None)",
        "callable-good": f"class _Entry:\n    def __call__(self, {own}):\n"
        f"        return _impl({own})\n\n\n{h.export} = _Entry()",
        "callable-wrong": f"class _Entry:\n    def __call__(self):\n        return None\n\n\n"
        f"{h.export} = _Entry()",
        "staticmethod": f"{h.export} = staticmethod(_impl)",
        "lambda": f"{h.export} = lambda {own}: _impl({own})  # noqa: E731",
        "class": f"class {h.export}:\n    def __init__(self, {own}):\n        _impl({own})\n",
        "bound-method": f"class _Holder:\n    def run(self, {own}):\n"
        f"        return _impl({own})\n\n\n{h.export} = _Holder().run",
    }[how]
    return ["import functools"], _module(h, a, inner, tail), {}


def _k_reexport(rng: Draw, h: Host, a: Api) -> Parts:
    how = rng.sub(["named", "private", "all-without", "all-with", "module-attr", "getattr"])
    impl = "\n".join(a.imports) + "\n\n\n" + _module(h, a, _fn(h, a, name="_impl"))
    public = f"{h.export} = _impl\n"
    if how == "all-without":
        impl += f'\n\n{public}__all__ = ["shout"]\n'
    elif how == "all-with":
        impl += f'\n\n{public}__all__ = ["shout", "{h.export}"]\n'
    elif how in ("named", "module-attr"):
        impl += f"\n\n{public}"
    elif how == "getattr":
        impl += f'\n\ndef __getattr__(name):\n    if name == "{h.export}":\n        return _impl\n'
        impl += "    raise AttributeError(name)\n"
    line = {
        "named": f"from .impl import {h.export}",
        "private": f"from .impl import _impl as {h.export}",
        "all-without": "from .impl import *  # noqa: F403",
        "all-with": "from .impl import *  # noqa: F403",
        "module-attr": f"from . import impl\n\n{h.export} = impl.{h.export}",
        "getattr": f"from .impl import {h.export}",
    }[how]
    return [], f"{line}\n", {"impl.py": impl}


DECORATORS = {
    "wraps": "def traced(fn):\n    @functools.wraps(fn)\n    def inner(*args, **kwargs):\n"
    "        return fn(*args, **kwargs)\n\n    return inner\n",
    "drops-result": "def traced(fn):\n    @functools.wraps(fn)\n    def inner(*args, **kwargs):\n"
    "        fn(*args, **kwargs)\n\n    return inner\n",
    "forgetful": "def traced(fn):\n    _SEEN.append(fn)\n\n\n_SEEN = []\n",
    "one-argument": "def traced(fn):\n    def inner(first):\n        return fn(first)\n\n"
    "    return inner\n",
    "class-based": "class traced:\n    def __init__(self, fn):\n        self.fn = fn\n\n"
    "    def __call__(self, *args, **kwargs):\n        return self.fn(*args, **kwargs)\n",
    "factory-no-parens": "def traced(level=1):\n    def deco(fn):\n        return fn\n\n"
    "    return deco\n",
    "factory-called": "def traced(level=1):\n    def deco(fn):\n        return fn\n\n"
    "    return deco\n",
}


def _k_decorated(rng: Draw, h: Host, a: Api) -> Parts:
    how = rng.sub([*DECORATORS, "lru-cache", "cache-noargs"])
    helper = DECORATORS.get(how, "")
    deco = {
        "lru-cache": "functools.lru_cache(maxsize=None)",
        "cache-noargs": "functools.cache",
        "factory-called": "traced()",
    }.get(how, "traced")
    return ["import functools"], _module(h, a, *filter(None, [helper]), f"@{deco}\n{_fn(h, a)}"), {}


def _k_dead_code(rng: Draw, h: Host, a: Api) -> Parts:
    how = rng.sub(
        [
            "type-checking",
            "new-python",
            "old-python",
            "redefined-good",
            "redefined-bad",
            "deleted",
            "try-else",
            "main-guard",
        ]
    )
    good, bad = _fn(h, a), _fn(h, a, params="")
    head = ["import sys", "from typing import TYPE_CHECKING"]
    text = {
        "type-checking": f"if TYPE_CHECKING:\n\n{_indent(good)}",
        "new-python": f"if sys.version_info >= (3, 8):\n\n{_indent(good)}\nelse:\n\n{_indent(bad)}",
        "old-python": f"if sys.version_info < (3, 8):\n\n{_indent(good)}\nelse:\n\n{_indent(bad)}",
        "redefined-good": f"{bad}\n\n{good}",
        "redefined-bad": f"{good}\n\n{bad}",
        "deleted": f"{good}\n\ndel {h.export}",
        "try-else": f"try:\n    import json\nexcept ImportError:\n\n{_indent(bad)}\nelse:\n\n"
        f"{_indent(good)}",
        "main-guard": f'if __name__ == "__main__":\n\n{_indent(good)}',
    }[how]
    return head, _module(h, a, text), {}


def _k_some_path(rng: Draw, h: Host, a: Api) -> Parts:
    source = "options" if h.key != "mapping" else "app.config"
    cond = rng.sub(
        [
            f'{source}.get("style") == "plain"',
            f'{source}.get("style") == "fancy"',
            'os.environ.get("GEN32_STRICT")',
            'not os.environ.get("GEN32_STRICT")',
            "sys.platform == 'win32'",
            "sys.version_info >= (3, 8)",
            "sys.flags.optimize > 5",
            f'"level" in {source}',
        ]
    )
    fails = rng.choice(['raise RuntimeError("unsupported")', "1 / 0", "assert False"])
    guarded = rng.random() < 0.3
    check = f"if {cond}:\n    {fails}"
    if guarded:
        check = f"try:\n{_indent(check)}\nexcept Exception:\n    pass"
    body = f"{check}\n{_body(h)}"
    return ["import os", "import sys"], _module(h, a, _fn(h, a, body)), {}


def _k_import_failure(rng: Draw, h: Host, a: Api) -> Parts:
    return _import_failure(rng, a, lambda body: _module(h, a, _fn(h, a, body)), _body(h))


HANDLER_MEMBERS = [
    "def handle(self, request):\n    return request.upper()",
    "async def handle(self, request):\n    return request.upper()",
    "def handle(self, request):\n    yield request.upper()",
    "def handle(self):\n    return ''",
    "def handle(self, request, extra):\n    return request",
    "def handle(self, request, extra=None):\n    return request",
    "def handle(self, *args):\n    return args[0]",
    "@staticmethod\ndef handle(request):\n    return request",
    "@classmethod\ndef handle(cls, request):\n    return request",
    "@property\ndef handle(self):\n    return str.upper",
    "@property\ndef handle(self):\n    return None",
    "handle = _handle",
    "handle = str.upper",
    "handle = print",
    "handle = staticmethod(str.upper)",
    "def handle(self, request):\n    return request\n\ndef close(self, force):\n    pass",
    "def handle(self, request):\n    return request\n\ndef close(self, force=False):\n    pass",
    "def handle(self, request):\n    return request\n\nclose = None",
    "def handle(self, request):\n    return request\n\nasync def close(self):\n    pass",
    "def handle(self, request):\n    return self.prefix + request",
    "def handle(self, request):\n    return self.options['style'] + request",
    "def handle(self, request):\n    return self.options['verbosity'] + request",
    "def __init__(self):\n    super().__init__({})\n\n"
    "def handle(self, request):\n    return request",
    "def handle(self, request):\n    return request\n\ndef __init_subclass__(cls, **kw):\n"
    "    raise TypeError('final')",
]


def _k_handler(rng: Draw, h: Host, a: Api) -> Parts:
    """(instance host) The product's class: what the host calls on what ``create`` returns."""
    member = rng.sub(HANDLER_MEMBERS)
    helper = "def _handle(self, request):\n    return request.upper()\n"
    cls = f"class Shout({a.ref['Handler']}):\n{_indent(member)}\n"
    if "__init_subclass__" in member:
        cls += "\n\nclass Final(Shout):\n    pass\n"
    text = "\n\n".join(["def shout(text):\n    return text.upper()\n", helper, cls, _fn(h, a)])
    return [], text, {}


SETUP_KINDS: dict[str, Callable[[Draw, Host, Api], Parts]] = {
    "setup-arity": _k_arity,
    "setup-returns": _k_returns,
    "setup-host-api": _k_host_api,
    "setup-alias": _k_alias,
    "setup-reexport": _k_reexport,
    "setup-decorated": _k_decorated,
    "setup-dead-code": _k_dead_code,
    "setup-some-path": _k_some_path,
    "setup-import-failure": _k_import_failure,
}
INSTANCE_KINDS = {**SETUP_KINDS, "setup-handler": _k_handler}


def _setup_variants(key: str, prefix: str, seed: int, count: int) -> list[Variant]:
    h = HOSTS[key]
    kinds = INSTANCE_KINDS if key == "instance" else SETUP_KINDS
    contract = {"none": "setupnone", "mapping": "setupmap", "instance": "setupinst"}[key]
    out = []
    for i, kind, rng in _draws(kinds, seed, count):
        a = Api(rng, "xhost", ("App", "Handler"))
        extra, body, siblings = kinds[kind](rng, h, a)
        out.append(_variant(f"{prefix}{i:03d}", contract, kind, a, extra, body, siblings, rng))
    return out


def _variant(
    name: str,
    contract: str,
    kind: str,
    a: Api,
    extra: list[str],
    body: str,
    siblings: dict[str, str],
    rng: Draw,
) -> Variant:
    header = "\n".join([f'"""Fresh32 {contract} plugin: {kind}."""', "", *extra, *a.imports])
    if siblings:
        files = {f"{name}/__init__.py": f"{header}\n\n\n{body}"}
        files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
        structure = "package"
    else:
        structure, files = _structure(rng, name, header, body)
    traits = (f"api={a.style}", "annotated" if a.annotated else "unannotated", structure)
    return Variant(name, contract, kind, traits, files)


SETUPNONE_KINDS = SETUP_KINDS
SETUPMAP_KINDS = SETUP_KINDS
SETUPINST_KINDS = INSTANCE_KINDS


def setupnone_variants(seed: int = 32, count: int = 90) -> list[Variant]:
    return _setup_variants("none", "xn", seed + 3201, count)


def setupmap_variants(seed: int = 32, count: int = 90) -> list[Variant]:
    return _setup_variants("mapping", "xm", seed + 3202, count)


def setupinst_variants(seed: int = 32, count: int = 100) -> list[Variant]:
    return _setup_variants("instance", "xi", seed + 3203, count)


# ---------------------------------------------------------------- the stage host


def _stage(a: Api, members: str = "", name: str = "Plugin", bases: str = "") -> str:
    sig = "(self, items: list[str]) -> list[str]" if a.annotated else "(self, items)"
    process = f"def process{sig}:\n    return [item.upper() for item in items]"
    body = f"{members}\n\n{process}" if members else process
    if "def process" in members or "process =" in members:
        body = members
    return f"class {name}({bases or a.ref['Stage']}):\n{_indent(body)}\n"


def _g_init(rng: Draw, a: Api) -> Parts:
    init = rng.sub(
        [
            "def __init__(self, name, options):\n    super().__init__(name, options)",
            "def __init__(self, options):\n    super().__init__('stage', options)",
            "def __init__(self, *args, **kwargs):\n    super().__init__(*args, **kwargs)",
            "def __init__(self, name, options, extra):\n    super().__init__(name, options)",
            "def __init__(self, name, options, extra=None):\n    super().__init__(name, options)",
            "def __init__(self, name, **options):\n    super().__init__(name, options)",
            "def __init__(self, name, options):\n    super().__init__(options)",
            "def __init__(self, name, options):\n    super().__init__(name=name, options=options)",
            "def __init__(self, name, options, /):\n    super().__init__(name, options)",
            "def __init__(self, name, options):\n    self.level = int(options['level'])\n"
            "    super().__init__(name, options)",
            "def __init__(self, name, options):\n    self.level = int(options['style'])\n"
            "    super().__init__(name, options)",
            "def __init__(self, *, name, options):\n    super().__init__(name, options)",
        ]
    )
    return [], _stage(a, init), {}


def _g_prepare(rng: Draw, a: Api) -> Parts:
    member = rng.sub(
        [
            "def prepare(self):\n    self.ready = True",
            "def prepare(self, context):\n    self.ready = True",
            "def prepare(self, context=None):\n    self.ready = True",
            "async def prepare(self):\n    self.ready = True",
            "def prepare(self):\n    yield",
            "prepare = None",
            "@property\ndef prepare(self):\n    return lambda: None",
            "@property\ndef prepare(self):\n    return 'ready'",
            "prepare = staticmethod(lambda: None)",
            "prepare = _prepare",
            "prepare = print",
            "prepare = str.strip",
            "prepare = dict.clear",
            "@classmethod\ndef prepare(cls):\n    cls.ready = True",
            "def prepare(self):\n    return super().prepare()",
            "def prepare(self):\n    return super().setup()",
        ]
    )
    helper = "def _prepare(self):\n    self.ready = True\n\n\n"
    return [], helper + _stage(a, member), {}


def _g_process(rng: Draw, a: Api) -> Parts:
    member = rng.sub(
        [
            "def prepare(self):\n    self.seen = []\n\n"
            "def process(self, items):\n    self.seen.extend(items)\n    return self.seen",
            "def close(self):\n    self.seen = []\n\n"
            "def process(self, items):\n    self.seen.extend(items)\n    return self.seen",
            "def process(self, items):\n    self.items = list(items)",
            "def process(self, items):\n    for item in items:\n        yield item.upper()",
            "def process(self, items):\n    yield from items\n    raise ValueError('done')",
            "process = _process",
            "process = sorted",
            "process = staticmethod(sorted)",
            "def process(self, items):\n    return map(str.upper, items)",
            "def process(self, items):\n    return len(items)",
            "def process(self, items):\n    return {item: 1 for item in items}",
            "def process(self, items):\n    return super().process(items)",
            "def process(self, items):\n    return [self.name + item for item in items]",
            "def process(self, items):\n    return [self.options['style'] + i for i in items]",
            "def process(self, items):\n    return [self.options['verbosity'] + i for i in items]",
            "async def process(self, items):\n    return items",
            "def process(self, items, *, limit):\n    return items[:limit]",
            "def process(self, items, limit=10):\n    return items[:limit]",
        ]
    )
    helper = "def _process(self, items):\n    return list(items)\n\n\n"
    return [], helper + _stage(a, member), {}


def _g_close(rng: Draw, a: Api) -> Parts:
    member = rng.sub(
        [
            "def close(self):\n    self.closed = True",
            "def close(self, force):\n    self.closed = True",
            "def close(self, force=False):\n    self.closed = True",
            "close = None",
            "async def close(self):\n    self.closed = True",
            "def close(self):\n    raise NotImplementedError",
            "def close(self):\n    del self.options",
            "def close(self):\n    del self.missing",
            "def close(self):\n    self.handle.close()",
            "def close(self):\n    return super().close()",
            "def close(self):\n    if self.options.get('style') == 'plain':\n"
            "        raise RuntimeError('plain')",
            "def close(self):\n    if self.options.get('style') == 'fancy':\n"
            "        raise RuntimeError('fancy')",
            "close = property(lambda self: self.describe)",
            "def describe(self):\n    return 'x'\n\nclose = describe",
        ]
    )
    return [], _stage(a, member), {}


def _g_class(rng: Draw, a: Api) -> Parts:
    how = rng.sub(
        [
            "init-subclass-ok",
            "init-subclass-raises",
            "init-subclass-sets-process",
            "meta-abc",
            "meta-type",
            "decorator-returns-class",
            "decorator-returns-none",
            "total-ordering",
            "slots",
            "abstract-left",
            "abstract-own",
            "mixin-after",
            "mixin-first",
            "type-made",
        ]
    )
    base, head = a.ref["Stage"], ["import abc", "import functools"]
    pre, cls = "", _stage(a)
    if how.startswith("init-subclass"):
        hook = {
            "init-subclass-ok": "REGISTRY.append(cls)",
            "init-subclass-raises": "if not cls.__name__.startswith('_'):\n"
            "    raise TypeError('stages are final')",
            "init-subclass-sets-process": "cls.process = lambda self, items: list(items)",
        }[how]
        pre = (
            f"REGISTRY = []\n\n\nclass _Base({base}):\n"
            f"    def __init_subclass__(cls, **kwargs):\n"
            f"        super().__init_subclass__(**kwargs)\n{_indent(hook, ' ' * 8)}\n\n\n"
        )
        cls = (
            "class Plugin(_Base):\n    pass\n"
            if how.endswith("process")
            else _stage(a, bases="_Base")
        )
    elif how.startswith("meta"):
        meta = "abc.ABCMeta" if how == "meta-abc" else "type"
        pre = f"class _Meta({meta}):\n    pass\n\n\n"
        cls = _stage(a, bases=f"{base}, metaclass=_Meta")
    elif how.startswith("decorator"):
        ret = "cls" if how.endswith("class") else "None"
        pre = (
            f"def registered(cls):\n    REGISTRY.append(cls)\n    return {ret}\n\n\n"
            "REGISTRY = []\n\n\n"
        )
        cls = "@registered\n" + cls
    elif how == "total-ordering":
        cls = "@functools.total_ordering\n" + cls
    elif how == "slots":
        cls = _stage(a, "__slots__ = ('ready',)\n\ndef prepare(self):\n    self.other = True")
    elif how == "abstract-left":
        cls = f"class Plugin({base}):\n    def prepare(self):\n        pass\n"
    elif how == "abstract-own":
        cls = _stage(a, "@abc.abstractmethod\ndef close(self):\n    pass")
    elif how.startswith("mixin"):
        pre = "class _Mixin:\n    def process(self, items):\n        return list(items)\n\n\n"
        bases = f"{base}, _Mixin" if how == "mixin-after" else f"_Mixin, {base}"
        cls = f"class Plugin({bases}):\n    pass\n"
    else:
        pre = "def _process(self, items):\n    return list(items)\n\n\n"
        cls = f'Plugin = type("Plugin", ({base},), {{"process": _process}})\n'
    return head, pre + cls, {}


def _g_export(rng: Draw, a: Api) -> Parts:
    how = rng.sub(
        [
            "alias",
            "instance",
            "function",
            "reexport",
            "star-without",
            "star-with",
            "type-checking",
            "redefined-bad",
            "redefined-good",
            "deleted",
            "grandchild",
            "duck",
        ]
    )
    impl = _stage(a, name="Upper")
    if how in ("reexport", "star-without", "star-with"):
        body = "\n".join(a.imports) + "\n\n\n" + impl + "\n\nPlugin = Upper\n"
        if how != "reexport":
            names = '"Upper", "Plugin"' if how == "star-with" else '"Upper"'
            body += f"__all__ = [{names}]\n"
        line = (
            "from .impl import Plugin" if how == "reexport" else "from .impl import *  # noqa: F403"
        )
        return [], f"{line}\n", {"impl.py": body}
    tail = {
        "alias": "Plugin = Upper",
        "instance": 'Plugin = Upper("stage", {})',
        "function": "def Plugin(name, options):\n    return Upper(name, options)",
        "type-checking": "if TYPE_CHECKING:\n    Plugin = Upper",
        "redefined-bad": "Plugin = Upper\nPlugin = None",
        "redefined-good": "Plugin = None\nPlugin = Upper",
        "deleted": "Plugin = Upper\ndel Plugin",
        "grandchild": "class Plugin(Upper):\n    pass",
        "duck": "class Plugin:\n    def __init__(self, name, options):\n        pass\n\n"
        "    def process(self, items):\n        return items",
    }[how]
    return ["from typing import TYPE_CHECKING"], f"{impl}\n\n{tail}\n", {}


def _g_some_path(rng: Draw, a: Api) -> Parts:
    where = rng.choice(["prepare", "process", "close", "__init__"])
    cond = rng.sub(
        [
            "self.name == 'stage'",
            "self.name != 'stage'",
            "'a' in items",
            "not items",
            "os.environ.get('GEN32_STRICT')",
            "self.options.get('style') == 'plain'",
            "self.options.get('level') == '9'",
        ]
    )
    if "items" in cond:
        where = "process"
    if where == "__init__":
        cond = cond.replace("self.name", "name").replace("self.options", "options")
    fails = rng.choice(["raise RuntimeError('unsupported')", "1 / 0"])
    check = f"if {cond}:\n    {fails}"
    sig = {
        "prepare": "(self)",
        "process": "(self, items)",
        "close": "(self)",
        "__init__": "(self, name, options)",
    }[where]
    tail = {
        "process": "return list(items)",
        "__init__": "super().__init__(name, options)",
    }.get(where, "pass")
    member = f"def {where}{sig}:\n{_indent(check)}\n    {tail}"
    return ["import os"], _stage(a, member), {}


def _g_import_failure(rng: Draw, a: Api) -> Parts:
    return _import_failure(
        rng, a, lambda body: _stage(a, f"def prepare(self):\n{_indent(body)}"), "self.ready = 1"
    )


STAGE_KINDS: dict[str, Callable[[Draw, Api], Parts]] = {
    "stage-init": _g_init,
    "stage-prepare": _g_prepare,
    "stage-process": _g_process,
    "stage-close": _g_close,
    "stage-class": _g_class,
    "stage-export": _g_export,
    "stage-some-path": _g_some_path,
    "stage-import-failure": _g_import_failure,
}


def stage_variants(seed: int = 32, count: int = 100) -> list[Variant]:
    out = []
    for i, kind, rng in _draws(STAGE_KINDS, seed + 3204, count):
        a = Api(rng, "khost", ("Stage",))
        extra, body, siblings = STAGE_KINDS[kind](rng, a)
        out.append(_variant(f"kg{i:03d}", "stage", kind, a, extra, body, siblings, rng))
    return out
