"""Registered as an instance: `self` is bound and not an argument."""

import demo_host


class Handlers:
    @demo_host.hookimpl(specname="demo_startup")
    def start(self, config, verbose):  # expect: PC502
        return None


plugin = Handlers()
