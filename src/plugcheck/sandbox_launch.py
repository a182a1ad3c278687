"""How a sandboxed program is started confined: the launcher's command line
(``python -I -S harness/confine/__main__.py LIMITS WRITABLE TCP READABLE REPORT -- argv``), where
the kernel lets it confine (:func:`confinement`), and what the program may read there
(:func:`readable_paths`, :func:`own_paths`)."""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from plugcheck import sandbox_limits
from plugcheck.environment import Environment
from plugcheck.harness.confine import Plan
from plugcheck.harness.worker import startup

CONFINE = Path(__file__).resolve().parent / "harness" / "confine" / "__main__.py"

LIMITS = 4
"""Where the launcher's argv (:func:`launcher_argv`) holds its ``LIMITS``."""


@functools.cache
def confinement() -> tuple[str, ...]:
    """The mechanisms the launcher applies on this kernel (empty: it is not used)."""
    return tuple(Plan().mechanisms())


def launcher_argv(
    wanted: list[tuple[int, tuple[int, int]]],
    cwd: Path,
    tcp: bool,
    readable: Sequence[str] | None,
    report: int = -1,
    temp_size: int = 0,
) -> list[str]:
    """``python -I -S confine/__main__.py LIMITS WRITABLE TCP READABLE REPORT --``, or nothing
    where it cannot confine (READABLE ``*``: everything; REPORT: the descriptor on which it says
    which namespaces it put in force, ``-``: none)."""
    if not confinement():
        return []
    limits = sandbox_limits.named(wanted, temp_size)
    reads = "*"
    if readable is not None:  # a path with the separator in it cannot be passed: not readable
        reads = os.pathsep.join(sorted({p for p in readable if p and os.pathsep not in p}))
    tcp_flag = "1" if tcp else "0"
    said = str(report) if report >= 0 else "-"
    argv = [sys.executable, "-I", "-S", str(CONFINE), limits, str(cwd), tcp_flag, reads, said]
    return [*argv, "--"]


def target_path(executable: Path) -> str:
    """``PATH`` with the target interpreter's directory first, as in an activated virtualenv:
    a ``#!/usr/bin/env python3`` plugin runs with the host's environment, not the system's."""
    return os.pathsep.join([str(executable.parent), os.environ.get("PATH", os.defpath)])


def readable_paths(env: Environment, *paths: Path) -> tuple[str, ...]:
    """What an out-of-process plugin may read besides the system's files, its own directory and
    its ``PATH``: ``paths`` (its host's directory, a library's) and the target environment a
    ``#!/usr/bin/env python3`` plugin runs in (the venv's root, the interpreter's prefix, its
    ``sys.path`` but what only a distribution names). Not the home, ``/tmp``, the workspace."""
    own = [*paths, env.executable.parent.parent, env.executable.resolve().parent.parent]
    found = [*own, *map(Path, startup.readable_entries(list(map(str, env.sys_path)), own))]
    return tuple(sorted({str(p.absolute()) for p in found} | {str(p.resolve()) for p in found}))


def own_paths(program: str, path: str, cwd: Path) -> list[str]:
    """The program's directory (as named and resolved) and every directory on its ``PATH``."""
    found = shutil.which(program, path=path) if "/" not in program else str(cwd / program)
    own = [os.path.dirname(found), os.path.dirname(os.path.realpath(found))] if found else []
    return [*own, *(p for p in path.split(os.pathsep) if os.path.isabs(p))]
