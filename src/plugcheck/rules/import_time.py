"""Work done at import time: Python's version of Go's "package main without func main()"."""

from __future__ import annotations

import ast
import bisect
import fnmatch
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from plugcheck import config as _config
from plugcheck.environment import Environment
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules import env_switches, may_run, own_dependencies, own_imports
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.certain_end import exit_statement
from plugcheck.rules.host_shipped import shipped_by_host
from plugcheck.rules.identity import path_hacks
from plugcheck.rules.identity.codes import PC353
from plugcheck.rules.imports_run import known_test
from plugcheck.rules.log_output import NOTE, output_is_log
from plugcheck.static.bindings import Binding
from plugcheck.static.branches import merged, module_scope
from plugcheck.static.effects import effectful_call
from plugcheck.static.host_state import ENVIRONMENT, MODULES, OUTPUT, HostEffects
from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, Statement, SymbolKind, canonical_name, dotted_name
from plugcheck.static.resolve import node_at, resolve_dotted

PC110 = rule(
    "PC110",
    "import-time-work",
    Severity.WARNING,
    "A plugin module does work at import time beyond defining things.",
)

_RAISE = "`raise` at module level"
"""parse.py's description of an unconditional module-level ``raise``."""

ALLOWED_CALLS = "import-time-calls"
"""Calls the host documents as the way to register at import time (a linter's
``MANAGER.register_transform(...)``): PC110 is quiet for them."""


def _validate_calls(raw: Any) -> str | None:
    if not isinstance(raw, list) or not all(
        isinstance(x, str) and x and all(p.isidentifier() or p == "*" for p in x.split("."))
        for x in raw
    ):
        return (
            'must be a list of dotted names of calls, e.g. ["astroid.MANAGER.register_transform"]'
            ' ("*" stands for one part)'
        )
    return None


FIELDS = {
    ALLOWED_CALLS: _config.Field(
        _validate_calls, _config.STRINGS, "Calls the host documents as registering at import time."
    )
}

Target = tuple[str, str, tuple[str, ...]]
"""Where a called name is defined: (module file, name there, attribute tail)."""


def _target(
    index: ModuleIndex, module: ModuleInfo, parts: Sequence[str], roots: Sequence[Path]
) -> Target | None:
    """The definition the longest resolvable prefix of ``parts`` names (re-exports followed)."""
    for end in range(len(parts), 0, -1):
        found = resolve_dotted(index, module, ".".join(parts[:end]), roots)
        if isinstance(found, Resolved):
            where = index.real(found.module.path)
            return str(where), found.symbol.name, tuple(parts[end:])
        if isinstance(found, ModuleInfo):
            return str(index.real(found.path)), "", tuple(parts[end:])
    return None


def _allowed_target(index: ModuleIndex, dotted: str, roots: Sequence[Path]) -> Target | None:
    parts = dotted.split(".")
    for end in range(len(parts) - 1, 0, -1):
        path = index.find_module(".".join(parts[:end]), roots)
        info = index.info(path) if path else None
        if info is not None:
            return _target(index, info, parts[end:], roots)
    return None


class _Allowance:
    """The contract's ``import-time-calls``, matched by definition, else by spelling."""

    def __init__(self, ctx: Context, plugin: Plugin) -> None:
        raw = ctx.contract.options.get(ALLOWED_CALLS, [])
        self.ctx = ctx
        self.own = {ctx.index.real(p) for p in plugin.files}
        self.roots = ctx.roots(plugin)
        self.patterns = [str(p) for p in raw]
        self.targets = {
            t
            for p in self.patterns
            if "*" not in p and (t := _allowed_target(ctx.index, p, self.roots)) is not None
        }

    def covers(self, module: ModuleInfo, call: str | None) -> bool:
        if not self.patterns or not call:
            return False
        spelled = canonical_name(call, module.symbols) or call
        if any(fnmatch.fnmatchcase(spelled, p) for p in self.patterns):
            return True
        target = _target(self.ctx.index, module, call.split("."), self.roots)
        return target is not None and target in self.targets

    def covers_statement(self, module: ModuleInfo, stmt: Statement) -> bool:
        """An allowed call, or a call of the plugin's own helper that only makes allowed calls."""
        if self.covers(module, stmt.call):
            return True
        node = node_at(module, stmt.line) if self.patterns else None
        if not isinstance(node, ast.Expr) or not isinstance(node.value, ast.Call):
            return False
        # A chain of method calls on what an allowed call returns: lml's documented
        # `IOPluginInfoChainV2(__name__).add_a_reader(...).add_a_writer(...)`.
        first = node.value
        while isinstance(first.func, ast.Attribute) and isinstance(first.func.value, ast.Call):
            first = first.func.value
        if first is not node.value and self.covers(module, dotted_name(first.func)):
            return True
        return self._helper(module, node.value, 0)

    def _helper(self, module: ModuleInfo, call: ast.Call, depth: int) -> bool:
        """``call`` names a function of the plugin's own whose body does nothing but allowed
        calls, perhaps on an object the call passes: pylint-django's
        ``fields.add_transforms(astroid.MANAGER)``, whose body is
        ``manager.register_transform(...)``, registers as astroid documents it."""
        index = self.ctx.index
        name = dotted_name(call.func)
        found = resolve_dotted(index, module, name, self.roots) if name and depth < 4 else None
        if (
            not isinstance(found, Resolved)
            or found.symbol.kind is not SymbolKind.FUNCTION
            or index.real(found.module.path) not in self.own
        ):
            return False
        function = node_at(found.module, found.symbol.line)
        if not isinstance(function, ast.FunctionDef):
            return False
        passed = _passed(function, call)
        made = 0
        for stmt in function.body:
            if isinstance(stmt, _DEFINES) or (
                isinstance(stmt, ast.Expr | ast.Return)
                and (stmt.value is None or isinstance(stmt.value, ast.Constant))
            ):
                continue
            if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
                return False
            inner = stmt.value
            if effectful_call(ast.Tuple([*inner.args, *(k.value for k in inner.keywords)])):
                return False
            head, dot, rest = (dotted_name(inner.func) or "").partition(".")
            if head in passed:
                allowed = self.covers(module, passed[head] + dot + rest)
            else:
                spelled = head + dot + rest
                allowed = self.covers(found.module, spelled) or self._helper(
                    found.module, inner, depth + 1
                )
            if not allowed:
                return False
            made += 1
        return made > 0


