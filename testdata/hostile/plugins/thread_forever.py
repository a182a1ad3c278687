"""Starts a non-daemon thread that shutdown() never stops."""
import threading
import time


def _spin():
    while True:
        time.sleep(0.01)


class P:
    def init(self, config):
        self.thread = threading.Thread(target=_spin, name="spinner")
        self.thread.start()

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        pass


def new():
    return P()
