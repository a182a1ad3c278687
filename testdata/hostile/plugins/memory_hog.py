"""Allocates far more memory than any plugin should in init(): a MemoryError past the harness's
address-space limit, which the sandbox names (PC420, an error). ``bytes(n)`` maps zeroed pages
without writing them: the limit is reached at once, never after the contract's 1 s deadline
on a loaded machine (``bytearray(n)`` writes every page: PC405 "did not finish" in CI)."""


class P:
    def init(self, config):  # expect: PC420
        self.blocks = [bytes(256 << 20) for _ in range(64)]

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
