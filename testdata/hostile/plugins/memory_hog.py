"""Allocates far more memory than any plugin should in init(): a MemoryError past the harness's
address-space limit, which the sandbox names (PC420, an error)."""


class P:
    def init(self, config):  # expect: PC420
        self.blocks = [bytearray(256 << 20) for _ in range(64)]

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
