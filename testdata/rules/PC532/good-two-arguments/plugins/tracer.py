"""Takes both arguments and registers a tracer."""


def coverage_init(reg, options):
    reg.add_file_tracer(options.get("root"))
