"""Raises KeyboardInterrupt from run()."""


class P:
    def init(self, config):
        pass

    def run(self):  # expect: PC407
        raise KeyboardInterrupt

    def shutdown(self, timeout):
        pass


def new():
    return P()
