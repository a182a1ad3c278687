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
    asks it in-process, no new process), and so is ``executable`` where the script cannot be
    made or run (a temporary directory mounted ``noexec``)."""
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
        yield script if os.access(script, os.X_OK) else str(executable)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
