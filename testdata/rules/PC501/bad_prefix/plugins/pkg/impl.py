import demo_host

marker = demo_host.hookimpl


@marker(tryfirst=True)
def demo_shutdown(config):  # expect: PC501
    return None
