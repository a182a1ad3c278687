"""A function marked by setting the attribute the marker would set."""


def demo_startup(config, verbose):  # expect: PC502
    return None


demo_startup.demo_impl = {"tryfirst": True}
