# Copyright the host's authors
# type: ignore

"""The base class tracers subclass."""


class Tracer:
    def init(self, config):
        return None

    def run(self):
        return None

    def shutdown(self, timeout):
        return None
