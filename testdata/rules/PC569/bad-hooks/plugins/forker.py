"""Starts its sync helper while the host registers it (the addhooks hook, called at every
start-up) and leaves it running: it outlives the host."""

import subprocess
import sys

from demo_host import hookimpl

HELPERS = []


@hookimpl
def demo_addhooks(pluginmanager):  # expect: PC569  # plugcheck: ignore[PC555]
    if not HELPERS:
        command = [sys.executable, "-c", "import time; time.sleep(600)"]
        HELPERS.append(subprocess.Popen(command, start_new_session=True))
