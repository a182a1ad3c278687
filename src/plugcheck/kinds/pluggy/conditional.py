"""PC559: a hookimpl defined under a condition on the host's environment.

``if os.environ.get("CI"): def rhost_finish(session, junit_path)`` else another one, ``if
os.path.exists("pyproject.toml"): def rhost_collect(...)``: which hookimpl the host registers
depends on the environment variables, working directory or files of the machine it runs on.
plugcheck's registration runs in a scrubbed environment and a temporary working directory, so
it judges only the branch taken there, and the static pass reads one definition per name (red
team finding 17: the CI-only branch pluggy refuses passed). Each such hookimpl is named with
its condition; when it asks for arguments its hookspec does not pass, the message says pluggy
refuses the plugin where the condition holds. A variable the host does not pass its plugins
is unset in the host's run (the branch plugcheck's static pass takes), yet another machine's host
may set it: such tests count here too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from plugcheck.kinds.pluggy.contract import contract_hooks, pluggy_contract
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.bindings import Target, target_of
from plugcheck.static.branches import Condition, top_level_functions
from plugcheck.static.hookspecs import HookSet
from plugcheck.static.index import star_exports
from plugcheck.static.parse import ModuleInfo

PC559 = rule(
    "PC559",
    "hookimpl-depends-on-environment",
    Severity.WARNING,
    "A hookimpl is defined under an `if` on the host's environment (an environment variable, "
    "the working directory, a file's existence): plugcheck's run sees one branch, the host's "
    "machine may take the other.",
)

_ENVIRONMENT = frozenset(
    {
        "environ",
        "getenv",
        "exists",
        "isfile",
        "isdir",
        "getcwd",
        "cwd",
        "argv",
        "expanduser",
        "home",
        "which",
        "getuser",
        "gethostname",
    }
)
"""Names whose reading in a test makes it depend on the machine the host runs on."""


def _environmental(test: ast.expr) -> bool:
    for node in ast.walk(test):
        if isinstance(node, ast.Attribute) and node.attr in _ENVIRONMENT:
            return True
        if isinstance(node, ast.Name) and node.id in _ENVIRONMENT:
            return True
    return False


def _conditional(
    body: list[ast.stmt], target: Target
) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef, Condition]]:
    """The module-level functions defined under an environmental condition, with the innermost
    one."""
    for node, under in top_level_functions(body, target):
        condition = next((c for c in reversed(under) if _environmental(c[0])), None)
        if condition is not None:
            yield node, condition


def _star_sources(ctx: Context, plugin: Plugin, info: ModuleInfo) -> list[ModuleInfo]:
    """The plugin's own modules ``info`` re-exports with ``from .x import *``, through chains."""
    seen, todo = {info.path}, [info]
    out: list[ModuleInfo] = []
    while todo and len(out) < 20:
        module = todo.pop()
        for star, level in module.star_imports:
            target = ctx.index.import_target(module, star, level, ctx.roots(plugin))
            if isinstance(target, ModuleInfo) and target.path not in seen:
                seen.add(target.path)
                if target.path in plugin.files:
                    todo.append(target)
                    out.append(target)
    return out


def _extra(
    node: ast.FunctionDef | ast.AsyncFunctionDef, passed: tuple[str, ...] | None
) -> list[str]:
    """The arguments ``node`` asks for that the hookspec does not pass."""
    if passed is None:
        return []
    args = [*node.args.posonlyargs, *node.args.args]
    return [a.arg for a in args if a.arg not in ("self", "cls") and a.arg not in passed]


def _hook(name: str, hooks: HookSet, prefix: str | None) -> bool:
    return name in hooks.specs or bool(prefix and name.startswith(prefix))


@plugin_check(PC559)
def hookimpl_depends_on_environment(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = pluggy_contract(ctx.contract)
    info = ctx.module(plugin)
    if spec is None or info is None or info.tree is None or plugin.module_path is None:
        return
    if plugin.entry_point is not None and plugin.entry_point.attr:
        return  # a class or instance: its module's top level is not the plugin
    hooks = contract_hooks(ctx, spec)
    found: dict[str, list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.expr, bool]]] = {}
    where: dict[str, Path] = {}
    # Every machine: the host's may set a variable the contract's own run does not pass.
    anywhere = replace(target_of(ctx.env), passed=None)
    for module in (info, *_star_sources(ctx, plugin, info)):
        if module.tree is None:
            continue
        for node, (test, holds) in _conditional(module.tree.body, anywhere):
            if not _hook(node.name, hooks, spec.prefix):
                continue
            if module is not info and (
                node.name in info.symbols or not star_exports(module, node.name)
            ):
                continue  # the plugin's module binds its own, or the star import leaves it out
            if where.setdefault(node.name, module.path) == module.path:
                found.setdefault(node.name, []).append((node, test, holds))
    for name, defined in found.items():
        hook = hooks.specs.get(name)
        refused = [
            (node, test, holds, extra)
            for node, test, holds in defined
            if (extra := _extra(node, hook.argnames if hook is not None else None))
        ]
        # One finding per hook: at a definition pluggy refuses, else at the first.
        node, test, holds, extra = refused[0] if refused else (*defined[0], [])
        when = f"`{ast.unparse(test)[:80]}` is {'true' if holds else 'false'}"
        message = (
            f"{name} is defined only when {when}, which the host's environment decides "
            "(its variables, working directory and files): plugcheck's run, in a scrubbed "
            "environment and a temporary directory, checks the branch taken there"
        )
        if extra:
            message += (
                f"; this one asks for {', '.join(extra)}, which the hookspec does not pass: "
                f"pluggy refuses {plugin.name} wherever the condition holds"
            )
        yield PC559.at(
            plugin,
            Location(where[name], node.lineno, node.col_offset + 1),
            message,
            fix="define the hookimpl unconditionally and decide inside it (read the "
            "environment when the hook is called), so every machine registers the same hook",
            subject=name,
        )
