"""A decorator may change what the host calls: the harness judges it, not the static rule."""

import functools


def logged(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)

    return inner


@logged
def coverage_init(reg, options, config):
    reg.add_file_tracer(options.get("root"))
