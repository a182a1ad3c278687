"""``python -I -S confine/__main__.py LIMITS WRITABLE TCP READABLE -- PROGRAM ARGS...`` (the
launcher, :func:`.launch.launch`) or ``--probe [pid]`` (the namespaces' level as the exit
status, :func:`.report.python_plugins`). Run by path in isolated mode, where the package is not
importable by name: it loads its own directory as a package first."""

from __future__ import annotations

import importlib.util
import os
import sys
from types import ModuleType


def package(name: str = "_plugcheck_confine") -> ModuleType:
    """This directory loaded as the package ``name`` (its modules import each other
    relatively)."""
    directory = os.path.dirname(os.path.abspath(__file__))
    init = os.path.join(directory, "__init__.py")
    spec = importlib.util.spec_from_file_location(
        name, init, submodule_search_locations=[directory]
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {init}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    confine = package()
    if sys.argv[1:2] == ["--probe"]:  # python_plugins(): the level as the exit status
        sys.exit(confine.namespaces._probe(pid=sys.argv[2:3] == ["pid"]))
    sys.exit(confine.launch(sys.argv))
