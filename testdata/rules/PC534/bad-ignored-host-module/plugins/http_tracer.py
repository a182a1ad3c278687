"""A tracer for the host: correct, but mypy reads nothing in the host's base module."""

from tracehost.base import Tracer


class HttpTracer(Tracer):
    def run(self):
        return None


def make():  # expect: PC534
    return HttpTracer()
