"""A static method read from its class, and a partial that binds only what the host does not
pass: both take the host's call."""

import functools


class _Entries:
    @staticmethod
    def setup(reg, options, config=None):
        reg.add_file_tracer(options)


def _setup(style, reg, options, config=None):
    reg.add_file_tracer(style)


setup = _Entries.setup
coverage_init = functools.partial(_setup, "plain")
