"""Reading mypy's output back: each error line becomes a judgement of a target, a message in
a plugin, a plugin left unchecked, or a problem of the contract."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugcheck.model import Location, Plugin
from plugcheck.static.mypy_names import MARKER, SUPPORT
from plugcheck.static.typecheck.plan import Plan
from plugcheck.static.typecheck.recheck import BodyShim
from plugcheck.static.typecheck.targets import CheckModule, Target


@dataclass(frozen=True, slots=True)
class Message:
    """One mypy error with its notes, outside the check modules (inside a plugin, say)."""

    path: Path
    line: int
    col: int
    code: str | None
    message: str
    hint: str | None


@dataclass(slots=True)
class BuildResult:
    judged: list[tuple[Target, dict[str, Any]]] = field(default_factory=list)
    messages: list[tuple[Plugin, Message]] = field(default_factory=list)
    unchecked: list[tuple[Plugin, str, Location | None]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Contract problems (an API type that does not exist): a usage error."""
    notes: list[str] = field(default_factory=list)
    """What happened to the cache (discarded as corrupt, not usable)."""
    lasting: list[str] = field(default_factory=list)
    """Notes on the target environment (a host's stub package mypy must not read): as true on
    a rerun that reuses this run's findings, which keeps them with the findings."""
    unverified: list[tuple[Target, str]] = field(default_factory=list)
    """Judgements mypy cannot make, and why: the contract type is in a host mypy cannot read."""

    def extend(self, other: BuildResult) -> None:
        self.judged += other.judged
        self.unverified += other.unverified
        self.messages += other.messages
        self.unchecked += other.unchecked
        # Each part of a group rejects a contract type the same way: said once.
        self.problems += [p for p in other.problems if p not in self.problems]
        self.notes += other.notes
        self.lasting += [n for n in other.lasting if n not in self.lasting]


def collector(into: list[str]) -> Any:
    def flush(_file: str | None, lines: list[str], _serious: bool) -> None:
        into.extend(lines)

    return flush


def first_error(lines: Sequence[str]) -> str:
    for line in lines:
        parsed = parse_line(line)
        if parsed is not None:
            return f"{parsed.path}:{parsed.line}: {parsed.message}"
    return (list(lines) or ["unknown error"])[0]


def parse_line(line: str) -> Message | None:
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        match = re.match(r"(.+?):(\d+):(?:(\d+):)? (?:error|note): (.*)", line)
        if not match:
            return None
        return Message(
            Path(os.path.abspath(match.group(1))),
            int(match.group(2)),
            int(match.group(3) or 0) + 1,
            None,
            match.group(4),
            None,
        )
    if not isinstance(data, dict) or data.get("severity") != "error" or not data.get("file"):
        return None
    return Message(
        Path(os.path.abspath(data["file"])),
        max(int(data.get("line") or 1), 1),  # -1 for a file as a whole
        max(int(data.get("column") or 0), 0) + 1,
        data.get("code"),
        str(data.get("message", "")),
        data.get("hint"),
    )


def owner_of(path: Path, batch: Plan) -> Plugin | None:
    if not batch.by_path:
        batch.by_path = {str(p): plugin for p, plugin in batch.owners.items()}
        batch.by_path.update({str(p.resolve()): plugin for p, plugin in batch.owners.items()})
    found = batch.by_path.get(str(path))
    return found if found is not None else batch.by_path.get(str(path.resolve()))


_BLOCKER_CODES = frozenset({None, "syntax", "misc"})
"""The error codes a blocking mypy error has (an ordinary one has its own code)."""


def blocking_plugins(
    lines: Sequence[str], batch: Plan, excluded: set[Plugin]
) -> list[tuple[Plugin, str, Location]] | None:
    blocked: dict[Plugin, tuple[str, Location]] = {}
    messages = [m for m in map(parse_line, lines) if m is not None]
    # A CompileError carries every message not yet flushed: other plugins' ordinary errors
    # (an untyped import, code import-untyped) came with the blocker (code None: "Source file
    # found twice", syntax: a parse error) and do not keep mypy from those plugins.
    blockers = [m for m in messages if m.code in _BLOCKER_CODES]
    for message in blockers or messages:
        plugin = owner_of(message.path, batch)
        if plugin is None or plugin in excluded:
            return None
        blocked.setdefault(
            plugin, (message.message, Location(message.path, message.line, message.col))
        )
    return [(p, reason, where) for p, (reason, where) in blocked.items()] or None


