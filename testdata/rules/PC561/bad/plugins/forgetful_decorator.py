"""The decorator records the entry function and returns nothing: coverage_init is None."""

SEEN = []


def traced(fn):
    SEEN.append(fn)


@traced  # expect: PC561
def coverage_init(reg, options, config=None):
    reg.add_file_tracer(options)
