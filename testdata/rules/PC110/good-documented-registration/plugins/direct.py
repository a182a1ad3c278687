"""Registers through the name the host's docs use."""

from linthost import MANAGER, Chain


def transform(node):
    return node


MANAGER.register_transform(int, transform)
# A chain of calls on what a documented call returns registers too.
Chain(__name__).add("transforms.one").add("transforms.two")
