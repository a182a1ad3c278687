"""Returns a flag the host does not expect."""


def coverage_init(reg, options):  # expect: PC532
    reg.add_file_tracer(None)
    return ENABLED


ENABLED = True
