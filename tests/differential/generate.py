"""Seeded plugin variants for the differential test: pluggy hookimpl modules and factory plugins.

Each variant is one plugin (a module or a package) with its mutation kind. Kinds cover names,
parameters, markers (aliases, calls, option constants), structure (module, package, star and
named re-exports), async/generator bodies, dead code, imports (missing, guarded, lazy,
TYPE_CHECKING) and decorators. What a kind *should* do is never recorded here: the oracle runs
the real loader and decides. The instances of a kind differ in the hooks, argument subsets,
marker spellings, structure and names they draw from the seeded generator.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import hosts

from differential import entry_hosts

T = TypeVar("T")

PLUGGY_PROJECT = "dh"
PREFIX = "dh_"
SPECS: dict[str, tuple[str, ...]] = {
    "dh_startup": ("config",),
    "dh_handle": ("request", "context"),
    "dh_configure": ("config",),
    "dh_render": ("page", "context"),
    "dh_collect": ("session", "items"),
    "dh_legacy": ("config",),
}
HISTORIC = {"dh_configure"}
FIRSTRESULT = {"dh_handle"}
DEPRECATED = {"dh_legacy"}
OPTIONAL_HOOKS: dict[str, tuple[str, ...]] = {"dh_extra": ("session",)}
"""Hooks the host calls without a spec, with the arguments it passes."""
PLAIN = ["dh_startup", "dh_handle", "dh_configure", "dh_render", "dh_collect"]
WRAPPABLE = ["dh_startup", "dh_handle", "dh_render", "dh_collect"]
CONFIG = {"greeting": "hello"}
DEADLINE = 2.0


class Draw(random.Random):
    """The seeded generator of one variant; ``sub`` cycles a kind's sub-variants by instance."""

    def __init__(self, seed: int, instance: int) -> None:
        super().__init__(seed)
        self.instance = instance

    def sub(self, options: list[T]) -> T:
        return options[self.instance % len(options)]


@dataclass
class Variant:
    name: str
    """The plugin's module name (a module or package directly under the plugins directory)."""
    contract: str
    """``pluggy`` or ``factory``."""
    kind: str
    """The primary mutation."""
    traits: tuple[str, ...]
    """Orthogonal choices: marker or API import style, structure, annotations."""
    files: dict[str, str] = field(default_factory=dict)
    """Relative to the plugins directory."""

    @property
    def label(self) -> str:
        return f"{self.kind} [{', '.join(self.traits)}]"


# ---------------------------------------------------------------- structure (both contracts)


def _structure(
    rng: Draw, name: str, header: str, body: str, package_ok: bool = True
) -> tuple[str, dict[str, str]]:
    source = f"{header.rstrip()}\n\n\n{body.strip()}\n" if header.strip() else f"{body.strip()}\n"
    choice = rng.choice(["module", "module", "package", "star"]) if package_ok else "module"
    if choice == "module":
        return choice, {f"{name}.py": source}
    if choice == "package":
        return choice, {f"{name}/__init__.py": source}
    reexport = '"""Re-exports the implementation."""\n\nfrom .impl import *  # noqa: F403\n'
    return choice, {f"{name}/__init__.py": reexport, f"{name}/impl.py": source}


# ---------------------------------------------------------------- pluggy


MARKER_STYLES = ["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"]


def _marker(style: str) -> tuple[str, list[str]]:
    """(expression naming the host's HookimplMarker instance, import lines)."""
    if style == "from":
        return "hookimpl", ["from dhost import hookimpl"]
    if style == "alias":
        return "hi", ["from dhost import hookimpl as hi"]
    if style == "module":
        return "dhost.hookimpl", ["import dhost"]
    if style == "module-alias":
        return "dapi.hookimpl", ["import dhost as dapi"]
    if style == "pluggy":
        return "hookimpl", [
            "import pluggy",
            "",
            f'hookimpl = pluggy.HookimplMarker("{PLUGGY_PROJECT}")',
        ]
    return "mark", ["from pluggy import HookimplMarker as HM", "", f'mark = HM("{PLUGGY_PROJECT}")']


def _args(rng: Draw, hook: str) -> list[str]:
    args = [a for a in SPECS[hook] if rng.random() < 0.7]
    rng.shuffle(args)
    return args


def _def(
    deco: str | None,
    name: str,
    args: list[str],
    body: str = "return None",
    *,
    prefix: str = "",
    extra_decos: tuple[str, ...] = (),
) -> str:
    lines = [f"@{deco}"] if deco else []
    lines += [f"@{d}" for d in extra_decos]
    lines.append(f"{prefix}def {name}({', '.join(args)}):")
    lines += ["    " + line for line in textwrap.dedent(body).strip().splitlines()]
    return "\n".join(lines) + "\n"


def _good(rng: Draw, m: str, exclude: frozenset[str] = frozenset()) -> str:
    hook = rng.choice([h for h in PLAIN if h not in exclude])
    return _def(m, hook, _args(rng, hook))


