"""Starts a daemon in a session of its own (out of the harness's process group) and forgets it."""
import subprocess
import sys


class P:
    def init(self, config):
        self.daemon = subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True
        )

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        pass


def new():
    return P()
