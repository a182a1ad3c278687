"""Starts its cache server as a daemon (the helper forks it and exits at once): it is nobody's
child, and outlives the host."""

import subprocess
import sys

from demo_host import hookimpl

SERVER = "import os, time\nif os.fork() == 0:\n    os.setsid()\n    time.sleep(30)\n"


@hookimpl
def demo_configure(config):  # expect: PC569
    subprocess.run([sys.executable, "-c", SERVER], check=True)
