"""A tool that calls each plugin module's ``coverage_init(reg, options)`` and ignores the result
only when it is None (coverage.py's shape)."""


class Registry:
    def __init__(self) -> None:
        self.tracers: list[object] = []

    def add_file_tracer(self, tracer: object) -> None:
        self.tracers.append(tracer)
