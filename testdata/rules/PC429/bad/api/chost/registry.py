"""The renderers, one per name."""

RENDERERS: dict[str, type] = {}
BUILTIN = ("plain",)


def register(name, cls):
    if name in RENDERERS:
        raise ValueError(f"a renderer named {name!r} is already registered")
    RENDERERS[name] = cls


for _name in BUILTIN:
    RENDERERS[_name] = str
