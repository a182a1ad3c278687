"""Hook specifications as a class namespace: add_hookspecs(Specs)."""

from demo_host import hookspec


class Specs:
    @hookspec
    def demo_serve(self, request, timeout=None):
        """Serve one request; `timeout` has a default, so it is a keyword argument."""

    @hookspec
    @staticmethod
    def demo_stop(reason):
        """A static spec: its first parameter is an argument."""
