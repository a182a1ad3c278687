from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None


@hookimpl
def demo_shutdown(config):  # expect: PC501
    return None
