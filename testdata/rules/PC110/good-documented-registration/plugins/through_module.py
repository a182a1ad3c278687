"""Registers through the defining module (a re-export of the same object) and an alias."""

import linthost as lh
from linthost.manager import MANAGER as manager


def transform(node):
    return node


manager.register_transform(str, transform)
lh.MANAGER.register_transform(bytes, transform)
