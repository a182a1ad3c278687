"""What pdm passes to a plugin: its ``Core``.

pdm.core.Core.__init__ builds the command parser and then calls ``load_plugins()``, which loads
every entry point of the ``pdm`` and ``pdm.plugin`` groups and calls the object each names with
the core: ``plugin.load()(self)``. The stand-in is a real Core built the same way, without
loading the other installed plugins (each plugin is called with a core of its own).
"""

from __future__ import annotations

from typing import Any


def core() -> Any:
    from pdm.core import Core

    class _Core(Core):
        def load_plugins(self) -> None:
            pass  # the plugin under test is the one loaded

    return _Core()
