"""Recurses without end in init()."""


def _down(n):
    return _down(n + 1) + 1


class P:
    def init(self, config):  # expect: PC405
        _down(0)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
