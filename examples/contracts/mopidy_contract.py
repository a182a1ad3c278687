"""Stand-ins for what Mopidy passes its extensions (Mopidy 3.4).

``mopidy.ext.load_extensions`` builds each ``mopidy.ext`` entry point's class with no arguments
and reads ``get_config_schema()``, ``get_default_config()`` and ``get_command()``;
``validate_extension_data`` calls ``validate_environment()``; each enabled extension's
``setup(registry)`` then adds its backends, frontends and web apps to a ``Registry``.
"""

from __future__ import annotations

from mopidy import ext


def registry() -> ext.Registry:
    return ext.Registry()
