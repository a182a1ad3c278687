"""Takes the registry and options positionally, the config by keyword, and has defaults for the
rest."""


def coverage_init(reg, options, verbose=False, *, config=None, strict=True):
    reg.add_file_tracer(options.get("root"))
