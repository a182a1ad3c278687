"""Entry point: ``python -I -S -B .../_ecosystem_worker/__main__.py < request.json`` in the target.

Loads this directory as the package ``_plugcheck_ecosystem`` (a name no plugin's import can
mean), so its modules import each other relatively, then runs ``main``.
"""

from __future__ import annotations

import sys

STARTUP = frozenset(sys.modules)
"""What the interpreter's start-up loaded, before this worker's own imports (``worker_only``)."""

import importlib.util  # noqa: E402 - after STARTUP on purpose
import os  # noqa: E402

PACKAGE = "_plugcheck_ecosystem"


def _load() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    parent = os.path.dirname(here)
    sys.path[:] = [p for p in sys.path if p and os.path.abspath(p) not in (here, parent)]
    spec = importlib.util.spec_from_file_location(
        PACKAGE, os.path.join(here, "__init__.py"), submodule_search_locations=[here]
    )
    if spec is None or spec.loader is None:  # pragma: no cover - a broken installation
        raise SystemExit(f"plugcheck ecosystem worker: cannot load {here}")
    package = importlib.util.module_from_spec(spec)
    vars(package)["STARTUP"] = STARTUP
    sys.modules[PACKAGE] = package
    spec.loader.exec_module(package)


if __name__ == "__main__":
    _load()
    from _plugcheck_ecosystem.main import main  # type: ignore[import-not-found]

    sys.exit(main())
