"""A method read from an instance: `self` is bound, the host's arguments fill the rest."""


class _Entries:
    def coverage_init(self, reg, options, config=None):
        reg.add_file_tracer(options)


coverage_init = _Entries().coverage_init
