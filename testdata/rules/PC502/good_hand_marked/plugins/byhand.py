"""Functions marked by hand with fitting arguments, and an attribute pluggy does not read."""


def demo_startup(config):
    return None


demo_startup.demo_impl = {}


def demo_handle(request, verbose):
    return None


demo_handle.other_impl = {}
