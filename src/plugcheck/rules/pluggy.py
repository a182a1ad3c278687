"""``kind = "pluggy"``: hookimpls checked against the host's hookspecs before anything runs.

The checks are the ones ``pluggy.PluginManager`` performs in ``register``/``_verify_hook`` and
``check_pending``, done on source: the hookspec modules are parsed from the target environment,
never imported. The dynamic twin (``rules/pluggy_dynamic.py``) registers each plugin in a real
``PluginManager`` and reports what pluggy itself says.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck import config as _config
from plugcheck.autofix import made
from plugcheck.autofix.rename import rename
from plugcheck.model import (
    Applicability,
    Autofix,
    Contract,
    Finding,
    Location,
    Phase,
    Plugin,
    Related,
    Severity,
)
from plugcheck.options import UsageError
from plugcheck.passes import RunInput, RunPass, register_pass
from plugcheck.rules._ecosystem import Answer, rejected
from plugcheck.rules._memo import memo
from plugcheck.rules.base import RULES, Context, plugin_check, rule
from plugcheck.rules.installed import PC214, call_time_import
from plugcheck.static.hooks import (
    HookSet,
    HostCall,
    Impl,
    Marking,
    Spec,
    Target,
    added_hookspecs,
    has_yield,
    host_calls,
    impls_in,
    old_result_uses,
    specs_in,
    yield_counts,
)
from plugcheck.static.parse import ModuleInfo

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
    "('did not yield' / 'has second yield').",
)
PC512 = rule(
    "PC512",
    "wrapper-uses-old-result-protocol",
    Severity.ERROR,
    "A `wrapper=True` hookimpl treats what `yield` returns as a pluggy Result "
    "(`outcome.get_result()`): new-style wrappers receive the result itself.",
)
PC513 = rule(
    "PC513",
    "entry-point-names-class",
    Severity.ERROR,
    "The entry point names a class, not a module or an instance: pluggy calls its hookimpl "
    "methods unbound, without `self`.",
)
PC514 = rule(
    "PC514",
    "optional-hook-argument-not-passed",
    Severity.ERROR,
    "A hookimpl of a hook without a hookspec asks for an argument the host's call does not "
    "pass: that call raises HookCallError.",
)


# --- the contract's `pluggy` table -------------------------------------------------------

_KEYS = {
    "project",
    "hookspecs",
    "prefix",
    "optional-hooks",
    "addhooks",
    "check-pending",
    "awaits",
    "stand-ins",
}


@dataclass(frozen=True, slots=True)
class PluggyContract:
    project: str
    hookspecs: tuple[str, ...]
    """Dotted module names, or ``module:Class`` for class namespaces."""
    prefix: str | None = None
    optional_hooks: tuple[str, ...] = ()
    optional_arguments: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``optional-hooks`` as a table: the arguments the host passes when it calls each one."""
    addhooks: str | None = None
    """A (historic) hook through which plugins add their own hookspecs (``pytest_addhooks``)."""
    check_pending: bool = True
    """The host calls ``check_pending()``; without it an unknown hook is never called, not an
    error (datasette)."""
    awaits: bool = False
    """The host awaits coroutines that hookimpls return (datasette): ``async def`` works."""
    stand_ins: tuple[tuple[str, str], ...] = ()
    """Hook argument name -> ``module:callable`` making what the host passes for it: with them
    the harness calls each hook the plugin implements once (PC519)."""

    @property
    def marking(self) -> Marking:
        return Marking(self.project, self.prefix)


