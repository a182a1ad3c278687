"""Names the lines and the file name too: the host passes each parameter it names."""


class Checker:
    def __init__(self, tree, lines, filename):
        self.count = len(lines)

    def run(self):
        return iter(())
