"""Kills the harness's fork server (its parent) with SIGKILL from run()."""
import os
import signal
import time


class P:
    def init(self, config):
        pass

    def run(self):
        try:
            os.kill(os.getppid(), signal.SIGKILL)
        except OSError as exc:
            raise RuntimeError(f"attack refused: {exc}") from None
        time.sleep(30)

    def shutdown(self, timeout):
        pass


def new():
    return P()
