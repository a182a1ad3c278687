"""Marked for both hosts; the demo marker's project name is computed, so only registering the
plugin with the demo host shows that demo_handle asks for an argument the hookspec lacks."""

import pluggy

from other_host import hookimpl as other_hookimpl

demo_hookimpl = pluggy.HookimplMarker("".join(["de", "mo"]))


@other_hookimpl
@demo_hookimpl
def demo_handle(request, session):  # expect: PC510
    return None
