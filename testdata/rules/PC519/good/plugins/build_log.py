"""Its startup hook writes a line to its log on every build, and keeps the log open."""

import io

from demo_host import hookimpl

LOG = io.StringIO()


@hookimpl
def demo_startup(config):
    LOG.write("build started\n")
