"""PC558: a name of the standard library that the target Python's standard library lacks.

``from typing import override`` (3.12+) on a 3.11 target, ``asyncio.coroutine`` (gone in 3.11),
``from collections import Callable`` (gone in 3.10): the host's import of the plugin fails, and
plugcheck's own interpreter may well have the name. The names are looked up in the *target*
interpreter, started with ``-S -I`` (its standard library only: no site-packages, no ``.pth``
code, no environment), once per contract for every plugin's uses. Only code the import runs is
judged (module level, decorators, class bodies: not function bodies), only unguarded uses
(``try``/``except ImportError``, ``if sys.version_info`` the target decides, ``hasattr`` tests
are left alone), never a module the plugin ships itself, and never a submodule read as an
attribute of its package (PC554's).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from plugcheck import target_env
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.host_uses import How, Use, host_uses
from plugcheck.rules.import_names import host_builtins
from plugcheck.rules.may_run import later_import, never_runs
from plugcheck.static.bindings import target_of as env_target
from plugcheck.static.parse import ModuleInfo

PC558 = rule(
    "PC558",
    "missing-stdlib-name",
    Severity.ERROR,
    "The plugin imports, or reads when it is imported, a name of the standard library that the "
    "target Python's standard library lacks (`from typing import override` on 3.11): the host's "
    "import of the plugin fails.",
    explains=("PC401",),  # the import fails on that very name
    overruled_by="import",  # the real import succeeded: withdrawn
)

_SKIPPED = frozenset(
    {"antigravity", "this", "idlelib", "turtledemo", "__main__", "__phello__", "distutils"}
)
"""Standard-library modules whose import does something (a browser, a poem) or that are tools:
never imported to answer."""

_QUERY = r"""
import importlib, importlib.util, json, os, sys, types
out = os.dup(1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
answers = []
def find(name):
    try:
        return importlib.util.find_spec(name) is not None
    except Exception:
        return None
def judge(parts, how):
    try:
        obj = importlib.import_module(parts[0])
    except Exception:
        return None
    name = parts[0]
    for i, part in enumerate(parts[1:], 1):
        sub = name + "." + part
        last = i == len(parts) - 1
        if how == "import" or (how == "from" and not last):
            found = find(sub)
            if not found:
                return None if found is None else i
            try:
                obj = importlib.import_module(sub)
            except Exception:
                return None
        else:
            try:
                obj = getattr(obj, part)
            except AttributeError:
                if not hasattr(obj, "__path__"):
                    return i  # not a package: no submodule either
                found = find(sub)
                return i if found is False else None
            except Exception:
                return None
            if not isinstance(obj, types.ModuleType):
                return -1
        name = sub
    return -1
for parts, how in json.loads(sys.stdin.read()):
    try:
        answers.append(judge(parts, how))
    except BaseException:
        answers.append(None)
os.write(out, json.dumps(answers).encode())
"""
"""Run in the target with ``-S -I``: for each ``[parts, how]``, the index of the first part the
target lacks, ``-1`` when all are there, ``None`` when it cannot tell (not importable there, a
submodule not imported: PC554's, an attribute that raises something else)."""


def _uses(ctx: Context, plugin: Plugin) -> list[tuple[Path, Use]]:
    """The plugin's unguarded import-time uses of standard-library modules it does not ship."""
    env = ctx.env
    target = env_target(env)
    own_roots = [r for r in (plugin.import_root, plugin.package_dir) if r is not None]
    own_roots += list(ctx.contract.search_path)
    found: list[tuple[Path, Use]] = []
    for path in plugin.files:
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        tops = {n.split(".")[0] for n in _imported(info.every_import)} & sys.stdlib_module_names
        if tops and never_runs(ctx, plugin, path):
            continue  # a test module, a module only a dead branch imports: the host never runs it
        tops -= _SKIPPED
        tops = {t for t in tops if ctx.index.find_module(t, own_roots) is None}
        if not tops:
            continue
        uses = [
            use
            for use in host_uses(info, tops, target=target)
            if use.function is None
            and len(use.parts) > 1
            and not use.after
            and not use.module_guarded  # under `except ModuleNotFoundError`: guarded
        ]
        skipped = _annotation_places(info, {(u.line, u.col - 1) for u in uses}) if uses else set()
        found += [(path, use) for use in uses if (use.line, use.col) not in skipped]
    return found


def _kept(ctx: Context, plugin: Plugin) -> list[tuple[Path, Use]]:
    """``_uses``, found once per run: the contract's query asks for every plugin's before the
    first plugin is judged, and each plugin's check asked again."""
    return memo(ctx, ("PC558 uses", ctx.contract.name, plugin.key), partial(_uses, ctx, plugin))


def _imported(nodes: list[ast.Import | ast.ImportFrom]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif not node.level and node.module:
            yield node.module


def _annotation_places(info: ModuleInfo, starts: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Where the attribute chains inside annotations start (not evaluated under ``from
    __future__ import annotations``; judged by the type checker). Only the annotations whose
    source span holds one of ``starts`` (line, column from 0) are walked: a node's span lies
    within its parent's."""
    annotations: list[ast.expr | None] = [n.annotation for n in info.nodes(ast.AnnAssign)]
    annotations += [n.annotation for n in info.nodes(ast.arg)]
    annotations += [n.returns for n in info.nodes(ast.FunctionDef)]
    annotations += [n.returns for n in info.nodes(ast.AsyncFunctionDef)]
    places: set[tuple[int, int]] = set()
    for annotation in annotations:
        if annotation is None:
            continue
        first = (annotation.lineno, annotation.col_offset)
        last = (annotation.end_lineno or annotation.lineno, annotation.end_col_offset or 0)
        if any(first <= start <= last for start in starts):
            places.update(
                (n.lineno, n.col_offset + 1)
                for n in ast.walk(annotation)
                if isinstance(n, ast.Attribute)
            )
    return places


def _answers(
    ctx: Context, uses: list[tuple[Path, Use]]
) -> dict[tuple[tuple[str, ...], str], int | None]:
    """The target's answers for ``uses``: facts about its standard library, so one memo per
    target serves every plugin, and the target is asked (one process) only for what no plugin
    before asked. Only the plugin's own uses are asked: a plugin's result then depends on its
    own files alone (the result cache re-checks only an edited plugin), and no other plugin's
    tree is parsed or kept for it."""
    known: dict[tuple[tuple[str, ...], str], int | None] = memo(
        ctx, ("stdlib-names", str(ctx.env.executable)), dict
    )
    asked = sorted({(use.parts, use.how.value) for _, use in uses} - known.keys())
    if asked:
        known.update(_query(ctx, asked))
    return known


def _query(
    ctx: Context, asked: list[tuple[tuple[str, ...], str]]
) -> dict[tuple[tuple[str, ...], str], int | None]:
    """The target's answer for each of ``asked``, in one process (``None``: not known)."""
    unknown: dict[tuple[tuple[str, ...], str], int | None] = dict.fromkeys(asked)
    try:
        proc = subprocess.run(
            [str(ctx.env.executable), "-S", "-I", "-c", _QUERY],
            input=json.dumps([[list(parts), how] for parts, how in asked]),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=target_env.for_target(),
        )
        answers = json.loads(proc.stdout)
    except (OSError, ValueError, subprocess.SubprocessError):
        return unknown
    if not isinstance(answers, list) or len(answers) != len(asked):
        return unknown
    return {
        key: answer if isinstance(answer, int) and not isinstance(answer, bool) else None
        for key, answer in zip(asked, answers, strict=True)
    }


@plugin_check(PC558)
def missing_stdlib_names(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    uses = _kept(ctx, plugin)
    if not uses:
        return
    answers = _answers(ctx, uses)
    version = ".".join(map(str, ctx.env.version[:2]))
    said: set[tuple[tuple[str, ...], bool, bool]] = set()
    for path, use in uses:
        missing = answers.get((use.parts, use.how.value))
        if missing is None or missing < 1:
            continue
        if use.parts[0] == "builtins" and use.parts[1] in host_builtins(ctx):
            continue  # the host puts it there before it imports the plugin
        later = later_import(ctx, plugin, path, import_error=use.how is not How.ATTRIBUTE)
        # Once per name, and once more where only a function imports it: a finding the real
        # import withdraws must not stand for one it does not.
        key = (use.parts[: missing + 1], later is None, later is not None and later.uncalled)
        if key in said:
            continue
        said.add(key)
        owner, name = ".".join(use.parts[:missing]), use.parts[missing]
        last = missing == len(use.parts) - 1
        if use.how is How.IMPORT or (use.how is How.FROM and not last):
            error, subject = "ModuleNotFoundError", ".".join(use.parts[: missing + 1])
        elif use.how is How.FROM:
            error, subject = "ImportError", owner
        else:
            error, subject = "AttributeError", f"{owner}.{name}"  # dynamic._subject's
        fails = (
            f"the host's import of the plugin fails with {error}"
            if later is None
            else f"the plugin fails with {error} {later.words()}"
        )
        yield PC558.at(
            plugin,
            Location(path, use.line, use.col),
            f"the target's Python {version} standard library has no {owner}.{name}: {fails}",
            fix=f"use what Python {version} provides instead of {owner}.{name} (or a backport "
            "such as typing_extensions), or guard it with a sys.version_info test",
            subject=subject,
            step="import" if later is None else later.step,
            severity=Severity.WARNING if later is not None and later.uncalled else None,
        )
