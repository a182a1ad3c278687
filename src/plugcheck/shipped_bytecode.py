"""A plugin can ship the code its host runs as bytecode beside a harmless source: a
``__pycache__/mod.cpython-311.pyc`` that the host's import loads instead of ``mod.py``
(an unchecked-hash ``.pyc`` is never compared with its source; a timestamp or checked-hash one
can be forged to match it: a tarball keeps the modification time, and the source hash's key is
public). Every static rule would then judge code that never runs (red27: "All checks passed"
with ``--no-dynamic`` for a plugin whose bytecode breaks the host). PC570 for each plugin file
whose bytecode the target's import would load and that is not what the source compiles to: the
target interpreter itself decides both (``_pyc_check``), in a child held to limits.

A package is another such file: the import system takes a folder ``mod/`` holding an
``__init__`` over ``mod.py`` beside it, so a host that imports ``mod`` never runs ``mod.py``.
A plugin found as ``plugins/mod.py`` (``paths = ["plugins/*.py"]``, or named on the command
line) was judged by that decoy while its package ran: one that replaced the host's API at
import (PC565) passed with ``mod.py`` clean beside it (red team red56). PC578 for each.
"""

from __future__ import annotations

import json
import subprocess
from itertools import takewhile
from pathlib import Path

from plugcheck import _pyc_check, target_env
from plugcheck.harness.confine.limits import set_limit
from plugcheck.model import Location, Plugin
from plugcheck.rules.base import wanted
from plugcheck.rules.whole_plugin import PC570, PC578
from plugcheck.run_report import Report

MEMORY = 1024 * 1024 * 1024
"""Most memory the child that reads the plugins' bytecode may take (``marshal`` of hostile data
can ask for any amount)."""
SECONDS = 120
"""Most CPU seconds, and (twice that) wall seconds, one child may take."""

_WHY = {
    "timestamp": "it matches the source's size and modification time",
    "checked-hash": "it matches the source's hash",
    "unchecked-hash": "an unchecked-hash .pyc is never compared with its source",
}


def shipped_bytecode(report: Report) -> None:
    """Add PC570 for every plugin file whose shipped bytecode the target would run instead, and
    PC578 for every one a package of its name shadows."""
    shadowed_by_packages(report)
    major, minor = report.env.version[:2]
    tag = f"cpython-{major}{minor}"
    pairs: dict[tuple[Path, Path], list[Plugin]] = {}
    for plugin in report.plugins:
        if not wanted(PC570.code, report.config, plugin.contract):
            continue
        for path in plugin.files:
            if not path.name.endswith(".py"):
                continue
            pyc = path.parent / "__pycache__" / f"{path.name[:-3]}.{tag}.pyc"
            if pyc.is_file():  # one stat for a file without bytecode, the common case
                pairs.setdefault((path, pyc), []).append(plugin)
    if not pairs:
        return
    verdicts = _judged(report.env.executable, list(pairs))
    for (path, pyc), verdict in zip(pairs, verdicts, strict=True):
        said, _, kind = verdict.partition(" ")
        if said not in ("differs", "uncompared"):
            continue
        why = _WHY.get(kind, "the interpreter that read it crashed or gave up")
        # A source too large to compile within the child's limits (a 17 MB table of data,
        # faker-education's): the bytecode may well be its own, but nothing says so.
        compared = (
            "and that bytecode is not what this source compiles to: plugcheck's static checks "
            "read the source, the host runs other code"
            if said == "differs"
            else "and this source is too large to compile within plugcheck's limits, so "
            "nothing shows that bytecode is what it compiles to: plugcheck's static checks read "
            "the source, the host may run other code"
        )
        for plugin in pairs[(path, pyc)]:
            report.findings.append(
                PC570.at(
                    plugin,
                    Location(path, 1),
                    f"the host's import runs __pycache__/{pyc.name}, not {path.name} ({why}), "
                    f"{compared}",
                    fix="ship the plugin without __pycache__ (or rebuild it from the source)",
                )
            )


def _judged(python: Path, pairs: list[tuple[Path, Path]]) -> list[str]:
    """One verdict of :mod:`plugcheck._pyc_check` per pair. A pair whose child crashed, ran out
    of its limits or said something else is ``differs`` (the host's own import of that bytecode
    is what judges it); the pairs after it get a fresh child."""
    verdicts: list[str] = []
    while len(verdicts) < len(pairs):
        rest = pairs[len(verdicts) :]
        said = list(takewhile(_verdict, _run(python, rest)[: len(rest)]))
        verdicts.extend(said)
        if len(said) < len(rest):
            verdicts.append("differs")  # the pair it was reading when it stopped
    return verdicts


def _verdict(line: str) -> bool:
    return line in ("unused", "same") or line.startswith(("differs ", "uncompared "))


def _run(python: Path, pairs: list[tuple[Path, Path]]) -> list[str]:
    try:
        proc = subprocess.run(
            [str(python), "-I", "-S", "-B", _pyc_check.__file__],
            input=json.dumps([[str(s), str(p)] for s, p in pairs]),
            capture_output=True,
            text=True,
            timeout=2 * SECONDS,
            env=target_env.for_target(),
            preexec_fn=_limited,
            check=False,
        )
        out = proc.stdout
    except subprocess.TimeoutExpired as exc:
        raw = exc.stdout or b""
        out = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    except OSError:
        return []
    return out.splitlines()


def _limited() -> None:
    # Capped at the hard limits this process has (a lower one would make setrlimit refuse).
    set_limit("RLIMIT_AS", MEMORY)
    set_limit("RLIMIT_CPU", SECONDS)
    set_limit("RLIMIT_CORE", 0)


def shadowed_by_packages(report: Report) -> None:
    """Add PC578 for every plugin module file (``mod.py``) beside a package of its name
    (``mod/__init__`` with any suffix the import system loads), which its import loads instead."""
    suffixes = sorted({*report.env.extension_suffixes, ".py", ".pyc"})
    for plugin in report.plugins:
        if not wanted(PC578.code, report.config, plugin.contract):
            continue
        for path in plugin.files:
            if not path.name.endswith(".py") or path.name == "__init__.py":
                continue
            folder = path.parent / path.name[:-3]
            if not folder.is_dir():  # one stat for a module without a namesake, the common case
                continue
            init = next(
                (f"__init__{s}" for s in suffixes if (folder / f"__init__{s}").is_file()), None
            )
            if init is None:
                continue  # a folder without __init__ is a namespace portion: the module wins
            report.findings.append(
                PC578.at(
                    plugin,
                    Location(path, 1),
                    f"the host's import runs {folder.name}/{init}, not {path.name}: the import "
                    f"system takes the package {folder.name}/ beside it over the module of the "
                    f"same name, so plugcheck's static checks read a file that never runs",
                    fix=f"remove {path.name} or rename one of the two (one name, one module)",
                )
            )
