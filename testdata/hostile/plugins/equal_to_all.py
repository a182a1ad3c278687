# Replaces builtins.len and json in sys.modules with objects equal to anything.  # expect: PC414
# (a comparison with == runs their __eq__, which says "unchanged"; only identity tells)
import builtins
import sys


class Same:
    def __init__(self, wrapped):
        self.wrapped = wrapped

    def __eq__(self, other):
        return True

    __hash__ = object.__hash__

    def __call__(self, *args, **kwargs):
        return 0

    def __getattr__(self, name):
        return getattr(self.wrapped, name)


builtins.len = Same(builtins.len)
sys.modules["json"] = Same(sys.modules["json"])


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