def _validate(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "must be a table: project, hookspecs, prefix, optional-hooks, addhooks"
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (expected one of: {', '.join(sorted(_KEYS))})"
    if not isinstance(raw.get("project"), str) or not raw["project"]:
        return "`project` (the name given to PluginManager and the markers) is required"
    specs = raw.get("hookspecs")
    if not isinstance(specs, list) or not specs or not all(isinstance(s, str) for s in specs):
        return '`hookspecs` must be a non-empty list of module names ("pkg.hookspec")'
    for spec in specs:
        module, _, cls = spec.partition(":")
        if not _config._DOTTED.match(module) or (cls and not _config._DOTTED.match(cls)):
            return f"hookspecs: {spec!r} is not a module name or module:Class"
    for key in ("prefix", "addhooks"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key]):
            return f"`{key}` must be a non-empty string"
    optional = raw.get("optional-hooks", [])
    if isinstance(optional, dict):
        if not all(
            isinstance(v, list) and all(isinstance(a, str) for a in v) for v in optional.values()
        ):
            return "`optional-hooks` as a table maps hook names to the argument names passed"
    elif not isinstance(optional, list) or not all(isinstance(s, str) for s in optional):
        return "`optional-hooks` must be a list of hook names (or a table: hook -> arguments)"
    for key in ("check-pending", "awaits"):
        if not isinstance(raw.get(key, False), bool):
            return f"`{key}` must be true or false"
    stand_ins = raw.get("stand-ins", {})
    if not isinstance(stand_ins, dict) or not all(
        isinstance(v, str) and _config._TYPEREF.match(v) for v in stand_ins.values()
    ):
        return (
            '`stand-ins` maps hook argument names to "module:callable" (what makes the object '
            f"the host passes), got {stand_ins!r}"
        )
    return None


FIELDS = {
    "pluggy": _config.Field(
        _validate,
        {
            "type": "object",
            "properties": {key: {} for key in sorted(_KEYS)},
            "required": ["project", "hookspecs"],
            "additionalProperties": False,
        },
        "The host's pluggy setup: project, hookspecs, prefix, optional-hooks, ...",
    )
}
"""The ``pluggy`` kind's own key."""


def pluggy_contract(contract: Contract) -> PluggyContract | None:
    raw: Mapping[str, Any] | None = contract.options.get("pluggy")
    if contract.kind != "pluggy" or not isinstance(raw, dict):
        return None
    return PluggyContract(
        project=raw["project"],
        hookspecs=tuple(raw["hookspecs"]),
        prefix=raw.get("prefix"),
        optional_hooks=tuple(raw.get("optional-hooks", ())),
        optional_arguments=tuple(
            (hook, tuple(args)) for hook, args in dict(raw.get("optional-hooks") or {}).items()
        )
        if isinstance(raw.get("optional-hooks"), dict)
        else (),
        addhooks=raw.get("addhooks"),
        check_pending=raw.get("check-pending", True),
        awaits=raw.get("awaits", False),
        stand_ins=tuple(sorted(dict(raw.get("stand-ins") or {}).items())),
    )


# --- specs, once per contract ------------------------------------------------------------


def host_hooks(ctx: Context, spec: PluggyContract) -> tuple[HookSet, list[str]]:
    """The host's hookspecs and, second, the problems with the ``hookspecs`` entries: a module
    that cannot be found, or one whose hookspecs are all inside classes (``add_hookspecs`` of
    the module registers none of them; the contract must name the classes)."""
    problems = []
    hooks = HookSet()
    roots = ctx.api_roots()
    for entry in spec.hookspecs:
        module_name, _, class_name = entry.partition(":")
        path = ctx.index.find_module(module_name, roots)
        info = ctx.index.info(path) if path else None
        if info is None:
            problems.append(f"{entry!r} is not importable from {ctx.env.executable}")
            continue
        hooks.sources.append(entry)
        found = specs_in(ctx.index, info, spec.marking, roots, class_name or None)
        classes = [] if found or class_name else _spec_classes(ctx, info, spec, roots)
        if classes:
            named = ", ".join(repr(f"{module_name}:{c}") for c in classes)
            problems.append(
                f"{entry!r} declares its hookspecs only inside classes; name them: {named}"
            )
        for hook in found:
            hooks.add(hook)
    return hooks, problems


def _spec_classes(
    ctx: Context, info: ModuleInfo, spec: PluggyContract, roots: Sequence[Path]
) -> list[str]:
    """The module-level classes of ``info`` that hold marked hookspecs."""
    if info.tree is None:
        return []
    return [
        s.name
        for s in info.tree.body
        if isinstance(s, ast.ClassDef) and specs_in(ctx.index, info, spec.marking, roots, s.name)
    ]


def contract_hooks(ctx: Context, spec: PluggyContract) -> HookSet:
    """Host hookspecs plus those every plugin of the contract adds with ``add_hookspecs``."""
    return memo(ctx, ("pluggy-hooks", ctx.contract.name), lambda: _contract_hooks(ctx, spec))


