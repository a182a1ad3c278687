"""Subclasses the tool's current base class."""

from covhost import FileTracer


class Tracer(FileTracer):
    pass


def coverage_init(reg, options):
    reg.add_file_tracer(Tracer())
