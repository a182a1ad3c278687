"""A generator family for all four differential hosts, written as an outsider (issue 12).

Written by fresh17 after listing every other family's kinds, for object-model and import-system
corners none of them writes. pluggy (plain and pytest-style managers): hookimpls whose
``__signature__`` says other parameters than the ``def`` (pluggy reads the code object, so it
changes nothing) or whose decorator sets ``__wrapped__`` by hand (pluggy follows it, as
``inspect.unwrap`` does), ``functools.wraps`` over another function; identifiers Python folds by
NFKC (a fullwidth letter, an ``fi`` ligature) against a name spelled in a string, and Cyrillic
homoglyphs in a hook or argument name; sync hookimpls returning a coroutine or async generator
they made; hookimpls built by ``types.FunctionType`` from another function's code; spec
arguments given a default (pluggy passes them when the caller does); classes marked as
hookimpls (pluggy only takes routines); a large healthy plugin. factory: instance attributes
that shadow a lifecycle method, properties that return the method, lambdas,
``functools.partialmethod`` and builtins as members, ``new`` made by ``functools.singledispatch``
or an iterator's ``__next__``, ``__set_name__`` descriptors that raise at class creation.
entry-function and subclass: virtual subclasses through ``ABC.register``, entries made by
``exec``, PEP 562 module ``__getattr__`` exports (which a star re-export does not carry), the
checked method's result (a str, an uncalled method, a bool), static/class/lambda/partialmethod
methods, ``super().__init__`` called with the wrong arguments, ``__init_subclass__`` demanding a
class keyword, the host's own base exported, classes made in a function, a registry method's
result returned. About half of the variants are healthy. The real loader decides every verdict;
nothing here records an expectation.
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

Parts = tuple[list[str], str, dict[str, str]]
"""(header lines, module body, sibling files of a package plugin: relative path -> text)"""
PluggyKind = Callable[[Draw, str], Parts]
FactoryKind = Callable[[Draw, _Factory], list[str]]
HostKind = Callable[[Draw, Api], Parts]
MISSING = "fresh17_not_installed"

# ---------------------------------------------------------------- pluggy


def _p_signature(rng: Draw, m: str) -> Parts:
    how = rng.sub(
        ["hides-arg", "adds-arg", "fits-varargs", "wrapped-attr-bad", "wrapped-attr", "wraps-other"]
    )
    render = f"@{m}\ndef dh_render(page, context):\n    return f'{{page}}:{{len(context)}}'\n"
    if how == "hides-arg":
        text = render + "\n\ndh_render.__signature__ = inspect.signature(lambda page: None)\n"
    elif how == "adds-arg":
        text = render + (
            "\n\ndh_render.__signature__ = inspect.signature(lambda page, context, theme: None)\n"
        )
    elif how == "fits-varargs":
        text = (
            f"@{m}\ndef dh_startup(*args, **kwargs):\n"
            "    return kwargs.get('config') or (args[0] if args else None)\n\n\n"
            "dh_startup.__signature__ = inspect.signature(lambda config: None)\n"
        )
    elif how == "wraps-other":
        text = (
            "def _template(page, context, theme):\n    return page\n\n\n"
            f"@{m}\n@functools.wraps(_template)\ndef dh_render(*args, **kwargs):\n    return None\n"
        )
    else:
        params = "page" if how == "wrapped-attr-bad" else "*args, **kwargs"
        call = "fn(page, {})" if how == "wrapped-attr-bad" else "fn(*args, **kwargs)"
        text = (
            f"def _plain(fn):\n    def inner({params}):\n        return {call}\n\n"
            "    inner.__wrapped__ = fn\n    inner.__name__ = fn.__name__\n    return inner\n\n\n"
            f"@{m}\n@_plain\ndef dh_render(page, context):\n    return str(page)\n"
        )
    return ["import functools", "import inspect"], text, {}


def _p_unicode_names(rng: Draw, m: str) -> Parts:
    how = rng.sub(
        ["fullwidth-def", "ligature-def", "string-name", "homoglyph-arg", "homoglyph-hook"]
    )
    text = {
        "fullwidth-def": f"@{m}\ndef dh_\uff53tartup(\uff43onfig):\n    return \uff43onfig\n",
        "ligature-def": f"@{m}\ndef dh_con\ufb01gure(config):\n    return None\n",
        "string-name": (
            "def _startup(config):\n    return None\n\n\n"
            f'globals()["dh_\uff53tartup"] = {m}(_startup)\n'
        ),
        "homoglyph-arg": f"@{m}\ndef dh_render(page, cont\u0435xt):\n    return page\n",
        "homoglyph-hook": f"@{m}\ndef dh_r\u0435nder(page, context):\n    return page\n",
    }[how]
    return [], text, {}


def _p_unrun_result(rng: Draw, m: str) -> Parts:
    how = rng.sub(["helper-coroutine", "async-generator", "function-object", "helper-generator"])
    work = "async def _work(config):\n    await asyncio.sleep(0)\n    return config\n\n\n"
    text = {
        "helper-coroutine": f"{work}@{m}\ndef dh_startup(config):\n    return _work(config)\n",
        "async-generator": (
            f"@{m}\nasync def dh_collect(session, items):\n"
            "    for item in items:\n        yield item\n"
        ),
        "function-object": f"{work}@{m}\ndef dh_startup(config):\n    return _work\n",
        "helper-generator": (
            "def _each(items):\n    yield from items\n\n\n"
            f"@{m}\ndef dh_collect(session, items):\n    return list(_each(items))\n"
        ),
    }[how]
    return ["import asyncio"], text, {}


def _p_function_type(rng: Draw, m: str) -> Parts:
    how = rng.sub(["fits", "extra-arg", "lambda-code", "defaults"])
    template = {
        "fits": "def _template(page, context):\n    return page\n",
        "extra-arg": "def _template(page, context, theme):\n    return page\n",
        "lambda-code": "_template = lambda config: None  # noqa: E731\n",
        "defaults": "def _template(page, context):\n    return page\n",
    }[how]
    hook = "dh_startup" if how == "lambda-code" else "dh_render"
    args = ", (None,)" if how == "defaults" else ""
    made = f'types.FunctionType(_template.__code__, globals(), "{hook}"{args})'
    return ["import types"], f"{template}\n\n{hook} = {m}({made})\n", {}


def _p_defaulted_spec_arg(rng: Draw, m: str) -> Parts:
    how = rng.sub(["unused", "used-none", "whole-default", "empty-default", "tuple-default"])
    text = {
        "unused": f"@{m}\ndef dh_handle(request, context=None):\n    return None\n",
        "used-none": f"@{m}\ndef dh_render(page, context=None):\n    return len(context)\n",
        "whole-default": (
            f'@{m}\ndef dh_startup(config={{"greeting": ""}}):\n'
            '    return config["greeting"].upper()\n'
        ),
        "empty-default": f'@{m}\ndef dh_startup(config={{}}):\n    return config["greeting"]\n',
        "tuple-default": f"@{m}\ndef dh_collect(session, items=()):\n    return list(items)\n",
    }[how]
    return [], text, {}


def _p_class_hookimpl(rng: Draw, m: str) -> Parts:
    how = rng.sub(["init-fits", "init-extra", "no-init", "dataclass"])
    text = {
        "init-fits": (
            f"@{m}\nclass dh_startup:\n    def __init__(self, config):\n"
            "        self.config = config\n"
        ),
        "init-extra": (
            f"@{m}\nclass dh_startup:\n    def __init__(self, config, verbose):\n"
            "        self.config = config\n"
        ),
        "no-init": f'@{m}\nclass dh_startup:\n    """Made once when the host starts."""\n',
        "dataclass": f"@{m}\n@dataclass\nclass dh_render:\n    page: str\n    context: dict\n",
    }[how]
    return ["from dataclasses import dataclass"], text, {}


LARGE_PLUGGY = '''
LOG = logging.getLogger(__name__)
DEFAULTS = {"greeting": "hi", "width": 80}
_seen: list[str] = []


class _Renderer:
    """Keeps the pages it rendered."""

    def __init__(self, width: int = 80) -> None:
        self.width = width
        self.pages: list[str] = []

    def render(self, page: str, context: dict) -> str:
        text = f"{page}:{sorted(context)}"[: self.width]
        self.pages.append(text)
        return text


_RENDERER = _Renderer(DEFAULTS["width"])


def _greeting(config: dict) -> str:
    return str(config.get("greeting", DEFAULTS["greeting"]))


@{m}
def dh_startup(config):
    """Remember the greeting."""
    _seen.append(_greeting(config))
    LOG.debug("started with %s", _seen[-1])


@{m}(tryfirst=True)
def dh_handle(request, context):
    if not str(request).startswith("GET"):
        return None
    return {"status": 200, "body": _seen[-1] if _seen else ""}


@{m}(trylast=True)
def dh_render(page, context):
    return _RENDERER.render(page, context)


@{m}(wrapper=True)
def dh_collect(session, items):
    result = yield
    return [*result, *(str(i) for i in items)]


@{m}
def dh_configure(config):
    DEFAULTS.update({k: v for k, v in config.items() if k in DEFAULTS})
'''


def _p_large_healthy(rng: Draw, m: str) -> Parts:
    how = rng.sub(["all", "no-wrapper"])
    text = LARGE_PLUGGY.replace("{m}", m)
    if how == "no-wrapper":
        text = text.replace(f"@{m}(wrapper=True)", f"@{m}").replace(
            "    result = yield\n    return [*result, *(str(i) for i in items)]",
            "    return [str(i) for i in items]",
        )
    return ["import logging"], text, {}


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "signature-override": _p_signature,
    "unicode-names": _p_unicode_names,
    "unrun-result": _p_unrun_result,
    "function-type": _p_function_type,
    "defaulted-spec-arg": _p_defaulted_spec_arg,
    "class-hookimpl": _p_class_hookimpl,
    "large-healthy": _p_large_healthy,
}


def pluggy_variants(seed: int = 17, count: int = 140) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 1717, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, _ = PLUGGY_KINDS[kind](rng, m)
        header = "\n".join([f'"""Fresh17 pluggy plugin: {kind}."""', "", *extra, *imports])
        name = f"pv{i:03d}"
        structure, files = _structure(rng, name, header, body)
        variants.append(Variant(name, "pluggy", kind, (f"marker={style}", structure), files))
    return variants


# ---------------------------------------------------------------- factory


def _init(f: _Factory, body: str) -> None:
    f.own_init = False
    f.methods = {"__init__": f.method("__init__", "", "", "None", body), **f.methods}


def _f_shadowed_member(rng: Draw, f: _Factory) -> list[str]:
    how = rng.sub(["flag-run", "table-init", "bound-alias", "flag-other", "class-attr-str"])
    body = {
        "flag-run": 'self.greeting = ""\nself.run = False',
        "table-init": 'self.greeting = ""\nself.init = {}',
        "bound-alias": 'self.greeting = ""\nself.shutdown = self._stop',
        "flag-other": 'self.greeting = ""\nself.running = False',
        "class-attr-str": 'self.greeting = ""',
    }[how]
    _init(f, body)
    if how == "bound-alias":
        f.methods["_stop"] = "def _stop(self, timeout):\n    self.greeting = str(timeout)"
    if how == "class-attr-str":
        f.methods["mode"] = 'shutdown = "graceful"'
    return []


def _f_property_member(rng: Draw, f: _Factory) -> list[str]:
    how = rng.sub(["property-lambda", "property-method", "property-none", "property-missing"])
    f.methods["_run"] = "def _run(self):\n    self.count = len(self.greeting)"
    f.methods["run"] = {
        "property-lambda": "run = property(lambda self: self._run)",
        "property-method": "@property\ndef run(self):\n    return self._run",
        "property-none": "@property\ndef run(self):\n    self.count = 1",
        "property-missing": "@property\ndef run(self):\n    return self._runner",
    }[how]
    return []


def _f_odd_members(rng: Draw, f: _Factory) -> list[str]:
    how = rng.sub(
        ["lambda-run", "lambda-shutdown", "partialmethod", "partialmethod-over", "builtin"]
    )
    if how == "lambda-run":
        f.methods["run"] = "run = lambda self: None  # noqa: E731"
    elif how == "lambda-shutdown":
        f.methods["shutdown"] = "shutdown = lambda self: None  # noqa: E731"
    elif how == "partialmethod":
        f.methods = {"_step": "def _step(self, name, *args):\n    self.last = name", **f.methods}
        f.methods["run"] = 'run = functools.partialmethod(_step, "run")'
        f.methods["shutdown"] = 'shutdown = functools.partialmethod(_step, "shutdown")'
    elif how == "partialmethod-over":
        own = "def _configure(self, config):\n    self.config = config"
        f.methods = {"_configure": own, **f.methods}
        f.methods["init"] = 'init = functools.partialmethod(_configure, {"greeting": "x"})'
    else:
        f.methods["shutdown"] = "shutdown = staticmethod(float)"
    return ["import functools"]


def _f_odd_new(rng: Draw, f: _Factory) -> list[str]:
    how = rng.sub(["singledispatch", "repeat-next", "empty-next", "count-next", "cache"])
    f.new = {
        "singledispatch": f"@functools.singledispatch\ndef new():\n    return {f.cls}()\n",
        "repeat-next": f"new = itertools.repeat({f.cls}()).__next__\n",
        "empty-next": "new = iter(()).__next__\n",
        "count-next": "new = itertools.count().__next__\n",
        "cache": f"@functools.cache\ndef new():\n    return {f.cls}()\n",
    }[how]
    return ["import functools", "import itertools"]


SETTING = '''class _Setting:
    """A class attribute that checks its own name when the class is made."""

    def __set_name__(self, owner, name):
        if not name.startswith("opt_"):
            raise TypeError(f"{name}: settings are named opt_*")
        self.name = name

    def __get__(self, obj, owner=None):
        return 1
'''


def _f_set_name(rng: Draw, f: _Factory) -> list[str]:
    how = rng.sub(["bad-name", "good-name", "two-good"])
    f.before.append(SETTING)
    f.methods["setting"] = {
        "bad-name": "level = _Setting()",
        "good-name": "opt_level = _Setting()",
        "two-good": "opt_level = _Setting()\nopt_width = _Setting()",
    }[how]
    return []


LARGE_FACTORY_HELPERS = """LOG = logging.getLogger(__name__)


