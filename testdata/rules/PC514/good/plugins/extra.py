from demo_host import hookimpl


@hookimpl(optionalhook=True)
def demo_extra(config, verbose=False):
    return None
