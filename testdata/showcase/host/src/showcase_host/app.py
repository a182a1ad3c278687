"""A tiny host that loads plugins as docs/background.md describes, in Python.

Plugins are found as entry points of the group ``showcase.plugins`` and as plugin projects
under ``plugins/``; each module's ``new`` factory builds a :class:`showcase_api.Plugin` that
the host drives through ``init`` -> ``run`` -> ``shutdown``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

from showcase_api import Plugin, Registry

GROUP = "showcase.plugins"
PLUGIN_DIR = Path(__file__).resolve().parents[3] / "plugins"


def _modules() -> Iterator[ModuleType]:
    for ep in entry_points(group=GROUP):
        yield importlib.import_module(ep.module)
    for project in sorted(PLUGIN_DIR.iterdir()):
        src = project / "src"
        root = src if src.is_dir() else project
        sys.path.insert(0, str(root))
        for child in sorted(root.iterdir()):
            if (child / "__init__.py").is_file():
                yield importlib.import_module(child.name)


def load(registry: Registry) -> list[Plugin]:
    plugins: list[Plugin] = []
    for module in _modules():
        for name in ("register_v2", "register_v1"):  # newest first, like LookupV2/LookupV1
            hook = getattr(module, name, None)
            if hook is not None:
                hook(registry)
                break
        plugin = module.new()
        if not isinstance(plugin, Plugin):
            raise TypeError(f"{module.__name__}.new() did not return a showcase_api.Plugin")
        plugins.append(plugin)
    return plugins


def main() -> None:
    registry = Registry()
    for plugin in load(registry):
        plugin.init({"greeting": "hello"})
        try:
            plugin.run()
        finally:
            plugin.shutdown(5.0)


if __name__ == "__main__":
    main()
