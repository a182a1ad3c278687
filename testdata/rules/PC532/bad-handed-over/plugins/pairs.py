"""run() gives (line, text) pairs where the host unpacks four values."""


class Checker:  # expect: PC532
    def __init__(self, tree):
        self.tree = tree

    def run(self):
        return [(1, "X101 found")]
