"""The entry is a plain function read from a class: `self` takes the registry, and the host's
two arguments are one short."""


class _Entries:
    def coverage_init(self, reg, options, config=None):  # expect: PC561
        reg.add_file_tracer(options)


coverage_init = _Entries.coverage_init
