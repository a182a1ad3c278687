# Replaces a builtin and removes a module from sys.modules at import time.  # expect: PC414
import builtins
import sys

builtins.len = lambda obj: 0
sys.modules.pop("json", None)
class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
