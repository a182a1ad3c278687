"""PC566: a pluggy plugin that is a folder with no ``__init__.py`` whose hookimpls live in its
modules. The host imports the folder by name and gets a namespace package, which runs none of
its files; pluggy registers that empty module without complaint, so none of the hookimpls is
ever registered and no hook of the plugin ever runs, and nothing says so. Read from source:
the folder is one a ``paths`` glob lists (``namespace_folders.no_module``), and the hookimpls
are those ``register`` would find in each of its modules were that module the plugin.

PC567 is the harness's half: pluggy registered a plugin (a package whose ``__init__.py`` imports
none of its hookimpls) and found no hookimpl in it, while the plugin's other modules define
some that no plugin of the contract is. PC572 is the same question asked of the plugin's own
namespace: a function there carries the host's marker and ``register`` passed over it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from plugcheck.kinds.pluggy.contract import PluggyContract, pluggy_contract
from plugcheck.model import Finding, Location, Phase, Plugin, Severity
from plugcheck.namespace_folders import no_module
from plugcheck.rules._ecosystem import Answer
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.bindings import target_of
from plugcheck.static.hooks import Impl, impls_in

# A warning, as PC567: the host loads the plugin, calls check_pending and runs every hook
# without an error (the real loader's verdict is "loads"); what breaks is that the plugin's
# hooks never run, which the default fail-on still fails the run for.
PC566 = rule(
    "PC566",
    "namespace-folder-hookimpls-unregistered",
    Severity.WARNING,
    "A pluggy plugin is a folder with no `__init__.py` and its hookimpls are in a module inside "
    "it: the host registers the namespace package, which holds none of them, so no hook of the "
    "plugin ever runs.",
)

PC567 = rule(
    "PC567",
    "registered-plugin-has-no-hookimpls",
    Severity.WARNING,
    "pluggy registered the plugin and found no hookimpl in it, while modules of the plugin "
    "define some: they are never registered, so they never run (an `__init__.py` that does "
    "not import them).",
    phase=Phase.DYNAMIC,
)


PC572 = rule(
    "PC572",
    "marked-hookimpl-not-registered",
    Severity.WARNING,
    "A function of the plugin carries the host's hookimpl marker, but pluggy's `register` "
    "passed over it (not listed by `dir()`, or not a function pluggy binds, such as a "
    "`functools.partial` or a callable instance): the hook never runs.",
    phase=Phase.DYNAMIC,
    # read from source: the marked function without the manager's name prefix (PC574), the
    # marked object that is no function (PC575)
    explained_by=("PC574", "PC575"),
)


def passed_over(answer: Answer) -> Finding:
    """PC572 for a marked function of the plugin that the real ``register`` did not take."""
    return PC572.at(
        answer.plugin,
        answer.location,
        f"pluggy registered {answer.plugin.name} but {answer.message}; the plugin's hook "
        f"{answer.hook!r} never runs",
        fix="bind the hook to a plain function (def) at a name dir() lists; wrap a partial or "
        "a callable object in a def that calls it",
        subject=answer.hook,
    )


def _own_impls(ctx: Context, plugin: Plugin, spec: PluggyContract, path: Path) -> list[Impl]:
    """The hookimpls ``register`` would find in the plugin's module ``path`` were it the
    plugin, those defined there."""
    info = ctx.index.info(path)
    if info is None or path.suffix != ".py":
        return []
    target = target_of(ctx.env)
    found = impls_in(ctx.index, info, spec.marking, ctx.roots(plugin), plugin.files, target=target)
    return [i for i in found if i.path == path and i.unreadable is None and not i.skipped]


def unregistered(
    ctx: Context, plugin: Plugin, spec: PluggyContract, findings: Sequence[Finding]
) -> Finding | None:
    """PC567 for a plugin pluggy registered with no hookimpl, at the first hookimpl of its
    other modules (none that is itself a plugin of the contract); ``None`` when they define
    none, or PC566 already says it."""
    if any(f.code == PC566.code and f.plugin == plugin.name for f in findings):
        return None
    # Every plugin of the whole-host run: on a path (`check plugins/greeter`) its other
    # registered modules are peers, not in the run (red team red54: a false PC567).
    others = {p.module_path for p in ctx.peers or ctx.plugins if p.module_path is not None}
    for path in sorted(plugin.files):
        own = [] if path in others else _own_impls(ctx, plugin, spec, path)
        if own:
            dotted = plugin.module_name(path) or path.stem
            names = ", ".join(sorted({i.attr for i in own}))
            return PC567.at(
                plugin,
                Location(path, own[0].line, own[0].col),
                f"pluggy registered {plugin.module} and found no hookimpl in it, but "
                f"{dotted} defines {names}: nothing imports them into {plugin.module}, so they "
                "are never registered and never run",
                fix=f"import them in {plugin.module} (from {dotted} import {names}), or have "
                f"the host register {dotted} itself",
                subject=own[0].hook,
            )
    return None


@plugin_check(PC566)
def namespace_hookimpls(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    """PC566 once per module of the folder that defines hookimpls, at its first one."""
    spec = pluggy_contract(ctx.contract)
    if spec is None or not no_module(plugin):
        return
    folder = plugin.root
    for path in sorted(plugin.files):
        own = _own_impls(ctx, plugin, spec, path)
        if not own:
            continue
        inner = path.relative_to(folder).with_suffix("")
        dotted = ".".join((plugin.module, *inner.parts))
        relative = ".".join(inner.parts)
        names = ", ".join(sorted({i.attr for i in own}))
        yield PC566.at(
            plugin,
            Location(path, own[0].line, own[0].col),
            f"{plugin.module} is a folder with no __init__.py: the host imports it as a "
            f"namespace package, which runs none of its files, and registers that empty "
            f"module, so the hookimpls of {dotted} ({names}) are never registered and never run",
            fix=f"add {folder.name}/__init__.py importing them (from .{relative} import "
            f"{names}), or have the host register {dotted} itself",
            subject=own[0].hook,
        )
