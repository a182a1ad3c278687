"""plugcheck's command line run in the calling process, as ``python -m plugcheck`` runs it in a
folder: the tests and the differential scripts save the interpreter's start and plugcheck's
imports (about 0.4 s of CPU a run) and keep the run's output. Free of side effects, as hosts.py.

What a run reads from its process is made what the subprocess would have: the working
directory, the environment variables it is given, and ``sys.path`` -- which, where plugcheck
checks against the interpreter it runs in, is the target environment it describes (a case's
``PYTHONPATH = "site"`` is its installed packages). ``sys.path`` is asked of this interpreter
started with those variables (once per value of those that move it), so it holds exactly what
``site`` and ``PYTHONPATH`` give a fresh start, none of the calling process's own entries (the
tests' folder)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

_PATH_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONNOUSERSITE")
_STARTED: dict[tuple[str | None, ...], list[str]] = {}
"""The variables above -> ``sys.path`` of a fresh ``python -m`` less its first entry (its
folder)."""


def _started_path(cwd: Path, env: Mapping[str, str]) -> list[str]:
    key = tuple(env.get(name) for name in _PATH_VARIABLES)
    # A relative PYTHONPATH entry ("site") is the working directory's, as in a fresh start there.
    entries = (env.get("PYTHONPATH") or "").split(os.pathsep)
    if any(e and not os.path.isabs(e) for e in entries):
        key += (str(cwd),)
    if key not in _STARTED:
        probe = "import json, sys; print(json.dumps(sys.path[1:]))"
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, check=True, env=dict(env), cwd=cwd
        )
        _STARTED[key] = json.loads(out.stdout)
    return _STARTED[key]


@contextmanager
def _as_started(cwd: Path, env: Mapping[str, str]) -> Iterator[None]:
    saved_path, saved_env, old = sys.path[:], dict(os.environ), Path.cwd()
    started = _started_path(cwd, env)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    sys.path[:] = [os.getcwd(), *started]
    try:
        yield
    finally:
        sys.path[:] = saved_path
        os.chdir(old)
        os.environ.clear()
        os.environ.update(saved_env)


def run(
    *args: str, cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m plugcheck ARGS`` in ``cwd`` with the environment ``env`` (default: this
    process's), run here: its exit status, standard output and error (a traceback where the
    command raised, as the interpreter would print it)."""
    from click.testing import CliRunner

    from plugcheck.cli import main

    with _as_started(cwd, os.environ.copy() if env is None else env):
        result = CliRunner().invoke(main, list(args), prog_name="plugcheck")
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, stderr)
