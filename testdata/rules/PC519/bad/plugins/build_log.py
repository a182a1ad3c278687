"""Its startup hook closes the log it writes to: the host's second build fails."""

import io

from demo_host import hookimpl

LOG = io.StringIO()


@hookimpl
def demo_startup(config):
    with LOG:  # expect: PC519
        LOG.write("build started\n")
