"""Registers as documented, then also clears the host's cache and declares a chain the host
does not document: that is not registration."""

from linthost import MANAGER, Chain


def transform(node):
    return node


MANAGER.register_transform(int, transform)
MANAGER.clear_cache()  # expect: PC110
Chain(__name__).add("transforms.one")  # expect: PC110
