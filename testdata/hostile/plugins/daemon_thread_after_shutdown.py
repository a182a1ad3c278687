"""Starts a daemon thread that keeps running its own code after shutdown() returned: in the
host it goes on working until the host exits."""

import threading
import time


def _work(box):
    while True:
        box.append(time.monotonic())
        del box[:-10]
        time.sleep(0.01)


class P:
    def init(self, config):
        self.box = []
        threading.Thread(target=_work, args=(self.box,), name="poller", daemon=True).start()

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        pass


def new():
    return P()
