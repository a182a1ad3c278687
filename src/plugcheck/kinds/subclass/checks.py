"""``kind = "subclass"``: the plugin's class must subclass a host base class (mkdocs, pygments...).

Statically the class is followed through imports, aliases and generic bases (``BasePlugin[Cfg]``)
across the target environment's site-packages, and compared by *where it is defined*, not by
spelling: a vendored ``BasePlugin`` is another class. Dynamically the worker runs ``issubclass``
against the host's class object.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from plugcheck._ecosystem_worker.protocol import SubclassRequest
from plugcheck.model import (
    ENTRY_POINT_OBJECT,
    EntryPoint,
    Finding,
    Location,
    Phase,
    Plugin,
    Related,
    Severity,
    TypeRef,
)
from plugcheck.options import UsageError
from plugcheck.passes import RunInput, RunPass, register_pass
from plugcheck.rules._ecosystem import rejected
from plugcheck.rules.abstract_left import left_abstract
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.class_walk import ClassRef, ClassWalk, definition, host_class_ref
from plugcheck.rules.setup_spec import setup_contract
from plugcheck.rules.unchecked import no_entry_point
from plugcheck.static.index import Resolved
from plugcheck.static.parse import SymbolKind
from plugcheck.static.resolve import node_at
from plugcheck.static.virtual_subclass import registered

PC520 = rule(
    "PC520",
    "not-a-host-subclass",
    Severity.ERROR,
    "The plugin's class does not subclass the host's base class (or is not a class at all).",
    overruled_by="subclass",  # the host's own issubclass() held
    # the harness's class check of the export fails for the same copied base (not PC404:
    # what the factory made may fail its check for another reason, and this finding is
    # withdrawn where the host's issubclass() held)
    explains=("PC428",),
)
PC521 = rule(
    "PC521",
    "issubclass-fails-at-runtime",
    Severity.ERROR,
    "At run time, issubclass(plugin class, host base class) is False.",
    phase=Phase.DYNAMIC,
    # the static error about the same class predicts it; PC210: its decorator left None or an
    # instance where the class was; PC104: the export is bound to a function or an instance
    explained_by=(PC520.code, "PC210", "PC104"),
)


PC571 = rule(
    "PC571",
    "host-class-left-abstract",
    Severity.ERROR,
    "The plugin's class leaves an abstract method of the host's base class unimplemented: "
    "Python refuses to instantiate it, wherever the host builds it.",
)


def base_ref(ctx_contract_options: Any) -> TypeRef | None:
    raw = ctx_contract_options.get("base")
    if not isinstance(raw, str):
        return None
    module, _, name = raw.strip().partition(":")
    return TypeRef(module, name)


def _targets(ctx: Context, plugin: Plugin) -> list[str]:
    if plugin.entry_point is not None and plugin.entry_point.attr:
        return [plugin.entry_point.attr]
    return [e.name for e in ctx.contract.exports]


@plugin_check(PC520, PC571)
def subclasses(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    if ctx.contract.kind != "subclass":
        return
    ref = base_ref(ctx.contract.options)
    info = ctx.module(plugin)
    if ref is None or info is None:
        return
    host = host_class_ref(ctx, ref)
    if host is None:
        return  # the subclass pass reports a base that cannot be found as a usage error
    roots = ctx.roots(plugin)
    for name in _targets(ctx, plugin):
        if "." in name:
            continue
        found = ctx.index.resolve(info, name, roots)
        if not isinstance(found, Resolved):
            continue
        found = definition(ctx, found, roots)
        symbol = found.symbol
        where = Location(found.module.path, symbol.line, symbol.col)
        if symbol.kind in (SymbolKind.FUNCTION, SymbolKind.ASYNC_FUNCTION):
            if plugin.entry_point is None:
                continue  # an export of the wrong kind is PC104's
            yield PC520.at(
                plugin,
                where,
                f"{name} is function {symbol.name}(), but the host loads a class and requires "
                f"a subclass of {ref.module}.{ref.name}",
                fix=f"point the entry point at a class that subclasses {ref.module}.{ref.name}",
            )
            continue
        if symbol.kind is not SymbolKind.CLASS:
            continue
        walk = ClassWalk(ctx, roots, host)
        cls = ClassRef(found)
        if walk.reaches(cls) or walk.unknown or _registered(cls):
            if ctx.contract.lifecycle is None:  # with one, the factory's own rules judge it
                yield from _left_abstract(ctx, plugin, cls, host, ref)
            continue
        yield _not_subclass(plugin, ref, cls, host, walk)


def _left_abstract(
    ctx: Context, plugin: Plugin, cls: ClassRef, host: ClassRef, ref: TypeRef
) -> Iterator[Finding]:
    """PC571: ``cls`` leaves abstract methods the host's class declares (read from source,
    through every class between them): ``cls()`` raises TypeError wherever the host builds it."""
    node = node_at(cls.found.module, cls.found.symbol.line)
    if not isinstance(node, ast.ClassDef):
        return
    left = left_abstract(ctx, plugin, cls.found.module, node, host.found)
    if not left:
        return
    wanted = f"{ref.module}.{ref.name}"
    yield PC571.at(
        plugin,
        cls.location,
        f"class {cls.name} leaves the abstract {', '.join(left)} of {wanted} unimplemented: "
        f"{cls.name}() raises TypeError (can't instantiate abstract class) wherever the host "
        "builds it",
        fix=f"implement {cls.name}.{left[0]}() as {wanted} declares it",
        related=[Related(host.location, f"the host's {wanted}")],
        subject=left[0],
    )


def _registered(cls: ClassRef) -> bool:
    """An ABC's virtual subclass, which issubclass() accepts whatever the bases say (the
    dynamic check judges which ABC registered it)."""
    node = node_at(cls.found.module, cls.found.symbol.line)
    return isinstance(node, ast.ClassDef) and registered(cls.found.module, node)


def _not_subclass(
    plugin: Plugin, ref: TypeRef, cls: ClassRef, host: ClassRef, walk: ClassWalk
) -> Finding:
    wanted = f"{ref.module}.{ref.name}"
    host_at = f"{host.location.path}:{host.location.line}"
    related = [Related(host.location, f"the host's {wanted}")]
    lookalikes = [c for c in walk.lookalikes if c.key != cls.key]
    if lookalikes:
        copy = lookalikes[0].location
        related.append(Related(copy, f"a different class also named {ref.name}"))
        message = (
            f"class {cls.name} subclasses the {ref.name} defined at {copy.path}:{copy.line}, "
            f"not the host's {wanted} ({host_at}); a copy is a different class object, so the "
            "host's issubclass() check fails"
        )
        fix = f"import the base from the host: `from {ref.module} import {ref.name}`"
    else:
        message = (
            f"class {cls.name} does not subclass {wanted} ({host_at}); the host's issubclass() "
            "check rejects it"
        )
        fix = f"derive it from the host's base: `class {cls.name}({ref.name}): ...`"
    return PC520.at(plugin, cls.location, message, fix=fix, related=related)


# --- dynamic -------------------------------------------------------------------------------


def run_subclass(data: RunInput) -> list[Finding]:
    findings: list[Finding] = []
    for contract, plugins in data.contracts:
        if contract.kind != "subclass":
            continue
        ref = base_ref(contract.options)
        if ref is None:
            continue
        ctx = Context(contract=contract, plugins=plugins, index=data.index, env=data.env)
        if host_class_ref(ctx, ref) is None:
            raise UsageError(
                [
                    f"{contract.source}: tool.plugcheck.contracts.{contract.name}.base: "
                    f"class {ref} is not found in {data.env.executable}'s environment"
                ]
            )
        runnable = [p for p in plugins if p.module_path is not None and _targets(ctx, p)]
        setup = setup_contract(contract)
        loads_named = contract.entry_point_group is not None and not contract.exports
        if (
            data.options.dynamic
            and loads_named
            and (setup is None or setup.export != ENTRY_POINT_OBJECT)
        ):
            # Only where the host loads what an entry point names (a contract with exports names
            # the class itself; one without a group has no entry point to name it). Else the
            # setup-function pass says it: it is what the host does with the class.
            data.unchecked.extend(
                no_entry_point(p, contract, "the host's issubclass() check")
                for p in plugins
                if p.module_path is not None and p.entry_point is None and p not in runnable
            )
        if not data.options.dynamic or not runnable:
            continue
        request = SubclassRequest(mode="subclass", base=str(ref))
        for answer in rejected(data, contract, _with_refs(ctx, runnable), request, (PC521,)):
            findings.append(
                PC521.at(
                    answer.plugin,
                    answer.location,
                    f"the host would reject {answer.plugin.name}: {answer.message}",
                    fix=f"subclass the host's {ref.module}.{ref.name}, imported from {ref.module}",
                    related=answer.related,
                )
            )
    return findings


def _with_refs(ctx: Context, plugins: list[Plugin]) -> list[Plugin]:
    """Path-discovered plugins name their class through the contract's first export."""
    out = []
    for plugin in plugins:
        if plugin.entry_point is None and ctx.contract.exports:
            export = ctx.contract.exports[0].name
            ep = EntryPoint(plugin.name, "", f"{plugin.module}:{export}", None)
            plugin = replace(plugin, entry_point=ep)
        out.append(plugin)
    return out


register_pass(
    RunPass(name="subclass", order=61, run=run_subclass, enabled=lambda options: True, beside=True)
)
