"""functools.lru_cache hashes the host's arguments, and the options are a dict."""

import functools


@functools.lru_cache(maxsize=None)
def coverage_init(reg, options, config=None):  # expect: PC561
    reg.add_file_tracer(options)
