"""A third generator family, pluggy only: plugins as an outsider writes them, unseen by the tuning.

Written after ``generate`` (plugcheck was tuned on it) and ``redteam`` (its first red team), from
what pluggy users do in the wild rather than from plugcheck's rules: plugin objects and mixins
whose bound methods the module exposes, instances pluggy never looks into, module
``__getattr__``, ``functools.update_wrapper``/``singledispatch``/``lru_cache`` and callable
objects as decorators, ``staticmethod`` objects at module level, old-style hookwrappers that
force a result or an exception, ``specname`` with ``optionalhook``, ordering options on
wrappers, markers of a differently named project, two-level star re-exports, hookimpls defined
by a function through ``global`` or ``setattr`` on the module, wrappers delegating through
``yield from``, markers chosen by a conditional or fetched with ``getattr``, and wrappers that
drop the result. As in the other families, what a variant should do is never recorded: the
oracle (the real pluggy) decides. There are no factory variants in this family.
"""

from __future__ import annotations

from differential.generate import WRAPPABLE, Draw, Variant, _def, _draws, _marker, _structure
from differential.redteam import Parts, RedKind, _hook, _indent, _maybe_bad


def _uk_instance_plugin(rng: Draw, m: str) -> Parts:
    """Marked methods of an instance stored in the module: pluggy never looks inside it."""
    hook, args = _hook(rng)
    inner = _indent(_def(m, hook, ["self", *_maybe_bad(rng, args)]))
    name = rng.sub(["plugin", "PLUGIN", "instance"])
    return [], f"class Plugin:\n{inner}\n\n{name} = Plugin()", {}


def _uk_mixin_bound(rng: Draw, m: str) -> Parts:
    """A hookimpl inherited from a mixin, exposed as the bound method of an instance."""
    hook, args = _hook(rng)
    inner = _indent(_def(m, hook, ["self", *_maybe_bad(rng, args)]))
    how = rng.sub(["attr", "loop"])
    expose = (
        f"{hook} = _instance.{hook}"
        if how == "attr"
        else f'for _name in ("{hook}",):\n    globals()[_name] = getattr(_instance, _name)'
    )
    return (
        [],
        f"class HooksMixin:\n{inner}\n\nclass Plugin(HooksMixin):\n    pass\n\n\n"
        f"_instance = Plugin()\n{expose}",
        {},
    )


def _uk_module_getattr(rng: Draw, m: str) -> Parts:
    """A module ``__getattr__`` (and ``__dir__``) handing out a hookimpl, read statically."""
    hook, args = _hook(rng)
    impl = _def(m, "_impl", _maybe_bad(rng, args))
    with_dir = rng.sub([True, False])
    dir_fn = f'\n\ndef __dir__():\n    return [*globals(), "{hook}"]\n' if with_dir else ""
    return (
        [],
        f'{impl}\n\ndef __getattr__(name):\n    if name == "{hook}":\n        return _impl\n'
        f"    raise AttributeError(name)\n{dir_fn}",
        {},
    )


UPDATE_WRAPPER = """def logged(fn):
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)

    return functools.update_wrapper(inner, fn)
"""


def _uk_update_wrapper(rng: Draw, m: str) -> Parts:
    """A decorator that keeps the signature with ``functools.update_wrapper``, above or below."""
    hook, args = _hook(rng)
    impl = _def(m, hook, _maybe_bad(rng, args), extra_decos=("logged",))
    if rng.sub([True, True, False, False]):
        impl = impl.replace(f"@{m}\n@logged\n", f"@logged\n@{m}\n")
    return ["import functools"], f"{UPDATE_WRAPPER}\n\n{impl}", {}


def _uk_module_staticmethod(rng: Draw, m: str) -> Parts:
    """A ``staticmethod`` object stored in the module, the marker inside or outside it."""
    hook, args = _hook(rng)
    impl = _def(None, "_impl", _maybe_bad(rng, args))
    how = rng.sub(["inside", "outside"])
    value = f"staticmethod({m}(_impl))" if how == "inside" else f"{m}(staticmethod(_impl))"
    return [], f"{impl}\n\n{hook} = {value}", {}


