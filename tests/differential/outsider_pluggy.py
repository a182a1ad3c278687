"""A pluggy generator family written by an outsider, before reading plugcheck's rules (issue 12).

Pluggy plugins as authors write them when nobody tells them what a checker reads: markers
stacked, called empty, splatted from a dict, re-exported from the plugin's own ``_compat``
module, built by a helper function or deleted after use; a module that replaces itself in
``sys.modules`` with a plugin instance; classes and callable objects named like hooks; bound
methods exported under another name; classmethods marked above or below the ``classmethod``;
positional-only, variadic and keyword-only parameters; synchronous hooks driving a coroutine
with ``asyncio.run``; generators turned into lists by a decorator; optional imports (guarded,
version-gated, ``TYPE_CHECKING``, lazy in the hook body); ``__all__`` that pluggy ignores, and
``__all__`` that decides what a star re-export carries; debug branches behind a module
constant; hooks overwritten with ``None``, nested in a function, imported from a sibling,
written as a lambda or marked by setting the ``<project>_impl`` attribute by hand; historic,
firstresult and deprecated hooks; optional hooks; wrappers with ``try/finally``, an early
``return`` before the ``yield`` or the other style's protocol; near-miss hook and argument
names; hooks that raise at every call; async and generator hooks; an environment variable
read at import. About half of the kinds are healthy plugins that merely look unusual, since a
false error counts too. What a variant does is never recorded here: the real pluggy decides.
There are no factory variants in this family.
"""

from __future__ import annotations

from collections.abc import Callable

from differential.generate import (
    PLAIN,
    WRAPPABLE,
    Draw,
    Variant,
    _args,
    _def,
    _draws,
    _marker,
    _structure,
)

Parts = tuple[list[str], str, dict[str, str]]
"""(header lines, module body, sibling modules of a package plugin: relative path -> source)"""
OutsiderKind = Callable[[Draw, str], Parts]


def _hook(rng: Draw, hooks: list[str] | None = None) -> tuple[str, list[str]]:
    hook = rng.choice(hooks or PLAIN)
    return hook, _args(rng, hook)


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


def _good(rng: Draw, m: str, *, besides: str = "") -> str:
    hook, args = _hook(rng, [h for h in PLAIN if h != besides])
    return _def(m, hook, args)


def _bad_args(rng: Draw, hook: str) -> list[str]:
    return [*_args(rng, hook), rng.choice(["verbose", "cfg", "session2"])]


# ---------------------------------------------------------------- markers


