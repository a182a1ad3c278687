"""A hookimpl with an argument the hook lacks sits in a `while False:` body, which never runs."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None


while False:  # plugcheck: ignore[PC110]

    @hookimpl
    def demo_startup(config, session):
        return None

    break