def collect_messages(
    lines: list[str],
    batch: Plan,
    modules: dict[Path, CheckModule],
    excluded: set[Plugin],
    outcome: BuildResult,
    failed: dict[str, tuple[str, str]],
) -> None:
    by_name = {p.name: m for p, m in modules.items()}
    for line in lines:
        message = parse_line(line)
        if message is None:
            continue
        module = by_name.get(message.path.name) if message.path.parent.name else None
        if module is not None and message.path.stem.startswith("_plugcheck_check_"):
            _check_line(module, message, outcome, failed)
            continue
        if isinstance(module, BodyShim):
            module.rejected.append((message.line, message.col, message.code, message.message))
            continue
        if message.path.stem == SUPPORT:
            continue
        plugin = owner_of(message.path, batch)
        if plugin is not None and plugin not in excluded:
            outcome.messages.append((plugin, message))
    for module in modules.values():
        if isinstance(module, BodyShim) and module.target is not None:
            if module.target.plugin not in excluded:
                outcome.judged.append((module.target, _rechecked(module)))
            module.rejected.clear()


def _rechecked(shim: BodyShim) -> dict[str, Any]:
    """A ``body`` target's judgement: ``failures`` are the errors (line in the plugin's file,
    mypy's code, message) only the copy with the host's parameter types has, ``passed`` those
    only the copy typed with what the contract passes has (``None``: no such copy); ``void``:
    mypy rejected the module outside the copies (a name of the host's annotation it cannot
    import), so the comparison says nothing. ``broken`` (line, column, code, message,
    parameter): errors at a spot of the body (:mod:`spots`) that every copy has, the plugin's
    own types as well, and what the contract passes: the host's call raises there whatever the
    annotations say."""
    copies = {"own": shim.own, "host": shim.host, "passed": shim.passed}
    copies = {side: at for side, at in copies.items() if at}
    found: dict[str, list[tuple[int, int, str | None, str]]] = {side: [] for side in copies}
    void = False
    for line, col, code, message in shim.rejected:
        side = next((s for s, at in copies.items() if at <= line < at + shim.length), None)
        if side is None:
            void = True
        else:
            found[side].append((line - copies[side], col, code, message))

    def failures(side: str) -> list[list[object]]:
        # An error the plugin's own types give as well (the same message) is no failure of
        # the host's value: it does not depend on the parameter's type.
        own = {(offset, code, message) for offset, _, code, message in found.get("own", [])}
        return [
            [shim.first + offset, code, message]
            for offset, _, code, message in found[side]
            if (offset, code, message) not in own and code not in _ANNOTATION_ONLY
        ]

    def broken() -> list[list[object]]:
        every = [{(o, c, code) for o, c, code, _ in found[side]} for side in copies]
        out: list[list[object]] = []
        for offset, col, code, message in found["host"]:
            spot = shim.spots.get((shim.first + offset, col - 1))
            if spot is None or code not in spot[1]:
                continue
            if all((offset, col, code) in errors for errors in every):
                out.append([shim.first + offset, col, code, message, spot[0]])
        return out

    passed = failures("passed") if shim.passed else None
    return {
        "kind": "body",
        "void": void,
        "failures": failures("host"),
        "passed": passed,
        "broken": [] if void else broken(),
    }


_ANNOTATION_ONLY = frozenset({"assignment", "return-value", "var-annotated", "no-any-return"})
"""mypy's codes for a value that disagrees with a declaration: nothing checks one at run time
(``self.config = config`` into an attribute typed by the plugin's own annotation)."""


def _check_line(
    module: CheckModule, message: Message, outcome: BuildResult, failed: dict[str, tuple[str, str]]
) -> None:
    target = module.line_targets.get(message.line)
    if target is not None and target.kind == "construct":
        # mypy's own arity check of the replayed instantiation: the factory's call raises it.
        if message.code == "call-arg":
            outcome.judged.append((target, {"kind": "construct", "reason": message.message}))
        return
    if target is not None:
        if message.message.startswith(MARKER):
            outcome.judged.append((target, json.loads(message.message[len(MARKER) :])))
        return
    if message.line in module.line_types:
        what = module.line_types[message.line]
        key = what
        if module.lines[message.line - 1].startswith("import "):
            key = what.partition(":")[0]  # the module itself: every type taken from it
        failed.setdefault(key, (what, message.message))
        return
    plugin = module.line_plugins.get(message.line)
    if plugin is not None:
        outcome.unchecked.append((plugin, message.message, None))


def type_problem(what: str, message: str) -> str:
    """A contract type mypy rejected, said in the contract's terms."""
    module, _, name = what.partition(":")
    if "is not defined" in message or "has no attribute" in message:
        return f"{what}: module {module} has no attribute {name!r}"
    if "not valid as a type" in message or "is not a valid type" in message:
        return f"{what}: {name} is not a type (a variable or function?); name a class or alias"
    if "Cannot find implementation" in message or "Skipping analyzing" in message:
        return f"{what}: cannot find module {module} in the search-path or the target environment"
    return f"{what}: mypy: {re.sub(r'_api[0-9]+', module, message)}"
