"""What raises on every call of a method the host calls on the class an entry function returns
(``setup-function.calls``), judged as the factory lifecycle's methods are (``factory_product``):
a name bound nowhere or read before its binding (NameError, UnboundLocalError; private globals
as Python mangles them), asyncio or a context variable used so that it raises, a
``getattr(self, "__name")`` the class cannot answer (``private_lookups``), a lookup of the
plugin's own registry or enumeration that fails, an ``isinstance`` on its own Protocol (PC562),
and a ``self.<name>`` read that nothing sets (PC218). Only a plain, undecorated ``def`` that is
no generator is judged: its body runs when the host calls it."""

from __future__ import annotations

import ast

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.asyncio_misuse import method_def, module_def
from plugcheck.rules.attribute_never_set import never_set, unset_read
from plugcheck.rules.base import Context
from plugcheck.rules.enum_lookups import as_raising, raising_lookup
from plugcheck.rules.instance_state import Chain, chain
from plugcheck.rules.private_lookups import private_lookup
from plugcheck.rules.protocol_checks import refused_check
from plugcheck.rules.raising_calls import raising_context_use, raising_use
from plugcheck.rules.reached import STEPS, local_names, read_before_bound, reader_of, unbound
from plugcheck.rules.registry_lookups import missing_key
from plugcheck.rules.setup_signature import PC562
from plugcheck.static.bindings import ClassValue
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.resolve import is_generator, node_at


def method_raises(
    ctx: Context,
    plugin: Plugin,
    module: ModuleInfo,
    node: ast.ClassDef,
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    subject: str | None,
    host: Resolved | None,
) -> Finding | None:
    """The first failure every call of the method ``fn`` of ``node`` certainly meets
    (``host``: the host's class the contract names, which the class may derive from)."""
    if not isinstance(fn, ast.FunctionDef) or fn.decorator_list or is_generator(fn):
        return None
    label = f"{node.name}.{fn.name}()"
    missing = unbound(fn, module) or read_before_bound(fn)
    if missing is not None:
        if missing.id in local_names(fn):
            why = (
                f"reads `{missing.id}` before binding it: the method assigns `{missing.id}` "
                "without declaring it `global`, so it is a local, and every call of it by the "
                "host raises UnboundLocalError here"
            )
            fix = f"declare `global {missing.id}` in {fn.name}() to use the module's, or bind it"
        else:
            why = (
                f"reads `{missing.id}`, which is bound nowhere in {module.path.name} (not a "
                "local, not a module name, not a builtin): every call of it by the host raises "
                "NameError"
            )
            fix = f"import or define `{missing.id}` in {module.path.name}, or pass it in"
        return PC562.at(
            plugin,
            Location(module.path, missing.lineno, missing.col_offset + 1),
            f"{label} {why}",
            fix=fix,
            subject=subject,
        )
    reader = reader_of(ctx, plugin)
    cls = ClassValue(node, module)
    found = chain(reader.ns, cls, reader.own)
    unfound = missing_key(reader, fn, module) or raising_lookup(reader, fn, module)
    raising = (
        refused_check(reader, fn, module)
        or raising_use(module, fn, method_def(found, fn, module_def(module)))
        or raising_context_use(reader, module, fn)
        or private_lookup(reader, module, fn)
        or (as_raising(unfound) if unfound is not None else None)
    )
    if raising is not None:
        return PC562.at(
            plugin,
            Location(module.path, raising.call.lineno, raising.call.col_offset + 1),
            f"{label} runs {raising.why}: every call of {fn.name}() by the host raises "
            f"{raising.error}",
            fix=raising.fix,
            subject=subject,
        )
    if subject is not None and fn.name in STEPS:
        return None  # factory.py reads init, run and shutdown for what nothing sets
    unset = never_set(reader, cls, fn, host=_host_base(ctx, plugin, found, host))
    if unset is not None:
        return unset_read(plugin, module.path, node.name, fn.name, unset, getter=False)
    return None


def _host_base(
    ctx: Context, plugin: Plugin, found: Chain, host: Resolved | None
) -> ast.ClassDef | None:
    """The host's class statement, when it is the base where the plugin's classes stop."""
    if found.complete or found.foreign is None or host is None:
        return None
    module, name = found.foreign
    path = ctx.index.find_module(module, ctx.roots(plugin))
    if path is None or name != host.symbol.name or path.resolve() != host.module.path.resolve():
        return None
    node = node_at(host.module, host.symbol.line)
    return node if isinstance(node, ast.ClassDef) else None
