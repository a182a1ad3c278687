"""The demo host's plugin API: its pluggy markers."""

import pluggy

hookspec = pluggy.HookspecMarker("demo")
hookimpl = pluggy.HookimplMarker("demo")

__version__ = "2.1"