@dataclasses.dataclass
class Settings:
    greeting: str = ""
    repeat: int = 1
    tags: list[str] = dataclasses.field(default_factory=list)

    @classmethod
    def from_config(cls, config):
        return cls(greeting=str(config.get("greeting", "")), repeat=1)


def _shout(text):
    return text.upper() + "!"
"""


def _f_large_healthy(rng: Draw, f: _Factory) -> list[str]:
    how = rng.sub(["plain", "with-extras"])
    f.before.append(LARGE_FACTORY_HELPERS)
    _init(f, 'self.greeting = ""\nself.settings = Settings()\nself.history = []')
    f.methods["init"] = (
        "def init(self, config):\n    self.settings = Settings.from_config(config)\n"
        "    self.greeting = self.settings.greeting\n    LOG.debug('init %s', self.greeting)"
    )
    f.methods["run"] = (
        "def run(self):\n    for _ in range(self.settings.repeat):\n"
        "        self.history.append(_shout(self.greeting))\n    self.count = len(self.history)"
    )
    if how == "with-extras":
        f.methods["describe"] = "@property\ndef describe(self):\n    return self.greeting"
        f.methods["reset"] = "@staticmethod\ndef reset():\n    return None"
        f.methods["__repr__"] = "def __repr__(self):\n    return f'<{type(self).__name__}>'"
    return ["import dataclasses", "import logging"]


FACTORY_KINDS: dict[str, FactoryKind] = {
    "shadowed-member": _f_shadowed_member,
    "property-member": _f_property_member,
    "odd-members": _f_odd_members,
    "odd-new": _f_odd_new,
    "set-name": _f_set_name,
    "large-healthy": _f_large_healthy,
}


def factory_variants(seed: int = 17, count: int = 120) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 1718, count):
        f = _factory_base(rng)
        f.annotated = False  # the kinds write their members unannotated
        f.methods["init"] = f.init("config")
        f.methods["run"] = f.method("run", "", "", "None", "self.count = len(self.greeting)")
        f.methods["shutdown"] = f.method("shutdown", "timeout", "", "None", 'self.greeting = ""')
        f.new = f"def new():\n    return {f.cls}()\n"
        extra = FACTORY_KINDS[kind](rng, f)
        head = [f'"""Fresh17 factory plugin: {kind}."""', "", *extra, *f.imports]
        name = f"fv{i:03d}"
        structure, files = _structure(rng, name, "\n".join(head), f.render())
        traits = (f"api={f.api}", structure)
        variants.append(Variant(name, "factory", kind, traits, files))
    return variants


# ---------------------------------------------------------------- entry-function host


def _duck(a: Api, name: str, init: bool = True, method: str = "check") -> str:
    own = "    def __init__(self, options):\n        self.options = options\n\n" if init else ""
    return f"class {name}:\n{own}    def {method}(self, text):\n        return text.split()\n"


def _e_abc_register(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["decorator", "call-in-plugin", "no-init", "no-check"])
    if how == "decorator":
        text = f"@{a.base}.register\n{_duck(a, 'Spelling')}\n\n{_entry()}"
    elif how == "call-in-plugin":
        body = f"{a.base}.register(Spelling)\nreturn Spelling"
        text = f"{_duck(a, 'Spelling')}\n\n{_entry(body=body)}"
    elif how == "no-init":
        text = f"@{a.base}.register\n{_duck(a, 'Spelling', init=False)}\n\n{_entry()}"
    else:
        text = f"@{a.base}.register\n{_duck(a, 'Spelling', method='lint')}\n\n{_entry()}"
    return [], text, {}


def _e_exec_defined(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["globals", "bad-arity", "namespace"])
    params = "registry" if how == "bad-arity" else "registry, options"
    src = f'SOURCE = "def plugin({params}):\\n    return Spelling\\n"\n'
    tail = (
        '_ns = {"Spelling": Spelling}\nexec(SOURCE, _ns)\nplugin = _ns["plugin"]\n'
        if how == "namespace"
        else "exec(SOURCE)\n"
    )
    return [], f"{_checker(a)}\n\n{src}{tail}", {}


def _e_check_result(rng: Draw, a: Api) -> Parts:
    body = rng.sub(
        [
            'return "ok"',
            "return text.split",
            "return text.encode()",
            "return not text",
            'return {"w": text}.items()',
            "return {w for w in text.split()}",
        ]
    )
    return [], f"{_checker(a, body=body)}\n\n{_entry()}", {}


def _e_check_forms(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["staticmethod", "classmethod", "staticmethod-self", "lambda", "lambda-arity"])
    method = {
        "staticmethod": "@staticmethod\n    def check(text):\n        return text.split()",
        "classmethod": "@classmethod\n    def check(cls, text):\n        return []",
        "staticmethod-self": "@staticmethod\n    def check(self, text):\n        return []",
        "lambda": "check = lambda self, text: text.split()  # noqa: E731",
        "lambda-arity": "check = lambda self: []  # noqa: E731",
    }[how]
    cls = f"class Spelling({a.base}):\n    {method}\n"
    return [], f"{cls}\n\n{_entry()}", {}


def _e_module_getattr(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["good", "bad-arity", "wrong-name", "lazy-missing"])
    params = "registry" if how == "bad-arity" else "registry, options"
    wanted = "plugins" if how == "wrong-name" else "plugin"
    found = (
        f"import {MISSING}\n        return _plugin" if how == "lazy-missing" else "return _plugin"
    )
    text = (
        f"{_checker(a)}\n\n{_entry(params).replace('def plugin(', 'def _plugin(')}\n\n"
        f'def __getattr__(name):\n    if name == "{wanted}":\n        {found}\n'
        "    raise AttributeError(name)\n"
    )
    return [], text, {}


def _super_init(rng: Draw) -> str:
    call = rng.sub(
        [
            "super().__init__()",
            "super().__init__(options, True)",
            "super().__init__(options=options)",
            "super().__init__(**options)",
            "super().__init__(dict(options))",
        ]
    )
    return f"def __init__(self, options):\n    {call}\n    self.ready = True\n\n"


def _e_super_init(rng: Draw, a: Api) -> Parts:
    cls = _checker(a).replace(":\n    def check", f":\n{_indent(_super_init(rng))}    def check", 1)
    return [], f"{cls}\n\n{_entry()}", {}


def _e_registry_result(rng: Draw, a: Api) -> Parts:
    body = rng.sub(
        [
            "return registry.add_checker(Spelling)",
            "registry.add_checker(Spelling)\nreturn registry.checkers[-1]",
            "registry.add_checker(Spelling)\nreturn registry.checkers",
            "registry.add_option('limit', 10)\nreturn Spelling",
        ]
    )
    return [], f"{_checker(a)}\n\n{_entry(body=body)}", {}


LARGE_ENTRY = """
LOG = logging.getLogger(__name__)
WORD = re.compile(r"[A-Za-z']+")
COMMON = frozenset({"the", "and", "some", "text"})


