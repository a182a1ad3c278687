"""PC545, PC547, PC548 for a pluggy hookimpl pluggy registers (a plain function, not a wrapper
or a generator): on every call of the hook it reads a file next to its module that is not there,
imports a name its module lacks in the target environment (``rules/call_reads.py`` reads the
body), or reads an attribute the stand-in value of one of its arguments cannot have
(``rules/passed_values.py``). Registration succeeds; every call raises."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from plugcheck.kinds.pluggy.checks import checked, impl_label, registration_rejects
from plugcheck.kinds.pluggy.contract import PluggyContract
from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.call_reads import PC545, PC547, leading, missing_file, missing_name
from plugcheck.rules.logger_calls import PC551, lacking_logger_method, logger_finding
from plugcheck.rules.none_fallback import fallback_read
from plugcheck.rules.passed_values import PC548, lacking_attribute, stand_in_type, unannotated
from plugcheck.rules.stand_in_values import PC564, missing_key, stand_in_value
from plugcheck.static.hooks import Impl


def _called(ctx: Context, plugin: Plugin) -> Iterator[tuple[Any, ast.FunctionDef, Any]]:
    """Each hookimpl pluggy registers and calls as a plain function (a spec exists, registration
    accepts it, not a generator or wrapper), with its function node and its contract's spec."""
    for impl, hooks, spec in checked(ctx, plugin):
        hook = hooks.specs.get(impl.hook)
        node = impl.node
        if hook is None or impl.opaque or registration_rejects(impl, hook):
            continue  # never called, or rejected at registration (PC501-PC505)
        if not isinstance(node, ast.FunctionDef) or impl.generator or impl.wrapped_by:
            continue
        yield impl, node, spec


@plugin_check(PC545)
def hook_reads_missing_file(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for impl, node, _spec in _called(ctx, plugin):
        read = missing_file(ctx, impl.path, node.body)
        if read is not None:
            node_, wanted = read
            yield PC545.at(
                plugin,
                Location(impl.path, node_.lineno, node_.col_offset + 1),
                f"{impl_label(impl)} reads `{ast.unparse(node_)[:60]}` on every call, but "
                f"there is no file {wanted.name!r} next to {impl.path.name}: every call of "
                f"{impl.hook!r} raises FileNotFoundError",
                fix=f"ship {wanted.name} with the plugin (package data), or fall back when "
                "it is missing",
                subject=impl.hook,
            )


@plugin_check(PC547)
def hook_import_fails(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    roots: list[Path] | None = None
    for impl, node, _spec in _called(ctx, plugin):
        roots = roots if roots is not None else ctx.roots(plugin)
        found = missing_name(ctx, plugin, node.body, roots)
        info = ctx.index.info(impl.path) if found is None else None
        fallback = (
            fallback_read(ctx, plugin, info, node, list(leading(node.body))) if info else None
        )
        if fallback is not None:
            used, why, error = fallback
            yield PC547.at(
                plugin,
                Location(impl.path, used.lineno, used.col_offset + 1),
                f"{impl_label(impl)} uses `{ast.unparse(used)[:60]}` on every call, but {why} "
                f"and its handler leaves None: every call of {impl.hook!r} raises {error}",
                fix="install the module in the host's environment, guard the use (`if ... is "
                "not None:`), or give the fallback a working stand-in",
                subject=impl.hook,
            )
            continue
        if found is None:
            continue
        stmt, name = found
        yield PC547.at(
            plugin,
            Location(impl.path, stmt.lineno, stmt.col_offset + 1),
            f"{impl_label(impl)} runs `from {stmt.module} import {name}` on every "
            f"call, but {stmt.module} in the target environment has no {name!r}: "
            f"every call of {impl.hook!r} raises ImportError",
            fix=f"import a name {stmt.module} provides",
            subject=impl.hook,
        )


@plugin_check(PC548)
def hook_reads_lacking_attribute(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    kinds: dict[str, type | None] = {}
    for impl, node, spec in _called(ctx, plugin):
        if not spec.stand_ins:
            continue
        given = dict(spec.stand_ins)
        params = {a.arg: a for a in (*node.args.posonlyargs, *node.args.args)}
        for name in impl.argnames:
            if name not in given or name not in params or not unannotated(params[name]):
                continue
            if name not in kinds:
                kinds[name] = stand_in_type(ctx, plugin, given[name])
            value = kinds[name]
            found = lacking_attribute(node, name, value) if value is not None else None
            if found is None or value is None:
                continue
            yield PC548.at(
                plugin,
                Location(impl.path, found.lineno, found.col_offset + 1),
                f"{impl_label(impl)} reads `{ast.unparse(found)[:60]}` on every call, but the "
                f"host passes {name} as a {value.__name__} (stand-in {given[name]}), which has "
                f"no attribute {found.attr!r}: every call of {impl.hook!r} raises AttributeError",
                fix=f"read {name} as the {value.__name__} it is"
                + (f": `{name}.get(...)` or `{name}[...]`" if value is dict else ""),
                subject=impl.hook,
            )
            break


def passed_values(
    ctx: Context, plugin: Plugin, impl: Impl, spec: PluggyContract
) -> dict[str, tuple[str, Any]]:
    """The arguments pluggy passes ``impl`` whose stand-in makes a known value, one on every
    call (no ``samples``): name -> (stand-in, value). Empty unless ``impl`` is the plugin's
    only hookimpl of its hook (another one, a wrapper say, could change the value before this
    one runs)."""
    given = dict(spec.stand_ins)
    if not given or not any(a in given for a in impl.argnames):
        return {}
    mine = [o for o, _h, _s in checked(ctx, plugin) if o.hook == impl.hook]
    # one per branch of an undecided `if`/`else` (Impl.alternative): never both registered
    if sum(o.alternative == impl.alternative for o in mine) != 1:
        return {}
    known: dict[str, tuple[str, Any]] = {}
    for name in impl.argnames:
        if name in spec.varied:
            continue  # its samples differ: no one value decides what the calls do
        value = stand_in_value(ctx, plugin, given[name]) if name in given else None
        if value is not None:
            known[name] = (given[name], value[0])
    return known


@plugin_check(PC564)
def hook_reads_lacking_key(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for impl, node, spec in _called(ctx, plugin):
        for name, (ref, value) in passed_values(ctx, plugin, impl, spec).items():
            found = missing_key(node, name, value)
            if found is None:
                continue
            read, key = found
            yield PC564.at(
                plugin,
                Location(impl.path, read.lineno, read.col_offset + 1),
                f"{impl_label(impl)} reads `{ast.unparse(read)[:60]}` on every call, but the "
                f"host passes {name} as {value!r} (stand-in {ref}), which has no key {key!r}: "
                f"every call of {impl.hook!r} raises KeyError",
                fix=f"read it with a default: `{name}.get({key!r})`, or change the stand-in "
                "if the host really passes that key",
                subject=impl.hook,
            )
            break


@plugin_check(PC551)
def hook_calls_lacking_logger_method(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for impl, node, _spec in _called(ctx, plugin):
        found = lacking_logger_method(ctx, plugin, impl.path, node)
        if found is not None:
            label = impl_label(impl)
            yield logger_finding(plugin, impl.path, found, label, repr(impl.hook), impl.hook)
