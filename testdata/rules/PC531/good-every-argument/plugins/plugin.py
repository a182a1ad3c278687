"""Uses only what the installed host's registry and options provide."""


def coverage_init(reg, options):
    reg.add_file_tracer(object())
    if options.section() == "run" and options.get("strict"):
        reg.add_configurer(object())
