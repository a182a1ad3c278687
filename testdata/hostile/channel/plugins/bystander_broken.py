"""A broken plugin that does nothing hostile: its PC405 must survive the others' attacks."""
import time


class P:
    def init(self, config):
        time.sleep(0.3)  # still running while a hostile neighbour strikes
        raise ValueError("bystander: bad config")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
