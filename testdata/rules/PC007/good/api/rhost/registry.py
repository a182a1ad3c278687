"""The renderers, one per file extension."""

RENDERERS: dict[str, type] = {}


def register_renderer(name, cls, replace=False):
    if name in RENDERERS and not replace:
        raise ValueError(f"a renderer for {name!r} is already registered")
    RENDERERS[name] = cls


def renderer(name):
    def decorate(cls):
        RENDERERS[name] = cls
        return cls

    return decorate
