"""The interpreter mypy asks for its search path, without running the environment's code.

mypy finds a target's package directories by running ``python pyinfo.py getsearchdirs`` in it,
with ``site``: every ``.pth`` import line of the environment ran there, outside any sandbox, as
plugcheck's user (it could read ``~/.ssh``, write the checkout; red team finding 6, the last
such process). mypy has no option for that, so it gets a ``python_executable`` of plugcheck's:
a script that starts the target with ``-S`` and runs ``_query.py --mypy-search-dirs``, which
does ``site``'s path work without running any line and then prints what ``pyinfo`` prints.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from plugcheck import _query


@contextmanager
def search_path_interpreter(executable: Path) -> Iterator[str]:
    """What to give mypy as ``python_executable`` for ``executable``: a script in a private
    temporary directory while the block runs. The running interpreter itself is kept (mypy
    asks it in-process, no new process). Where the script cannot be run (a temporary directory
    mounted ``noexec``), a private environment whose ``python`` links to plugcheck's own base
    interpreter and whose only ``.pth`` line hands over to the same command
    (:func:`_relay`): a link runs where the file it names lies, and the environment has no
    site-packages of anyone's. Before, mypy got the target's interpreter there, which ran the
    environment's ``.pth`` import lines unconfined."""
    if str(executable) == sys.executable or os.name != "posix":  # mypy's own test
        yield str(executable)
        return
    folder = tempfile.mkdtemp(prefix="plugcheck-mypy-probe-")
    try:
        script = os.path.join(folder, "python")
        command = [str(executable), "-S", _query.__file__, "--mypy-search-dirs"]
        with open(script, "w", encoding="utf-8") as handle:
            handle.write(f'#!/bin/sh\nexec {shlex.join(command)} "$@"\n')
        os.chmod(script, 0o700)
        yield script if os.access(script, os.X_OK) else _relay(Path(folder) / "relay", command)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _relay(root: Path, command: list[str]) -> str:
    """A virtual environment in ``root`` whose interpreter, started as ``python ARGS``, runs
    ``command ARGS`` before anything else: its ``python`` is a link to the interpreter
    plugcheck runs on, and its one site directory holds one ``.pth`` line that replaces the
    process (``os.execv``; exit status 127 when it cannot). No file of it needs to be
    executable; it runs none of the target's code."""
    base = Path(getattr(sys, "_base_executable", "") or os.path.realpath(sys.executable))
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    site = root / "lib" / version / "site-packages"
    site.mkdir(parents=True)
    (root / "bin").mkdir()
    (root / "bin" / "python").symlink_to(base)
    (root / "pyvenv.cfg").write_text(
        f"home = {base.parent}\ninclude-system-site-packages = false\n", encoding="utf-8"
    )
    body = (
        f"try:\n os.execv({command[0]!r}, {command!r} + sys.argv)\n"
        "except BaseException:\n os._exit(127)"
    )
    (site / "_plugcheck_relay.pth").write_text(
        f"import os, sys; exec({body!r})\n", encoding="utf-8"
    )
    return str(root / "bin" / "python")
