"""run() fails on the first module it sees."""


class Checker:
    def __init__(self, tree):
        self.tree = tree

    def run(self):
        yield self.tree.body[1].names  # expect: PC532
