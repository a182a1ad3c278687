"""Registers through its own helpers, called at module level: each only makes the call the
host documents, on the manager it is passed or the host's own."""

import linthost
from linthost import MANAGER


def transform(node):
    return node


def add_transforms(manager):
    """Every transform this plugin needs."""
    manager.register_transform(int, transform)
    manager.register_transform(str, transform)


def _add_one(node_class):
    def late(node):
        return open(node).read()  # runs when the host transforms, not at import

    MANAGER.register_transform(node_class, late)


add_transforms(linthost.MANAGER)
_add_one(bytes)
