"""What coverage.py passes to a plugin module's ``coverage_init(reg, options)``.

coverage.plugin_support.Plugins.load_from_config imports each module named in the `[run] plugins`
setting, sets ``current_module`` on its plugin registry and calls
``coverage_init(registry, config.get_plugin_options(module))``: the options are the plugin's own
configuration section as a dict, empty when the user wrote none.
"""

from __future__ import annotations

from typing import Any


def registry() -> Any:
    from coverage.plugin_support import Plugins

    plugins = Plugins()
    plugins.current_module = "plugin"  # names the plugins it registers, as the host does
    return plugins


def options() -> dict[str, Any]:
    return {}