def _uk_hookwrapper_force(rng: Draw, m: str) -> Parts:
    """Old-style hookwrappers that replace the result or the exception."""
    hook, args = _hook(rng, WRAPPABLE)
    body = rng.sub(
        [
            "outcome = yield\noutcome.force_result(outcome.get_result())",
            "outcome = yield\noutcome.force_result(None)",
            "outcome = yield\noutcome.force_result([])",
            'outcome = yield\noutcome.force_exception(RuntimeError("vetoed"))',
            "outcome = yield\nif outcome.exception is None:\n"
            "    outcome.force_result(outcome.get_result())",
        ]
    )
    return [], _def(f"{m}(hookwrapper=True)", hook, args, body), {}


def _uk_specname_optional(rng: Draw, m: str) -> Parts:
    """``specname`` naming a hook the host may or may not have, with ``optionalhook``."""
    hook, args = _hook(rng)
    target = rng.sub([hook, "dh_unknown_event", hook, "dh_unknown_event"])
    optional = rng.sub([True, True, False, False, True])
    opts = f'specname="{target}"' + (", optionalhook=True" if optional else "")
    return [], _def(f"{m}({opts})", "on_event", _maybe_bad(rng, args)), {}


def _uk_ordered_wrapper(rng: Draw, m: str) -> Parts:
    """Wrappers (new and old style) with ordering options, alone and combined."""
    hook, args = _hook(rng, WRAPPABLE)
    kind = rng.sub(["wrapper=True", "hookwrapper=True"])
    order = rng.choice(["tryfirst=True", "trylast=True", "tryfirst=True, trylast=True"])
    body = "result = yield\nreturn result" if kind == "wrapper=True" else "yield"
    return [], _def(f"{m}({order}, {kind})", hook, _maybe_bad(rng, args), body), {}


def _uk_foreign_marker(rng: Draw, m: str) -> Parts:
    """A marker of a differently named project: the host's manager does not see its options."""
    hook, args = _hook(rng)
    project = rng.sub(["otherhost", "dhost", "DH"])
    header = ["import pluggy", "", f'other = pluggy.HookimplMarker("{project}")']
    body = _def("other", hook, _maybe_bad(rng, args))
    if rng.sub([False, True, True]):
        body = _def(m, rng.choice([h for h in WRAPPABLE if h != hook]), []) + "\n\n" + body
    return header, body, {}


def _uk_nested_star(rng: Draw, m: str) -> Parts:
    """Hookimpls re-exported through two star imports, private names included or not."""
    hook, args = _hook(rng)
    private = rng.sub([False, True])
    name = f"_{hook}" if private else hook
    deco = f'hookimpl(specname="{hook}")' if private else "hookimpl"
    inner = (
        '"""Hooks."""\n\nfrom dhost import hookimpl\n\n'
        + (f'__all__ = ["{name}"]\n' if private and rng.sub([True, False, True]) else "")
        + "\n\n"
        + _def(deco, name, _maybe_bad(rng, args))
    )
    middle = '"""Re-exports."""\n\nfrom ._inner import *  # noqa: F403\n'
    return ["from .middle import *  # noqa: F403"], "", {"middle.py": middle, "_inner.py": inner}


def _uk_global_in_function(rng: Draw, m: str) -> Parts:
    """A hookimpl defined in a function through ``global``; the function is called or not."""
    hook, args = _hook(rng)
    inner = _indent(_def(m, hook, _maybe_bad(rng, args)))
    called = rng.sub([True, True, False])
    call = "\n\n_setup()" if called else ""
    return [], f"def _setup():\n    global {hook}\n\n{inner}{call}", {}


def _uk_setattr_module(rng: Draw, m: str) -> Parts:
    """A hookimpl set on the module object with ``setattr``."""
    hook, args = _hook(rng)
    impl = _def(None, "_impl", _maybe_bad(rng, args))
    target = rng.sub(["sys.modules[__name__]", "_self"])
    own = "_self = sys.modules[__name__]\n" if target == "_self" else ""
    return ["import sys"], f'{impl}\n\n{own}setattr({target}, "{hook}", {m}(_impl))', {}


COUNTED = """class Counted:
    def __init__(self, fn):
        self.fn = fn
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.fn(*args, **kwargs)
"""


def _uk_callable_object(rng: Draw, m: str) -> Parts:
    """A class used as a decorator: the module holds an instance, which pluggy never binds."""
    hook, args = _hook(rng)
    impl = _def(m, hook, _maybe_bad(rng, args), extra_decos=("Counted",))
    return [], f"{COUNTED}\n\n{impl}", {}


