"""Its init raises a message with bidi overrides and isolates (Trojan Source)."""


class P:
    def init(self, config):  # expect: PC405
        raise ValueError("access \u202eresu\u202c granted \u2066admin\u2069 \u202a\u202b\u202d\u2067\u2068")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