def _contract_hooks(ctx: Context, spec: PluggyContract) -> HookSet:
    hooks, _ = host_hooks(ctx, spec)
    for plugin in ctx.plugins:
        roots = ctx.roots(plugin)
        for path in plugin.files:
            info = ctx.index.info(path)
            if info is None:
                continue
            for namespace, class_name in added_hookspecs(ctx.index, info, roots, spec.addhooks):
                hooks.sources.append(str(namespace.path))
                for found in specs_in(ctx.index, namespace, spec.marking, roots, class_name):
                    hooks.add(found)
    return hooks


def plugin_impls(ctx: Context, plugin: Plugin, spec: PluggyContract) -> list[Impl]:
    """The hookimpls ``register`` finds in what the entry point names (the module by default)."""
    info = ctx.module(plugin)
    if info is None:
        return []
    target = Target(ctx.env.version, ctx.env.markers.get("sys_platform"))
    attr = plugin.entry_point.attr if plugin.entry_point else None
    return memo(
        ctx,
        ("pluggy-impls", ctx.contract.name, plugin.key),
        lambda: impls_in(
            ctx.index, info, spec.marking, ctx.roots(plugin), plugin.files, target=target, attr=attr
        ),
    )


# --- the checks --------------------------------------------------------------------------


def _where(impl: Impl) -> Location:
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
    return made(
        lambda: rename(
            impl.path, old, new, f"rename {old} to {new}", line=line, others=plugin.files
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


def _label(impl: Impl) -> str:
    return f"{impl.owner}.{impl.attr}" if impl.owner else impl.attr


def _checked(ctx: Context, plugin: Plugin) -> Iterator[tuple[Impl, HookSet, PluggyContract]]:
    """The plugin's hookimpls, with the contract's hooks, when it is a pluggy contract."""
    spec = pluggy_contract(ctx.contract)
    if spec is None:
        return
    hooks = contract_hooks(ctx, spec)
    if not hooks.specs:
        return  # the hookspec modules are missing: the pluggy pass reports that as a usage error
    for impl in plugin_impls(ctx, plugin, spec):
        yield impl, hooks, spec


@plugin_check(PC501, PC502, PC503, PC504, PC505, PC506, PC533)
def hookimpls(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for impl, hooks, spec in _checked(ctx, plugin):
        yield from verify(plugin, impl, hooks, spec)


def verify(plugin: Plugin, impl: Impl, hooks: HookSet, spec: PluggyContract) -> Iterator[Finding]:
    """What ``register`` + ``check_pending`` would reject, in pluggy's order, all at once."""
    hook = hooks.specs.get(impl.hook)
    label = _label(impl)
    if hook is None:
        if _optional(impl, spec):
            return
        close = difflib.get_close_matches(impl.hook, list(hooks.specs), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        if not spec.check_pending:
            yield PC533.at(
                plugin,
                _where(impl),
                f"{label} implements hook {impl.hook!r}, which {spec.project} has no hookspec "
                f"for{hint}; {spec.project} never calls check_pending(), so it loads the plugin "
                "and this hook never runs",
                fix=f"rename it to a hook {spec.project} defines if it is misspelt; if it is a "
                "hook of a newer host, it starts running once the host has it",
            )
            return
        yield PC501.at(
            plugin,
            _where(impl),
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
            _where(impl),
            f"{label} is declared {option} but hook {impl.hook!r} is historic; pluggy rejects "
            "it: historic incompatible with yield/wrapper/hookwrapper",
            fix=f"drop {option} and implement {impl.hook} as a plain hookimpl",
        )
    if hook.warn_on_impl is not None:
        yield PC506.at(
            plugin,
            _where(impl),
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
            _where(impl),
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
                _where(impl),
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
            _where(impl),
            f"{label} is declared {option} but {what}; pluggy rejects it at registration "
            "(a wrapper must `yield` exactly once)",
            fix="yield once inside the wrapper (`return (yield)` for wrapper=True)"
            + (f" and drop {impl.wrapped_by}" if impl.wrapped_by else ""),
        )
    if impl.wrapper and impl.hookwrapper:
        yield PC505.at(
            plugin,
            _where(impl),
            f"{label} sets both wrapper=True and hookwrapper=True; pluggy rejects it: "
            "the options are mutually exclusive",
            fix="keep wrapper=True (new style) and drop hookwrapper=True",
        )


# --- registered, but broken on every call -------------------------------------------------


@plugin_check(PC507, PC508, PC509, PC511, PC512, PC513, PC514, PC214)
def broken_calls(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """Hookimpls ``register`` accepts that fail (or do nothing) each time the host calls them."""
    for impl, hooks, spec in _checked(ctx, plugin):
        hook = hooks.specs.get(impl.hook)
        if hook is None and not impl.opaque and not _unknown(impl, spec):
            yield from _unpassed(ctx, plugin, impl, spec)
        if hook is None or impl.opaque or impl.node is None or _rejected(impl, hook):
            continue  # never called, unknown, or rejected at registration (PC501-PC505)
        yield from _call_failures(plugin, impl, hook, spec)
        node = impl.node
        runs = not impl.unbound and impl.wrapped_by is None
        if isinstance(node, ast.AsyncFunctionDef):
            runs = runs and spec.awaits  # else PC508: the body never runs
        if impl.generator and not (impl.wrapper or impl.hookwrapper):
            runs = runs and spec.awaits  # else PC509: only if the host iterates the result
        if runs and not isinstance(node, ast.Lambda):
            lazy = call_time_import(ctx, plugin, node, impl.path, _label(impl), impl.hook)
            if lazy is not None:
                yield lazy


def _unpassed(ctx: Context, plugin: Plugin, impl: Impl, spec: PluggyContract) -> Iterator[Finding]:
    """An optional hook (no hookspec) asking for an argument a call in the host's source omits."""
    calls = memo(ctx, ("pluggy-host-calls", ctx.contract.name), lambda: _host_calls(ctx, spec))
    declared = [
        HostCall(hook, frozenset(args), ctx.contract.source, 1, declared=True)
        for hook, args in spec.optional_arguments
        if hook == impl.hook
    ]
    for call in [*declared, *calls.get(impl.hook, ())]:
        missing = [a for a in impl.argnames if a not in call.passed]
        if not missing:
            continue
        names = ", ".join(repr(a) for a in missing)
        passed = ", ".join(sorted(call.passed)) or "no arguments"
        where = (
            "as the contract's optional-hooks declares"
            if call.declared
            else f"{ctx.shown(call.path)}:{call.line}"
        )
        yield PC514.at(
            plugin,
            _where(impl),
            f"{_label(impl)} asks for argument(s) {names}, but {spec.project} calls hook "
            f"{impl.hook!r}, which has no hookspec, with {passed} only "
            f"({where}); that call raises HookCallError: hook call "
            f"must provide argument {missing[0]!r}",
            fix=f"ask only for arguments the host passes ({passed}), or give {names} a default",
            related=[Related(Location(call.path, call.line), f"the host calls {impl.hook} here")],
        )
        return


def _host_calls(ctx: Context, spec: PluggyContract) -> dict[str, list[HostCall]]:
    """Hook calls in the packages that hold the contract's hookspec modules."""
    roots = ctx.api_roots()
    sources = []
    for entry in spec.hookspecs:
        top = entry.partition(":")[0].split(".")[0]
        path = ctx.index.find_module(top, roots)
        if path is not None:
            sources.append(path.parent if path.name == "__init__.py" else path)
    return host_calls(ctx.index, sources)


def _optional(impl: Impl, spec: PluggyContract) -> bool:
    """A hookimpl that ``check_pending`` accepts without a hookspec."""
    return (
        impl.optionalhook
        or impl.hook in spec.optional_hooks
        or impl.hook.startswith("_")  # check_pending() skips private hook names
    )


def _unknown(impl: Impl, spec: PluggyContract) -> bool:
    """PC501's test: no hookspec, and the host's check_pending() rejects that."""
    return spec.check_pending and not _optional(impl, spec)


def _rejected(impl: Impl, hook: Spec) -> bool:
    accepted = {*hook.argnames, *hook.kwargnames}
    wraps = impl.wrapper or impl.hookwrapper
    return (
        any(a not in accepted for a in impl.argnames)
        or (wraps and (hook.historic or not impl.generator))
        or (impl.wrapper and impl.hookwrapper)
    )


def _call_failures(
    plugin: Plugin, impl: Impl, hook: Spec, spec: PluggyContract
) -> Iterator[Finding]:
    node = impl.node
    assert node is not None
    label = _label(impl)
    wraps = impl.wrapper or impl.hookwrapper
    if impl.unbound:
        yield PC513.at(
            plugin,
            _where(impl),
            f"the entry point names the class {impl.owner}, not an instance: pluggy registers the "
            f"class object and calls {label} unbound, so `self` takes the first hook argument "
            "and every call raises TypeError",
            fix=f"name an instance in the entry point (`plugin = {impl.owner}()` and "
            "`module:plugin`), or make the hookimpl a staticmethod",
        )
        return
    keyword_only = list(zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True))
    required = [a.arg for a, default in keyword_only if default is None]
    offered = (*hook.argnames, *hook.kwargnames)
    defaulted = [a.arg for a, default in keyword_only if default is not None and a.arg in offered]
    if required:
        names = ", ".join(repr(a) for a in required)
        yield PC507.at(
            plugin,
            _where(impl),
            f"{label} has keyword-only parameter(s) {names} without a default; pluggy passes "
            "hook arguments positionally and never fills keyword-only ones, so every call of "
            f"{impl.hook!r} raises TypeError",
            fix=f"make {names} ordinary parameter(s) (move them before `*`)",
        )
    elif defaulted:
        names = ", ".join(repr(a) for a in defaulted)
        yield PC507.at(
            plugin,
            _where(impl),
            f"{label} takes hook argument(s) {names} as keyword-only; pluggy never passes "
            "keyword-only parameters, so they keep their default on every call",
            fix=f"make {names} ordinary parameter(s) (move them before `*`)",
            severity=Severity.WARNING,
        )
    # contextlib's helper hands back a context manager, not the coroutine.
    through_cm = (impl.wrapped_by or "").startswith("contextlib.")
    if isinstance(node, ast.AsyncFunctionDef) and not wraps and not spec.awaits and not through_cm:
        what = "an async generator" if has_yield(node) else "a coroutine"
        yield PC508.at(
            plugin,
            _where(impl),
            f"{label} is an `async def`: pluggy calls it like a function, so every call of "
            f"{impl.hook!r} returns {what} that nobody awaits: its body never runs",
            fix="make it a plain `def` (run async work through the host's own loop), or set "
            "`awaits = true` in the contract's pluggy table if the host awaits hook results",
        )
    if not wraps and impl.generator and not spec.awaits:
        yield PC509.at(
            plugin,
            _where(impl),
            f"{label} contains `yield` but is not declared a wrapper: each call of "
            f"{impl.hook!r} returns a generator object, and its body runs only if the host "
            "iterates that result",
            fix="return a value (a list) instead of yielding, or declare it "
            "@hookimpl(wrapper=True) if it is meant to wrap the other hookimpls",
        )
    if wraps and impl.wrapped_by is None:
        counts = yield_counts(node)
        if counts and 1 not in counts:
            option = "wrapper=True" if impl.wrapper else "hookwrapper=True"
            if counts == {0}:
                how, error = "never reaches a `yield`", "did not yield"
            elif 0 not in counts:
                how, error = "yields more than once on every path", "has second yield"
            else:
                how, error = "yields either not at all or more than once", "did not yield"
            yield PC511.at(
                plugin,
                _where(impl),
                f"{label} is declared {option} but {how}; pluggy raises "
                f"RuntimeError('... {error}') on every call of {impl.hook!r}",
                fix="yield exactly once on every path that returns (`return (yield)`)",
            )
    if impl.wrapper and not impl.hookwrapper:
        for use in old_result_uses(node):
            yield PC512.at(
                plugin,
                Location(impl.path, use.lineno, use.col_offset + 1),
                f"{label} is declared wrapper=True but uses `.{use.attr}` on what `yield` "
                "returned: a new-style wrapper receives the hook's result itself (not a "
                f"pluggy Result), so every call of {impl.hook!r} raises AttributeError",
                fix="use the value directly (`result = yield; return result`), or declare "
                "hookwrapper=True for the old protocol",
            )
            break


# --- dynamic: pluggy's own verdict ---------------------------------------------------------

PC510 = rule(
    "PC510",
    "pluggy-rejects-plugin",
    Severity.ERROR,
    "Registering the plugin in a real pluggy PluginManager with the host's hookspecs fails.",
    phase=Phase.DYNAMIC,
)
PC519 = rule(
    "PC519",
    "hook-call-fails",
    Severity.ERROR,
    "A hook the plugin implements raises when the harness calls it once, with the contract's "
    "stand-ins for the arguments, after pluggy registered the plugin.",
    phase=Phase.DYNAMIC,
    explained_by=("PC214", "PC507", "PC511", "PC512", "PC513", "PC514"),
)

_STATIC_TWINS = {PC501.code, PC502.code, PC503.code, PC504.code, PC505.code}


def run_pluggy(data: RunInput) -> list[Finding]:
    """Check the hookspec modules exist (usage error otherwise), then let pluggy judge."""
    findings: list[Finding] = []
    for contract, plugins in data.contracts:
        spec = pluggy_contract(contract)
        if spec is None:
            continue
        ctx = Context(contract=contract, plugins=plugins, index=data.index, env=data.env)
        hooks, problems = host_hooks(ctx, spec)
        if problems:
            raise UsageError(
                [
                    f"{contract.source}: tool.plugcheck.contracts.{contract.name}.pluggy."
                    f"hookspecs: {problem}"
                    for problem in problems
                ]
            )
        runnable = [p for p in plugins if p.module_path is not None]
        if data.options.dynamic and runnable:
            findings.extend(_dynamic(data, contract, spec, runnable))
            if spec.stand_ins:
                _uncalled(data, contract, spec, hooks)
    return findings


def _uncalled(data: RunInput, contract: Contract, spec: PluggyContract, hooks: HookSet) -> None:
    """Say which hooks PC519 cannot call: those with an argument the contract gives no
    stand-in for (called only for a hookimpl that does not take it)."""
    given = dict(spec.stand_ins)
    missing = {
        name: [a for a in hook.argnames if a not in given]
        for name, hook in sorted(hooks.specs.items())
    }
    lacking = {name: args for name, args in missing.items() if args}
    if lacking:
        shown = "; ".join(f"{name} ({', '.join(args)})" for name, args in lacking.items())
        data.notes.append(
            f"pluggy: contract {contract.name}: hookimpls taking an argument without a stand-in "
            f"are not called (PC519): {shown}"
        )


def _dynamic(
    data: RunInput, contract: Contract, spec: PluggyContract, plugins: list[Plugin]
) -> Iterator[Finding]:
    request = {
        "mode": "pluggy",
        "project": spec.project,
        "hookspecs": list(spec.hookspecs),
        "prefix": spec.prefix,
        "optional_hooks": list(spec.optional_hooks),
        "addhooks": spec.addhooks,
        "check_pending": spec.check_pending,
        "stand_ins": dict(spec.stand_ins),
        "optional_arguments": dict(spec.optional_arguments),
    }
    for answer in rejected(data, contract, plugins, request, _STATIC_TWINS):
        if answer.status == "call-failed":
            found = _call_failed(data, answer, spec)
            if found is not None:
                yield found
            continue
        yield PC510.at(
            answer.plugin,
            answer.location,
            f"pluggy rejects {answer.plugin.name} when it is registered with {spec.project}'s "
            f"hookspecs: {answer.message}",
            fix="make the hookimpl match the host's hookspec (name, arguments, wrapper options)",
        )


def _call_failed(data: RunInput, answer: Answer, spec: PluggyContract) -> Finding | None:
    """PC519 for one failed hook call, unless a static error about the same hookimpl (its
    ``def`` line, or the hook as its subject) already predicts it."""
    hook = answer.hook or "?"
    finding = PC519.at(
        answer.plugin,
        answer.location,
        f"calling hook {hook!r} once, as {spec.project} does, with the contract's stand-ins "
        f"fails: {answer.message}",
        fix=f"make the hookimpl of {hook} work with what {spec.project} passes",
        subject=hook,
    )
    prefixes = RULES[PC519.code].explained_by
    for other in data.findings:
        same = (other.contract, other.plugin) == (finding.contract, finding.plugin)
        if not (same and other.code.startswith(prefixes) and other.severity is Severity.ERROR):
            continue
        if other.subject == hook or (
            other.location.line == finding.location.line
            and other.location.path.resolve() == finding.location.path.resolve()
        ):
            data.notes.append(
                f"pluggy: {finding.plugin}: {PC519.code} not reported, already explained by "
                f"{other.code}"
            )
            return None
    return finding


register_pass(
    RunPass(name="pluggy", order=60, run=run_pluggy, enabled=lambda options: True),
)