def _ok_stacked_markers(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    outer, inner = rng.sub(
        [(f"{m}(tryfirst=True)", m), (m, f"{m}(trylast=True)"), (m, m), (f"{m}()", m)]
    )
    return [], _def(outer, hook, args, extra_decos=(inner,)), {}


def _ok_marker_empty_call(rng: Draw, m: str) -> Parts:
    hooks = rng.sample(PLAIN, 2)
    return [], "\n\n".join(_def(f"{m}()", h, _args(rng, h)) for h in hooks), {}


def _ok_marker_opts_splat(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, WRAPPABLE)
    how = rng.sub(["dict-tryfirst", "const-trylast", "dict-wrapper-plain", "const-wrapper"])
    if how == "dict-tryfirst":
        return [], _def(f'{m}(**{{"tryfirst": True}})', hook, args), {}
    if how == "const-trylast":
        return [], "OPTS = dict(trylast=True)\n\n\n" + _def(f"{m}(**OPTS)", hook, args), {}
    if how == "dict-wrapper-plain":  # not a generator: pluggy refuses the wrapper
        return [], _def(f'{m}(**{{"wrapper": True}})', hook, args), {}
    body = "result = yield\nreturn result"
    return [], "WRAP = {'wrapper': True}\n\n\n" + _def(f"{m}(**WRAP)", hook, args, body), {}


def _ok_marker_compat_module(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    source = rng.sub(
        [
            "from dhost import hookimpl\n",
            'import pluggy\n\nhookimpl = pluggy.HookimplMarker("dh")\n',
            "try:\n    from dhost import hookimpl\nexcept ImportError:  # pragma: no cover\n"
            '    import pluggy\n\n    hookimpl = pluggy.HookimplMarker("dh")\n',
        ]
    )
    local = rng.sub(["impl", "hookimpl"])
    header = [
        f"from ._compat import hookimpl as {local}"
        if local == "impl"
        else "from ._compat import hookimpl"
    ]
    body = _def(local, hook, args) + "\n\n" + _def(local, *_hook(rng))
    return header, body, {"_compat.py": f'"""Markers, whatever pluggy is installed."""\n\n{source}'}


def _ok_marker_factory_function(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    make = rng.sub(
        [
            'def _marker():\n    import pluggy\n\n    return pluggy.HookimplMarker("dh")\n',
            'def _marker(project="dh"):\n    from pluggy import HookimplMarker\n\n'
            "    return HookimplMarker(project)\n",
        ]
    )
    return [], f"{make}\n\nhook = _marker()\n\n\n" + _def("hook", hook, args), {}


def _ok_del_marker(rng: Draw, m: str) -> Parts:
    root = m.split(".")[0].split("(")[0]
    body = _good(rng, m) + "\n\n" + _good(rng, m)
    return [], f"{body}\n\ndel {root}\n", {}


def _ok_manual_impl_attribute(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    how = rng.sub(["empty", "tryfirst", "bad-arg"])
    if how == "bad-arg":
        args = _bad_args(rng, hook)
    opts = "{}" if how != "tryfirst" else '{"tryfirst": True}'
    return [], _def(None, hook, args) + f"\n\n{hook}.dh_impl = {opts}\n", {}


# ---------------------------------------------------------------- objects as plugins


def _ok_sys_modules_instance(rng: Draw, m: str) -> Parts:
    hook = rng.choice(PLAIN)
    args = _bad_args(rng, hook) if rng.sub([False, True]) else _args(rng, hook)
    method = _indent(_def(m, hook, ["self", *args]))
    tail = rng.sub(["sys.modules[__name__] = _Plugin()", "sys.modules[__name__] = _Plugin()"])
    return ["import sys"], f"class _Plugin:\n{method}\n\n\n{tail}\n", {}


def _ok_class_named_like_hook(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    marked = rng.sub([True, False])
    deco = f"@{m}\n" if marked else ""
    init = _indent(_def(None, "__init__", ["self", *args], "self.args = ()"))
    return [], f"{deco}class {hook}:\n{init}\n\n\n" + _good(rng, m, besides=hook), {}


def _ok_callable_instance_hook(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    call = _indent(_def(None, "__call__", ["self", *args]))
    return [], f"class _Hook:\n{call}\n\n\n{hook} = _Hook()\n", {}


def _ok_bound_method_renamed(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    method = _indent(_def(m, hook, ["self", *args]))
    short = hook.removeprefix("dh_")
    export = rng.sub([f"{short} = _plugin.{hook}", f"{hook} = _plugin.{hook}"])
    return [], f"class Plugin:\n{method}\n\n\n_plugin = Plugin()\n{export}\n", {}


def _ok_classmethod_export(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    order = rng.sub([("classmethod", m), (m, "classmethod")])
    method = _indent(_def(order[0], hook, ["cls", *args], extra_decos=(order[1],)))
    return [], f"class Hooks:\n{method}\n\n\n{hook} = Hooks.{hook}\n", {}


# ---------------------------------------------------------------- parameters and bodies


def _ok_posonly_params(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    return [], _def(m, hook, [*args, "/"] if args else []), {}


def _ok_varargs_only(rng: Draw, m: str) -> Parts:
    hook, _ = _hook(rng)
    params = rng.sub([["*args", "**kwargs"], ["**kwargs"], ["*args"]])
    return [], _def(m, hook, params), {}


def _ok_kwonly_default(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    tail = rng.sub([["*", "verbose=False"], ["*", "verbose"], ["*", "verbose=False", "dry=True"]])
    return [], _def(m, hook, [*args, *tail]), {}


def _ok_asyncio_run_sync(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    body = "return asyncio.run(_work())"
    work = "async def _work():\n    await asyncio.sleep(0)\n    return None\n"
    return ["import asyncio"], work + "\n\n" + _def(m, hook, args, body), {}


LISTIFY = {
    "wraps": "def _listify(fn):\n    @functools.wraps(fn)\n    def inner(*args, **kwargs):\n"
    "        return list(fn(*args, **kwargs))\n\n    return inner\n",
    "no-wraps": "def _listify(fn):\n    def inner(*args, **kwargs):\n"
    "        return list(fn(*args, **kwargs))\n\n    return inner\n",
}


def _ok_listify_decorator(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, ["dh_render", "dh_collect", "dh_startup"])
    how = rng.sub(["wraps", "wraps", "no-wraps"])
    body = "yield from ()" if not args else f"yield {args[0]}"
    fn = _def(m, hook, args, body, extra_decos=("_listify",))
    return ["import functools"], f"{LISTIFY[how]}\n\n{fn}", {}


def _ok_raises_at_call(rng: Draw, m: str) -> Parts:
    hook = rng.choice(["dh_handle", "dh_render"])
    how = rng.sub(["not-implemented", "key", "attribute"])
    body = {
        "not-implemented": 'raise NotImplementedError("subclass me")',
        "key": 'return context["user"]',
        "attribute": "return config.greeting",
    }[how]
    if how == "attribute":
        hook = rng.choice(["dh_startup", "dh_configure"])
        return [], _def(m, hook, ["config"], body), {}
    return (
        [],
        _def(m, hook, ["context"] if how != "not-implemented" else _args(rng, hook), body),
        {},
    )


def _ok_async_hook(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, WRAPPABLE)
    how = rng.sub(["plain", "tryfirst", "wrapper"])
    if how == "wrapper":
        return [], _def(f"{m}(wrapper=True)", hook, args, "return (yield)", prefix="async "), {}
    deco = m if how == "plain" else f"{m}(tryfirst=True)"
    body = "await asyncio.sleep(0)"
    return ["import asyncio"], _def(deco, hook, args, body, prefix="async "), {}


def _ok_plain_generator_hook(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, ["dh_collect", "dh_render"])
    body = rng.sub(["yield 1\nyield 2", "yield from range(3)", "for x in (1, 2):\n    yield x"])
    return [], _def(m, hook, args, body), {}


# ---------------------------------------------------------------- imports


def _ok_try_import_optional(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    mod = rng.sub(["yaml_fast_xyz", "tomllib", "ujson_missing_xyz"])
    head = [f"try:\n    import {mod}\nexcept ImportError:  # optional\n    {mod} = None"]
    body = f"if {mod} is None:\n    return None\nreturn None"
    return head, _def(m, hook, args, body), {}


def _ok_guarded_import_used(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    mod = rng.sub(["fastjson_xyz", "dh_backend_xyz"])
    handler = rng.sub(["pass", "HAVE = False"])
    head = [f"try:\n    import {mod}\nexcept ImportError:\n    {handler}"]
    return head, _def(m, hook, args, f"return {mod}.dumps({{}})"), {}


def _ok_version_conditional_import(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    head = rng.sub(
        [
            "if sys.version_info >= (3, 11):\n    import tomllib\n"
            "else:\n    import tomli as tomllib",
            "if sys.version_info < (3, 8):\n    import importlib_metadata as metadata\n"
            "else:\n    from importlib import metadata",
        ]
    )
    return ["import sys", "", head], _def(m, hook, args), {}


def _ok_lazy_missing_import(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    how = rng.sub(["bare", "guarded", "from"])
    body = {
        "bare": "import dh_render_engine_xyz\n\nreturn dh_render_engine_xyz.render()",
        "guarded": "try:\n    import dh_render_engine_xyz\nexcept ImportError:\n    return None\n"
        "return dh_render_engine_xyz.render()",
        "from": "from dh_render_engine_xyz import render\n\nreturn render()",
    }[how]
    return [], _def(m, hook, args, body), {}


def _ok_top_missing_import(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    how = rng.sub(["module", "host-name", "sibling"])
    if how == "module":
        return ["import dh_plugin_backend_xyz"], _def(m, hook, args), {}
    if how == "host-name":
        return ["from dhost import hookimpl_v2"], _def(m, hook, args), {}
    helper = '"""Helpers."""\n\nimport dh_plugin_backend_xyz\n\nVALUE = 1\n'
    return ["from . import helpers"], _def(m, hook, args), {"helpers.py": helper}


def _ok_type_checking_import(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    head = [
        "from typing import TYPE_CHECKING",
        "",
        "if TYPE_CHECKING:\n    import dh_types_xyz\n    from dhost.types import Config",
    ]
    ann = [f'{a}: "Config"' if a == "config" else a for a in args]
    return head, _def(m, hook, ann, "return None"), {}


def _ok_future_annotations_unknown(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    ann = [f"{a}: Undefined{a.title()}" for a in args]
    fn = _def(m, hook, ann).replace("):", ") -> ResultType:", 1)
    return ["from __future__ import annotations"], fn, {}


def _ok_import_time_env(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    how = rng.sub(["subscript", "get", "subscript-home"])
    head = {
        "subscript": 'TOKEN = os.environ["DH_PLUGIN_TOKEN_XYZ"]',
        "get": 'TOKEN = os.environ.get("DH_PLUGIN_TOKEN_XYZ", "")',
        "subscript-home": 'HOME = os.environ["PATH"]',
    }[how]
    return ["import os", "", head], _def(m, hook, args), {}


# ---------------------------------------------------------------- what pluggy sees


def _ok_all_excludes_hook(rng: Draw, m: str) -> Parts:
    hook = rng.choice(PLAIN)
    args = _bad_args(rng, hook) if rng.sub([False, True]) else _args(rng, hook)
    return ['__all__ = ["helper"]'], _def(m, hook, args) + "\n\ndef helper():\n    return 1\n", {}


def _ok_star_all_hides(rng: Draw, m: str) -> Parts:
    good, good_args = _hook(rng)
    bad = rng.choice([h for h in PLAIN if h != good])
    listed = rng.sub([[good], [good, bad], [good]])
    impl = (
        f'"""Implementation."""\n\n{_marker_import(m)}\n\n__all__ = {listed!r}\n\n\n'
        + _def(m, good, good_args)
        + "\n\n"
        + _def(m, bad, _bad_args(rng, bad))
    )
    return ["from .impl import *  # noqa: F403"], "", {"impl.py": impl}


def _ok_star_all_missing_name(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng)
    ghost = rng.sub(["dh_renderer", "setup_plugin"])
    impl = (
        f'"""Implementation."""\n\n{_marker_import(m)}\n\n__all__ = ["{hook}", "{ghost}"]\n\n\n'
        + _def(m, hook, args)
    )
    return ["from .impl import *  # noqa: F403"], "", {"impl.py": impl}


def _ok_dead_debug_constant(rng: Draw, m: str) -> Parts:
    hook = rng.choice(PLAIN)
    value = rng.sub(["False", "True", "False", "0"])
    bad = _indent(_def(m, rng.choice(["dh_debug_dump", hook]), _bad_args(rng, hook)))
    return [f"DEBUG = {value}"], _good(rng, m, besides=hook) + f"\n\nif DEBUG:\n\n{bad}\n", {}


def _ok_overwritten_none(rng: Draw, m: str) -> Parts:
    hook = rng.choice(PLAIN)
    bad = _def(m, hook, _bad_args(rng, hook))
    tail = rng.sub([f"{hook} = None  # disabled until the host supports it", f"del {hook}"])
    return [], f"{bad}\n\n{tail}\n", {}


def _ok_nested_unexported(rng: Draw, m: str) -> Parts:
    hook = rng.choice(PLAIN)
    inner = _indent(_def(m, hook, _bad_args(rng, hook)))
    call = rng.sub(["", "\n\n_setup()\n"])
    fn = f"def _setup():\n{inner}\n    return None\n{call}"
    return [], _good(rng, m, besides=hook) + "\n\n" + fn, {}


def _ok_imported_hook_function(rng: Draw, m: str) -> Parts:
    good, good_args = _hook(rng)
    bad = rng.choice([h for h in PLAIN if h != good])
    hooks = (
        f'"""The hooks."""\n\n{_marker_import(m)}\n\n\n'
        + _def(m, good, good_args)
        + "\n\n"
        + _def(m, bad, _bad_args(rng, bad))
    )
    names = rng.sub([good, f"{good}, {bad}", good])
    return [f"from .hooks import {names}"], "", {"hooks.py": hooks}


def _ok_lambda_hook(rng: Draw, m: str) -> Parts:
    hook = rng.choice(PLAIN)
    args = rng.sub([_args(rng, hook), ["cfg"], _args(rng, hook)])
    return [], f"{hook} = {m}(lambda {', '.join(args)}: None)\n", {}


def _ok_prefixed_helper(rng: Draw, m: str) -> Parts:
    helper = rng.sub(["dh_format", "dh_version"])
    fn = f"def {helper}(value):\n    return str(value)\n"
    return [], _good(rng, m) + "\n\n" + fn, {}


# ---------------------------------------------------------------- hooks of the spec


def _ok_historic_impl(rng: Draw, m: str) -> Parts:
    how = rng.sub(["plain", "tryfirst", "plain", "wrapper"])
    if how == "wrapper":
        return [], _def(f"{m}(wrapper=True)", "dh_configure", ["config"], "return (yield)"), {}
    deco = m if how == "plain" else f"{m}(tryfirst=True)"
    return [], _def(deco, "dh_configure", ["config"], 'config.setdefault("x", 1)'), {}


def _ok_firstresult_value(rng: Draw, m: str) -> Parts:
    args = _args(rng, "dh_handle")
    body = rng.sub(['return "handled"', 'return {"status": 200}', "return 0"])
    return [], _def(m, "dh_handle", args, body), {}


def _ok_deprecated_legacy(rng: Draw, m: str) -> Parts:
    return [], _def(m, "dh_legacy", _args(rng, "dh_legacy")) + "\n\n" + _good(rng, m), {}


def _ok_optional_marked_unknown(rng: Draw, m: str) -> Parts:
    how = rng.sub(["plain", "specname"])
    if how == "plain":
        return [], _def(f"{m}(optionalhook=True)", "dh_other_plugin_hook", ["anything"]), {}
    return [], _def(f'{m}(optionalhook=True, specname="dh_from_other")', "on_other", ["x", "y"]), {}


def _ok_optional_host_hook(rng: Draw, m: str) -> Parts:
    params = rng.sub([["session", "verbose=False"], ["session", "config"], ["session"], []])
    return [], _def(m, "dh_extra", params), {}


# ---------------------------------------------------------------- wrappers


def _ok_wrapper_try_finally(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, WRAPPABLE)
    how = rng.sub(["new", "old", "new-except"])
    if how == "new":
        body = "try:\n    return (yield)\nfinally:\n    _CLEANUP.append(1)"
        return ["_CLEANUP = []"], _def(f"{m}(wrapper=True)", hook, args, body), {}
    if how == "new-except":
        body = "try:\n    result = yield\nexcept ValueError:\n    raise\nreturn result"
        return [], _def(f"{m}(wrapper=True)", hook, args, body), {}
    body = "outcome = yield\ntry:\n    outcome.get_result()\nexcept Exception:\n    pass"
    return [], _def(f"{m}(hookwrapper=True)", hook, args, body), {}


def _ok_wrapper_early_return(rng: Draw, m: str) -> Parts:
    hook = rng.choice(["dh_handle", "dh_render"])
    cond = rng.sub(["not context", "context is None", "not context", "context is None"])
    opt = rng.sub(["wrapper=True", "wrapper=True", "hookwrapper=True", "hookwrapper=True"])
    body = f"if {cond}:\n    return None\nresult = yield\nreturn result"
    if opt.startswith("hook"):
        body = f"if {cond}:\n    return\nyield"
    return [], _def(f"{m}({opt})", hook, ["context"], body), {}


def _ok_wrapper_old_protocol(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, WRAPPABLE)
    body = rng.sub(
        [
            "outcome = yield\nresult = outcome.get_result()\nreturn result",
            "outcome = yield\noutcome.force_result(None)\nreturn None",
        ]
    )
    return [], _def(f"{m}(wrapper=True)", hook, args, body), {}


def _ok_hookwrapper_new_protocol(rng: Draw, m: str) -> Parts:
    hook, args = _hook(rng, WRAPPABLE)
    body = rng.sub(["result = yield\nreturn result", "result = yield\nresult.append(1)"])
    return [], _def(f"{m}(hookwrapper=True)", hook, args, body), {}


# ---------------------------------------------------------------- near misses


def _ok_typo_hook_name(rng: Draw, m: str) -> Parts:
    name = rng.sub(["dh_start_up", "dh_renders", "dh_Handle", "dh_colect"])
    return [], _good(rng, m) + "\n\n" + _def(m, name, ["config"]), {}


def _ok_typo_arg_name(rng: Draw, m: str) -> Parts:
    hook = rng.choice(PLAIN)
    wrong = rng.sub(["conifg", "ctx", "requests", "cfg"])
    return [], _def(m, hook, [*_args(rng, hook), wrong]), {}


def _marker_import(m: str) -> str:
    """What a sibling module imports for the marker expression ``m`` to resolve."""
    for style in ("from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"):
        expr, lines = _marker(style)
        if expr == m:
            return "\n".join(lines)
    return "from dhost import hookimpl"


PLUGGY_KINDS: dict[str, OutsiderKind] = {
    "stacked-markers": _ok_stacked_markers,
    "marker-empty-call": _ok_marker_empty_call,
    "marker-opts-splat": _ok_marker_opts_splat,
    "marker-compat-module": _ok_marker_compat_module,
    "marker-factory-function": _ok_marker_factory_function,
    "del-marker": _ok_del_marker,
    "manual-impl-attribute": _ok_manual_impl_attribute,
    "sys-modules-instance": _ok_sys_modules_instance,
    "class-named-like-hook": _ok_class_named_like_hook,
    "callable-instance-hook": _ok_callable_instance_hook,
    "bound-method-renamed": _ok_bound_method_renamed,
    "classmethod-export": _ok_classmethod_export,
    "posonly-params": _ok_posonly_params,
    "varargs-only": _ok_varargs_only,
    "kwonly-default": _ok_kwonly_default,
    "asyncio-run-sync": _ok_asyncio_run_sync,
    "listify-decorator": _ok_listify_decorator,
    "raises-at-call": _ok_raises_at_call,
    "async-hook": _ok_async_hook,
    "plain-generator-hook": _ok_plain_generator_hook,
    "try-import-optional": _ok_try_import_optional,
    "guarded-import-used": _ok_guarded_import_used,
    "version-conditional-import": _ok_version_conditional_import,
    "lazy-missing-import": _ok_lazy_missing_import,
    "top-missing-import": _ok_top_missing_import,
    "type-checking-import": _ok_type_checking_import,
    "future-annotations-unknown": _ok_future_annotations_unknown,
    "import-time-env": _ok_import_time_env,
    "all-excludes-hook": _ok_all_excludes_hook,
    "star-all-hides": _ok_star_all_hides,
    "star-all-missing-name": _ok_star_all_missing_name,
    "dead-debug-constant": _ok_dead_debug_constant,
    "overwritten-none": _ok_overwritten_none,
    "nested-unexported": _ok_nested_unexported,
    "imported-hook-function": _ok_imported_hook_function,
    "lambda-hook": _ok_lambda_hook,
    "prefixed-helper": _ok_prefixed_helper,
    "historic-impl": _ok_historic_impl,
    "firstresult-value": _ok_firstresult_value,
    "deprecated-legacy": _ok_deprecated_legacy,
    "optional-marked-unknown": _ok_optional_marked_unknown,
    "optional-host-hook": _ok_optional_host_hook,
    "wrapper-try-finally": _ok_wrapper_try_finally,
    "wrapper-early-return": _ok_wrapper_early_return,
    "wrapper-old-protocol": _ok_wrapper_old_protocol,
    "hookwrapper-new-protocol": _ok_hookwrapper_new_protocol,
    "typo-hook-name": _ok_typo_hook_name,
    "typo-arg-name": _ok_typo_arg_name,
}


def pluggy_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 4004, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m)
        future = [line for line in extra if line.startswith("from __future__")]
        rest = [line for line in extra if line not in future]
        doc = f'"""Outsider pluggy plugin: {kind}."""'
        header = "\n".join([doc, "", *future, *imports, "", *rest])
        name = f"po{i:03d}"
        if siblings:
            source = f"{header.rstrip()}\n\n\n{body.strip()}\n" if body else f"{header}\n"
            files = {f"{name}/__init__.py": source}
            files.update({f"{name}/{rel}": text for rel, text in siblings.items()})
            structure = "package"
        else:
            structure, files = _structure(rng, name, header, body)
        variants.append(Variant(name, "pluggy", kind, (f"marker={style}", structure), files))
    return variants


def factory_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    """None: this family is about pluggy."""
    return []
