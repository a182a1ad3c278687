"""Entry point: ``python -I .../harness/worker/__main__.py CTL_FD RES_FD`` in the target Python.

Loads this directory as the package ``_plugcheck_worker`` (a name no plugin's import can mean),
so its modules import each other relatively and none of their names (``audit``, ``child``...)
shadows a plugin's module, then runs the fork server.
"""

from __future__ import annotations

import sys

STARTUP = frozenset(sys.modules)
"""What the interpreter's start-up loaded (``site``, ``.pth`` files): a host started as a script
has these too, not what this worker imports (``worker_only``)."""

import importlib.util  # noqa: E402 - after STARTUP on purpose
import os  # noqa: E402

PACKAGE = "_plugcheck_worker"


def _load() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    spec = importlib.util.spec_from_file_location(
        PACKAGE, os.path.join(here, "__init__.py"), submodule_search_locations=[here]
    )
    if spec is None or spec.loader is None:  # pragma: no cover - a broken installation
        raise SystemExit(f"plugcheck harness: cannot load {here}")
    package = importlib.util.module_from_spec(spec)
    vars(package)["STARTUP"] = STARTUP
    sys.modules[PACKAGE] = package
    spec.loader.exec_module(package)


if __name__ == "__main__":
    _load()
    from _plugcheck_worker.server import main  # type: ignore[import-not-found]

    sys.exit(main(sys.argv))
