"""``kind = "pluggy"``: hookimpls checked against the host's hookspecs before anything runs.

The checks are the ones ``pluggy.PluginManager`` performs in ``register``/``_verify_hook`` and
``check_pending``, done on source: the hookspec modules are parsed from the target environment,
never imported. The dynamic twin (``kinds/pluggy/dynamic.py``) registers each plugin in a real
``PluginManager`` and reports what pluggy itself says.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import replace

from plugcheck.autofix import made
from plugcheck.kinds.pluggy.contract import (
    PluggyContract,
    contract_hooks,
    pluggy_contract,
    plugin_impls,
)
from plugcheck.model import (
    Applicability,
    Autofix,
    Finding,
    Location,
    Plugin,
    Severity,
)
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.hooks import Impl
from plugcheck.static.hookspecs import HookSet, Spec

# overruled_by: when pluggy itself registers the plugin, these static guesses are withdrawn.
PC501 = rule(
    "PC501",
    "unknown-hook",
    Severity.ERROR,
    "A hookimpl names a hook the host has no hookspec for (and it is not marked optional).",
    overruled_by="pluggy",
    autofix=Applicability.UNSAFE,
)
PC502 = rule(
    "PC502",
    "hookimpl-argument-not-in-spec",
    Severity.ERROR,
    "A hookimpl asks for an argument the hookspec does not provide.",
    overruled_by="pluggy",
    autofix=Applicability.UNSAFE,
)
PC503 = rule(
    "PC503",
    "hook-wrapper-not-generator",
    Severity.ERROR,
    "A hookimpl declared `wrapper=True` or `hookwrapper=True` is not a generator function.",
    overruled_by="pluggy",
)
PC504 = rule(
    "PC504",
    "historic-hook-wrapper",
    Severity.ERROR,
    "A wrapper or hookwrapper implements a historic hook, which pluggy forbids.",
    overruled_by="pluggy",
)
PC505 = rule(
    "PC505",
    "wrapper-and-hookwrapper",
    Severity.ERROR,
    "A hookimpl sets both `wrapper=True` and `hookwrapper=True`.",
    overruled_by="pluggy",
)
PC506 = rule(
    "PC506",
    "deprecated-hook-implementation",
    Severity.WARNING,
    "A hookimpl implements a hook, or asks for an argument, the host has deprecated.",
    autofix=Applicability.UNSAFE,
)
PC533 = rule(
    "PC533",
    "hook-never-runs",
    Severity.INFO,
    "A hookimpl names a hook the host has no hookspec for; the host never checks, so it never "
    "runs.",
)
PC507 = rule(
    "PC507",
    "hookimpl-keyword-only-parameter",
    Severity.ERROR,
    "A hookimpl has a keyword-only parameter: pluggy never passes one, so a required one makes "
    "every call raise TypeError.",
)
PC508 = rule(
    "PC508",
    "async-hookimpl",
    Severity.ERROR,
    "A hookimpl is an `async def`: every call returns a coroutine nobody awaits, its body never "
    "runs.",
)
PC509 = rule(
    "PC509",
    "generator-hookimpl",
    Severity.WARNING,
    "A plain hookimpl (no wrapper option) is a generator function: the call returns a generator "
    "and its body runs only if the host iterates the result.",
)
PC511 = rule(
    "PC511",
    "wrapper-cannot-yield-once",
    Severity.ERROR,
    "A hook wrapper has no path that yields exactly once: every call raises RuntimeError "
    "('did not yield' / 'has second yield'); a warning when only some paths end without "
    "yielding exactly once.",
)
PC512 = rule(
    "PC512",
    "wrapper-uses-old-result-protocol",
    Severity.ERROR,
    "A hook wrapper misreads what `yield` returns: a `wrapper=True` hookimpl treats it as a "
    "pluggy Result (`outcome.get_result()`) or, for a hook without firstresult, as one value "
    "instead of the list of results; a `hookwrapper=True` one treats the Result as the value.",
)
PC513 = rule(
    "PC513",
    "entry-point-names-class",
    Severity.ERROR,
    "The entry point names a class, not a module or an instance (or a hookimpl is a method "
    "taken from its class, or a staticmethod taking `self`): pluggy calls it unbound, without "
    "`self`.",
)
PC522 = rule(
    "PC522",
    "prefixed-name-not-hookable",
    Severity.ERROR,
    "A name with the host's hook prefix holds a routine that is not a Python function (a "
    "builtin, a functools.lru_cache wrapper, a routine only a module `__getattr__` serves): the "
    "manager claims it and pluggy's register fails.",
    overruled_by="pluggy",
)
PC524 = rule(
    "PC524",
    "hookimpls-not-readable",
    Severity.WARNING,
    "Which hookimpls register() finds cannot be read from source: the module's `__dir__` or "
    "`__getattr__` computes the names or what they hold, so the plugin is not checked statically.",
    overruled_by="pluggy",
)
PC523 = rule(
    "PC523",
    "hookimpl-wrapper-passes-no-arguments",
    Severity.ERROR,
    "A hookimpl is a decorator's `*args, **kwargs` wrapper without `functools.wraps`: pluggy "
    "reads the wrapper's parameters and passes it nothing, so the function it wraps misses its "
    "required arguments on every call.",
)
PC563 = rule(
    "PC563",
    "hookimpl-wrapper-cannot-take-arguments",
    Severity.ERROR,
    "A hookimpl is a decorator's wrapper that keeps the decorated function as `__wrapped__` "
    "(`functools.wraps`, or set by hand): pluggy reads the arguments to pass from the decorated "
    "function but calls the wrapper, whose own parameters cannot take them.",
)
PC514 = rule(
    "PC514",
    "optional-hook-argument-not-passed",
    Severity.ERROR,
    "A hookimpl of a hook without a hookspec asks for an argument the host's call does not "
    "pass: that call raises HookCallError.",
)


# --- the checks --------------------------------------------------------------------------


def impl_location(impl: Impl) -> Location:
    return Location(impl.path, impl.line, impl.col)


def _renamed(
    plugin: Plugin, impl: Impl, old: str, names: Sequence[str], *, whole_file: bool
) -> Autofix | None:
    """``old`` renamed to the one name of ``names`` close to it (none, or two: no fix): in
    the whole file (a hook) or in the hookimpl's own function (an argument)."""
    close = difflib.get_close_matches(old, names, n=2)
    new = close[0] if len(close) == 1 else None
    return _renamed_to(plugin, impl, old, new, line=None if whole_file else impl.line)


