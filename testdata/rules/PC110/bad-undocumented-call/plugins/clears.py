"""Registers as documented, then also clears the host's cache: that is not registration."""

from linthost import MANAGER


def transform(node):
    return node


MANAGER.register_transform(int, transform)
MANAGER.clear_cache()  # expect: PC110
