"""Serves new() lazily through the module's __getattr__; the Worker it makes has every
lifecycle method."""


def __getattr__(name: str) -> object:
    if name == "new":
        from ._impl import new

        return new
    raise AttributeError(name)
