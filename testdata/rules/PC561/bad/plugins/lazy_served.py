"""coverage_init is served by the module's __getattr__ (PEP 562): the old one-argument setup."""


def _coverage_init(reg):  # expect: PC561
    reg.add_file_tracer(None)


def __getattr__(name):
    if name == "coverage_init":
        return _coverage_init
    raise AttributeError(name)
