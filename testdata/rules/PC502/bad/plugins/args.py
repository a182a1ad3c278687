"""Asks for an argument the hookspec does not pass."""

import demo_host


@demo_host.hookimpl
def demo_handle(request, ctx):  # expect: PC502
    return None


class Handlers:
    """Registered as an instance: `self` is bound and not an argument."""

    @demo_host.hookimpl(specname="demo_startup")
    def start(self, config, verbose):  # expect: PC502
        return None
