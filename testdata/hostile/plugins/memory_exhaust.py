"""Takes every byte of address space its process may have, down to the last small object, in
init(): what the harness needs to describe the MemoryError and report it is gone too, unless it
held some back. The sandbox names the limit (PC420), never "the process stopped reporting"."""


class P:
    def init(self, config):  # expect: PC420
        self.kept = []
        size = 1 << 20
        while size >= 1 << 20:
            try:
                while True:
                    self.kept.append(bytes(size))
            except MemoryError:
                size //= 4
        while True:  # the last crumbs, then the MemoryError the host would see
            self.kept.append(bytes(400))

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
