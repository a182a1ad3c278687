"""Uploads its build report once the host exits, in a process it never waits for."""

import atexit
import subprocess
import sys


def _upload():
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True)


def setup(app):  # expect: PC569
    atexit.register(_upload)
    return {"version": "1.0", "parallel_read_safe": True}