def _renamed_to(
    plugin: Plugin, impl: Impl, old: str, new: str | None, *, line: int | None
) -> Autofix | None:
    if new is None or impl.path not in plugin.files:
        return None
    # libcst loads with the first fix made: a third of plugcheck's start-up otherwise
    from plugcheck.autofix.rename import rename

    return made(
        lambda: rename(
            impl.path,
            old,
            new,
            f"rename {old} to {new}",
            line=line,
            # An argument is the function's own name: other files may use the word.
            others=plugin.files if line is None else (),
            unused=line is not None,  # an argument: the body must not read its old value
        )
    )


def _named_in(warning: str, names: Iterable[str], taken: Container[str]) -> str | None:
    """The one name of ``names`` (not ``taken``) the host's deprecation warning mentions."""
    words = set(re.findall(r"[A-Za-z_]\w*", warning))
    named = [n for n in dict.fromkeys(names) if n in words and n not in taken]
    return named[0] if len(named) == 1 else None


def _replacement_hook(plugin: Plugin, impl: Impl, hooks: HookSet) -> Autofix | None:
    """A deprecated hook renamed to the one hook its warning names, when that hook passes
    every argument the hookimpl asks for and is not deprecated itself."""
    hook = hooks.specs.get(impl.hook)
    if hook is None or hook.warn_on_impl is None or impl.attr != impl.hook:
        return None
    new = _named_in(hook.warn_on_impl, hooks.specs, {impl.hook})
    target = hooks.specs.get(new) if new else None
    if target is None or target.warn_on_impl is not None:
        return None
    if not set(impl.argnames) <= {*target.argnames, *target.kwargnames}:
        return None
    return _renamed_to(plugin, impl, impl.attr, new, line=None)


def impl_label(impl: Impl) -> str:
    """The hookimpl as a message names it: with the condition under which the host registers
    this definition, when an undecided ``if``/``else`` defines it in both branches."""
    name = f"{impl.owner}.{impl.attr}" if impl.owner else impl.attr
    return f"{name} (the one defined when {impl.when})" if impl.when else name


