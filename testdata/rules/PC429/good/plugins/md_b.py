"""Registers under a class's name attribute, prefixed with the plugin's name: 'md_b-md'."""
from chost import registry


class Fancy:
    name = "md_b-" + "".join(["m", "d"])


registry.register(Fancy.name, Fancy)
