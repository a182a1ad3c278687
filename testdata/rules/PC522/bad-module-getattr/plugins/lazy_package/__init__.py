"""Prefix mode: __dir__ lists a hook that __getattr__ imports from a submodule on first use."""


def __getattr__(name):
    if name == "demo_startup":
        from ._impl import startup as demo_startup

        return demo_startup
    raise AttributeError(name)


def __dir__():
    return ["demo_startup"]
