"""The demo host's plugin API: its pluggy markers, and a helper its plugins call."""

import pluggy

hookspec = pluggy.HookspecMarker("demo")
hookimpl = pluggy.HookimplMarker("demo")


def page_title(page):
    """The title the host shows for a page."""
    return str(page).title()
