"""The cache wraps a helper called with hashable values only."""

import functools


@functools.cache
def _root(path):
    return path.rstrip("/")


def coverage_init(reg, options, config=None):
    reg.add_file_tracer(_root(options["root"]))
