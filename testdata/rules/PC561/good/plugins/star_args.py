"""Takes whatever the host passes."""


def coverage_init(*args, **kwargs):
    args[0].add_file_tracer(kwargs.get("config"))
