"""Registers under a class's name attribute, built at import: 'md'."""
from chost import registry


class Fancy:
    name = "".join(["m", "d"])


registry.register(Fancy.name, Fancy)  # expect: PC429
