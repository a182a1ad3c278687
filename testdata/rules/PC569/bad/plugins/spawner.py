"""Starts a helper process in setup() and never stops it: it outlives the host."""

import subprocess
import sys


def setup(app):  # expect: PC569
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    return {"version": "1.0", "parallel_read_safe": True}
