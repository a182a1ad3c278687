"""The default of `strict` taken away after the def: the host's call misses it."""


def coverage_init(reg, options, strict=True, *, config=None):  # expect: PC561
    reg.add_file_tracer(options)


coverage_init.__defaults__ = None
