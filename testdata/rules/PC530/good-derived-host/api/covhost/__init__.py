"""A tool that calls each plugin module's ``coverage_init(reg, options)``."""


class Registry:
    def add_file_tracer(self, tracer: object) -> None:
        pass


class FileTracer:
    """What a file-tracer plugin subclasses."""
