"""The plugin() the package keeps: it takes the registry and the options."""

from .impl import Spelling


def plugin(registry, options):
    return Spelling
