"""Uploads its report once the host exits, in a process it never waits for."""

import atexit
import subprocess
import sys

from demo_host import hookimpl


def _upload():
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True)


@hookimpl
def demo_render(page):  # expect: PC569
    atexit.register(_upload)
    return page
