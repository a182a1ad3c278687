"""Takes over every signal the harness might use on it (the faulthandler's SIGUSR1, SIGTERM,
SIGALRM, SIGINT) with a handler that never returns, then hangs in run(): the server's deadline
still ends it (SIGKILL to its group)."""
import signal
import time


def _never(*args):
    while True:
        time.sleep(1)


class P:
    def init(self, config):
        for sig in (signal.SIGUSR1, signal.SIGTERM, signal.SIGALRM, signal.SIGINT):
            signal.signal(sig, _never)

    def run(self):  # expect: PC407
        while True:
            time.sleep(1)

    def shutdown(self, timeout):
        pass


def new():
    return P()
