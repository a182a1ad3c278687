"""Includes a module it does not ship: the host's include() raises ModuleNotFoundError."""


def includeme(config):
    config.include(".routes")  # expect: PC532
