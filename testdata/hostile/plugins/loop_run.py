"""An infinite loop in run()."""


class P:
    def init(self, config):
        pass

    def run(self):  # expect: PC407
        while True:
            pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
