"""Prefix mode: __getattr__ serves a hook name, but not a routine; the real hookimpl is a def."""


def demo_startup(config):
    return None


def _render(page, context):
    return page


def __getattr__(name):
    if name == "demo_version":
        return "1.0"
    if name == "render":
        return _render
    raise AttributeError(name)


def __dir__():
    return list(globals()) + ["demo_version", "render"]
