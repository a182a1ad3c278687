"""Registers through the name the host's docs use."""

from linthost import MANAGER


def transform(node):
    return node


MANAGER.register_transform(int, transform)
