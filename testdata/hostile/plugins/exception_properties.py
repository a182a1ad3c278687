"""init raises an exception whose class shadows __traceback__, __cause__ and __context__ with
properties that raise: reading them the usual way failed the harness's own child (exit 70,
'harness child failed', an internal error) instead of reporting the plugin's failure."""


class Sly(Exception):
    @property
    def __traceback__(self):
        raise RuntimeError("no traceback for you")

    @property
    def __cause__(self):
        raise RuntimeError("no cause for you")

    @property
    def __context__(self):
        raise RuntimeError("no context for you")


class P:
    def init(self, config):  # expect: PC405
        raise Sly("sly")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
