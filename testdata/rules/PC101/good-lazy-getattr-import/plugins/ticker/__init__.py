"""Serves new lazily; the import of a missing module is on another name's path."""


def __getattr__(name):
    if name == "new":
        import json

        from .impl import new

        return new
    if name == "extras":
        import plugcheck_case_not_installed

        return plugcheck_case_not_installed
    raise AttributeError(name)
