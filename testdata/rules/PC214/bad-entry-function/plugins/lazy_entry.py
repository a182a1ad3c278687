"""The entry function imports a module that is not installed when the host calls it."""


def coverage_init(reg, options, config=None):
    import plugcheck_absent_module  # expect: PC214

    reg.add_file_tracer(plugcheck_absent_module.Tracer(options))
