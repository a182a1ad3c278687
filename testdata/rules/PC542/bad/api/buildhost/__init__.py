"""A build tool's plugin API, shaped after Hatch's: hooks take no arguments and return plugin
classes (or lists of them); the host names each class by its PLUGIN_NAME."""

import pluggy

hookspec = pluggy.HookspecMarker("buildhost")
hookimpl = pluggy.HookimplMarker("buildhost")
