"""A function marked by hand with fitting arguments."""


def demo_startup(config):
    return None


demo_startup.demo_impl = {}