def _uk_yield_from_wrapper(rng: Draw, m: str) -> Parts:
    """A wrapper delegating its single yield (or not) to a helper generator."""
    hook, args = _hook(rng, WRAPPABLE)
    helper_body = rng.sub(
        [
            "result = yield\nreturn result",
            "result = yield\nresult = yield\nreturn result",
            "return None\nyield",
        ]
    )
    helper = _def(None, "_around", [], helper_body)
    style = rng.sub(["wrapper=True", "wrapper=True", "wrapper=True", "hookwrapper=True"])
    return (
        [],
        helper + "\n\n" + _def(f"{m}({style})", hook, args, "return (yield from _around())"),
        {},
    )


def _uk_conditional_marker(rng: Draw, m: str) -> Parts:
    """The marker chosen by a conditional expression over a module constant."""
    hook, args = _hook(rng)
    flag = rng.sub(["True", "False"])
    chosen = f"mark = {m} if ENABLED else (lambda fn: fn)"
    return [], f"ENABLED = {flag}\n{chosen}\n\n\n" + _def("mark", hook, _maybe_bad(rng, args)), {}


def _uk_getattr_marker(rng: Draw, m: str) -> Parts:
    """The marker fetched with ``getattr`` from the host module."""
    hook, args = _hook(rng)
    return (
        ["import dhost as _host"],
        'mark = getattr(_host, "hookimpl")\n\n\n' + _def("mark", hook, _maybe_bad(rng, args)),
        {},
    )


def _uk_singledispatch(rng: Draw, m: str) -> Parts:
    """A ``functools.singledispatch`` function as a hookimpl: it needs a positional argument."""
    hook, args = _hook(rng)
    args = _maybe_bad(rng, args)
    impl = _def(m, hook, args, extra_decos=("functools.singledispatch",))
    return ["import functools"], impl, {}


def _uk_lru_cache(rng: Draw, m: str) -> Parts:
    """A cached function under a hook name: a C wrapper, not a Python function."""
    hook, args = _hook(rng)
    deco = rng.sub(["functools.lru_cache(maxsize=None)", "functools.cache"])
    impl = _def(m, hook, _maybe_bad(rng, args), extra_decos=(deco,))
    return ["import functools"], impl, {}


def _uk_wrapper_drops_result(rng: Draw, m: str) -> Parts:
    """New-style wrappers that return something other than the result they received."""
    hook, args = _hook(rng, WRAPPABLE)
    body = rng.sub(
        [
            "yield\nreturn None",
            "result = yield\nreturn list(result)",
            "result = yield\nreturn result or None",
            "yield",
        ]
    )
    return [], _def(f"{m}(wrapper=True)", hook, args, body), {}


PLUGGY_KINDS: dict[str, RedKind] = {
    "instance-plugin": _uk_instance_plugin,
    "mixin-bound-method": _uk_mixin_bound,
    "module-getattr": _uk_module_getattr,
    "update-wrapper": _uk_update_wrapper,
    "module-staticmethod": _uk_module_staticmethod,
    "hookwrapper-force": _uk_hookwrapper_force,
    "specname-optional": _uk_specname_optional,
    "ordered-wrapper": _uk_ordered_wrapper,
    "foreign-marker": _uk_foreign_marker,
    "nested-star": _uk_nested_star,
    "global-in-function": _uk_global_in_function,
    "setattr-module": _uk_setattr_module,
    "callable-object-decorator": _uk_callable_object,
    "yield-from-wrapper": _uk_yield_from_wrapper,
    "conditional-marker": _uk_conditional_marker,
    "getattr-marker": _uk_getattr_marker,
    "singledispatch": _uk_singledispatch,
    "lru-cache": _uk_lru_cache,
    "wrapper-drops-result": _uk_wrapper_drops_result,
}


def pluggy_variants(seed: int = 12, count: int = 330) -> list[Variant]:
    variants = []
    for i, kind, rng in _draws(PLUGGY_KINDS, seed + 2000, count):
        style = rng.choice(["from", "alias", "module", "module-alias", "pluggy", "pluggy-alias"])
        m, imports = _marker(style)
        extra, body, siblings = PLUGGY_KINDS[kind](rng, m)
        header = "\n".join([f'"""Unseen pluggy plugin: {kind}."""', "", *extra, *imports])
        name = f"pu{i:03d}"
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
