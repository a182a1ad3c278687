"""Files plugcheck's own parser refuses while the target interpreter is newer: the target's
compiler decides (red team finding 27).

plugcheck on Python 3.11 cannot read a ``type`` alias or a generic ``def f[T]`` (3.12), yet a
3.13 host imports them: they were PC001 "the host's import fails here" and the plugin was never
run. Such files are compiled by the target itself, all of a plugin's in one process that runs
no code of theirs (``compile`` only, ``-I -S``: no ``site``, so no ``.pth`` line runs either).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from plugcheck import target_env
from plugcheck.static.symbols import ModuleInfo

_SCRIPT = """\
import json, sys, warnings
out = {}
for path in json.load(sys.stdin):
    try:
        with open(path, "rb") as f:
            source = f.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(source, path, "exec", dont_inherit=True)
        out[path] = None
    except SyntaxError as exc:
        out[path] = [exc.lineno or 1, exc.offset or 1, str(exc.msg)]
    except Exception as exc:
        out[path] = [1, 1, type(exc).__name__ + ": " + str(exc)]
sys.stdout.write(json.dumps(out))
"""

Verdict = tuple[int, int, str] | None
"""Where and why the target's compiler refuses the file; ``None``: it compiles."""

_MEMO: dict[tuple[str, str, int, int], Verdict] = {}


def _key(python: Path, path: Path) -> tuple[str, str, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return str(python), os.path.abspath(path), stat.st_mtime_ns, stat.st_size


def target_verdicts(python: Path, paths: Sequence[Path]) -> dict[Path, Verdict] | None:
    """What the target interpreter ``python``'s compiler says of each of ``paths`` (``None``
    when it cannot be asked: the caller keeps plugcheck's own verdict)."""
    keys = {path: _key(python, path) for path in paths}
    known = {p: k for p, k in keys.items() if k is not None}
    if len(known) != len(keys):
        return None
    todo = [p for p, k in known.items() if k not in _MEMO]
    if todo:
        try:
            proc = subprocess.run(
                [str(python), "-I", "-S", "-c", _SCRIPT],
                input=json.dumps([os.path.abspath(p) for p in todo]),
                capture_output=True,
                text=True,
                env=target_env.for_target(),
                timeout=120,
                check=False,
            )
            raw = json.loads(proc.stdout) if proc.returncode == 0 else None
        except (OSError, ValueError, subprocess.SubprocessError):
            return None
        if not isinstance(raw, dict):
            return None
        for path in todo:
            said = raw.get(os.path.abspath(path))
            verdict: Verdict = None
            if isinstance(said, list) and len(said) == 3:
                verdict = (max(int(said[0]), 1), max(int(said[1]), 1), str(said[2]))
            elif said is not None:
                return None
            _MEMO[known[path]] = verdict
    return {path: _MEMO[key] for path, key in known.items()}


def older_grammar_doubt(info: ModuleInfo, target: tuple[int, int]) -> bool:
    """Whether ``info``'s module uses syntax that ``ast.parse(feature_version=target)`` accepts
    although the (older) target's compiler refuses it: the feature version is best effort, and
    it passed PEP 614 decorators (``@a[0].b``) for 3.8, unparenthesized ``:=`` in a subscript or
    a set for 3.8 and 3.9, ``a[*b]`` for 3.10 (each was "All checks passed" for a plugin the
    host's import refuses). The target's compiler decides for such a module."""
    if target < (3, 9):
        decorated: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] = [
            *info.nodes(ast.FunctionDef),
            *info.nodes(ast.AsyncFunctionDef),
            *info.nodes(ast.ClassDef),
        ]
        if any(not _plain_decorator(d) for node in decorated for d in node.decorator_list):
            return True
    if target < (3, 10) and info.nodes(ast.NamedExpr):
        return True
    if target >= (3, 11):
        return False
    for subscript in info.nodes(ast.Subscript):
        inside = subscript.slice.elts if isinstance(subscript.slice, ast.Tuple) else []
        if isinstance(subscript.slice, ast.Starred) or any(
            isinstance(e, ast.Starred) for e in inside
        ):
            return True
    return False


def _plain_decorator(node: ast.expr) -> bool:
    """A decorator Python 3.8's grammar takes: a dotted name, optionally called once."""
    if isinstance(node, ast.Call):
        node = node.func
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)
