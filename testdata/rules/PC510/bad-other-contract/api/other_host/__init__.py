"""A second host that loads the same plugins: its pluggy markers."""

import pluggy

hookspec = pluggy.HookspecMarker("other")
hookimpl = pluggy.HookimplMarker("other")
