"""Allocates far more memory than any plugin should in init()."""


class P:
    def init(self, config):  # expect: PC405
        self.blocks = [bytearray(256 << 20) for _ in range(64)]

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
