"""Imports a module nobody ships: PC401, unless a plugin run before it left one in the folder."""

import zz_unshipped


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
