"""Work done at import time: Python's version of Go's "package main without func main()"."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from plugcheck import config as _config
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules import import_raises
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, canonical_name
from plugcheck.static.resolve import resolve_dotted

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


@plugin_check(PC110)
def import_time_work(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    allowed = _Allowance(ctx, plugin)
    # A module-level `raise` in a module the import certainly runs is PC515's error.
    certain = {ctx.index.real(p) for p in import_raises.loaded(ctx, plugin)}
    # Files no import from the plugin's module reaches (its tests) never run in the host.
    reached = import_raises.reachable(ctx, plugin)
    for path in plugin.files:
        if path.name == "__main__.py" or (
            reached is not None and ctx.index.real(path) not in reached
        ):
            continue
        info = ctx.index.info(path)
        if info is None:
            continue
        for stmt in info.work:
            if allowed.covers(info, stmt.call):
                continue
            if stmt.description == _RAISE and ctx.index.real(path) in certain:
                continue
            yield PC110.at(
                plugin,
                Location(path, stmt.line, stmt.col, stmt.end_line, stmt.end_col),
                f"{stmt.description} runs when the host imports the plugin; importing must "
                "only define things",
                fix="move it into a function the host calls (init(), register()), or under "
                '`if __name__ == "__main__":`',
            )
