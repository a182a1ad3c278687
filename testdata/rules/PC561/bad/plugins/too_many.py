"""Asks for a third positional argument the host never passes."""


def coverage_init(reg, options, verbose, config):  # expect: PC561
    reg.add_file_tracer(options)
