"""Patches the harness through `import __main__` so that every step reports `ok`."""
import __main__

__main__.Child.step = lambda self, name, fn, **kwargs: (True, None)


class P:
    def init(self, config):
        raise RuntimeError("broken")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
