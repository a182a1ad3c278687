"""coverage_init is served by the module's __getattr__ (PEP 562) and takes the host's call."""


def _coverage_init(reg, options, config=None):
    reg.add_file_tracer(config)


def _legacy(reg):
    reg.add_file_tracer(None)


def __getattr__(name):
    if name == "coverage_init":
        return _coverage_init
    if name == "legacy_init":
        return _legacy
    raise AttributeError(name)
