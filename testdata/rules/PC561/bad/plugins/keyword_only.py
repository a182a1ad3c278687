"""Wants the options by keyword, under a name the host does not use."""


def coverage_init(reg, options, *, strict):  # expect: PC561
    reg.add_file_tracer(options)
