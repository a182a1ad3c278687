# Closes every file descriptor it can find, the harness's result pipe included.  # expect: PC401
import os

os.closerange(0, 65536)
class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
