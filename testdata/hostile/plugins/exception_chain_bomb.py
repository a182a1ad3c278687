"""Raises the last of 200,000 exceptions chained by __cause__, the first two of which are
each other's __context__: a description that follows the chain must stop."""


class P:
    def init(self, config):  # expect: PC405
        first, second = ValueError("first"), KeyError("second")
        first.__context__, second.__context__ = second, first
        error = second
        for i in range(200000):
            chained = ValueError(i)
            chained.__cause__ = error
            error = chained
        raise error

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
