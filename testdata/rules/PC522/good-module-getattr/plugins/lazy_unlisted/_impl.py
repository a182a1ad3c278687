"""A hook served only on an explicit attribute access."""


def demo_startup(config):
    return None
