"""The demo host's plugin API: its pluggy markers."""

import pluggy

NAME = "demo"

hookspec = pluggy.HookspecMarker(NAME)
hookimpl = pluggy.HookimplMarker(NAME)
