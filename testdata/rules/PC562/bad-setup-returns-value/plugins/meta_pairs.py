"""The metadata as a list of pairs, not a dict."""


def setup(app):  # expect: PC562
    return [("version", "1.0"), ("parallel_safe", True)]
