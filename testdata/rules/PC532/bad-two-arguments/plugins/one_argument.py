"""Written for an older host that passed the registry only."""


def coverage_init(reg):  # expect: PC532
    reg.add_file_tracer(None)
