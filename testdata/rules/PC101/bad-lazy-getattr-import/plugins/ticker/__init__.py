"""Serves new lazily, after importing a module that is not installed."""


def __getattr__(name):
    if name == "new":
        import plugcheck_case_not_installed  # expect: PC101

        from .impl import new

        return new
    raise AttributeError(name)