def _words(text):
    return [m.group(0).lower() for m in WORD.finditer(text)]


class _Base({base}):
    limit = 12

    def __init__(self, options):
        super().__init__(options)
        self.level = int(self.options.get("level", "0"))

    def _long(self, words):
        return [w for w in words if len(w) > self.limit]


class Spelling(_Base):
    def check(self, text):
        words = _words(text)
        LOG.debug("%d words", len(words))
        yield from self._long(words)
        yield from (w for w in words if w not in COMMON and self.level > 5)


class Strict(Spelling):
    limit = 6


def plugin(registry, options):
    registry.add_option("limit", 12)
    if options.get("style") == "strict":
        return Strict
    return Spelling
"""


def _e_large_healthy(rng: Draw, a: Api) -> Parts:
    return ["import logging", "import re"], LARGE_ENTRY.replace("{base}", a.base), {}


ENTRY_KINDS: dict[str, HostKind] = {
    "abc-register": _e_abc_register,
    "exec-defined": _e_exec_defined,
    "check-result": _e_check_result,
    "check-forms": _e_check_forms,
    "module-getattr": _e_module_getattr,
    "super-init": _e_super_init,
    "registry-result": _e_registry_result,
    "large-healthy": _e_large_healthy,
}


def _variants(
    kinds: dict[str, HostKind], module: str, base: str, prefix: str, seed: int, count: int
) -> list[Variant]:
    variants = []
    contract = "entry" if module == "ehost" else "subclass"
    for i, kind, rng in _draws(kinds, seed, count):
        a = Api(rng, module, base)
        a.annotated = False  # the kinds write their methods unannotated
        extra, body, _ = kinds[kind](rng, a)
        header = "\n".join([f'"""Fresh17 {contract} plugin: {kind}."""', "", *a.imports, *extra])
        name = f"{prefix}{i:03d}"
        structure, files = _structure(rng, name, header, body)
        variants.append(Variant(name, contract, kind, (f"api={a.style}", structure), files))
    return variants


def entry_variants(seed: int = 17, count: int = 120) -> list[Variant]:
    return _variants(ENTRY_KINDS, "ehost", "Checker", "ev", seed + 1719, count)


# ---------------------------------------------------------------- subclass host


def _s_init_subclass(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["missing-kw", "given-kw", "raises-on-name", "validating"])
    check = {
        "missing-kw": "def __init_subclass__(cls, *, tag, **kwargs):\n"
        "    super().__init_subclass__(**kwargs)\n    cls.tag = tag",
        "given-kw": "def __init_subclass__(cls, *, tag, **kwargs):\n"
        "    super().__init_subclass__(**kwargs)\n    cls.tag = tag",
        "raises-on-name": "def __init_subclass__(cls, **kwargs):\n"
        "    super().__init_subclass__(**kwargs)\n"
        '    if not cls.__name__.startswith("Tag"):\n'
        '        raise TypeError(f"{cls.__name__}: plugin classes are named Tag*")',
        "validating": "def __init_subclass__(cls, **kwargs):\n"
        "    super().__init_subclass__(**kwargs)\n"
        '    assert hasattr(cls, "process"), cls',
    }[how]
    base = f"class _Tagged({a.base}):\n{_indent(check)}\n\n\n"
    bases = '_Tagged, tag="upper"' if how == "given-kw" else "_Tagged"
    return [], base + _plugin(a, bases=bases), {}


def _s_abc_register(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["decorator", "call-after", "no-init", "no-process"])
    own = "    def __init__(self, options):\n        self.options = options\n\n"
    method = "lint" if how == "no-process" else "process"
    cls = (
        f"class Plugin:\n{'' if how == 'no-init' else own}"
        f"    def {method}(self, items):\n        return list(items)\n"
    )
    if how == "call-after":
        return [], f"{cls}\n\n{a.base}.register(Plugin)\n", {}
    return [], f"@{a.base}.register\n{cls}", {}


def _s_set_name(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["bad-name", "good-name"])
    attr = "level" if how == "bad-name" else "opt_level"
    return [], f"{SETTING}\n\n{_plugin(a, extra=f'    {attr} = _Setting()' + chr(10) * 2)}", {}


def _s_super_init(rng: Draw, a: Api) -> Parts:
    return [], _plugin(a, extra=_indent(_super_init(rng))), {}


def _s_module_getattr(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["good", "made-class", "wrong-name", "lazy-missing"])
    found = {
        "good": "return _Upper",
        "made-class": 'return type("Plugin", (_Upper,), {})',
        "wrong-name": "return _Upper",
        "lazy-missing": f"import {MISSING}\n        return _Upper",
    }[how]
    wanted = "plugin" if how == "wrong-name" else "Plugin"
    text = (
        f"{_plugin(a, name='_Upper')}\n\n"
        f'def __getattr__(name):\n    if name == "{wanted}":\n        {found}\n'
        "    raise AttributeError(name)\n"
    )
    return [], text, {}


def _s_method_forms(rng: Draw, a: Api) -> Parts:
    how = rng.sub(
        ["lambda", "lambda-arity", "staticmethod-builtin", "partialmethod", "uncalled", "str"]
    )
    method = {
        "lambda": "process = lambda self, items: [i.upper() for i in items]  # noqa: E731",
        "lambda-arity": "process = lambda self: []  # noqa: E731",
        "staticmethod-builtin": "process = staticmethod(list)",
        "partialmethod": "def _apply(self, fn, items):\n        return [fn(i) for i in items]\n\n"
        "    process = functools.partialmethod(_apply, str.upper)",
        "uncalled": "def process(self, items):\n        return items.copy",
        "str": 'def process(self, items):\n        return ",".join(items)',
    }[how]
    return ["import functools"], f"class Plugin({a.base}):\n    {method}\n", {}


def _s_base_exported(rng: Draw, a: Api) -> Parts:
    how = rng.sub(["alias-base", "type-made", "closure-made", "closure-abstract"])
    if how == "alias-base":
        return [], f"Plugin = {a.base}\n", {}
    if how == "type-made":
        made = f'type("Plugin", ({a.base},), {{"process": lambda self, items: list(items)}})'
        return [], f"Plugin = {made}\n", {}
    inner = _plugin(a) if how == "closure-made" else f"class Plugin({a.base}):\n    pass\n"
    return [], f"def _make():\n{_indent(inner)}\n    return Plugin\n\n\nPlugin = _make()\n", {}


LARGE_SUBCLASS = """
LOG = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Rule:
    prefix: str
    upper: bool = True

    def apply(self, item):
        text = item.upper() if self.upper else item
        return f"{self.prefix}{text}"