def checked(ctx: Context, plugin: Plugin) -> Iterator[tuple[Impl, HookSet, PluggyContract]]:
    """The plugin's hookimpls, with the contract's hooks, when it is a pluggy contract."""
    spec = pluggy_contract(ctx.contract)
    if spec is None:
        return
    hooks = contract_hooks(ctx, spec)
    if not hooks.specs:
        return  # the hookspec modules are missing: the pluggy pass reports that as a usage error
    for impl in plugin_impls(ctx, plugin, spec):
        if impl.unhookable is None and impl.unreadable is None:
            yield impl, hooks, spec


@plugin_check(PC522, PC524)
def unhookable(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = pluggy_contract(ctx.contract)
    if spec is None:
        return
    for impl in plugin_impls(ctx, plugin, spec):
        if impl.unreadable is not None:
            yield PC524.at(
                plugin,
                impl_location(impl),
                f"{plugin.name}: which hookimpls pluggy's register() finds is not known from "
                f"source: {impl.unreadable}; the harness's registration judges it",
                fix="define the hookimpls as module-level functions (or return a literal list "
                "from __dir__), or run plugcheck without --no-dynamic",
            )
        elif impl.unhookable is not None:
            error = impl.register_error.format(attr=impl.attr)
            yield PC522.at(
                plugin,
                impl_location(impl),
                f"{impl.attr} is {impl.unhookable}: {spec.project}'s manager takes every "
                f"routine named {spec.prefix}* for a hookimpl, but the target's pluggy binds "
                f"only Python functions it finds in the plugin's namespace, so register() "
                f"fails with '{error}'",
                fix=f"rename it so that it does not start with {spec.prefix!r}, or define a "
                f"plain `def {impl.attr}(...)` that calls it",
                # the attribute register()'s assertion names; getattr's AttributeError names
                # no member the worker can tell, so that twin is matched by place
                subject=impl.attr if error.startswith("AssertionError") else None,
            )


@plugin_check(PC501, PC502, PC503, PC504, PC505, PC506, PC533)
def hookimpls(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    impls = list(checked(ctx, plugin))
    # No hookimpl of the plugin names a hook the host has: where the host never calls
    # check_pending() the plugin loads and does nothing at all (pylsp-ruff-signature's only hook
    # is one python-lsp-server 1.15 has no hookspec for), which is more than a hook of a newer host.
    idle = bool(impls) and all(hooks.specs.get(impl.hook) is None for impl, hooks, _ in impls)
    for impl, hooks, spec in impls:
        for found in verify(plugin, impl, hooks, spec):
            if idle and found.code == PC533.code:
                found = replace(
                    found,
                    severity=Severity.WARNING,
                    message=f"{found.message}; none of the plugin's hooks is one "
                    f"{spec.project} has, so the plugin does nothing in this host",
                )
            # The hook pluggy's refusal names: the real refusal's twin (pluggy/dynamic.py).
            yield found if found.subject else replace(found, subject=impl.hook)


def verify(plugin: Plugin, impl: Impl, hooks: HookSet, spec: PluggyContract) -> Iterator[Finding]:
    """What ``register`` + ``check_pending`` would reject, in pluggy's order, all at once."""
    hook = hooks.specs.get(impl.hook)
    label = impl_label(impl)
    if hook is None:
        if optional(impl, spec):
            return
        close = difflib.get_close_matches(impl.hook, list(hooks.specs), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        if not spec.check_pending:
            yield PC533.at(
                plugin,
                impl_location(impl),
                f"{label} implements hook {impl.hook!r}, which {spec.project} has no hookspec "
                f"for{hint}; {spec.project} never calls check_pending(), so it loads the plugin "
                "and this hook never runs",
                fix=f"rename it to a hook {spec.project} defines if it is misspelt; if it is a "
                "hook of a newer host, it starts running once the host has it",
            )
            return
        yield PC501.at(
            plugin,
            impl_location(impl),
            f"{label} implements hook {impl.hook!r}, which {spec.project} has no hookspec "
            f"for{hint}; the host rejects the plugin with 'unknown hook {impl.hook!r}'",
            fix=f"rename it to a hook {spec.project} defines, or mark it "
            "@hookimpl(optionalhook=True) if another plugin provides the hookspec",
            autofix=_renamed(plugin, impl, impl.attr, list(hooks.specs), whole_file=True)
            if impl.attr == impl.hook
            else None,
        )
        return
    wraps = impl.wrapper or impl.hookwrapper
    option = "wrapper=True" if impl.wrapper else "hookwrapper=True"
    if hook.historic and wraps:
        yield PC504.at(
            plugin,
            impl_location(impl),
            f"{label} is declared {option} but hook {impl.hook!r} is historic; pluggy rejects "
            "it: historic incompatible with yield/wrapper/hookwrapper",
            fix=f"drop {option} and implement {impl.hook} as a plain hookimpl",
        )
    if hook.warn_on_impl is not None:
        yield PC506.at(
            plugin,
            impl_location(impl),
            f"{label} implements hook {impl.hook!r}, which {spec.project} deprecates: "
            f"{hook.warn_on_impl}",
            fix=f"stop implementing {impl.hook}; follow the host's deprecation notice",
            autofix=_replacement_hook(plugin, impl, hooks),
        )
    accepted = set(hook.argnames) | set(hook.kwargnames)
    extra = [a for a in impl.argnames if a not in accepted]
    if extra:
        names = ", ".join(repr(a) for a in extra)
        offered = ", ".join((*hook.argnames, *hook.kwargnames)) or "no arguments"
        yield PC502.at(
            plugin,
            impl_location(impl),
            f"{label} asks for argument(s) {names} that hook {impl.hook!r} does not provide "
            f"(it passes: {offered}); pluggy raises PluginValidationError at registration",
            fix=f"remove {names} or use the hookspec's names: {offered}",
            autofix=_renamed(
                plugin,
                impl,
                extra[0],
                [a for a in (*hook.argnames, *hook.kwargnames) if a not in impl.argnames],
                whole_file=False,
            )
            if len(extra) == 1
            else None,
        )
    for argname, warning in hook.warn_on_impl_args:
        if argname in (*impl.argnames, *impl.kwargnames):
            yield PC506.at(
                plugin,
                impl_location(impl),
                f"{label} asks for argument {argname!r} of hook {impl.hook!r}, which "
                f"{spec.project} deprecates: {warning}",
                fix=f"stop using {argname!r}; follow the host's deprecation notice",
                autofix=_renamed_to(
                    plugin,
                    impl,
                    argname,
                    _named_in(
                        warning,
                        (*hook.argnames, *hook.kwargnames),
                        {argname, *impl.argnames, *impl.kwargnames},
                    ),
                    line=impl.line,
                ),
            )
    if wraps and not impl.generator:  # an unknown decorator rarely makes a generator
        what = (
            f"is decorated with {impl.wrapped_by}, whose wrapper (the function pluggy calls) is "
            "not a generator function"
            if impl.wrapped_by
            else "is not a generator function"
        )
        yield PC503.at(
            plugin,
            impl_location(impl),
            f"{label} is declared {option} but {what}; pluggy rejects it at registration "
            "(a wrapper must `yield` exactly once)",
            fix="yield once inside the wrapper (`return (yield)` for wrapper=True)"
            + (f" and drop {impl.wrapped_by}" if impl.wrapped_by else ""),
        )
    if impl.wrapper and impl.hookwrapper:
        yield PC505.at(
            plugin,
            impl_location(impl),
            f"{label} sets both wrapper=True and hookwrapper=True; pluggy rejects it: "
            "the options are mutually exclusive",
            fix="keep wrapper=True (new style) and drop hookwrapper=True",
        )


def optional(impl: Impl, spec: PluggyContract) -> bool:
    """A hookimpl that ``check_pending`` accepts without a hookspec."""
    return (
        impl.optionalhook
        or impl.hook in spec.optional_hooks
        or impl.hook.startswith("_")  # check_pending() skips private hook names
    )


def unknown(impl: Impl, spec: PluggyContract) -> bool:
    """PC501's test: no hookspec, and the host's check_pending() rejects that."""
    return spec.check_pending and not optional(impl, spec)


def registration_rejects(impl: Impl, hook: Spec) -> bool:
    accepted = {*hook.argnames, *hook.kwargnames}
    wraps = impl.wrapper or impl.hookwrapper
    return (
        any(a not in accepted for a in impl.argnames)
        or (wraps and (hook.historic or not impl.generator))
        or (impl.wrapper and impl.hookwrapper)
    )
