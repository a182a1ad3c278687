"""A Faker-like host: a user adds a provider class (built with the host's generator), and each
public method it defines becomes a formatter the user calls with no arguments."""

import random


class Generator:
    def __init__(self) -> None:
        self.random = random.Random(0)


class BaseProvider:
    def __init__(self, generator: Generator) -> None:
        self.generator = generator

    def random_element(self, elements: tuple[str, ...]) -> str:
        return self.generator.random.choice(elements)


def add_and_format(provider: BaseProvider) -> None:
    """The host's own use of what it built: each formatter the class adds, called."""
    for name in vars(type(provider)):
        formatter = getattr(provider, name)
        if not name.startswith("_") and callable(formatter):
            formatter()
