"""Shared by the PC5xx run passes: one worker process per contract, answers as plain dicts."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck.model import Contract, Location, Plugin
from plugcheck.pipeline import RunInput
from plugcheck.static.index import ModuleIndex

WORKER_DEADLINE = 60.0
"""Seconds for one contract's worker (imports every plugin once)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What the worker said about one plugin that the host would reject."""

    plugin: Plugin
    message: str
    location: Location


def plugin_ref(plugin: Plugin) -> str:
    """``module`` or ``module:attr``: the object the host loads from the entry point."""
    ep = plugin.entry_point
    if ep is not None and ep.attr:
        return f"{ep.module}:{ep.attr}"
    return plugin.module


def rejected(
    data: RunInput,
    contract: Contract,
    plugins: list[Plugin],
    request: dict[str, Any],
    twins: set[str],
) -> Iterator[Answer]:
    """Run the worker in the target interpreter; yield each plugin it found invalid.

    Answers at a place where one of the static ``twins`` codes already reported for the same
    contract are dropped: another contract's finding there is about another contract.
    """
    from plugcheck import _ecosystem_worker, sandbox

    roots = [str(p) for p in contract.search_path]
    for plugin in plugins:
        if plugin.import_root is not None and str(plugin.import_root) not in roots:
            roots.append(str(plugin.import_root))
    request = {
        **request,
        "sys_path": roots,
        "preload": list(contract.options.get("preload", ())),
        "plugins": [{"name": p.name, "ref": plugin_ref(p)} for p in plugins],
    }
    result = sandbox.run(
        [str(data.env.executable), "-I", "-B", _ecosystem_worker.__file__],
        stdin=json.dumps(request).encode(),
        deadline=WORKER_DEADLINE,
    )
    if result.exit_code != 0:
        tail = (result.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        data.notes.append(
            f"{request['mode']}: {contract.name}: worker {result.describe()}: {tail}".strip()
        )
    static = {
        (f.contract, f.plugin, f.location.path.resolve(), f.location.line)
        for f in data.findings
        if f.code in twins
    }
    by_name = {p.name: p for p in plugins}
    for raw in result.stdout.decode("utf-8", "replace").splitlines():
        try:
            answer = json.loads(raw)
        except json.JSONDecodeError:
            continue
        found = by_name.get(answer.get("plugin"))
        if found is not None and answer.get("status") == "skipped":
            # Import failures are the harness's findings; say why this check did not run.
            data.notes.append(
                f"{request['mode']}: {found.name}: not checked: {answer.get('message', '')}"
            )
        if found is None or answer.get("status") != "invalid":
            continue
        location = found.claim
        if answer.get("path") and answer.get("line"):
            path = Path(answer["path"])
            line, col = def_line(data.index, path, int(answer["line"]))
            location = Location(path, line, col)
        if (contract.name, found.name, location.path.resolve(), location.line) in static:
            continue
        message = " ".join(str(answer.get("message", "")).split())
        yield Answer(found, message, location)


def def_line(index: ModuleIndex, path: Path, line: int) -> tuple[int, int]:
    """``co_firstlineno`` is the first decorator's line; findings point at the ``def``/``class``."""
    info = index.info(path)
    if info is not None and info.tree is not None:
        for node in ast.walk(info.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and line in (
                node.lineno,
                *(d.lineno for d in node.decorator_list[:1]),
            ):
                return node.lineno, node.col_offset + 1
    return line, 1
