"""Registers under a class's name attribute, built at import: 'md'."""  # expect: PC429
from chost import registry


class Fancy:
    name = "".join(["m", "d"])


registry.register(Fancy.name, Fancy)
