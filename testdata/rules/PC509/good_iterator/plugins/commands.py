from demo_host import hookimpl


@hookimpl
def demo_commands(config):
    yield "serve"
    yield "build"
