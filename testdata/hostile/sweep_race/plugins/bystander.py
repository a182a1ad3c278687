"""Healthy: its process ends when the test says (before escaper's)."""

import os


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    waited = False

    def shutdown(self, timeout):
        if self.waited:  # the second call (is it idempotent?)
            return
        self.waited = True
        with open(os.path.join(os.path.dirname(__file__), "bystander.fifo"), "rb") as fifo:
            fifo.read()


def new():
    return P()
