"""Leaves a daemon (own session) that kills the fork server once this plugin's process has
exited and the daemon was handed to the server: while *another* plugin may be running."""
import subprocess
import sys

DAEMON = """
import os, signal, time
parent = os.getppid()
for _ in range(400):
    time.sleep(0.005)
    if os.getppid() != parent:  # our plugin process is gone: the server adopted us
        try:
            os.kill(os.getppid(), signal.SIGKILL)
        except OSError:
            pass
        break
"""


class P:
    def init(self, config):
        subprocess.Popen([sys.executable, "-c", DAEMON], start_new_session=True)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
