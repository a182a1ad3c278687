"""Its helper registers as documented, then also clears the host's cache: calling it at module
level is import-time work, not registration."""

from linthost import MANAGER


def transform(node):
    return node


def add_transforms(manager):
    manager.register_transform(int, transform)
    manager.clear_cache()


add_transforms(MANAGER)  # expect: PC110
