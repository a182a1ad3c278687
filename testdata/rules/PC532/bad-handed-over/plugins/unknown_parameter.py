"""Asks for a `config` the host does not have: the host's check raises before any run."""


class Checker:  # expect: PC532
    def __init__(self, tree, config):
        self.tree = tree

    def run(self):
        yield 1, 0, "X100 found", type(self)
