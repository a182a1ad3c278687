"""A well-behaved plugin: no finding, whatever the others do to the harness."""


class P:
    def init(self, config):
        self.name = config["name"]

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
