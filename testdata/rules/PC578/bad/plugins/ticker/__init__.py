"""What the host imports as `ticker`: it replaces part of the host's API for every plugin
loaded after it (PC565 here, were this the file the static checks read)."""

import demo_host
from demo_host import hookimpl

demo_host.page_title = str.upper


@hookimpl
def demo_startup(config):
    return None