DEFAULT_RULES = (Rule(""), Rule("> ", upper=False))


class _Common({base}):
    rules = DEFAULT_RULES

    def __init__(self, options):
        super().__init__(options)
        self.level = int(self.options.get("level", "0"))

    def describe(self):
        return f"{super().describe()} level {self.level}"


class Plugin(_Common):
    def process(self, items):
        LOG.debug("processing %d items", len(items))
        out = []
        for item in items:
            out.extend(rule.apply(item) for rule in self.rules[: self.level + 1])
        return out
"""


def _s_large_healthy(rng: Draw, a: Api) -> Parts:
    return ["import dataclasses", "import logging"], LARGE_SUBCLASS.replace("{base}", a.base), {}


SUBCLASS_KINDS: dict[str, HostKind] = {
    "init-subclass": _s_init_subclass,
    "abc-register": _s_abc_register,
    "set-name": _s_set_name,
    "super-init": _s_super_init,
    "module-getattr": _s_module_getattr,
    "method-forms": _s_method_forms,
    "base-exported": _s_base_exported,
    "large-healthy": _s_large_healthy,
}


def subclass_variants(seed: int = 17, count: int = 120) -> list[Variant]:
    return _variants(SUBCLASS_KINDS, "shost", "Base", "sv", seed + 1720, count)
