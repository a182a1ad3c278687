"""The partial passes `options` by keyword, and the host passes it again by position."""

from functools import partial


def _setup(style, reg, options, config=None):  # expect: PC561
    reg.add_file_tracer(style)


coverage_init = partial(_setup, "plain", options={})