def _bad(rng: Draw, m: str) -> str:
    """A hookimpl pluggy refuses at start-up (unknown hook or argument not in the spec)."""
    if rng.random() < 0.5:
        return _def(m, rng.choice(["dh_teardown", "dh_shutdown_now", "dh_renderx"]), ["config"])
    hook = rng.choice(PLAIN)
    return _def(m, hook, [*_args(rng, hook), rng.choice(["session2", "verbose", "extra"])])


WRAPPER_OK = "result = yield\nreturn result"
HOOKWRAPPER_OK = "outcome = yield\noutcome.get_result()"

PluggyKind = Callable[[Draw, str], tuple[list[str], str]]


def _pk_ok_basic(rng: Draw, m: str) -> tuple[list[str], str]:
    hooks = rng.sample(PLAIN, rng.randint(1, 3))
    return [], "\n\n".join(_def(m, h, _args(rng, h)) for h in hooks)


def _pk_ok_default_extra(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    return [], _def(m, hook, [*_args(rng, hook), "extra=None"])


def _pk_ok_optionalhook(rng: Draw, m: str) -> tuple[list[str], str]:
    return [], _def(f"{m}(optionalhook=True)", "dh_other_tool", ["config", "tool"])


def _pk_optional_contract(rng: Draw, m: str) -> tuple[list[str], str]:
    return [], _def(m, "dh_extra", ["session"])


def _pk_optional_extra_arg(rng: Draw, m: str) -> tuple[list[str], str]:
    return [], _def(m, "dh_extra", ["session", rng.choice(["verbose", "config"])])


def _pk_ok_specname(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    return [], _def(
        f'{m}(specname="{hook}")', rng.choice(["handler", "on_event"]), _args(rng, hook)
    )


def _pk_specname_unknown(rng: Draw, m: str) -> tuple[list[str], str]:
    return [], _def(f'{m}(specname="dh_nohook")', "handler", ["config"])


def _pk_specname_bad_arg(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    return [], _def(f'{m}(specname="{hook}")', "handler", [*_args(rng, hook), "bogus"])


def _pk_unknown_hook(rng: Draw, m: str) -> tuple[list[str], str]:
    return [], _def(m, rng.choice(["dh_teardown", "dh_startup_late", "dh_finish"]), ["config"])


def _pk_extra_arg(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    return [], _good(rng, m, frozenset({hook})) + "\n\n" + _def(
        m, hook, [*_args(rng, hook), "session9"]
    )


def _pk_ok_wrapper(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(WRAPPABLE)
    return [], _def(f"{m}(wrapper=True)", hook, _args(rng, hook), WRAPPER_OK)


def _pk_ok_hookwrapper(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(WRAPPABLE)
    return [], _def(f"{m}(hookwrapper=True)", hook, _args(rng, hook), HOOKWRAPPER_OK)


def _pk_ok_order(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    opt = rng.choice(["tryfirst=True", "trylast=True"])
    return [], _def(f"{m}({opt})", hook, _args(rng, hook))


def _pk_wrapper_not_generator(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(WRAPPABLE)
    opt = rng.sub(["wrapper=True", "hookwrapper=True"])
    return [], _def(f"{m}({opt})", hook, _args(rng, hook))


def _pk_wrapper_and_hookwrapper(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(WRAPPABLE)
    return [], _def(f"{m}(wrapper=True, hookwrapper=True)", hook, _args(rng, hook), WRAPPER_OK)


def _pk_historic_wrapper(rng: Draw, m: str) -> tuple[list[str], str]:
    opt = rng.choice(["wrapper=True", "hookwrapper=True"])
    return [], _def(f"{m}({opt})", "dh_configure", ["config"], WRAPPER_OK)


def _pk_ok_historic(rng: Draw, m: str) -> tuple[list[str], str]:
    return [], _def(m, "dh_configure", _args(rng, "dh_configure"))


def _pk_deprecated(rng: Draw, m: str) -> tuple[list[str], str]:
    return [], _def(m, "dh_legacy", ["config"])


def _pk_dead_if_false(rng: Draw, m: str) -> tuple[list[str], str]:
    cond = rng.choice(["False", "0"])
    bad = textwrap.indent(_bad(rng, m), "    ")
    return [], f"{_good(rng, m)}\n\nif {cond}:\n{bad}"


def _pk_dead_version(rng: Draw, m: str) -> tuple[list[str], str]:
    bad = textwrap.indent(_bad(rng, m), "    ")
    good = textwrap.indent(_good(rng, m), "    ")
    if rng.sub([True, False]):
        return ["import sys"], f"if sys.version_info >= (3, 8):\n{good}\nelse:\n{bad}"
    return ["import sys"], f"{_good(rng, m)}\n\nif sys.version_info < (3, 0):\n{bad}"


def _pk_live_version_bad(rng: Draw, m: str) -> tuple[list[str], str]:
    bad = textwrap.indent(_bad(rng, m), "    ")
    good = textwrap.indent(_good(rng, m), "    ")
    return ["import sys"], f"if sys.version_info >= (3, 8):\n{bad}\nelse:\n{good}"


def _pk_dead_type_checking(rng: Draw, m: str) -> tuple[list[str], str]:
    bad = textwrap.indent(_bad(rng, m), "    ")
    return ["from typing import TYPE_CHECKING"], f"{_good(rng, m)}\n\nif TYPE_CHECKING:\n{bad}"


def _pk_del_name(rng: Draw, m: str) -> tuple[list[str], str]:
    bad = _bad(rng, m)
    name = bad.split("def ", 1)[1].split("(", 1)[0]
    return [], f"{_good(rng, m)}\n\n{bad}\n\ndel {name}"


def _pk_rebind(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    bad = _def(m, hook, [*SPECS[hook], "zz"])
    good = _def(m, hook, _args(rng, hook))
    if rng.sub([True, False]):
        return [], f"{bad}\n\n{good}"  # the last definition wins: good
    return [], f"{good}\n\n{bad}"


def _pk_underscore(rng: Draw, m: str) -> tuple[list[str], str]:
    return [], _good(rng, m) + "\n\n" + _def(
        m, rng.choice(["_helper", "_dh_cache"]), ["config", "zz"]
    )


def _pk_class_in_module(rng: Draw, m: str) -> tuple[list[str], str]:
    bad = textwrap.indent(_bad(rng, m).replace("(", "(self, ", 1), "    ")
    return [], f"{_good(rng, m)}\n\nclass Helper:\n{bad}"


def _pk_marker_call(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    args = _args(rng, hook) + rng.sub([["zz"], [], [], ["zz"]])
    how = rng.sub(["def", "def", "lambda", "lambda"])
    if how == "lambda":
        return [], f"{hook} = {m}(lambda {', '.join(args)}: None)"
    return [], f"{_def(None, '_impl', args)}\n\n{hook} = {m}(_impl)"


def _pk_marker_call_wrapper(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(WRAPPABLE)
    body = rng.sub([WRAPPER_OK, "return None"])
    return [], f"{_def(None, '_wrap', _args(rng, hook), body)}\n\n{hook} = {m}(wrapper=True)(_wrap)"


def _pk_option_constant(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(WRAPPABLE)
    value = rng.sub(["True", "False"])
    return [], f"WRAP = {value}\n\n\n" + _def(f"{m}(wrapper=WRAP)", hook, _args(rng, hook))


def _pk_contextmanager_wrapper(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(WRAPPABLE)
    return ["import contextlib"], _def(
        f"{m}(wrapper=True)",
        hook,
        _args(rng, hook),
        "yield",
        extra_decos=("contextlib.contextmanager",),
    )


TRACED = """def traced(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)

    return inner
"""


def _pk_wraps(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(WRAPPABLE)
    if rng.sub([True, False]):
        impl = _def(
            f"{m}(wrapper=True)", hook, _args(rng, hook), WRAPPER_OK, extra_decos=("traced",)
        )
    else:
        impl = _def(m, hook, _args(rng, hook), extra_decos=("traced",))
    return ["import functools"], f"{TRACED}\n\n{impl}"


def _pk_kwonly(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    kw = rng.sub(["verbose", "verbose=False"])
    return [], _def(m, hook, [*_args(rng, hook), "*", kw])


def _pk_async(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    return [], _def(m, hook, _args(rng, hook), prefix="async ")


def _pk_plain_generator(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(["dh_collect", "dh_startup", "dh_render"])
    return [], _def(m, hook, _args(rng, hook), "yield None")


def _pk_wrapper_yield_count(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(WRAPPABLE)
    body = rng.sub(
        [
            "result = yield\nresult = yield\nreturn result",
            "if False:\n    yield\nreturn None",
            "for _ in range(2):\n    yield",
        ]
    )
    return [], _def(f"{m}(wrapper=True)", hook, _args(rng, hook), body)


def _pk_wrapper_old_protocol(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(WRAPPABLE)
    return [], _def(f"{m}(wrapper=True)", hook, _args(rng, hook), HOOKWRAPPER_OK + "\nreturn None")


def _pk_missing_dep(rng: Draw, m: str) -> tuple[list[str], str]:
    how = rng.sub(["top", "guarded", "lazy", "type-checking"])
    mod = rng.choice(["dhx_not_installed", "semver_missing_xyz"])
    if how == "top":
        return [f"import {mod}"], _good(rng, m)
    if how == "guarded":
        return [f"try:\n    import {mod}\nexcept ImportError:\n    {mod} = None"], _good(rng, m)
    if how == "type-checking":
        return [f"from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import {mod}"], _good(
            rng, m
        )
    hook = rng.choice(PLAIN)
    return [], _def(m, hook, _args(rng, hook), f"import {mod}\n\nreturn {mod}")


def _pk_missing_host_name(rng: Draw, m: str) -> tuple[list[str], str]:
    return ["from dhost import hookimpl_v2"], _good(rng, m)


def _pk_import_time_raise(rng: Draw, m: str) -> tuple[list[str], str]:
    stmt = rng.choice(['SETTINGS = {}["missing"]', 'raise RuntimeError("not configured")'])
    return [], f"{_good(rng, m)}\n\n{stmt}"


def _pk_built_at_import(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    args = _args(rng, hook) + rng.sub([["session7"], []])
    inner = textwrap.indent(_def(f"{m}(specname=name)", "impl", args), "    ")
    return [], f'def _make(name):\n{inner}\n    return impl\n\n\nhandle = _make("{hook}")'


def _pk_type_checking_marker(rng: Draw, m: str) -> tuple[list[str], str]:
    return [
        "from typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n    from dhost import hookimpl as tc_mark"
    ], _good(rng, "tc_mark")


def _pk_syntax_error(rng: Draw, m: str) -> tuple[list[str], str]:
    hook = rng.choice(PLAIN)
    return [], f"@{m}\ndef {hook}(config)\n    return None\n"


def _pk_prefix_unmarked(rng: Draw, m: str) -> tuple[list[str], str]:
    how = rng.sub(["unknown", "extra", "ok", "builtin", "value"])
    if how == "unknown":
        return [], _good(rng, m) + "\n\n" + _def(None, "dh_nothing", ["config"])
    if how == "extra":
        hook = rng.choice(PLAIN)
        return [], _def(None, hook, [*_args(rng, hook), "zz"])
    if how == "ok":
        hook = rng.choice(PLAIN)
        return [], _def(None, hook, _args(rng, hook))
    if how == "builtin":
        return ["import os"], _good(rng, m) + "\n\ndh_startup = os.getcwd"
    return [], _good(rng, m) + '\n\ndh_plugins = ["other"]'


def _pk_marked_prefixless(rng: Draw, m: str) -> tuple[list[str], str]:
    return [], _good(rng, m) + "\n\n" + _def(
        m, rng.choice(["startup_hook", "on_render"]), ["config"]
    )


PLUGGY_KINDS: dict[str, PluggyKind] = {
    "ok-basic": _pk_ok_basic,
    "default-extra-arg": _pk_ok_default_extra,
    "optionalhook-unknown": _pk_ok_optionalhook,
    "optional-hook": _pk_optional_contract,
    "optional-hook-extra-arg": _pk_optional_extra_arg,
    "specname": _pk_ok_specname,
    "specname-unknown": _pk_specname_unknown,
    "specname-extra-arg": _pk_specname_bad_arg,
    "unknown-hook": _pk_unknown_hook,
    "extra-arg": _pk_extra_arg,
    "wrapper": _pk_ok_wrapper,
    "hookwrapper": _pk_ok_hookwrapper,
    "tryfirst-trylast": _pk_ok_order,
    "wrapper-not-generator": _pk_wrapper_not_generator,
    "wrapper-and-hookwrapper": _pk_wrapper_and_hookwrapper,
    "historic-wrapper": _pk_historic_wrapper,
    "historic": _pk_ok_historic,
    "deprecated-hook": _pk_deprecated,
    "dead-if-false": _pk_dead_if_false,
    "dead-version-branch": _pk_dead_version,
    "live-version-branch": _pk_live_version_bad,
    "dead-type-checking": _pk_dead_type_checking,
    "deleted-name": _pk_del_name,
    "rebound-name": _pk_rebind,
    "underscore-name": _pk_underscore,
    "class-in-module": _pk_class_in_module,
    "marker-call": _pk_marker_call,
    "marker-call-wrapper": _pk_marker_call_wrapper,
    "option-constant": _pk_option_constant,
    "contextmanager-wrapper": _pk_contextmanager_wrapper,
    "functools-wraps": _pk_wraps,
    "keyword-only": _pk_kwonly,
    "async-hookimpl": _pk_async,
    "plain-generator": _pk_plain_generator,
    "wrapper-yield-count": _pk_wrapper_yield_count,
    "wrapper-old-protocol": _pk_wrapper_old_protocol,
    "missing-dependency": _pk_missing_dep,
    "missing-host-name": _pk_missing_host_name,
    "import-time-raise": _pk_import_time_raise,
    "built-at-import": _pk_built_at_import,
    "type-checking-marker": _pk_type_checking_marker,
    "syntax-error": _pk_syntax_error,
    "prefix-unmarked": _pk_prefix_unmarked,
    "marked-without-prefix": _pk_marked_prefixless,
}


def _draws(kinds: Iterable[str], seed: int, count: int) -> Iterator[tuple[int, str, Draw]]:
    """(index, kind, generator) for ``count`` variants, the kinds in turn, one seed each."""
    names = sorted(kinds)
    for i in range(count):
        yield i, names[i % len(names)], Draw(seed * 100_003 + i, i // len(names))


def pluggy_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed, count):
        style = rng.choice(MARKER_STYLES)
        m, imports = _marker(style)
        extra, body = PLUGGY_KINDS[kind](rng, m)
        if kind == "type-checking-marker":
            imports = []
        header = "\n".join([f'"""Generated pluggy plugin: {kind}."""', "", *extra, *imports])
        name = f"pg{i:03d}"
        structure, files = _structure(rng, name, header, body, package_ok=kind != "syntax-error")
        style = style if imports else "TYPE_CHECKING"
        variants.append(Variant(name, "pluggy", kind, (f"marker={style}", structure), files))
    return variants


# ---------------------------------------------------------------- factory


@dataclass
class _Factory:
    """A factory plugin under construction: the class's methods and the module around them."""

    cls: str
    annotated: bool
    api: str
    """How the module names the API's Plugin type, e.g. ``Plugin`` or ``fhost.Plugin``."""
    methods: dict[str, str] = field(default_factory=dict)
    bases: str = ""
    class_decos: list[str] = field(default_factory=list)
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)
    new: str | None = None
    own_init: bool = True

    def method(
        self, name: str, params: str, ann: str, ret: str, body: str, prefix: str = ""
    ) -> str:
        sig = f"(self{', ' + (ann if self.annotated else params) if params else ''})"
        returns = f" -> {ret}" if self.annotated else ""
        lines = [f"{prefix}def {name}{sig}{returns}:"]
        lines += ["    " + line for line in textwrap.dedent(body).strip().splitlines()]
        return "\n".join(lines)

    def init(self, cfg: str) -> str:
        body = f'self.greeting = str({cfg}.get("greeting", ""))'
        return self.method("init", cfg, f"{cfg}: Mapping[str, str]", "None", body)

    def render(self) -> str:
        bases = f"({self.bases})" if self.bases else ""
        init = (
            [self.method("__init__", "", "", "None", 'self.greeting = ""')] if self.own_init else []
        )
        methods = "\n\n".join(textwrap.indent(m, "    ") for m in [*init, *self.methods.values()])
        decos = "".join(f"@{d}\n" for d in self.class_decos)
        parts = [*self.before, f"{decos}class {self.cls}{bases}:\n{methods}\n"]
        if self.new is not None:
            parts.append(self.new)
        parts += self.after
        return "\n\n".join(p.strip("\n") + "\n" for p in parts)


def _factory_base(rng: Draw) -> _Factory:
    annotated = rng.random() < 0.75
    style = rng.choice(["from", "module", "alias"])
    api, imports = {
        "from": ("Plugin", ["from fhost import Plugin"]),
        "module": ("fhost.Plugin", ["import fhost"]),
        "alias": ("api.Plugin", ["import fhost as api"]),
    }[style]
    cfg, tmo = ("config", "timeout") if rng.random() < 0.7 else ("cfg", "deadline")
    f = _Factory(rng.choice(["Worker", "Greeter", "Impl"]), annotated, api, imports=imports)
    f.methods["init"] = f.init(cfg)
    f.methods["run"] = f.method("run", "", "", "None", "self.count = len(self.greeting)")
    f.methods["shutdown"] = f.method("shutdown", tmo, f"{tmo}: float", "None", 'self.greeting = ""')
    ret = f" -> {api}" if annotated else ""
    f.new = f"def new(){ret}:\n    return {f.cls}()\n"
    return f


FactoryKind = Callable[[Draw, _Factory], None]


def _fk_ok(rng: Draw, f: _Factory) -> None:
    pass


def _fk_new_alias(rng: Draw, f: _Factory) -> None:
    how = rng.sub(["alias", "lambda", "class"])
    if how == "alias":
        f.new = f.new.replace("def new(", "def make(") + "\n\nnew = make\n"  # type: ignore[union-attr]
    elif how == "lambda":
        f.new = f"new = lambda: {f.cls}()  # noqa: E731\n"
    else:
        f.new = f"new = {f.cls}\n"


def _fk_new_wrapped(rng: Draw, f: _Factory) -> None:
    f.imports.append("import functools")
    f.before.append(TRACED)
    f.new = "@traced\n" + f.new  # type: ignore[operator]


def _fk_staticmethod(rng: Draw, f: _Factory) -> None:
    f.methods["run"] = "@staticmethod\ndef run():\n    return None"


def _fk_generic(rng: Draw, f: _Factory) -> None:
    f.imports.append("from typing import Generic, TypeVar")
    f.before.append('T = TypeVar("T")')
    f.bases = "Generic[T]"
    f.new = f"def new(){' -> ' + f.api if f.annotated else ''}:\n    return {f.cls}[str]()\n"


def _fk_setattr(rng: Draw, f: _Factory) -> None:
    del f.methods["run"]
    params = rng.sub(["self", "self, times"])
    f.after.append(f'setattr({f.cls}, "run", lambda {params}: None)')


def _fk_class_decorator(rng: Draw, f: _Factory) -> None:
    del f.methods["shutdown"]
    params = rng.sub(["self, timeout", "self"])
    f.before.append(
        f"def stoppable(cls):\n    cls.shutdown = lambda {params}: None\n    return cls\n"
    )
    f.class_decos.append("stoppable")


def _fk_metaclass(rng: Draw, f: _Factory) -> None:
    del f.methods["run"]
    f.before.append(
        "class Runnable(type):\n"
        "    def __new__(mcs, name, bases, ns):\n"
        '        ns.setdefault("run", lambda self: None)\n'
        "        return super().__new__(mcs, name, bases, ns)\n"
    )
    f.bases = "metaclass=Runnable"


def _fk_dead_new(rng: Draw, f: _Factory) -> None:
    cond = rng.sub(["False", "TYPE_CHECKING", "sys.version_info < (3, 0)"])
    f.imports += ["import sys", "from typing import TYPE_CHECKING"]
    f.after.append(f"if {cond}:\n\n    def new(size):\n        return None\n")


def _fk_live_branch_new(rng: Draw, f: _Factory) -> None:
    f.imports.append("import sys")
    f.after.append(
        f"if sys.version_info >= (3, 8):\n\n    def new(size):\n        return {f.cls}()\n"
    )


def _fk_module_getattr(rng: Draw, f: _Factory) -> None:
    f.new = (
        "def __getattr__(name):\n"
        '    if name == "new":\n'
        f"        return {f.cls}\n"
        "    raise AttributeError(name)\n"
    )


def _fk_type_checking_annotation(rng: Draw, f: _Factory) -> None:
    f.imports.append(
        "from typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n    from collections.abc import Mapping"
    )
    f.annotated = True
    f.methods["init"] = f.init("config")


def _fk_guarded_dep(rng: Draw, f: _Factory) -> None:
    f.imports.append(
        "try:\n    import fx_not_installed\nexcept ImportError:\n    fx_not_installed = None"
    )


def _fk_wrong_return(rng: Draw, f: _Factory) -> None:
    f.methods["run"] = f.method("run", "", "", "str", 'return "done"')


def _fk_explicit_subclass(rng: Draw, f: _Factory) -> None:
    f.bases = f.api
    if rng.sub([True, False]):
        f.methods["run"] = f.method("run", "times", "times: int", "None", "self.count = times")


def _fk_optional_params(rng: Draw, f: _Factory) -> None:
    which = rng.sub(["init", "run", "shutdown"])
    params = {
        "init": ("config, extra=None", "config: Mapping[str, str], extra: object = None"),
        "run": ("*args", "*args: object"),
        "shutdown": ("timeout=None", "timeout: float | None = None"),
    }[which]
    body = {
        "init": "self.greeting = str(config)",
        "run": "self.count = len(args)",
        "shutdown": 'self.greeting = ""',
    }
    f.methods[which] = f.method(which, params[0], params[1], "None", body[which])


def _fk_dataclass(rng: Draw, f: _Factory) -> None:
    f.imports.append("import dataclasses")
    f.class_decos.append("dataclasses.dataclass")
    default = rng.sub([' = "x"', ""])
    f.own_init = False
    f.methods = {"_field": f'label: str{default}\ngreeting: str = ""', **f.methods}


def _fk_missing_new(rng: Draw, f: _Factory) -> None:
    how = rng.sub(["absent", "deleted", "private"])
    if how == "absent":
        f.new = None
    elif how == "deleted":
        f.after.append("del new")
    else:
        f.new = f.new.replace("def new(", "def _new(")  # type: ignore[union-attr]


def _fk_new_twice(rng: Draw, f: _Factory) -> None:
    second = rng.sub(
        [f"def new(size):\n    return {f.cls}()\n", f"def new():\n    return {f.cls}()\n"]
    )
    f.after.append(second)


def _fk_new_requires_arg(rng: Draw, f: _Factory) -> None:
    size, ret = (": int", f" -> {f.api}") if f.annotated else ("", "")
    f.new = f"def new(size{size}){ret}:\n    return {f.cls}()\n"


def _fk_new_no_return(rng: Draw, f: _Factory) -> None:
    f.new = f"def new(){' -> ' + f.api if f.annotated else ''}:\n    {f.cls}()\n"


def _fk_new_returns_class(rng: Draw, f: _Factory) -> None:
    f.new = f"def new():\n    return {f.cls}\n"


def _fk_new_is_instance(rng: Draw, f: _Factory) -> None:
    f.new = f"new = {f.cls}()\n"


def _fk_new_raises(rng: Draw, f: _Factory) -> None:
    f.new = (
        f'def new(){" -> " + f.api if f.annotated else ""}:\n    raise RuntimeError("no backend")\n'
    )


def _fk_missing_method(rng: Draw, f: _Factory) -> None:
    del f.methods[rng.sub(["init", "run", "shutdown"])]


def _fk_property(rng: Draw, f: _Factory) -> None:
    f.methods["run"] = "@property\ndef run(self):\n    return None"


def _fk_wrong_params(rng: Draw, f: _Factory) -> None:
    which = rng.sub(["init-none", "run-extra", "shutdown-none", "init-two"])
    if which == "init-none":
        f.methods["init"] = f.method("init", "", "", "None", 'self.greeting = "x"')
    elif which == "run-extra":
        f.methods["run"] = f.method("run", "times", "times: int", "None", "self.count = times")
    elif which == "shutdown-none":
        f.methods["shutdown"] = f.method("shutdown", "", "", "None", 'self.greeting = ""')
    else:
        f.methods["init"] = f.method(
            "init",
            "config, name",
            "config: Mapping[str, str], name: str",
            "None",
            "self.greeting = name",
        )


def _fk_async(rng: Draw, f: _Factory) -> None:
    which = rng.sub(["init", "run", "shutdown"])
    f.methods[which] = "async " + f.methods[which]


def _fk_step_raises(rng: Draw, f: _Factory) -> None:
    which = rng.sub(["init", "run", "shutdown"])
    params = {
        "init": ("config", "config: Mapping[str, str]"),
        "run": ("", ""),
        "shutdown": ("timeout", "timeout: float"),
    }
    exc = rng.choice(['RuntimeError("not ready")', 'KeyError("missing")', "ZeroDivisionError()"])
    f.methods[which] = f.method(which, *params[which], "None", f"raise {exc}")


def _fk_abstract(rng: Draw, f: _Factory) -> None:
    f.imports.append("import abc")
    f.bases = "abc.ABC"
    f.methods["close"] = "@abc.abstractmethod\ndef close(self):\n    ..."


def _fk_missing_dep(rng: Draw, f: _Factory) -> None:
    how = rng.sub(["top", "lazy", "from-submodule"])
    if how == "top":
        f.imports.append("import fx_not_installed")
    elif how == "lazy":
        f.methods["run"] = f.method(
            "run", "", "", "None", "import fx_not_installed\n\nself.count = fx_not_installed"
        )
    else:
        f.imports.append("from fx_not_installed.sub import helper")


def _fk_missing_api_name(rng: Draw, f: _Factory) -> None:
    f.imports.append("from fhost import PluginV2")


def _fk_import_time_raise(rng: Draw, f: _Factory) -> None:
    f.after.append(rng.choice(['SETTINGS = {}["missing"]', 'raise RuntimeError("not configured")']))


FACTORY_KINDS: dict[str, FactoryKind] = {
    "ok-basic": _fk_ok,
    "new-alias": _fk_new_alias,
    "new-wrapped": _fk_new_wrapped,
    "staticmethod-run": _fk_staticmethod,
    "generic-class": _fk_generic,
    "setattr-member": _fk_setattr,
    "class-decorator-member": _fk_class_decorator,
    "metaclass-member": _fk_metaclass,
    "dead-new": _fk_dead_new,
    "live-branch-new": _fk_live_branch_new,
    "module-getattr": _fk_module_getattr,
    "type-checking-annotation": _fk_type_checking_annotation,
    "guarded-dependency": _fk_guarded_dep,
    "wrong-return-type": _fk_wrong_return,
    "explicit-subclass": _fk_explicit_subclass,
    "optional-params": _fk_optional_params,
    "dataclass": _fk_dataclass,
    "missing-new": _fk_missing_new,
    "new-twice": _fk_new_twice,
    "new-requires-arg": _fk_new_requires_arg,
    "new-no-return": _fk_new_no_return,
    "new-returns-class": _fk_new_returns_class,
    "new-is-instance": _fk_new_is_instance,
    "new-raises": _fk_new_raises,
    "missing-method": _fk_missing_method,
    "property-method": _fk_property,
    "wrong-params": _fk_wrong_params,
    "async-method": _fk_async,
    "step-raises": _fk_step_raises,
    "abstract-class": _fk_abstract,
    "missing-dependency": _fk_missing_dep,
    "missing-api-name": _fk_missing_api_name,
    "import-time-raise": _fk_import_time_raise,
}


def factory_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(FACTORY_KINDS, seed + 1, count):
        f = _factory_base(rng)
        FACTORY_KINDS[kind](rng, f)
        future = kind != "type-checking-annotation" and rng.random() < 0.5
        if kind == "type-checking-annotation":
            future = rng.sub([True, False])
        head = [f'"""Generated factory plugin: {kind}."""', ""]
        if future:
            head += ["from __future__ import annotations", ""]
        if f.annotated and kind != "type-checking-annotation":
            head.append("from collections.abc import Mapping")
        head += f.imports
        name = f"fp{i:03d}"
        structure, files = _structure(rng, name, "\n".join(head), f.render())
        traits = (
            "annotated" if f.annotated else "unannotated",
            "future" if future else "eager",
            f"api={f.api}",
            structure,
        )
        variants.append(Variant(name, "factory", kind, traits, files))
    return variants


# ---------------------------------------------------------------- hosts


PLUGGY_API = '''"""The differential pluggy host's markers."""

import pluggy

hookspec = pluggy.HookspecMarker("dh")
hookimpl = pluggy.HookimplMarker("dh")
'''

PLUGGY_SPECS = '''"""Hook specifications of the differential pluggy host."""

from dhost import hookspec


@hookspec
def dh_startup(config):
    """Called once when the host starts."""


@hookspec(firstresult=True)
def dh_handle(request, context):
    """The first non-None result answers the request."""


@hookspec(historic=True)
def dh_configure(config):
    """Replayed for plugins registered late."""


@hookspec
def dh_render(page, context):
    """Render one page."""


@hookspec
def dh_collect(session, items):
    """Collect items."""


@hookspec(warn_on_impl=DeprecationWarning("dh_legacy is deprecated, implement dh_startup"))
def dh_legacy(config):
    """Deprecated."""
'''

PLUGGY_TESTING = '''"""What the differential pluggy host passes to its hooks (as the oracle)."""


def config():
    return {"greeting": "hello"}


def request():
    return "GET /"


def context():
    return {}


def page():
    return "index"


def session():
    return object()


def items():
    return []
'''
STAND_INS = (
    "stand-ins = { "
    + ", ".join(
        f'{a} = "dhost.testing:{a}"'
        for a in ("config", "request", "context", "page", "session", "items")
    )
    + " }\n"
)
"""The contracts' stand-ins: with them the harness calls every hook once, as the oracle does."""

PLUGGY_MAIN = '''"""How the differential pluggy host calls its hooks (as the oracle does)."""


def startup(pm, config, session):
    pm.hook.dh_startup(config=config)
    # ... the pytest-style host names only the hook it calls without a spec: the call shows
    # what it passes.
    pm.hook.dh_extra(session=session)
'''
assert tuple(OPTIONAL_HOOKS) == ("dh_extra",), "PLUGGY_MAIN and the contracts call dh_extra"

FACTORY_API = '''"""The differential factory host's plugin API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


Factory = Callable[[], Plugin]
'''

CONTRACTS = {
    "pluggy-plain": (
        '[tool.plugcheck.contracts.plain]\nkind = "pluggy"\npaths = ["plugins/*"]\n'
        'search-path = ["api"]\n\n[tool.plugcheck.contracts.plain.pluggy]\nproject = "dh"\n'
        'hookspecs = ["dhost.hookspecs"]\n'
        # The plain host declares what it passes to the hook it calls without a spec ...
        'optional-hooks = { dh_extra = ["session"] }\n' + STAND_INS
    ),
    "pluggy-pytest": (
        '[tool.plugcheck.contracts.pytest-style]\nkind = "pluggy"\npaths = ["plugins/*"]\n'
        'search-path = ["api"]\n\n[tool.plugcheck.contracts.pytest-style.pluggy]\nproject = "dh"\n'
        'hookspecs = ["dhost.hookspecs"]\nprefix = "dh_"\noptional-hooks = ["dh_extra"]\n'
        + STAND_INS
    ),
    "factory": (
        '[tool.plugcheck]\nsearch-path = ["api"]\n\n[tool.plugcheck.contracts.factory]\n'
        'kind = "factory"\napi = "fhost"\npaths = ["plugins/*"]\n\n'
        '[tool.plugcheck.contracts.factory.exports]\nnew = "fhost:Factory"\n\n'
        '[tool.plugcheck.contracts.factory.lifecycle]\nprotocol = "fhost:Plugin"\n'
        f'factory = "new"\nconfig = {{ greeting = "hello" }}\n'
        # The oracle's host passes init exactly this table (CONFIG), never more keys.
        f"config-complete = true\ndeadline = {DEADLINE}\n"
    ),
}


def write_host(root: Path, contract: str, variants: list[Variant]) -> Path:
    """One host directory: its API, its pyproject with the contract, every variant as a plugin."""
    if contract.startswith("pluggy"):
        api = {
            "api/dhost/__init__.py": PLUGGY_API,
            "api/dhost/hookspecs.py": PLUGGY_SPECS,
            "api/dhost/main.py": PLUGGY_MAIN,
            "api/dhost/testing.py": PLUGGY_TESTING,
        }
    elif contract in entry_hosts.APIS:
        api = entry_hosts.APIS[contract]
    else:
        api = {"api/fhost/__init__.py": FACTORY_API}
    plugins = {f"plugins/{rel}": text for v in variants for rel, text in v.files.items()}
    pyproject = entry_hosts.CONTRACTS.get(contract) or CONTRACTS[contract]
    return hosts.write_host(root, pyproject=pyproject, files={**api, **plugins})
