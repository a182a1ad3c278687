"""Written for an older host: its registry had add_tracer, its options had get_section()."""


def coverage_init(reg, options):
    reg.add_tracer(object())  # expect: PC531
    if options.get_section() == "run":  # expect: PC531
        reg.add_configurer(object())
