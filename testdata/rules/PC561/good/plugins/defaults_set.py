"""`strict` gets its default after the def: the host's two arguments are enough."""


def coverage_init(reg, options, strict, *, config=None):
    reg.add_file_tracer(options.get("root") if strict else None)


coverage_init.__defaults__ = (True,)