_DEFINES = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Import,
    ast.ImportFrom,
    ast.Pass,
)
"""Statements of a helper's body that only define names (a nested function is not run)."""


def _passed(function: ast.FunctionDef, call: ast.Call) -> dict[str, str]:
    """Parameter -> the dotted name ``call`` passes for it (``manager`` -> ``astroid.MANAGER``)."""
    params = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
    pairs = list(zip(params, call.args, strict=False))
    pairs += [(k.arg, k.value) for k in call.keywords if k.arg]
    return {param: name for param, arg in pairs if (name := dotted_name(arg))}


@plugin_check(PC110)
def import_time_work(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    allowed = _Allowance(ctx, plugin)
    # A module-level `raise` in a module the import certainly runs is PC515's error.
    certain = {ctx.index.real(p) for p in own_imports.loaded(ctx, plugin)}
    # Files no import from the plugin's module reaches (its tests) never run in the host.
    reached = may_run.reachable(ctx, plugin)
    guessed = may_run.guessed(ctx, plugin)
    hacks: set[tuple[Path, int]] | None = None
    host = shipped_by_host(plugin, ctx.contract)
    anywhere = replace(ctx.env, plugin_env=None)  # every machine's variables, as PC559 reads
    for path in plugin.files:
        if path.name == "__main__.py" or (
            reached is not None and ctx.index.real(path) not in reached
        ):
            continue
        info = ctx.index.info(path)
        if info is None:
            continue
        dead = merged(
            [
                *_dead_branches(info.tree.body, anywhere, module_scope(info.tree.body)),
                *path_hacks.dead_fallbacks_of(ctx, plugin, info),
            ]
        )
        starts = [first for first, _ in dead]
        effects = HostEffects(info.tree, info.symbols, plugin.module.partition(".")[0] or None)
        nodes = info.derived("statements by position", _statements)
        for stmt in info.work:
            at = bisect.bisect_right(starts, stmt.line) - 1
            if at >= 0 and stmt.line <= dead[at][1]:
                continue  # `if sys.version_info < (3, 10):` on a newer target never runs
            if allowed.covers_statement(info, stmt):
                continue
            node = nodes.get((stmt.line, stmt.col))
            if isinstance(node, ast.Assign | ast.AugAssign | ast.Expr):
                if hacks is None:
                    hacks = _path_hacks(ctx, plugin)
                if (ctx.index.real(path), stmt.line) in hacks:
                    continue  # PC353 names this statement's failure more precisely
            if stmt.description == _RAISE and ctx.index.real(path) in certain:
                continue
            if (
                isinstance(node, ast.Expr)
                and any(node is top for top in info.tree.body)
                and exit_statement(info, node, set()) is not None
                and ctx.index.real(path) in certain
            ):
                continue  # sys.exit() at the top level: PC515's error
            reason = "fails the import" if stmt.description == _RAISE else None
            reason = reason or (effects.reason(node) if node is not None else "does work")
            switch = env_switches.own_switch(info, stmt.line, plugin, ctx.contract)
            when = f"only when {switch} is set" if switch else "when the host imports the plugin"
            guess = ctx.index.real(path) in guessed
            if guess:  # no import the plugin's code names reaches the module
                when = "only if an import by a computed name reaches this module"
            if host:
                when += f" (a plugin {host}, the host, ships: every host run does this)"
            # A pluggy host's load_setuptools_entrypoints imports and registers every installed
            # plugin of its group at start-up, in the host's one process: an environment
            # change made at import is made on exactly the runs the plugin's first hook would
            # make it on (tox-extra's FORCE_COLOR defaults, tox-pdm's NO_SITE_PACKAGES).
            active = reason == ENVIRONMENT and _activated_at_import(ctx, plugin)
            if active:
                when += (
                    " (the host imports it only to register it, on every run, as its first "
                    "hook would run)"
                )
            # Entries of sys.modules the plugin removes, all of its own declared dependencies
            # and none of the host's: the host holds no object of those modules to lose.
            own = _own_dependencies(ctx, plugin, node, info) if reason == MODULES and node else None
            if own:
                reason = (
                    f"changes loaded modules, only those of {', '.join(own)}: a dependency the "
                    "plugin declares and the host does not"
                )
            # A host whose output is a log a person reads (Sphinx's build log) shows the line
            # and goes on: one more line of its log, which predicts no failure.
            logged = reason == OUTPUT and output_is_log(ctx.contract)
            if logged:
                reason = f"{reason}, {NOTE}"
            yield PC110.at(
                plugin,
                Location(path, stmt.line, stmt.col, stmt.end_line, stmt.end_col),
                f"{stmt.description} runs {when}"
                + (f" and {reason}" if reason else "")
                + "; importing must only define things",
                fix="move it into a function the host calls (init(), register()), or under "
                '`if __name__ == "__main__":`',
                # Work the host never sees (the plugin building its own objects) is a cost,
                # not a risk: information, which fails no run (the harness still reports what
                # the import really does to files, sockets, processes and stdout: PC411/PC412).
                # Work behind the plugin's own environment switch, off unless a user sets it
                # (MULTIPYTHON_DEBUG), is no default run's work: information too.
                # So is work of a plugin the host's own distribution ships.
                # So is work in a module only an import by a computed name may reach.
                severity=None
                if reason and not (switch or host or active or own or guess or logged)
                else Severity.INFO,
            )


def _own_dependencies(
    ctx: Context, plugin: Plugin, node: ast.stmt, info: ModuleInfo
) -> list[str] | None:
    tops = own_dependencies.removed_modules(node, info.symbols)
    return own_dependencies.own_dependencies(ctx, plugin, tops) if tops else None


def _activated_at_import(ctx: Context, plugin: Plugin) -> bool:
    """The host imports ``plugin`` only to register it and does so on every run: a pluggy
    contract's entry-point group (load_setuptools_entrypoints), the plugin found through it."""
    ep = plugin.entry_point
    return (
        ctx.contract.kind == "pluggy"
        and ctx.contract.entry_point_group is not None
        and ep is not None
        and ctx.contract.in_group(ep.group)
    )


def _path_hacks(ctx: Context, plugin: Plugin) -> set[tuple[Path, int]]:
    """Where PC353 reports a change of sys.path or sys.modules: a module-level statement there
    gets that finding alone (a second module object is the failure both would predict)."""
    return {
        (ctx.index.real(f.location.path), f.location.line)
        for f in path_hacks.path_hacks(ctx, plugin)
        if f.code == PC353.code
    }


def _statements(info: ModuleInfo) -> dict[tuple[int, int], ast.stmt]:
    """Every statement of the module by its (line, 1-based column), read from the nodes
    grouped by class once per tree (no two statements of a parsed tree start at one place).
    Built once per module: a walk per statement made a module of 10,000 calls take 46 s of
    CPU, 100,000 over an hour (red team red27); a walk of its own, 4.7% of the static pass."""
    found: dict[tuple[int, int], ast.stmt] = {}
    for kind in info.node_classes():
        if issubclass(kind, ast.stmt):
            for node in info.nodes(kind):
                found.setdefault((node.lineno, node.col_offset + 1), node)
    return found


def _dead_branches(
    body: Sequence[ast.stmt], env: Environment, scope: dict[str, Binding]
) -> Iterator[tuple[int, int]]:
    """The line spans of module-level branches the target interpreter never takes (an ``if``
    on ``sys.version_info``, ``sys.platform`` or ``os.name`` that it decides), also inside
    ``try``, ``with`` and other branches; not inside functions or classes, which define.
    ``env`` leaves environment variables undecided: the host's own process may set one that
    the contract's run does not pass its plugins (``CI``), and its import-time work then runs."""
    for stmt in body:
        if isinstance(stmt, ast.If):
            taken = known_test(stmt.test, env, scope)
            never = stmt.body if taken is False else stmt.orelse if taken is True else []
            if never:
                yield never[0].lineno, never[-1].end_lineno or never[-1].lineno
            for branch in (stmt.body, stmt.orelse):
                if branch is not never:
                    yield from _dead_branches(branch, env, scope)
        elif isinstance(stmt, ast.Try | ast.TryStar):
            for part in (stmt.body, stmt.orelse, stmt.finalbody, *(h.body for h in stmt.handlers)):
                yield from _dead_branches(part, env, scope)
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            yield from _dead_branches(stmt.body, env, scope)
