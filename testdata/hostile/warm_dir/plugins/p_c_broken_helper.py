"""Imports a helper that raises: PC401, unless a plugin run before it replaced its bytecode."""

import helper_broken


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
